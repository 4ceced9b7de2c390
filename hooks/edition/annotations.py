"""The teaching layer: stand-off annotations on the report's paragraphs (data/annotations.yml).

Each annotation is keyed to a paragraph (p12) and, optionally, to a phrase in it. The
build places it, numbered, right after its paragraph as a note a reader can always read
(JavaScript then makes each a disclosure and adds the show/hide controls), marks the
phrase, and ends each section page with its discussion questions. The report's words are
never changed: an annotation whose paragraph or phrase is gone stops the build.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.datafile import read_list
from edition.markup import escape, link_from

KINDS = {
    "context": ("Context", "Context"),
    "correction": ("Correction", "Corrections"),
    "cross-reference": ("Cross-reference", "Cross-references"),
    "question": ("Question", "Questions"),
}
REQUIRED = {"id", "paragraph", "kind", "author", "added_in", "text"}
OPTIONAL = {"phrase", "cites", "refs", "source"}
PARAGRAPH = re.compile(r"^p[1-9][0-9]*$")
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
REF = re.compile(r"^(p[1-9][0-9]*|glossary:[a-z0-9-]+|entity:[a-z0-9-]+)$")


@dataclass
class Annotation:
    id: str
    paragraph: str
    kind: str
    author: str
    added_in: str
    text: str
    phrase: str | None = None
    cites: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    source: str | None = None
    number: int = 0  # A1, A2 ... in reading order on its page


# Loading and checking


def load(path: Path, root: Path) -> list[Annotation]:
    shown = path.relative_to(root)
    data = read_list(path, shown, "annotations")
    annotations, seen = [], set()
    for number, item in enumerate(data, start=1):
        annotation = from_item(item, number, shown)
        if annotation.id in seen:
            raise PluginError(f"{shown}: annotation '{annotation.id}': id used twice")
        seen.add(annotation.id)
        annotations.append(annotation)
    return annotations


def from_item(item: dict[str, Any], number: int, shown: Path) -> Annotation:
    where = f"{shown}: annotation '{item.get('id', f'#{number}')}'"
    for missing in sorted(REQUIRED - item.keys()):
        raise PluginError(f"{where}: missing field '{missing}'")
    for unknown in sorted(item.keys() - REQUIRED - OPTIONAL):
        raise PluginError(f"{where}: unknown field '{unknown}' (allowed: {', '.join(sorted(REQUIRED | OPTIONAL))})")
    if item["kind"] not in KINDS:
        raise PluginError(f"{where}: unknown kind '{item['kind']}' (one of {', '.join(KINDS)})")
    if not PARAGRAPH.match(str(item["paragraph"])):
        raise PluginError(f"{where}: field 'paragraph' is '{item['paragraph']}', expected an id like p12")
    if not VERSION.match(str(item["added_in"])):
        raise PluginError(f"{where}: field 'added_in' must be an edition version such as 0.1.0")
    for ref in item.get("refs", []):
        if not REF.match(str(ref)):
            raise PluginError(f"{where}: ref '{ref}' is not pN, glossary:<id> or entity:<id>")
    if item["kind"] == "cross-reference" and not item.get("refs"):
        raise PluginError(f"{where}: a cross-reference needs field 'refs'")
    return Annotation(
        id=str(item["id"]), paragraph=str(item["paragraph"]), kind=item["kind"],
        author=str(item["author"]), added_in=str(item["added_in"]), text=str(item["text"]),
        phrase=item.get("phrase"), cites=tuple(item.get("cites", [])),
        refs=tuple(str(r) for r in item.get("refs", [])), source=item.get("source"),
    )


def check_targets(annotations: list[Annotation], anchors: dict[str, str], bib_keys: set[str],
                  terms: set[str], entities: set[str], shown: Path) -> None:
    """Every paragraph, reference and cited work an annotation names exists."""
    known = {"glossary": terms, "entity": entities}
    for note in annotations:
        where = f"{shown}: annotation '{note.id}'"
        if note.paragraph not in anchors:
            raise PluginError(f"{where}: paragraph '{note.paragraph}' does not exist in the text")
        for key in note.cites:
            if key not in bib_keys:
                raise PluginError(f"{where}: cites '{key}', which is not in bib/")
        for ref in note.refs:
            kind, _, name = ref.partition(":")
            if (PARAGRAPH.match(ref) and ref not in anchors) or (name and name not in known[kind]):
                raise PluginError(f"{where}: ref '{ref}' does not exist")


# Placing the annotations in a page's Markdown


def annotate_page(markdown: str, page: str, notes: list[Annotation], labels: dict[str, str],
                  names: dict[str, str], anchors: dict[str, str], shown: Path) -> str:
    """Mark each phrase, put each paragraph's notes after it, end with the questions."""
    by_paragraph: dict[str, list[Annotation]] = {}
    for note in notes:
        by_paragraph.setdefault(note.paragraph, []).append(note)
    blocks = re.split(r"(\n\s*\n)", markdown)
    for index, block in enumerate(blocks):
        found = re.search(r"\{:?\s*#(p[1-9][0-9]*)\s*\}", block)
        if not found or found.group(1) not in by_paragraph:
            continue
        paragraph_notes = by_paragraph.pop(found.group(1))
        block = mark_phrases(block, paragraph_notes, shown)
        aside = notes_html(found.group(1), paragraph_notes, page, labels, names, anchors)
        blocks[index] = f"{block}\n\n{aside}"
    for paragraph, missing in by_paragraph.items():
        raise PluginError(f"{shown}: annotation '{missing[0].id}': paragraph {paragraph} is not on {page}")
    questions = [n for n in notes if n.kind == "question"]
    if questions:
        blocks.append("\n\n" + questions_html(questions, page))
    return "".join(blocks)


