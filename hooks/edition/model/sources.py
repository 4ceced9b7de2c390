"""One read of each page's source before rendering: its paragraphs, notes, figures and marks.

Generated pages link to paragraphs and footnotes on other pages, and the data (annotations,
the timeline, the changes) point to them, so the model knows before any page renders which
page holds p12 or fn:9, what each says and which works each note cites. Citations are
written in footnotes as Markdown links whose target is a citation key: [printed words](@key).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from edition.model.anchors import NUMBER, Anchor

PARAGRAPH_ID = re.compile(rf"\{{:?\s*#(p{NUMBER})\s*\}}")
ID_LINE = re.compile(rf"\n?[ \t]*\{{:?\s*#p{NUMBER}\s*\}}[ \t]*$", re.MULTILINE)
DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.MULTILINE | re.DOTALL)
CITATION = re.compile(r"\]\(@([^)\s]*)\)")
FIGURE = re.compile(rf'<figure [^>]*id="figure-({NUMBER})"')
CAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.DOTALL)
CRITIC = re.compile(r"\{(\+\+|--|~~)(.*?)(\+\+|--|~~)\}", re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
BLANK = re.compile(r"\n\s*\n")


@dataclass
class Block:
    """One block of the page's Markdown (text between blank lines) and what it holds."""
    text: str
    paragraph: Anchor | None  # the {#pN} it ends with
    note: Anchor | None  # the [^N]: it defines
    figure: Anchor | None


@dataclass
class PageSource:
    src_uri: str
    meta: dict
    title: str | None  # the front matter's title, else the first "# " heading
    blocks: list[Block] = field(default_factory=list)
    paragraph_ids: list[str] = field(default_factory=list)  # every {#pN}, duplicates too
    # footnote labels as written: definitions and references, outside code
    definitions: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    # (block, key) for each citation outside a footnote definition
    stray_citations: list[tuple[Block, str]] = field(default_factory=list)
    # (where, mark) for each CriticMarkup mark; where None outside a paragraph or note
    marks: list[tuple[Anchor | None, str]] = field(default_factory=list)


# `front_matter` splits the page as the site generator does: (body, its front matter).
def read_page(src_uri: str, markdown: str,
              front_matter: Callable[[str], tuple[str, dict[str, Any]]]) -> PageSource:
    body, meta = front_matter(markdown)
    heading = HEADING.search(body)
    page = PageSource(src_uri, meta, meta.get("title") or (heading.group(1) if heading else None))
    text = CODE.sub("", body)
    page.definitions = DEFINITION.findall(text)
    page.references = REFERENCE.findall(DEFINITION.sub("", text))
    page.paragraph_ids = PARAGRAPH_ID.findall(body)
    for chunk in BLANK.split(body):
        block = read_block(chunk)
        page.blocks.append(block)
        if block.note is None:
            page.stray_citations += [(block, key) for key in CITATION.findall(chunk)]
        where = block.note or block.paragraph
        page.marks += [(where, mark.group(0)) for mark in CRITIC.finditer(chunk)]
    return page


def read_block(chunk: str) -> Block:
    definition = DEFINITION.match(chunk)
    note = Anchor("fn", int(definition.group(1))) if definition and definition.group(1).isdigit() else None
    paragraph = PARAGRAPH_ID.search(chunk) if note is None else None
    figure = FIGURE.search(chunk)
    return Block(chunk, Anchor.parse(paragraph.group(1)) if paragraph else None, note,
                 Anchor("figure", int(figure.group(1))) if figure else None)


# The paragraph's Markdown without its {#pN} line; a note's without its "[^N]:".
def paragraph_text(block: Block) -> str:
    return ID_LINE.sub("", block.text).strip()


def note_text(block: Block) -> str:
    return DEFINITION.sub("", block.text, count=1).strip()


def called_notes(block: Block) -> tuple[Anchor, ...]:
    return tuple(Anchor("fn", int(label)) for label in REFERENCE.findall(block.text) if label.isdigit())


def cited_keys(block: Block) -> tuple[str, ...]:
    return tuple(CITATION.findall(block.text))


def caption(block: Block) -> str:
    found = CAPTION.search(block.text)
    return " ".join(found.group(1).split()) if found else ""
