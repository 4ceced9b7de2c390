"""Handouts for a class, laid out as the other PDFs are (pdf.py, print.css): a section of the
report, and the discussion questions of every section on one sheet.

A student's handout is a heading (which handout, the report, the edition and how to cite
it), the section's text as the reader's copy prints it (¶ numbers in the margin, notes at
the foot of their page), its discussion questions, and the glossary's definitions of the
terms its text uses. A teacher's handout prints the section as the teacher's copy does (the
editors' annotations after their paragraphs, labelled 3a, 3b, …), opens with the section's
teaching notes (its step of the reading path) and ends with its records of the claim ledger
as an exercise key, from a new page. Everything comes from what the books are made of: the parsed pages
(offline.parse_parts, once per build), the claim ledger's page as rendered, and the model
(the terms a section's text mentions, `Rendered.mentions`; the reading path).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from edition.formats import offline, pdf, titlepage
from edition.formats.meta import Meta
from edition.formats.offline import Chapter
from edition.model.edition import Annotation, Edition, Entry, ReadingStep, Rendered

if TYPE_CHECKING:
    from bs4 import Tag

    from edition.formats.copies import Copy

GLOSSARY, CLAIMS = "glossary.md", "claims.md"
KINDS = {False: "Student's handout", True: "Teacher's handout"}
HOLDS = {
    False: "The section's text with its ¶ numbers and notes, its discussion questions and the "
           "glossary's definitions of the terms it uses",
    True: "The section with the editors' annotations after their paragraphs (labelled 3a, 3b, …), "
          "its discussion questions, the terms it uses, the teaching notes and the claim "
          "ledger's records as an exercise key",
}
SHEET = "Discussion questions"


@dataclass
class Extras:
    """What handouts print besides their section's page, for every section (by src_uri)."""
    terms: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # the terms its text uses, A to Z
    steps: dict[str, tuple[int, ReadingStep]] = field(default_factory=dict)  # its step of the reading path
    records: dict[str, list[Tag]] = field(default_factory=dict)  # its records on the ledger's page
    notes: dict[str, Annotation] = field(default_factory=dict)  # record id -> the note that explains it
    glossary_path: str = "glossary/"   # where the glossary and the ledger are in the web edition
    claims_path: str = "claims/"
    claims_title: str = ""


def extras(edition: Edition, rendered: Rendered, terms: dict[str, tuple[Entry, ...]]) -> Extras:
    """The terms (`terms`, from `section_terms`), teaching notes and ledger records of every
    section (the ledger's page parsed once)."""
    made = Extras(glossary_path=rendered.urls.get(GLOSSARY, "glossary/"),
                  claims_path=rendered.urls.get(CLAIMS, "claims/"),
                  claims_title=rendered.titles.get(CLAIMS, ""))
    numbered = steps(edition)
    page = edition.part(CLAIMS)
    ledger = offline.parse_chapter(rendered, "back", page) if page and edition.claims and CLAIMS in rendered.html \
        else None
    for part in edition.sections:
        src = part.src_uri
        made.terms[src] = terms[src]
        if src in numbered:
            made.steps[src] = numbered[src]
        found = [ledger.article.find(id=claim.id) for claim in edition.claims_on(src)] if ledger else []
        made.records[src] = [record for record in found if record is not None]
    by_id = {note.id: note for note in edition.annotations}
    made.notes = {claim.id: by_id[claim.note] for claim in edition.claims if claim.note in by_id}
    return made


def steps(edition: Edition) -> dict[str, tuple[int, ReadingStep]]:
    """Each section's step of the reading path, numbered from 1 as the teacher's handout prints
    it, by the section's src_uri."""
    return {step.page: (number, step) for number, step in enumerate(edition.reading_path, start=1)}


