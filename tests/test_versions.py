"""Releases: anchors of every released manifest stay, and two releases deploy with mike (in a
copy of the project made the minimal edition, the `released` fixture)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import anchors
from helpers import git, next_version, release_env
from projects import MINIMAL, REAL

ROOT = Path(__file__).resolve().parent.parent
# A section of the released edition and its last paragraph.
SECTION = MINIMAL.report_pages[-1]
PARAGRAPH = re.findall(r"\{#(p\d+)\}", (MINIMAL.root / "docs" / f"{SECTION}.md").read_text(encoding="utf-8"))[-1]


def current_version() -> str:
    """The released edition's version (its data/work.yml), before the fixture's second release."""
    return str(MINIMAL.work["edition"]["version"])


@pytest.mark.content
def test_no_anchor_of_a_released_manifest_is_lost(site):
    manifests = sorted((ROOT / "data/anchors").glob("*.json"))
    assert manifests, "no released manifest: make release writes data/anchors/<version>.json"
    assert anchors.check(anchors.manifest(site.path)) == []


# Labels of the editors' notes: those of 0.1.0 and 0.2.0 (numbered per page then) are recorded
# in data/changelog.yml, later ones in each release's manifest; none names another note now.
def test_no_released_label_names_another_note(site):
    current = anchors.labels(site.path)
    released = anchors.released_labels()
    assert len(current) == len(yaml.safe_load((ROOT / "data/annotations.yml").read_text(encoding="utf-8")))
    assert {version: len(notes) for version, notes in released.items() if version in ("0.1.0", "0.2.0")} == \
        {"0.1.0": 124, "0.2.0": 141}
    assert set(released["0.2.0"]) <= set(current)  # every note of 0.2.0 is still in the edition
    assert anchors.check_labels(current) == []


@pytest.mark.parametrize("released, current, reused", [
    ({"note-a": "3c"}, {"note-a": "3c", "note-b": "3d"}, []),
    ({"note-a": "3c"}, {"note-a": "3b", "note-b": "3c"}, ["3c of note-a: now the label of note-b"]),
    ({"note-a": "A4"}, {"note-b": "3c"}, []),                     # a label out of use is not reused
    ({"note-gone": "3c"}, {"note-b": "3c"}, ["3c of note-gone: now the label of note-b"]),
], ids=["kept", "given to another note", "out of use", "of a removed note"])
def test_a_released_label_given_to_another_note_is_caught(released, current, reused):
    assert anchors.reused_labels(released, current) == reused


def test_a_removed_anchor_is_caught_unless_redirected(site):
    current = anchors.manifest(site.path)
    released = {page: list(ids) for page, ids in current.items()}
    released["introduction/"].append("p999")  # planted: an anchor this build does not have
    assert anchors.lost_anchors(released, current, {}) == ["introduction/#p999"]
    assert anchors.lost_anchors(released, current, {"introduction/#p999": "conclusion/#p29"}) == []


def test_the_manifest_lists_paragraphs_notes_headings_and_index_entries(site):
    current = anchors.manifest(site.path)
    assert "p12" in current["en-route-to-beijing/"] and "fn:9" in current["en-route-to-beijing/"]
    assert "discussion-questions" in current["introduction/"]
    assert "sco" in current["glossary/"] and "xi-jinping" in current["entities/"]
    assert not any(page.startswith("p/") for page in current)
    assert "v0-1-0" in current["changelog/"] and "unreleased" not in current["changelog/"]  # changes to come


def test_two_releases_are_deployed_with_versions_json(released):
    first, second = current_version(), next_version(current_version())
    versions = json.loads(git(released, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [(second, ["latest"]), (first, [])]
    files = git(released, "ls-tree", "-r", "--name-only", "gh-pages").split()
    for version in (first, second):
        assert f"{version}/{SECTION}/index.html" in files
        assert f"{version}/p/{PARAGRAPH[1:]}/index.html" in files
    assert "index.html" in files  # the root sends readers to the default version, latest
    manifest = json.loads((released / f"data/anchors/{second}.json").read_text())
    # Each note's label is kept: ¶ 2's second note in the data file, first on the page, is 2a.
    assert manifest["labels"]["note-p2-forty-two-sailings"] == "2a"
    assert manifest["labels"]["note-p2-cheapest-bridge"] == "2b"


def test_a_release_that_loses_an_anchor_is_taken_back(released):
    second = next_version(current_version())
    published, files = git(released, "rev-parse", "gh-pages"), git(released, "status", "--porcelain")
    planted = released / "data/anchors/0.0.1.json"   # a release that had an anchor now gone
    planted.write_text(json.dumps({"version": "0.0.1", "pages": {"introduction/": ["p999"]}}))
    try:
        result = subprocess.run([sys.executable, "scripts/release.py", second], cwd=released,
                                env=release_env(), capture_output=True, text=True)
    finally:
        planted.unlink()
    assert result.returncode == 1, result.stdout
    assert "lost anchor 0.0.1.json: introduction/#p999: restore it or declare a redirect" in result.stderr
    assert f"{second} is not released" in result.stderr
    assert git(released, "rev-parse", "gh-pages") == published   # mike's commit taken back
    assert git(released, "status", "--porcelain") == files         # no manifest written


def test_each_release_names_its_own_address(released):
    first = current_version()
    page = git(released, "show", f"gh-pages:{first}/{SECTION}/index.html")
    assert f'<link rel="canonical" href="https://edition.example.org/quiet-rivalry/{first}/{SECTION}/">' in page
    citations = json.loads(git(released, "show", f"gh-pages:{first}/cite/citations.json"))
    chicago = citations["paragraphs"][PARAGRAPH]["styles"][0]["text"]
    assert f"https://edition.example.org/quiet-rivalry/{first}/{SECTION}/#{PARAGRAPH}" in chicago


@pytest.mark.parametrize("base, message", [
    ("", "EDITION_BASE_URL is not set"),
    ("http://127.0.0.1:8000/", "is a loopback address"),
    ("http://localhost/edition/", "is a loopback address"),
    ("ftp://example.org/", "is not an http(s) address"),
])
def test_release_stops_without_a_public_address(base, message, capsys, monkeypatch):
    import release
    monkeypatch.setenv("EDITION_BASE_URL", base)
    version = yaml.safe_load((ROOT / "data/work.yml").read_text())["edition"]["version"]
    assert release.main([version]) == 1
    assert message in capsys.readouterr().err


def test_every_page_says_which_version_it_is(site):
    version = REAL.work["edition"]["version"]
    pages = [path for path in site.html_files if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")]
    assert any(path.name == "404.html" for path in pages) and len(pages) > 15   # /p/N/ only send readers on
    for path in pages:
        line = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".edition-version")
        assert line is not None and f"version {version}" in line.get_text(), path
