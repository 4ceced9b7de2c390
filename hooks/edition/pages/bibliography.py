"""The Bibliography page: every work in Chicago author-date style, with its back links.

Formatting is done by pandoc's citeproc (edition/citeproc.py; the CSL processor
mkdocs-bibtex itself calls when given a CSL file) with the Chicago author-date style
vendored in vendor/csl/, reading the edition's CSL-JSON. One run of pandoc (or its
cached result) formats every entry; it sorts them as the style says (by author, or title
where there is none) and adds the a, b, c ... of same-author, same-year works.
"""
from __future__ import annotations

from typing import Any

from edition import citeproc
from edition.citeproc.cache import Cache
from edition.errors import EditionError
from edition.markup import escape
from edition.model.anchors import Anchor
from edition.model.edition import Edition

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
        raise EditionError("pandoc's bibliography does not hold every entry of bib/: "
                           f"got {sorted(k for k, _ in found)}")
    return found


# The page


# ", translated where the original is in Chinese or Russian": the languages bib/ gives the
# works the report's notes cite (biblatex's `language`, English aside), or nothing.
def translated(edition: Edition) -> str:
    languages = sorted({work.language.capitalize() for work in edition.works.values()
                        if work.cited_in_notes and work.language and work.language != "english"})
    if not languages:
        return ""
    said = languages[0] if len(languages) == 1 else f"{', '.join(languages[:-1])} or {languages[-1]}"
    return f", translated where the original is in {said}"


def bibliography_page(edition: Edition, entries: list[tuple[str, str]]) -> str:
    downloads = " · ".join(f"[{label}]({path})" for label, path in DOWNLOADS.items())
    cited = [(key, text) for key, text in entries if edition.works[key].cited_in_notes]
    consulted = [(key, text) for key, text in entries if not edition.works[key].cited_in_notes]
    lines = [
        "---\ntitle: Bibliography\n---",
        "# Bibliography",
        "Every work cited in the report's footnotes, in the style "
        f"{STYLE_NAME}. The footnotes keep the report's printed wording; each work cited "
        "there links here, and each entry links back to the notes that cite it. Titles "
        f"are given as the report prints them{translated(edition)}; the editors' remarks follow each entry.",
        f"Download the whole bibliography: {downloads}.",
    ]
    lines.extend(entry_block(edition, key, text) for key, text in cited)
    if consulted:
        lines += [
            "## Works consulted by the editors {#works-consulted-by-the-editors}",
            "The works the editors' annotations, glossary and index rest on (bib/editors.bib), apart "
            "from the works the report cites; each entry links back to what cites it.",
        ]
        lines.extend(entry_block(edition, key, text) for key, text in consulted)
    return "\n\n".join(lines) + "\n"


def entry_block(edition: Edition, key: str, formatted: str) -> str:
    work = edition.works[key]
    item = work.csl
    parts = [f'<div class="bib-entry" id="{key}" markdown="1">', "", formatted, ""]
    meta = []
    if work.cited_in_notes:
        notes = ", ".join(f"[{note.label}]({edition.notes[note].part}#{note})" for note in work.cited_in_notes)
        meta.append(f"Cited in {notes}.")
    if work.cited_in_annotations:
        meta.append(f"Cited in the annotations {annotation_links(edition, work.cited_in_annotations)}.")
    if work.cited_in_entries:
        meta.append(f"Named in the glossary and index: {entry_links(edition, work.cited_in_entries)}.")
    if work.cited_in_claims:
        meta.append(f"Checked against in the claim ledger: {claim_links(edition, work.cited_in_claims)}.")
    if item.get("URL"):
        meta.append(f'[Archived copies]({ARCHIVE}{item["URL"]}){{.bib-archive}}')
    if item.get("note"):
        meta.append(f'<span class="bib-note">Editors: {escape(item["note"])}</span>')
    parts.append('<p class="bib-entry__meta" markdown="1">' + " ".join(meta) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


# "note 5b": each annotation by its label (its paragraph's number and letter), in reading order.
def annotation_links(edition: Edition, ids: tuple[str, ...]) -> str:
    notes = [note for note in edition.annotations if note.id in ids]
    return ", ".join(f"[note {note.label}]"
                     f"({edition.paragraphs[note.paragraph].part}#{note.element_id})" for note in notes)


# "¶ 9, n. 5": the ledger's records that rest on a work, one link per ¶ or note (its first record).
def claim_links(edition: Edition, ids: tuple[str, ...]) -> str:
    first: dict[Anchor, str] = {}
    for claim in edition.claims:
        if claim.id in ids:
            first.setdefault(claim.where, claim.id)
    return ", ".join(f"[{where.label}](claims.md#{record})" for where, record in first.items())


# "SCO, Hao Ping": the glossary and index entries that name a work, each linked to its entry.
def entry_links(edition: Edition, refs: tuple[str, ...]) -> str:
    def link(ref: str) -> str:
        kind, _, name = ref.partition(":")
        entry = (edition.terms if kind == "glossary" else edition.entities)[name]
        page = "glossary.md" if kind == "glossary" else "entities.md"
        return f"[{escape(entry.name)}]({page}#{name})"
    return ", ".join(link(ref) for ref in refs)