def section_terms(edition: Edition, rendered: Rendered) -> dict[str, tuple[Entry, ...]]:
    """The terms each section's text uses (`used_terms`), by src_uri: once per build, for the
    handouts' keys (`inputs`) and their documents (`extras`)."""
    return {part.src_uri: used_terms(edition, rendered, part.src_uri) for part in edition.sections}


# The glossary's terms that the section's text (its paragraphs and notes) mentions, A to Z.
def used_terms(edition: Edition, rendered: Rendered, src: str) -> tuple[Entry, ...]:
    used = [term for term in edition.terms.values()
            if any(mention.part == src and mention.anchor is not None
                   for mention in rendered.mentions.get(term.id, ()))]
    return tuple(sorted(used, key=lambda term: term.name.casefold()))


def inputs(copy_: Copy, edition: Edition, rendered: Rendered, terms: dict[str, tuple[Entry, ...]]) -> list[str]:
    """What a handout prints besides its pages, for its cache key: its terms (`terms`, from
    `section_terms`), its teaching notes with their step's number and the ledger's page (a teacher's)."""
    if copy_.layout != "handout":
        return []
    src = (copy_.parts or ("",))[0]
    items = [repr(terms.get(src, ())), repr(steps(edition).get(src))]
    if copy_.teacher:
        items += [rendered.urls.get(CLAIMS, ""), rendered.html.get(CLAIMS, "")]
    return items


# The documents


def document(copy_: Copy, chapters: list[Chapter], made: Extras, meta: Meta) -> str:
    """The HTML of a handout or of the questions sheet, for WeasyPrint."""
    if copy_.layout == "questions":
        return questions_sheet(copy_.select(chapters), meta)
    section = offline.copy_for(copy_.select(chapters), annotations=copy_.teacher, questions=True)[0]
    src = section.src_uri
    pdf.float_footnotes(section)
    added = [terms_part(made.terms.get(src, ()), made.glossary_path)]
    if copy_.teacher:
        added.append(key_part(made.records.get(src, []), made))
    parts = [section, *(part for part in added if part is not None)]
    pdf.rename_ids(parts)
    pdf.link_everything(parts, meta.site_url, web_if_missing=True)
    kind = KINDS[copy_.teacher]
    notes = teaching_notes(made.steps.get(src)) if copy_.teacher else ""
    body = [heading(meta, kind, HOLDS[copy_.teacher], example(section, meta) + notes),
            f'<section class="section handout-text" id="chapter-{section.slug}">{pdf.inner(section.article)}</section>']
    body += [f'<section class="handout-part {part.slug}" id="chapter-{part.slug}">{pdf.inner(part.article)}</section>'
             for part in parts[1:]]
    return pdf.page(meta, copy_.teacher, "\n".join(body), title=f"{section.title}: {kind.lower()}",
                    copy=f"{kind.lower()} of the section {section.title}", kind="handout")


# Which handout, the report and the edition, and how to cite a passage (a ¶ of this section).
def heading(meta: Meta, kind: str, holds: str, cite: str) -> str:
    work = f"{escape(meta.author)}, <cite>{escape(meta.title)}</cite> ({escape(meta.publisher)}, {escape(meta.date)})"
    return f"""<div class="handout-head">
<p class="handout-head__kind">{escape(kind)} · annotated edition, version {escape(meta.version)}</p>
<p>{escape(holds)}. From {work}, {escape(meta.copyright)}.</p>
{titlepage.web_edition(meta)}
{cite}
</div>"""


def example(section: Chapter, meta: Meta) -> str:
    first = section.article.select_one("p.para[id]")
    if first is None:
        return ""
    number = str(first["id"]).removeprefix("p")
    return (f"<p>Cite a passage by its ¶ number, printed in the margin, and the section's address: ¶ {number} "
            f'is <span class="url">{escape(meta.site_url)}{escape(section.path)}#{escape(str(first["id"]))}</span></p>')


