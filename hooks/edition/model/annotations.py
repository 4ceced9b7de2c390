"""Editors' annotations as the model holds them (data/annotations.yml), labelled.

Each annotation is keyed to a paragraph (p12) and, optionally, to a phrase in it. Its
fields are checked by its schema (schemas/annotations.schema.json: the kinds context,
correction, caveat, cross-reference, question; a correction or a caveat cites at least one
work, often one of bib/editors.bib, the works the editors consulted); that what it names
exists, by apparatus.py. Rendering is in markdown/annotations.py and markdown/marks.py.

Labels: a note is named by its paragraph's number and a letter, in the order a reader
meets its marker in the paragraph: "3a", "3b" ... for ¶ 3. A note's marker follows its
phrase, so the notes with a phrase come in the order of their phrases; a note without a
phrase (on the whole paragraph) has its marker at the paragraph's end, so it comes after
them, in the order of the file. Questions are notes like the others and take their letter
the same way. A note added to one paragraph never changes another paragraph's labels.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edition.model.anchors import Anchor
from edition.model.edition import Annotation
from edition.model.words import reader_words

LETTERS = "abcdefghijklmnopqrstuvwxyz"


# The model's annotations, labelled in reading order within their paragraph and listed in
# that order (paragraph, then label); `markdown_of` gives each paragraph's Markdown source.
def labelled(items: list[dict[str, Any]], markdown_of: Mapping[Anchor, str]) -> tuple[Annotation, ...]:
    by_paragraph: dict[Anchor, list[tuple[int, dict[str, Any]]]] = {}
    for row, item in enumerate(items):
        by_paragraph.setdefault(Anchor.parse(str(item["paragraph"])), []).append((row, item))
    found = []
    for paragraph in sorted(by_paragraph, key=lambda anchor: anchor.number):
        text = reader_words(markdown_of.get(paragraph, ""))
        ordered = sorted(by_paragraph[paragraph], key=lambda entry: (where(entry[1].get("phrase"), text), entry[0]))
        for index, (_, item) in enumerate(ordered):
            found.append(annotation(item, paragraph, f"{paragraph.number}{letters(index)}"))
    return tuple(found)


def annotation(item: dict[str, Any], paragraph: Anchor, label: str) -> Annotation:
    return Annotation(
        id=str(item["id"]), paragraph=paragraph, kind=item["kind"], author=str(item["author"]),
        added_in=str(item["added_in"]), text=str(item["text"]), label=label,
        phrase=item.get("phrase"), cites=tuple(str(k) for k in item.get("cites", [])),
        refs=tuple(str(r) for r in item.get("refs", [])), source=item.get("source"),
    )


# Where a note's marker stands in its paragraph's words: after its phrase, else at the end.
# (A phrase that is not there is reported by markdown/marks.py, which places the marks.)
def where(phrase: str | None, text: str) -> float:
    position = text.find(phrase) if phrase else -1
    return float("inf") if position < 0 else position + len(phrase or "")


# 0 -> "a", 25 -> "z", 26 -> "aa": the letters of a paragraph's notes.
def letters(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(LETTERS))
        name = LETTERS[rest] + name
    return name
