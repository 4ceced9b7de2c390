"""The editors' annotations on a page: each paragraph's notes right after it, the questions at
the end, and the toolbar that shows or hides them by kind.

The notes are placed in the page's Markdown before it is parsed (they hold Markdown, which
md_in_html renders); the phrase each is about is marked on the parsed tree (marks.py). A
reader can always read them; JavaScript makes each a disclosure and adds the controls.
"""
from __future__ import annotations

import re

from edition.markup import escape, link_from, safe_markdown
from edition.model.anchors import Anchor
from edition.model.edition import Annotation, Edition
from edition.model.sources import PARAGRAPH_ID

# kind -> (its name, its plural), in the order the toolbar shows them
KINDS = {
    "context": ("Context", "Context"),
    "correction": ("Correction", "Corrections"),
    "caveat": ("Caveat", "Caveats"),
    "cross-reference": ("Cross-reference", "Cross-references"),
    "question": ("Question", "Questions"),
}
BLANK = re.compile(r"(\n\s*\n)")


def annotate_page(markdown: str, page: str, edition: Edition) -> str:
    """Put each paragraph's notes after it; end with the page's discussion questions."""
    notes = edition.annotations_on(page)
    if not notes:
        return markdown
    by_paragraph: dict[str, list[Annotation]] = {}
    for note in notes:
        by_paragraph.setdefault(note.paragraph.id, []).append(note)
    blocks = BLANK.split(markdown)
    for index, block in enumerate(blocks):
        found = PARAGRAPH_ID.search(block)
        if found and found.group(1) in by_paragraph:
            aside = notes_html(found.group(1), by_paragraph.pop(found.group(1)), page, edition)
            blocks[index] = f"{block}\n\n{aside}"
    questions = [n for n in notes if n.kind == "question"]
    if questions:
        blocks.append("\n\n" + questions_html(questions))
    return "".join(blocks)


def notes_html(paragraph: str, notes: list[Annotation], page: str, edition: Edition) -> str:
    items = "\n".join(note_html(n, page, edition) for n in notes)
    return (f'<aside class="annotations" aria-label="Editors\' annotations on {Anchor.parse(paragraph).label}" '
            f'markdown="1">\n{items}\n</aside>')


def note_html(note: Annotation, page: str, edition: Edition) -> str:
    kind = KINDS[note.kind][0]
    on = f' <span class="annotation__on">on “{escape(note.phrase)}”</span>' if note.phrase else ""
    meta = []
    if note.refs:
        meta.append("See " + ", ".join(ref_link(r, page, edition) for r in note.refs))
    if note.cites:
        meta.append("Works: " + "; ".join(
            f"[{escape(work_label(edition, k))}]({link_from(page, 'bibliography.md', k)})" for k in note.cites))
    if note.source:
        meta.append(f"Source: {escape(note.source)}")
    meta.append(f"{escape(note.author)}, added in {escape(note.added_in)}")
    return "\n".join([
        f'<div class="annotation annotation--{note.kind}" id="{note.element_id}" data-kind="{note.kind}" markdown="1">',
        f'<p class="annotation__head" markdown="span"><span class="annotation__number">{note.label}</span> '
        f'<span class="annotation__kind">{kind}</span>{on}</p>',
        "",
        safe_markdown(note.text),
        "",
        f'<p class="annotation__meta" markdown="span">{" · ".join(meta)}</p>',
        "</div>",
    ])


# "Okafor 2019": how an annotation names a work (as every page names it).
def work_label(edition: Edition, key: str) -> str:
    return edition.works[key].label


def ref_link(ref: str, page: str, edition: Edition) -> str:
    if Anchor.is_valid(ref, ("p",)):
        anchor = Anchor.parse(ref)
        return f"[{anchor.label}]({link_from(page, edition.part_of(anchor).src_uri, ref)})"
    kind, _, name = ref.partition(":")
    entry = (edition.terms if kind == "glossary" else edition.entities)[name]
    return f"[{escape(entry.name)}]({link_from(page, 'glossary.md' if kind == 'glossary' else 'entities.md', name)})"


# Each question with its paragraph and its note's label; the label is a span of its own, which
# a copy without the notes leaves out (a student's handout: "(¶ 3)").
def questions_html(questions: list[Annotation]) -> str:
    items = "\n".join(
        f'<li markdown="1">{safe_markdown(q.text)} '
        f'<span class="discussion-questions__on">([{q.paragraph.label}](#{q.paragraph})'
        f'<span class="discussion-questions__note">, note {q.label}</span>)</span></li>'
        for q in questions
    )
    return ('<section class="discussion-questions" markdown="1">\n\n'
            "## Discussion questions {#discussion-questions}\n\n"
            f'<ol markdown="1">\n{items}\n</ol>\n\n</section>')


# The toolbar over a page's notes, with the switch between the Reading and Study views, in
# the page from the start so that nothing moves when docs/javascripts/annotations.js makes
# it work. Shown only where scripts run (the "js" class of overrides/main.html); without
# them every note is simply open.
def controls_html(notes: tuple[Annotation, ...]) -> str:
    parts = ['<div class="annotation-controls" role="group" aria-label="Editors\' annotations" '
             'data-search-exclude>', '<span class="annotation-controls__label">Annotations:</span>',
             '<button type="button" class="view-switch" aria-pressed="false">Study view</button>']
    for kind, (_, plural) in KINDS.items():
        count = sum(note.kind == kind for note in notes)
        if count:
            parts.append(f'<label><input type="checkbox" data-kind="{kind}" checked> {plural} ({count})</label>')
    parts += ['<button type="button" class="annotation-controls__all" data-open="true">Open all</button>',
              '<button type="button" class="annotation-controls__all" data-open="false">Close all</button>',
              "</div>"]
    return "".join(parts)
