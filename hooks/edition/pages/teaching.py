"""The Teaching page: every discussion question, the key terms of each section, and a
suggested reading path (data/teaching.yml, read and checked by the model)."""
from __future__ import annotations

import re

from edition.errors import EditionError
from edition.markup import escape, safe_markdown
from edition.model.edition import Edition, Rendered
from edition.urls import relative

KEY_TERMS = '<span class="key-terms" data-section="{}"></span>'
KEY_TERMS_RE = re.compile(r'<span class="key-terms" data-section="([^"]+)"></span>')


def teaching_page(edition: Edition) -> str:
    sections = {part.src_uri: part.title for part in edition.sections}
    has_index = bool(edition.terms or edition.entities)
    parts = [
        "---\ntitle: Teaching with this edition\n---",
        "# Teaching with this edition",
        "Each section page carries the editors' annotations after the paragraphs they "
        "concern: context, corrections, caveats, cross-references and discussion questions. The "
        "controls at the top of a section show or hide them by kind, and the browser "
        "remembers the choice. Printed from the browser, a section becomes a handout: the "
        "text with its paragraph numbers, the annotations shown as numbered notes, and the "
        "addresses of its links. Cite passages by paragraph number (¶).",
    ]
    if edition.reading_path:
        parts.append("## A reading path {#reading-path}")
        parts.append("\n".join(
            f"{n}. **[{escape(sections[step.page])}]({step.page})**"
            + (f" ({escape(step.time)})" if step.time else "") + f": {escape(step.focus)}"
            for n, step in enumerate(edition.reading_path, start=1)))
    parts.append("## Questions and key terms by section {#by-section}")
    for page, title in sections.items():
        questions = [n for n in edition.annotations_on(page) if n.kind == "question"]
        parts.append(f"### [{escape(title)}]({page})")
        if questions:
            parts.append("\n".join(
                f"{n}. {safe_markdown(q.text)} ([{q.paragraph.label}]({page}#{q.paragraph}), "
                f"[note {q.label}]({page}#{q.element_id}))" for n, q in enumerate(questions, start=1)))
        if has_index:
            parts.append("Key terms: " + KEY_TERMS.format(page))
    return "\n\n".join(parts) + "\n"


def fill_key_terms(content: str, edition: Edition, rendered: Rendered, page: str) -> str:
    """The glossary terms each section mentions, linked to the glossary (after rendering);
    `page` is the teaching page's src_uri."""
    glossary, here = rendered.urls.get("glossary.md"), rendered.urls.get(page, "")
    index, mentions = edition, rendered.mentions

    def terms(match: re.Match[str]) -> str:
        section = match.group(1)
        found = sorted(
            (index.terms[entry_id] for entry_id, found in mentions.items()
             if entry_id in index.terms and any(mention.part == section for mention in found)),
            key=lambda term: term.name.casefold(),
        )
        if glossary is None:
            raise EditionError(f"{page}: its key terms link to the glossary, but glossary.md is "
                               "not among the pages: the edition makes it from data/glossary.yml")
        url = relative(glossary, here)
        return ", ".join(f'<a href="{url}#{t.id}">{escape(t.name)}</a>' for t in found) + "."
    return KEY_TERMS_RE.sub(terms, content)
