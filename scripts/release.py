#!/usr/bin/env python3
"""Release a version of the edition into the local gh-pages branch with mike (never pushed).

    python scripts/release.py VERSION        # what `make release VERSION=x.y.z` runs

VERSION must be data/work.yml's edition.version and have an entry in data/changelog.yml.
The release is built with site_url = EDITION_BASE_URL + VERSION + "/", so each release's
pages, citations, metadata, PDFs and EPUB name their own public address; `latest` is made an
alias of it and the default version. EDITION_BASE_URL is required and must not be a loopback
address (127.0.0.1, localhost): the release stops with a message otherwise, so nothing
published names a local preview's address. The release's
anchor manifest is written to data/anchors/VERSION.json: commit it with the release.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import anchors  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from edition.model.citable import loopback  # noqa: E402


def fail(message: str) -> int:
    print(f"release: {message}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        return fail("usage: scripts/release.py VERSION (e.g. make release VERSION=0.1.0)")
    version = argv[0]
    work = yaml.safe_load((ROOT / "data/work.yml").read_text(encoding="utf-8"))
    if work["edition"]["version"] != version:
        return fail(f"data/work.yml says edition.version {work['edition']['version']!r}, not "
                    f"{version!r}: set it there first")
    releases = yaml.safe_load((ROOT / "data/changelog.yml").read_text(encoding="utf-8")) or []
    if version not in {str(r.get("version")) for r in releases}:
        return fail(f"data/changelog.yml has no entry for {version}: describe the release first")
    problem = address_problem(os.environ.get("EDITION_BASE_URL", ""))
    if problem:
        return fail(problem)
    base = os.environ["EDITION_BASE_URL"].rstrip("/") + "/"
    # mike runs `mkdocs` from PATH: the venv's, whether or not it is activated.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "SITE_URL": f"{base}{version}/", "VERSION_PROVIDER": "mike",
           "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs"]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([*mkdocs, "build", "--strict", "--site-dir", folder], cwd=ROOT, env=env, check=True)
        lost = anchors.check(Path(folder))
        if lost:
            return fail("anchors of earlier releases are missing: " + ", ".join(lost))
        anchors.main(["write", folder, version])
    mike = [str(Path(sys.executable).with_name("mike"))]  # the console script of the venv
    # mike adds the version's folder to site_url itself.
    env["SITE_URL"] = base
    subprocess.run([*mike, "deploy", "--update-aliases", version, "latest"], cwd=ROOT, env=env, check=True)
    subprocess.run([*mike, "set-default", "latest"], cwd=ROOT, env=env, check=True)
    print(f"released {version} into the local gh-pages branch (not pushed); "
          f"commit data/anchors/{version}.json")
    return 0


# Why the public address cannot be published, or None.
def address_problem(base: str) -> str | None:
    if not base:
        return ("EDITION_BASE_URL is not set: give the edition's public address, e.g. "
                "make release VERSION=0.1.0 EDITION_BASE_URL=https://example.org/quiet-rivalry/")
    if not base.startswith(("https://", "http://")):
        return f"EDITION_BASE_URL {base!r} is not an http(s) address"
    if loopback(base):
        return (f"EDITION_BASE_URL {base!r} is a loopback address: a release names its address in "
                "every citation, page, PDF and EPUB; give the public one")
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