# The glossary's definitions of the terms the section uses; the section's links to the
# glossary lead here (the part takes the glossary's place: its path, its entries' ids).
def terms_part(terms: tuple[Entry, ...], glossary_path: str) -> Chapter | None:
    if not terms:
        return None
    entries = "".join(f'<dt id="{escape(term.id)}">{escape(term.name)}</dt>'
                      f'<dd>{escape(" ".join(term.text.split()))}</dd>' for term in terms)
    html = ('<h2 id="handout-terms">Terms used in this section</h2>'
            "<p>From the edition's glossary; each is linked where the section first uses it.</p>"
            f'<dl class="terms">{entries}</dl>')
    return new_part("glossary", glossary_path, html)


# A teacher's handout opens with the section's step of the reading path (data/teaching.yml):
# what to read for, before the text.
def teaching_notes(step: tuple[int, ReadingStep] | None) -> str:
    if step is None:
        return ""
    number, found = step
    time = f", about {escape(found.time)} with the annotations" if found.time else ""
    return (f'<p class="handout-head__teaching"><strong>Teaching notes</strong> (step {number} of the '
            f"edition's reading path{time}): {escape(' '.join(found.focus.split()))}</p>")


# The section's records of the claim ledger (as its page shows them), as an exercise key.
def key_part(records: list[Tag], made: Extras) -> Chapter | None:
    if not records:
        return None
    title = escape(made.claims_title or "the claim ledger")
    html = ('<h2 id="handout-key">Exercise key: the claims checked</h2>'
            f"<p>Every checkable statement of this section, as the editors checked it for the claim ledger "
            f"(<em>{title}</em>): the report's words, what it states, the verdict, what the sources show and "
            "the works it rests on. Students can check some of the statements themselves, then compare.</p>"
            + "".join(str(record) for record in records))
    part = new_part("claims", made.claims_path, html)
    for record in part.article.select(".claim[id]"):
        note = made.notes.get(str(record["id"]))
        if note is not None:
            point_to_note(record, note)
    offline.clean(part.article, annotations=True)
    return part


# A record a note explains gives the note's text on the ledger's page; the teacher's handout
# prints the note after its paragraph, so the key names it instead of printing it twice.
def point_to_note(record: Tag, note: Annotation) -> None:
    link = record.select_one(f'a[href$="#{note.element_id}"]')
    said = link.find_parent("p") if link is not None else None
    if link is None or said is None:
        return
    said.clear()
    said.append("Explained by the editors' note ")
    said.append(link)
    said.append(f", after {note.paragraph.label} above.")


def new_part(slug: str, path: str, html: str) -> Chapter:
    from bs4 import BeautifulSoup

    article = BeautifulSoup(f"<article>{html}</article>", "html.parser").article
    assert article is not None
    return Chapter(slug, path, "back", "", article)


# The questions sheet: each section's questions with their ¶, linked to the web edition.
def questions_sheet(sections: list[Chapter], meta: Meta) -> str:
    resolve = offline.resolver([], meta.site_url)
    blocks = []
    for chapter in sections:
        found = chapter.article.select_one(".discussion-questions ol")
        if found is None:
            continue
        title = pdf.inner(chapter.article.h1) if chapter.article.h1 else escape(chapter.title)
        part = new_part(chapter.slug, chapter.path, f"<h2>{title}</h2>{copy.copy(found)}")
        offline.clean(part.article, annotations=False, questions=True)
        for link in part.article.select("a[href]"):
            link["href"] = str(resolve(chapter.path, str(link["href"])))
        blocks.append(f'<section class="questions-sheet__section" id="chapter-{chapter.slug}">'
                      f"{pdf.inner(part.article)}</section>")
    head = heading(meta, SHEET, "Every section's discussion questions, each with the paragraph (¶) "
                   "it asks about, linked to the web edition", "")
    body = f'{head}<section class="section questions-sheet"><h1 id="questions">{SHEET}</h1>{"".join(blocks)}</section>'
    return pdf.page(meta, False, body, title=SHEET, copy="discussion questions of every section", kind="handout")
