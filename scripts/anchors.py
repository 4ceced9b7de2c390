#!/usr/bin/env python3
"""Anchor manifests: every citable anchor of a built edition, and the check that a new
build keeps every anchor of every released manifest (or declares where it went).

    python scripts/anchors.py write SITE_DIR VERSION   # data/anchors/VERSION.json
    python scripts/anchors.py check SITE_DIR           # exit 1 on a lost anchor

Citable anchors: paragraphs (pN), footnotes (fn:N), headings, glossary terms and index
entries, each with the page it is on. A lost anchor is one a released manifest lists
that the build no longer has on that page, unless data/redirects.yml says where it went.

A manifest also keeps the label of each editors' note (note-p3-border-length: 3c), and
data/changelog.yml's `relabelled` the labels of the releases before manifests kept them: a
released label may go out of use, but never name another note (reused_labels).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "data" / "anchors"
REDIRECTS = ROOT / "data" / "redirects.yml"
CHANGELOG = ROOT / "data" / "changelog.yml"
sys.path.insert(0, str(ROOT / "hooks"))
from edition.model.anchors import Anchor  # noqa: E402  (the one form of pN and fn:N)
from edition.model.datafile import load_yaml  # noqa: E402  (no key twice, no alias)

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The changelog's changes not yet released (data/changelog.yml, version: unreleased) become a
# release's section when it is made: their heading is no anchor a release keeps.
UNRELEASED = {"changelog/": {"unreleased"}}


# A paragraph's or a note's id: what a citation may point to.
def citable(element_id: str | None) -> bool:
    return element_id is not None and Anchor.is_valid(element_id, ("p", "fn"))


def manifest(site: Path) -> dict[str, list[str]]:
    """Page URL ("introduction/") -> its citable anchors, sorted."""
    pages: dict[str, list[str]] = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/" if path.parent != site else ""
        if url.startswith("p/"):
            continue  # the permalinks redirect; they hold no anchors of their own
        article = html.fromstring(path.read_bytes()).find(".//article")
        if article is None:
            continue
        anchors = {element.get("id") for element in article.xpath(".//*[@id]")
                   if citable(element.get("id")) or element.tag in HEADINGS} - UNRELEASED.get(url, set())
        if anchors:
            pages[url] = sorted(anchors)
    return pages


def labels(site: Path) -> dict[str, str]:
    """Each editors' note's element id ("note-p3-border-length") -> its label ("3c")."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        page = html.fromstring(path.read_bytes())
        for number in page.xpath("//article//*[starts-with(@id, 'note-')]//*[contains(@class, 'annotation__number')]"):
            note = next(element for element in number.iterancestors() if element.get("id", "").startswith("note-"))
            found[note.get("id")] = number.text_content().strip()
    return found


def reused_labels(released: dict[str, str], current: dict[str, str]) -> list[str]:
    """'label of note (released): now of other note' for each released label now naming another note."""
    holder = {label: note for note, label in current.items()}
    return [f"{label} of {note}: now the label of {holder[label]}" for note, label in sorted(released.items())
            if holder.get(label, note) != note]


def released_labels() -> dict[str, dict[str, str]]:
    """Release -> its notes' labels: from data/changelog.yml's `relabelled`, then the manifests."""
    found: dict[str, dict[str, str]] = {}
    entries = load_yaml(CHANGELOG.read_text(encoding="utf-8")) if CHANGELOG.exists() else []
    for entry in entries or []:
        for version, notes in (entry.get("relabelled") or {}).items():
            found.setdefault(str(version), {}).update({f"note-{note}": str(label) for note, label in notes.items()})
    for path in sorted(MANIFESTS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.setdefault(data["version"], {}).update(data.get("labels", {}))
    return found


def check_labels(current: dict[str, str]) -> list[str]:
    """'version: label of note: now of another' for every released label that names another note."""
    return [f"{version}: {reused}" for version, released in released_labels().items()
            for reused in reused_labels(released, current)]


def lost_anchors(released: dict[str, list[str]], current: dict[str, list[str]],
                 redirects: dict[str, str]) -> list[str]:
    """'page#anchor' of every released anchor the current build lacks, unless redirected."""
    lost = []
    for page, anchors in released.items():
        for anchor in anchors:
            if anchor not in current.get(page, ()) and f"{page}#{anchor}" not in redirects:
                lost.append(f"{page}#{anchor}")
    return lost


def load_redirects(path: Path = REDIRECTS) -> dict[str, str]:
    entries = (load_yaml(path.read_text(encoding="utf-8")) or []) if path.exists() else []
    return {entry["from"]: entry["to"] for entry in entries}


def check(current: dict[str, list[str]]) -> list[str]:
    """'manifest: page#anchor' of every anchor of a released manifest that `current` lost."""
    redirects, problems = load_redirects(), []
    for path in sorted(MANIFESTS.glob("*.json")):
        released = json.loads(path.read_text(encoding="utf-8"))["pages"]
        problems += [f"{path.name}: {lost}" for lost in lost_anchors(released, current, redirects)]
    return problems


def write(current: dict[str, list[str]], version: str, note_labels: dict[str, str] | None = None) -> Path:
    """Write data/anchors/VERSION.json: the manifest of the release `version`."""
    MANIFESTS.mkdir(parents=True, exist_ok=True)
    target = MANIFESTS / f"{version}.json"
    data = {"version": version, "pages": current, "labels": note_labels or {}}
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def report(problems: list[str], reused: list[str] | None = None) -> None:
    for problem in problems:
        print(f"lost anchor {problem}: restore it or declare a redirect in data/redirects.yml",
              file=sys.stderr)
    for label in reused or []:
        print(f"reused label {label}: a released label never names another note; change the "
              "labelling (hooks/edition/model/annotations.py) or the notes' phrases", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "check"])
    parser.add_argument("site", type=Path)
    parser.add_argument("version", nargs="?")
    args = parser.parse_args(argv)
    if args.command == "write":
        if not args.version:
            parser.error("write needs the VERSION")
        print(write(manifest(args.site), args.version, labels(args.site)))
        return 0
    problems, reused = check(manifest(args.site)), check_labels(labels(args.site))
    report(problems, reused)
    return 1 if problems or reused else 0


if __name__ == "__main__":
    sys.exit(main())
