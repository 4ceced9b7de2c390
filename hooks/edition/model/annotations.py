"""Editors' annotations as data (data/annotations.yml): read, checked, numbered.

Each annotation is keyed to a paragraph (p12) and, optionally, to a phrase in it; its kind
is one of KINDS. A correction or a caveat says what it rests on: it cites at least one
work of bib/ (often one of bib/editors.bib, the works the editors consulted). Rendering is
in markdown/annotations.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.model.anchors import Anchor
from edition.model.datafile import read_list
from edition.model.edition import Annotation

KINDS = ("context", "correction", "caveat", "cross-reference", "question")
NEED_CITES = ("correction", "caveat")
REQUIRED = {"id", "paragraph", "kind", "author", "added_in", "text"}
OPTIONAL = {"phrase", "cites", "refs", "source"}
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
REF = re.compile(r"^(p[1-9][0-9]*|glossary:[a-z0-9-]+|entity:[a-z0-9-]+)$")


# Loading and checking the fields of each entry


def load(path: Path, shown: str) -> list[dict[str, Any]]:
    """The entries of the file, each with its fields checked (PluginError at the first wrong one)."""
    data = read_list(path, shown, "annotations")
    seen: set[str] = set()
    for number, item in enumerate(data, start=1):
        check_fields(item, number, shown)
        if str(item["id"]) in seen:
            raise PluginError(f"{shown}: annotation '{item['id']}': id used twice")
        seen.add(str(item["id"]))
    return data


def check_fields(item: dict[str, Any], number: int, shown: str) -> None:
    where = f"{shown}: annotation '{item.get('id', f'#{number}')}'"
    for missing in sorted(REQUIRED - item.keys()):
        raise PluginError(f"{where}: missing field '{missing}'")
    for unknown in sorted(item.keys() - REQUIRED - OPTIONAL):
        raise PluginError(f"{where}: unknown field '{unknown}' (allowed: {', '.join(sorted(REQUIRED | OPTIONAL))})")
    if item["kind"] not in KINDS:
        raise PluginError(f"{where}: unknown kind '{item['kind']}' (one of {', '.join(KINDS)})")
    if not Anchor.is_valid(str(item["paragraph"]), ("p",)):
        raise PluginError(f"{where}: field 'paragraph' is '{item['paragraph']}', expected an id like p12")
    if not VERSION.match(str(item["added_in"])):
        raise PluginError(f"{where}: field 'added_in' must be an edition version such as 0.1.0")
    for ref in item.get("refs", []):
        if not REF.match(str(ref)):
            raise PluginError(f"{where}: ref '{ref}' is not pN, glossary:<id> or entity:<id>")
    if item["kind"] == "cross-reference" and not item.get("refs"):
        raise PluginError(f"{where}: a cross-reference needs field 'refs'")


# The model's annotations, numbered A1, A2 ... on each page in reading order (paragraph,
# then the order of the file); `page_of` gives the page of each paragraph.
def numbered(items: list[dict[str, Any]], page_of: dict[Anchor, str]) -> tuple[Annotation, ...]:
    ordered = sorted(items, key=lambda item: Anchor.parse(str(item["paragraph"])).number)
    counts: dict[str, int] = {}
    found = []
    for item in ordered:
        paragraph = Anchor.parse(str(item["paragraph"]))
        page = page_of.get(paragraph, "")
        counts[page] = counts.get(page, 0) + 1
        found.append(Annotation(
            id=str(item["id"]), paragraph=paragraph, kind=item["kind"], author=str(item["author"]),
            added_in=str(item["added_in"]), text=str(item["text"]), number=counts[page],
            phrase=item.get("phrase"), cites=tuple(str(k) for k in item.get("cites", [])),
            refs=tuple(str(r) for r in item.get("refs", [])), source=item.get("source"),
        ))
    return tuple(found)
