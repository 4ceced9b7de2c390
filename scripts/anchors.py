#!/usr/bin/env python3
"""Anchor manifests: every citable anchor of a built edition, and the check that a new
build keeps every anchor of every released manifest (or declares where it went).

    python scripts/anchors.py write SITE_DIR VERSION   # data/anchors/VERSION.json
    python scripts/anchors.py check SITE_DIR           # exit 1 on a lost anchor

Citable anchors: paragraphs (pN), footnotes (fn:N), headings, glossary terms and index
entries, each with the page it is on. A lost anchor is one a released manifest lists
that the build no longer has on that page, unless data/redirects.yml says where it went.
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
sys.path.insert(0, str(ROOT / "hooks"))
from edition.model.anchors import Anchor  # noqa: E402  (the one form of pN and fn:N)
from edition.model.datafile import load_yaml  # noqa: E402  (no key twice, no alias)

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


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
                   if citable(element.get("id")) or element.tag in HEADINGS}
        if anchors:
            pages[url] = sorted(anchors)
    return pages


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


def write(current: dict[str, list[str]], version: str) -> Path:
    """Write data/anchors/VERSION.json: the manifest of the release `version`."""
    MANIFESTS.mkdir(parents=True, exist_ok=True)
    target = MANIFESTS / f"{version}.json"
    data = {"version": version, "pages": current}
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def report(problems: list[str]) -> None:
    for problem in problems:
        print(f"lost anchor {problem}: restore it or declare a redirect in data/redirects.yml",
              file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "check"])
    parser.add_argument("site", type=Path)
    parser.add_argument("version", nargs="?")
    args = parser.parse_args(argv)
    if args.command == "write":
        if not args.version:
            parser.error("write needs the VERSION")
        print(write(manifest(args.site), args.version))
        return 0
    problems = check(manifest(args.site))
    report(problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