def number(notes: list[Annotation]) -> list[Annotation]:
    """Number a page's notes A1, A2 ... in reading order (paragraph, then data order)."""
    ordered = sorted(notes, key=lambda n: int(n.paragraph[1:]))
    for position, note in enumerate(ordered, start=1):
        note.number = position
    return ordered


def mark_phrases(block: str, notes: list[Annotation], shown: Path) -> str:
    spans: list[tuple[int, int, Annotation]] = []
    for note in notes:
        if note.phrase is None:
            continue
        count = block.count(note.phrase)
        if count != 1:
            raise PluginError(phrase_problem(note, block, count, shown))
        start = block.index(note.phrase)
        spans.append((start, start + len(note.phrase), note))
    spans.sort(key=lambda span: span[0])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        if start < end:
            raise PluginError(f"{shown}: the phrases of annotations '{first.id}' and '{second.id}' "
                              f"overlap in {first.paragraph}: choose phrases that do not")
    for start, end, note in reversed(spans):
        mark = (f'<mark class="annotated annotated--{note.kind}" data-note="note-{note.id}">'
                f"{block[start:end]}</mark>")
        block = block[:start] + mark + block[end:]
    return block


# Name the annotation and say what changed: the words of the paragraph closest to the phrase.
def phrase_problem(note: Annotation, block: str, count: int, shown: Path) -> str:
    where = f"{shown}: annotation '{note.id}'"
    if count > 1:
        return f"{where}: phrase '{note.phrase}' occurs {count} times in {note.paragraph}: make it longer"
    words, size = block.split(), len(note.phrase.split())
    windows = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))]
    closest = max(windows, key=lambda w: difflib.SequenceMatcher(None, w, note.phrase).ratio())
    return (f"{where}: phrase '{note.phrase}' is no longer in {note.paragraph}; the closest words "
            f"there now read '{closest}': update the phrase or the annotation")


def notes_html(paragraph: str, notes: list[Annotation], page: str, labels: dict[str, str],
               names: dict[str, str], anchors: dict[str, str]) -> str:
    items = "\n".join(note_html(n, page, labels, names, anchors) for n in notes)
    return (f'<aside class="annotations" aria-label="Editors\' annotations on ¶ {paragraph[1:]}" '
            f'markdown="1">\n{items}\n</aside>')


def note_html(note: Annotation, page: str, labels: dict[str, str], names: dict[str, str],
              anchors: dict[str, str]) -> str:
    kind = KINDS[note.kind][0]
    on = f' <span class="annotation__on">on “{escape(note.phrase)}”</span>' if note.phrase else ""
    meta = []
    if note.refs:
        meta.append("See " + ", ".join(ref_link(r, page, names, anchors) for r in note.refs))
    if note.cites:
        meta.append("Works: " + "; ".join(
            f"[{escape(labels[k])}]({link_from(page, 'bibliography.md', k)})" for k in note.cites))
    if note.source:
        meta.append(f"Source: {escape(note.source)}")
    meta.append(f"{escape(note.author)}, added in {escape(note.added_in)}")
    return "\n".join([
        f'<div class="annotation annotation--{note.kind}" id="note-{note.id}" data-kind="{note.kind}" markdown="1">',
        f'<p class="annotation__head" markdown="span"><span class="annotation__number">A{note.number}</span> '
        f'<span class="annotation__kind">{kind}</span>{on}</p>',
        "",
        safe_markdown(note.text),
        "",
        f'<p class="annotation__meta" markdown="span">{" · ".join(meta)}</p>',
        "</div>",
    ])


def ref_link(ref: str, page: str, names: dict[str, str], anchors: dict[str, str]) -> str:
    if PARAGRAPH.match(ref):
        return f"[¶ {ref[1:]}]({link_from(page, anchors[ref], ref)})"
    kind, _, name = ref.partition(":")
    target = "glossary.md" if kind == "glossary" else "entities.md"
    return f"[{escape(names[ref])}]({link_from(page, target, name)})"


def questions_html(questions: list[Annotation], page: str) -> str:
    items = "\n".join(
        f'<li markdown="1">{safe_markdown(q.text)} '
        f'<span class="discussion-questions__on">([¶ {q.paragraph[1:]}](#{q.paragraph}), A{q.number})</span></li>'
        for q in questions
    )
    return ('<section class="discussion-questions" markdown="1">\n\n'
            "## Discussion questions {#discussion-questions}\n\n"
            f'<ol markdown="1">\n{items}\n</ol>\n\n</section>')


# Annotation text is Markdown written by editors; raw HTML in it shows as text.
# The toolbar over a page's notes, in the page from the start so that nothing moves when
# docs/javascripts/annotations.js makes it work. Shown only where scripts run (the "js"
# class of overrides/main.html); without them every note is simply open.
def controls_html(notes: list[Annotation]) -> str:
    parts = ['<div class="annotation-controls" role="group" aria-label="Editors\' annotations" '
             'data-search-exclude>', '<span class="annotation-controls__label">Annotations:</span>']
    for kind, (_, plural) in KINDS.items():
        count = sum(note.kind == kind for note in notes)
        if count:
            parts.append(f'<label><input type="checkbox" data-kind="{kind}" checked> {plural} ({count})</label>')
    parts += ['<button type="button" class="annotation-controls__all" data-open="true">Open all</button>',
              '<button type="button" class="annotation-controls__all" data-open="false">Close all</button>',
              "</div>"]
    return "".join(parts)


def safe_markdown(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)
