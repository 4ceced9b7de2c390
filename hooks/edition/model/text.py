"""The text of the edition: its parts in the nav's reading order and what each page holds.

The nav is the one place that says which pages are the report's sections and in what
order: the pages under its group "The report" (`extra: edition: report_group:` names
another). A page that is printed text but no section (the title page, the publisher's
page) says so in its front matter (`printed: true`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from edition.model import schema, sources
from edition.model.anchors import Anchor
from edition.model.edition import Figure, Note, Paragraph, Part, PartKind
from edition.model.schema import Problems
from edition.model.site import Site
from edition.model.sources import PageSource

REPORT_GROUP = "The report"


@dataclass
class Text:
    parts: tuple[Part, ...] = ()
    paragraphs: dict[Anchor, Paragraph] = field(default_factory=dict)
    notes: dict[Anchor, Note] = field(default_factory=dict)
    figures: dict[Anchor, Figure] = field(default_factory=dict)
    marks: list[tuple[str, Anchor | None, str]] = field(default_factory=list)  # (page, where, mark)
    empty: list[str] = field(default_factory=list)  # sections without a numbered paragraph

    # The page to blame when a paragraph the data names is not in the text: an empty section.
    def lost_with(self) -> str | None:
        return self.empty[0] if self.empty else None


# Every page's source, read once; a page that is not UTF-8 is a problem naming its file and
# byte (schema.read_text), not a traceback, and is left out of the model. Read as MkDocs reads
# it (utf-8-sig, universal newlines): without a byte order mark, every line ending a "\n".
def read_sources(site: Site, problems: Problems) -> dict[str, PageSource]:
    found = {}
    for file in site.pages:
        text = file.text if file.path is None else schema.read_text(file.path, file.shown, problems)
        if text is not None:
            text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            found[file.src_uri] = sources.read_page(file.src_uri, text, site.front_matter)
    return found


# (src_uri, title in the nav, top-level nav group) for every page of the nav, in its order.
def nav_entries(nav: Any, group: str | None = None) -> list[tuple[str, str | None, str | None]]:
    found: list[tuple[str, str | None, str | None]] = []
    for item in nav or []:
        if isinstance(item, str):
            found.append((item, None, group))
            continue
        for title, value in item.items():
            if isinstance(value, list):
                found += nav_entries(value, group or title)
            elif isinstance(value, str) and "://" not in value:
                found.append((value, title, group))
    return found


def parts(site: Site, pages: dict[str, PageSource], report_group: str) -> list[Part]:
    entries = nav_entries(site.nav) if site.nav else [(src, None, None) for src in pages]
    found, number = [], 0
    for src_uri, nav_title, group in entries:
        page = pages.get(src_uri)
        meta = page.meta if page else {}
        kind: PartKind
        if group == report_group:
            kind, number = "section", number + 1
        elif meta.get("printed"):
            kind = "front" if src_uri == "index.md" else "back"
        else:
            kind = "apparatus"
        title = (page.title if page else None) or nav_title or src_uri
        found.append(Part(src_uri, site.url_of(src_uri), title, kind,
                          number if kind == "section" else None))
    return found


# Paragraphs, notes, figures and marks of every page, in reading order; the checks that
# need every page at once (an id or a note number used on two pages).
def collect(parts: list[Part], pages: dict[str, PageSource], problems: Problems) -> Text:
    text = Text()
    holders: dict[str, str] = {}
    note_pages: dict[str, str] = {}
    complete = []
    for part in parts:
        page = pages.get(part.src_uri)
        if page is None:
            complete.append(part)
            continue
        check_paragraph_ids(page, holders, problems)
        check_note_labels(page, note_pages, problems)
        for _block, key in page.stray_citations:
            problems.add(page.src_uri, None, None, None, f"citation (@{key}) outside a footnote",
                         "the report cites works only in its notes; move it into the footnote definition")
        complete.append(read_part(part, page, text))
        check_not_empty(complete[-1], page, problems, text)
    text.parts = tuple(complete)
    return text


# A section of the report holds its text: an empty page (or one of headings only) is named,
# and what the data says of its paragraphs is folded under it (Problems.report).
def check_not_empty(part: Part, page: PageSource, problems: Problems, text: Text) -> None:
    lines = [line.strip() for block in page.blocks for line in block.text.splitlines()]
    if part.kind == "section" and not part.paragraphs and all(not line or line.startswith("#") for line in lines):
        text.empty.append(page.src_uri)
        problems.add(page.src_uri, None, None, None, "this section of the report has no numbered paragraph "
                     "(the page is empty, or headings only)", "restore its text, each paragraph ending "
                     "with its id ({#pN}), or take the page out of the nav's group of the report")


def read_part(part: Part, page: PageSource, text: Text) -> Part:
    calls: dict[Anchor, Anchor] = {}
    for block in page.blocks:
        if block.paragraph and block.paragraph not in text.paragraphs:
            notes = sources.called_notes(block)
            calls.update((note, block.paragraph) for note in notes if note not in calls)
            text.paragraphs[block.paragraph] = Paragraph(block.paragraph, part.src_uri,
                                                         sources.paragraph_text(block), notes)
        if block.figure:
            text.figures[block.figure] = Figure(block.figure, part.src_uri, sources.caption(block))
    for block in page.blocks:
        if block.note and block.note not in text.notes:
            text.notes[block.note] = Note(block.note, part.src_uri, sources.note_text(block),
                                          calls.get(block.note), sources.cited_keys(block))
    text.marks += [(page.src_uri, where, mark) for where, mark in page.marks]
    of_page = {"p": [], "fn": [], "figure": []}  # type: dict[str, list[Anchor]]
    for holder in (text.paragraphs, text.notes, text.figures):
        for anchor, item in holder.items():
            if item.part == part.src_uri:
                of_page[anchor.kind].append(anchor)
    return Part(part.src_uri, part.url, part.title, part.kind, part.number,
                tuple(of_page["p"]), tuple(sorted(of_page["fn"])), tuple(of_page["figure"]))


def check_paragraph_ids(page: PageSource, holders: dict[str, str], problems: Problems) -> None:
    for anchor in page.paragraph_ids:
        holder = holders.get(anchor)
        if holder is not None:
            where = "this page" if holder == page.src_uri else holder
            problems.add(page.src_uri, None, None, None, f"duplicate paragraph id '{anchor}', already used on {where}",
                         "give the new paragraph the next unused number instead of renumbering")
        holders.setdefault(anchor, page.src_uri)


# Every reference has a definition and vice versa; labels are unique printed numbers.
def check_note_labels(page: PageSource, elsewhere: dict[str, str], problems: Problems) -> None:
    definitions, references = page.definitions, page.references

    def fail(label: str, what: str, fix: str) -> None:
        problems.add(page.src_uri, None, None, None, f"footnote [^{label}] (id fn:{label}) {what}", fix)
    for label in definitions + references:
        if not label.isdigit():
            fail(label, "is not a number", "label each footnote with its printed number, e.g. [^12]")
    for label in sorted(set(references) - set(definitions), key=lambda n: (not n.isdigit(), n.zfill(9))):
        fail(label, "is referenced but never defined", f"add a line '[^{label}]: ...' to the page")
    for label in sorted(set(definitions) - set(references), key=lambda n: (not n.isdigit(), n.zfill(9))):
        fail(label, "is defined but never referenced", f"cite it with [^{label}] or remove it")
    for label in sorted(set(definitions)):
        if definitions.count(label) > 1:
            fail(label, "is defined twice on this page", "keep one definition")
        if label in elsewhere:
            fail(label, f"is also defined on {elsewhere[label]}", "printed numbers are unique")
    elsewhere.update((label, page.src_uri) for label in definitions if label not in elsewhere)
