"""The Bibliography page: every work in Chicago author-date style, with its back links.

Formatting is done by pandoc's citeproc (edition/citeproc.py; the CSL processor
mkdocs-bibtex itself calls when given a CSL file) with the Chicago author-date style
vendored in vendor/csl/, reading the edition's CSL-JSON. One run of pandoc (or its
cached result) formats every entry; it sorts them as the style says (by author, or title
where there is none) and adds the a, b, c ... of same-author, same-year works.
"""
from __future__ import annotations

import posixpath
from typing import Any

from mkdocs.exceptions import PluginError

from edition import citeproc
from edition.cache import Cache
from edition.markup import escape

STYLE = "chicago-author-date"
STYLE_NAME = "Chicago author-date (The Chicago Manual of Style, 18th ed.)"
ARCHIVE = "https://web.archive.org/web/*/"
DOWNLOADS = {
    "BibTeX": "bibliography/report.bib",
    "RIS": "bibliography/report.ris",
    "CSL-JSON": "bibliography/report.json",
}


# Formatting with pandoc


def format_entries(items: list[dict[str, Any]], cache: Cache | None = None) -> list[tuple[str, str]]:
    """(key, HTML of the formatted entry) for every item, in the style's order."""
    if not items:
        return []
    # The titles are the report's English wording; CSL would leave the case of an item
    # in another language untouched, so the original's language is not given here.
    english = [{k: v for k, v in item.items() if k != "language"} for item in items]
    found = citeproc.entries(citeproc.Batch([citeproc.Request(english, STYLE)], cache).results()[0])
    if {key for key, _ in found} != {item["id"] for item in items}:
        raise PluginError("pandoc's bibliography does not hold every entry of bib/: "
                          f"got {sorted(k for k, _ in found)}")
    return found


# The page


def bibliography_page(
    entries: list[tuple[str, str]],
    items: dict[str, dict[str, Any]],
    citations: dict[str, list[tuple[str, int]]],
) -> str:
    downloads = " · ".join(f"[{label}]({path})" for label, path in DOWNLOADS.items())
    lines = [
        "---\ntitle: Bibliography\n---",
        "# Bibliography",
        "Every work cited in the report's footnotes, in the style "
        f"{STYLE_NAME}. The footnotes keep the report's printed wording; each work cited "
        "there links here, and each entry links back to the notes that cite it. Titles "
        "are given as the report prints them, translated where the original is in Chinese "
        "or Russian; the editors' remarks follow each entry.",
        f"Download the whole bibliography: {downloads}.",
    ]
    lines.extend(entry_block(key, text, items[key], citations.get(key, [])) for key, text in entries)
    return "\n\n".join(lines) + "\n"


def entry_block(key: str, formatted: str, item: dict[str, Any], cited: list[tuple[str, int]]) -> str:
    parts = [f'<div class="bib-entry" id="{key}" markdown="1">', "", formatted, ""]
    meta = []
    if cited:
        notes = ", ".join(f"[n. {n}]({page}#fn:{n})" for page, n in sorted(cited, key=lambda c: c[1]))
        meta.append(f"Cited in {notes}.")
    if item.get("URL"):
        meta.append(f'[Archived copies]({ARCHIVE}{item["URL"]}){{.bib-archive}}')
    if item.get("note"):
        meta.append(f'<span class="bib-note">Editors: {escape(item["note"])}</span>')
    parts.append('<p class="bib-entry__meta" markdown="1">' + " ".join(meta) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


def cite_link(key: str, page: str) -> str:
    """The relative link from `page` to the entry of `key` on the Bibliography page."""
    return posixpath.relpath("bibliography.md", posixpath.dirname(page) or ".") + f"#{key}"
