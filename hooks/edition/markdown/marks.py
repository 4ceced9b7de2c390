"""The phrase an annotation is about, marked in its paragraph on the parsed tree.

The phrase is looked for in the paragraph's words as a reader sees them (emphasis, links
and footnote references are markup, not words: a footnote's number is skipped). Where the
phrase crosses the edge of an element (`*…*`, a link), it is marked piece by piece, each
piece inside its own element, so the marks nest properly; every piece carries the note's id.

Each note also gets its marker here: an empty link to it after its phrase (or at the end of
its paragraph), which the Reading view shows as a small number (drawn by CSS from
data-label, so the paragraph's words stay the report's). Written by the build, not by a
script, so that the page's first paint already has them and nothing moves; hidden where
scripts do not run (docs/stylesheets/edition.css).
"""
from __future__ import annotations

import difflib
import itertools
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.treeprocessors import Treeprocessor

from edition.errors import EditionError
from edition.markdown.context import Current
from edition.model.edition import Annotation

NOT_WORDS = {"sup"}  # footnote references
SHOWN = "data/annotations.yml"


@dataclass
class Slot:
    """A run of text in the tree: an element's text, or the tail of a child in its parent."""
    holder: etree.Element
    parent: etree.Element | None  # for a tail: the element that holds `holder`
    start: int

    @property
    def text(self) -> str:
        return (self.holder.tail if self.parent is not None else self.holder.text) or ""


class PhraseMarks(Treeprocessor):
    name = "edition-phrase-marks"
    # After the cite links (7); before the ¶ links (6), whose words are not the paragraph's.
    priority = 6.5

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        page, edition = self.current.page, self.current.edition
        if page is None or edition is None:
            return
        every_note = edition.annotations_on(page.src_uri)
        notes = [n for n in every_note if n.phrase]
        paragraphs = {p.get("id"): p for p in root.iter("p") if p.get("id")}
        spans = []
        for note in notes:
            paragraph = paragraphs[note.paragraph.id]
            start = find_phrase(note, words(paragraph))
            spans.append((start, start + len(note.phrase or ""), note))
        check_overlaps(spans)
        check_labels(spans)
        for start, end, note in spans:
            mark_range(paragraphs[note.paragraph.id], start, end, note)
        for note in every_note:
            add_marker(paragraphs[note.paragraph.id], note)


# Helper functions


def slots(element: etree.Element) -> list[Slot]:
    found: list[Slot] = []
    offset = 0

    def walk(node: etree.Element) -> None:
        nonlocal offset
        found.append(Slot(node, None, offset))
        offset += len(node.text or "")
        for child in node:
            if child.tag not in NOT_WORDS:
                walk(child)
            found.append(Slot(child, node, offset))
            offset += len(child.tail or "")
    walk(element)
    return found


def words(paragraph: etree.Element) -> str:
    return "".join(slot.text for slot in slots(paragraph))


def find_phrase(note: Annotation, text: str) -> int:
    phrase = note.phrase or ""
    count = text.count(phrase)
    if count == 1:
        return text.index(phrase)
    where = f"{SHOWN}: annotation '{note.id}'"
    if count > 1:
        raise EditionError(f"{where}: phrase '{phrase}' occurs {count} times in {note.paragraph}: make it longer")
    tokens, size = text.split(), len(phrase.split())
    windows = [" ".join(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))]
    closest = max(windows, key=lambda w: difflib.SequenceMatcher(None, w, phrase).ratio())
    raise EditionError(f"{where}: phrase '{phrase}' is no longer in {note.paragraph}; the closest words "
                       f"there now read '{closest}': update the phrase or the annotation")


def check_overlaps(spans: list[tuple[int, int, Annotation]]) -> None:
    spans.sort(key=lambda span: (span[2].paragraph, span[0]))
    for (_, end, first), (start, _, second) in itertools.pairwise(spans):
        if first.paragraph == second.paragraph and start < end:
            raise EditionError(f"{SHOWN}: the phrases of annotations '{first.id}' and '{second.id}' "
                               f"overlap in {first.paragraph}: choose phrases that do not")


# The model labels a paragraph's notes in the order of their phrases (model/annotations.py,
# from the Markdown); the phrases found here, on the parsed page, must come in that order.
def check_labels(spans: list[tuple[int, int, Annotation]]) -> None:
    for (_, _, first), (_, _, second) in itertools.pairwise(spans):
        if first.paragraph == second.paragraph and (len(first.label), first.label) > (len(second.label), second.label):
            raise EditionError(f"{SHOWN}: annotations '{first.id}' ({first.label}) and '{second.id}' "
                               f"({second.label}): their labels are not in the order of their phrases in "
                               f"{first.paragraph}; the labelling of edition/model/annotations.py read "
                               "the paragraph differently from the page: report this as a bug")


# Wrap the characters start..end of the paragraph's words in <mark>, one per run of text.
def mark_range(paragraph: etree.Element, start: int, end: int, note: Annotation) -> None:
    for slot in reversed(slots(paragraph)):
        text = slot.text
        low, high = max(start, slot.start), min(end, slot.start + len(text))
        if low >= high:
            continue
        before, inside, after = (text[:low - slot.start], text[low - slot.start:high - slot.start],
                                 text[high - slot.start:])
        # Its kind is its note's (data-note): no style or script reads it from the mark.
        mark = etree.Element("mark", {"class": "annotated", "data-note": note.element_id})
        mark.text, mark.tail = inside, after
        if slot.parent is None:
            slot.holder.text = before
            slot.holder.insert(0, mark)
        else:
            slot.holder.tail = before
            slot.parent.insert(list(slot.parent).index(slot.holder) + 1, mark)


# After the last piece of the note's phrase, else at the end of its paragraph.
def add_marker(paragraph: etree.Element, note: Annotation) -> None:
    marker = etree.Element("a", {"class": "note-marker", "href": f"#{note.element_id}", "data-kind": note.kind,
                                 "data-label": note.label, "aria-label": f"Editors' note {note.label}"})
    marks = [m for m in paragraph.iter("mark") if m.get("data-note") == note.element_id]  # in reading order
    if not marks:
        paragraph.append(marker)
        return
    last = marks[-1]
    parent = next(element for element in paragraph.iter() if last in list(element))
    marker.tail, last.tail = last.tail, None
    parent.insert(list(parent).index(last) + 1, marker)
