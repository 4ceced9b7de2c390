"""One pipeline, whatever the base and whatever the nav calls the report: the same edition built by
ProperDocs (the maintained fork of MkDocs 1.x) and built with the report's nav group renamed.

The two builds here are slow (a whole edition each, with its PDFs and EPUB): they read the
`formats_site` build, so they are marked `formats` and stay out of the one-minute tier.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import edition_hooks
from edition.formats import offline
from edition.model import build as model_build
from edition.model import settings as edition_settings
from helpers import ROOT, load_project
from projects import REAL

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
GROUP, RENAMED = "The report", "The text"


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


# CI builds the edition with ProperDocs too: the same files, byte for byte, but the generator
# tag of each page. ProperDocs shares the venv (uv.lock's `properdocs` group): its command maps
# every `mkdocs.*` import onto `properdocs.*`, in its own process only.
def test_properdocs_builds_the_same_site_but_for_the_generator_tag(formats_site, formats_env, tmp_path):
    out = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--config-file",
                            str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
                           cwd=ROOT, env=formats_env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    mkdocs, properdocs = files_of(formats_site.path), files_of(out)
    assert sorted(properdocs) == sorted(mkdocs)
    tags = set()
    for name, path in mkdocs.items():
        ours, theirs = path.read_bytes(), properdocs[name].read_bytes()
        if ours == theirs:
            continue
        tags.update(GENERATOR.findall(theirs))
        assert GENERATOR.sub(b"", ours) == GENERATOR.sub(b"", theirs), f"{name} differs beyond the generator tag"
    assert tags and all(b"ProperDocs" in tag for tag in tags), tags   # the pages were ProperDocs'
    assert set(REAL.download_paths.values()) <= set(properdocs)


# The model's sections are the pages under the nav group `report_group` names, whatever its
# name: renamed in the nav and in the setting, the model gives the formats the same parts.
def test_the_formats_parts_do_not_depend_on_the_report_groups_name():
    def parts(nav: list, group: str) -> list[tuple[str, str]]:
        config, files = load_project(ROOT, nav=nav)
        settings = {**edition_settings.read(config.extra, ROOT, {}), "report_group": group}
        edition = model_build.build(edition_hooks.site(config, files), settings)
        return [(role, part.src_uri) for role, part in offline.parts(edition)]

    nav = REAL.config["nav"]
    renamed = [{RENAMED: entry[GROUP]} if isinstance(entry, dict) and GROUP in entry else entry for entry in nav]
    assert renamed != nav
    original = parts(nav, GROUP)
    assert parts(renamed, RENAMED) == original and ("section", "introduction.md") in original


# Renaming the report's group in a copy of mkdocs.yml (and `report_group` with it) gives the same
# PDFs (books, handouts, questions sheet) and EPUB, byte for byte, made afresh (the formats'
# cache starts empty; pandoc's results are copied): neither format reads the nav's name of the
# group (the PDF's contents and the EPUB's nav label the report's sections by their kind).
def test_renaming_the_report_group_gives_the_same_pdfs_and_epub(formats_site, formats_env, tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count(f"  - {GROUP}:\n") == 1 and "  edition:\n    formats: true\n" in text
    text = text.replace(f"  - {GROUP}:\n", f"  - {RENAMED}:\n").replace(
        "  edition:\n    formats: true\n", f"  edition:\n    formats: true\n    report_group: {RENAMED}\n")
    config = ROOT / f".mkdocs-renamed-{os.getpid()}.yml"    # beside mkdocs.yml: docs/, data/ are its
    cache = tmp_path / "cache"
    shutil.copytree(Path(formats_env["EDITION_CACHE_DIR"]) / "citeproc", cache / "citeproc")
    try:
        config.write_text(text, encoding="utf-8")
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                                "--site-dir", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                               env={**formats_env, "EDITION_CACHE_DIR": str(cache)})
    finally:
        config.unlink()
    assert built.returncode == 0, built.stdout + built.stderr
    assert "(cached)" not in built.stdout + built.stderr        # every file was made, not copied
    page = (tmp_path / "site" / "introduction" / "index.html").read_text(encoding="utf-8")
    label = '<span class="md-ellipsis">\n{}\n</span>'                # a nav group's label (Material)
    assert label.format(RENAMED) in page and label.format(GROUP) not in page   # the nav took the new name
    downloads = sorted(set(REAL.download_paths.values()))
    assert any(path.endswith(".epub") for path in downloads) and sum(path.endswith(".pdf") for path in downloads) > 4
    for path in downloads:
        assert (tmp_path / "site" / path).read_bytes() == (formats_site.path / path).read_bytes(), path
