#!/usr/bin/env python3
"""Zotero's own reading of the bibliography downloads, by hand: what a reader's Zotero makes of
`bibliography/report.bib` and `report.ris` (its BibTeX and RIS import translators).

No registry that `make test` reaches offers Zotero or its translation-server, so this is a
check run by hand, not a test: start Zotero's translation-server on loopback (its README:
`NODE_CONFIG='{"port": 1969, "host": "127.0.0.1"}' node src/server.js`), build the site,
then

    python scripts/zotero_check.py site http://127.0.0.1:1969

It prints, for each import, the number of works, each work whose author the edition gives as
an organisation (report.json's `literal` names) with what Zotero made of it (it must be one
organisation, not a family and a given name), any date that reads as the year 0, and the
works with no date; it exits 1 if an organisation was split or a date reads as the year 0.
"""
from __future__ import annotations

import html
import json
import re
import sys
import urllib.request
from pathlib import Path


def imported(server: str, path: Path) -> list[dict]:
    request = urllib.request.Request(f"{server.rstrip('/')}/import", data=path.read_bytes(),
                                     headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - a loopback address given by hand
        return [item for item in json.load(response) if item.get("itemType") != "note"]


def report(name: str, items: list[dict], literal: dict[str, list[str]]) -> bool:
    """`literal`: title -> the corporate names the edition's CSL-JSON gives that work."""
    good = True
    print(f"{name}: {len(items)} works")
    for item in items:
        title = item.get("title", "")
        expected = literal.get(plain(title))
        if expected:
            names = [c.get("name") or f"{c.get('lastName')}, {c.get('firstName')}" for c in item.get("creators", [])
                     if c.get("creatorType") in ("author", "contributor", None)]
            one_each = all(any(c.get("name") == org for c in item.get("creators", [])) for org in expected)
            print(f"  {'ok' if one_each else 'SPLIT'}: {expected} -> {names}  ({title[:50]})")
            good = good and one_each
        date = str(item.get("date") or "")
        if date[:1] == "0" or date.startswith("XXXX"):
            print(f"  YEAR 0: {date!r}  ({title[:50]})")
            good = False
    undated = [item.get("title", "")[:50] for item in items if not item.get("date")]
    print(f"  undated ({len(undated)}): " + "; ".join(undated))
    return good


# A title as words: markup, case and punctuation left out (the CSL-JSON's titles hold
# <span class="nocase">, the imports do not).
def plain(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", html.unescape(re.sub(r"<[^>]+>", "", title))).casefold().split())


def main() -> int:
    site, server = Path(sys.argv[1]), sys.argv[2]
    works = json.loads((site / "bibliography" / "report.json").read_text(encoding="utf-8"))
    literal = {plain(work["title"]): [name["literal"] for name in work.get("author", []) if "literal" in name]
               for work in works if any("literal" in name for name in work.get("author", []))}
    results = [report(name, imported(server, site / "bibliography" / name), literal)
               for name in ("report.bib", "report.ris")]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
