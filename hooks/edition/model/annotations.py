"""Editors' annotations as the model holds them (data/annotations.yml), numbered.

Each annotation is keyed to a paragraph (p12) and, optionally, to a phrase in it. Its
fields are checked by its schema (schemas/annotations.schema.json: the kinds context,
correction, caveat, cross-reference, question; a correction or a caveat cites at least one
work, often one of bib/editors.bib, the works the editors consulted); that what it names
exists, by apparatus.py. Rendering is in markdown/annotations.py and markdown/marks.py.
"""
from __future__ import annotations

from typing import Any

from edition.model.anchors import Anchor
from edition.model.edition import Annotation


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
