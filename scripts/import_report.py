#!/usr/bin/env python3
"""Derive the edition's Markdown pages from the report as received.

    python scripts/import_report.py [--source FILE] [--out DIR] [--force]

The source is a text extraction of the FPRI PDF. This script repairs what the
extraction broke (page-break splits, footnote blocks in mid-paragraph, pull
quotes set as headings, captions without images, escaped characters) without
dropping a word, and writes:

- one Markdown page per section of the report, the title page and the
  "About the publisher" page, into DIR (default: docs/);
- data/repairs.yml: the record of every structural repair, which the build
  turns into the public "Changes to the text" page.

After the import the Markdown in docs/ is the edited text and is edited by
hand; the script refuses to overwrite it unless given --force. The tests call
parse_source() to know, independently of docs/, what the report says.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "000_073af1e154546058.txt"

# The report's sections in reading order: printed heading -> (edition title, file).
SECTIONS: dict[str, tuple[str, str]] = {
    "ABOUT THE AUTHOR": ("About the author", "about-the-author.md"),
    "EXECUTIVE SUMMARY": ("Executive summary", "executive-summary.md"),
    "INTRODUCTION": ("Introduction", "introduction.md"),
    "EN ROUTE TO BEIJING": ("En route to Beijing", "en-route-to-beijing.md"),
    "WRESTLING FOR DIGITAL SUPREMACY": (
        "Wrestling for digital supremacy",
        "wrestling-for-digital-supremacy.md",
    ),
    "CONCLUSION": ("Conclusion", "conclusion.md"),
}
TITLE = "RUSSIA AND CHINA'S QUIET RIVALRY IN CENTRAL ASIA"
PUBLISHER_HEADING = "FOREIGN POLICY RESEARCH INSTITUTE"
PROPER_WORDS = {"american": "American"}  # in the publisher's printed capitals
UNESCAPES = {"\\$": "$", "\\\\_": "_"}
# A paragraph is complete when its text (footnote references aside) ends so.
SENTENCE_END = re.compile(r"""[.?!:"”)]$""")
SUP_REF = re.compile(r"<sup>(\d+)</sup>")
TRAILING_REFS = re.compile(r"(<sup>\d+</sup>)+\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
CAPTION_CREDIT = re.compile(r"^(?P<caption>.*?)\s*(?P<credit>\([^()]*\))$")


@dataclass
class Block:
    kind: str  # front | publisher | heading | paragraph | pullquote | caption | footnote
    text: str
    line: int  # first line in the source (1-based)
    number: int | None = None  # footnote number, section index, or paragraph number
    section: str | None = None  # printed heading of the section it belongs to
    lines: list[int] = field(default_factory=list)  # every source line it was joined from


class SourceError(Exception):
    """The source does not have the shape this importer knows how to repair."""


# Parsing


def read_blocks(text: str) -> list[tuple[int, str]]:
    """Split on blank lines; whitespace-only lines count as blank."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def unescape(text: str) -> tuple[str, dict[str, int]]:
    counts = {}
    for escaped, plain in UNESCAPES.items():
        counts[escaped] = text.count(escaped)
        text = text.replace(escaped, plain)
    return text, counts


def heading_text(raw: str) -> str:
    return raw.replace("**", "").strip()


def footnote_start(text: str, expected: int) -> str | None:
    """The text of footnote `expected` if the block defines it, in either printed form."""
    for prefix in (f"<sup>{expected}</sup> ", f"{expected} "):
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return None


def is_open(paragraph: Block) -> bool:
    """True when a page break cut the paragraph before its end."""
    return not SENTENCE_END.search(TRAILING_REFS.sub("", paragraph.text).rstrip())


def parse_source(text: str) -> list[Block]:
    """Classify every block of the source; rejoin paragraphs split by page breaks."""
    text, _ = unescape(text)
    blocks: list[Block] = []
    region = "front"
    section: str | None = None
    next_footnote = 1
    open_paragraph: Block | None = None
    for line, raw in read_blocks(text):
        match = HEADING.match(raw)
        title = heading_text(match.group(2)) if match else None
        if title == PUBLISHER_HEADING and region in ("front", "report"):
            region = "publisher"
            blocks.append(Block("publisher", raw, line))
            continue
        if title == TITLE and region == "publisher":
            region = "title-repeat"
            blocks.append(Block("heading", TITLE, line, section=None))
            continue
        if title in SECTIONS and region in ("title-repeat", "report"):
            region, section = "report", title
            blocks.append(Block("heading", title, line, list(SECTIONS).index(title) + 1, title))
            continue
        if region != "report":
            blocks.append(Block(region if region != "title-repeat" else "front", raw, line))
            continue
        footnote = footnote_start(raw, next_footnote)
        if footnote is not None:
            blocks.append(Block("footnote", footnote, line, next_footnote, section))
            next_footnote += 1
            continue
        if title is not None:  # a heading inside a section is a pull quote
            blocks.append(Block("pullquote", title, line, section=section))
            continue
        if CAPTION_CREDIT.match(raw) and not raw.rstrip().endswith(".)"):
            blocks.append(Block("caption", raw, line, section=section))
            continue
        if open_paragraph is not None:
            open_paragraph.text = f"{open_paragraph.text} {raw.strip()}"
            open_paragraph.lines.append(line)
        else:
            open_paragraph = Block("paragraph", raw.strip(), line, section=section, lines=[line])
            blocks.append(open_paragraph)
        if not is_open(open_paragraph):
            open_paragraph = None
    number_paragraphs(blocks)
    check_shape(blocks, next_footnote - 1)
    return blocks


def number_paragraphs(blocks: list[Block]) -> None:
    paragraphs = [block for block in blocks if block.kind == "paragraph"]
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.number = number


def check_shape(blocks: list[Block], footnotes: int) -> None:
    """Fail loudly if the source does not look like the report this importer knows."""
    paragraphs = " ".join(b.text for b in blocks if b.kind == "paragraph").casefold()
    for block in blocks:
        if block.kind == "paragraph" and is_open(block):
            raise SourceError(f"line {block.line}: paragraph never ends: {block.text[-60:]!r}")
        if block.kind == "pullquote" and block.text.casefold() not in paragraphs:
            raise SourceError(
                f"line {block.line}: heading {block.text!r} is neither a section of the report "
                "nor a pull quote repeating a sentence of it"
            )
    found = [b.text for b in blocks if b.kind == "heading" and b.number]
    if found != list(SECTIONS):
        raise SourceError(f"sections found {found}, expected {list(SECTIONS)}")
    if footnotes == 0:
        raise SourceError("no footnotes found")
    references = [int(n) for b in blocks if b.kind == "paragraph" for n in SUP_REF.findall(b.text)]
    if references != list(range(1, footnotes + 1)):
        raise SourceError(f"footnote references {references} do not match definitions 1..{footnotes}")


# Writing Markdown


def markdown_inline(text: str) -> str:
    """Footnote references become Markdown footnotes labelled with their printed number."""
    return SUP_REF.sub(lambda m: f"[^{m.group(1)}]", text)


def markdown_footnote(text: str) -> str:
    # Links printed as [url](url) render exactly like the autolink <url>.
    return re.sub(r"\[(https?://[^\]\s]+)\]\(\1\)", r"<\1>", text)


def pullquote_html(text: str) -> str:
    # Pull quotes repeat a sentence of the text: hidden from screen readers, which read it once.
    return f'<aside class="pull-quote" aria-hidden="true" markdown="1">\n{text}\n</aside>'


def figure_html(caption_block: Block, number: int) -> str:
    match = CAPTION_CREDIT.match(caption_block.text)
    assert match
    # markdown="1"/"span" (md_in_html) keeps the caption in the Markdown tree, where the
    # index finds the names it mentions.
    return (
        f'<figure class="edition-figure" id="figure-{number}" markdown="1">\n'
        '<p class="edition-figure__missing editorial" markdown="span">'
        "[Image not reproduced in this edition]</p>\n"
        f'<figcaption markdown="span">{match.group("caption")} '
        f'<span class="edition-figure__credit">{match.group("credit")}</span></figcaption>\n'
        "</figure>"
    )


# A section's page. Its place in the report is the nav's (mkdocs.yml), written nowhere else.
def section_page(printed: str, blocks: list[Block], figures: dict[int, int]) -> str:
    title, _ = SECTIONS[printed]
    parts = [
        f"---\ntitle: {title}\nprinted_heading: {printed}\n---",
        f"# {title}",
    ]
    notes: list[str] = []
    # Blocks come in order of their first source line, so a figure or pull quote printed
    # inside a split paragraph lands right after that paragraph.
    for block in blocks:
        if block.kind == "paragraph":
            parts.append(f"{markdown_inline(block.text)}\n{{#p{block.number}}}")
        elif block.kind == "pullquote":
            parts.append(pullquote_html(block.text))
        elif block.kind == "caption":
            parts.append(figure_html(block, figures[block.line]))
        elif block.kind == "footnote":
            notes.append(f"[^{block.number}]: {markdown_footnote(block.text)}")
    return "\n\n".join(parts + notes) + "\n"


def place_blocks(blocks: list[Block]) -> dict[str, list[Block]]:
    """Group blocks by section, in order of their first source line."""
    by_section: dict[str, list[Block]] = {printed: [] for printed in SECTIONS}
    cited_in: dict[int, str] = {}
    for block in blocks:
        if block.kind == "paragraph":
            for number in SUP_REF.findall(block.text):
                cited_in[int(number)] = block.section or ""
    for block in blocks:
        if block.section is None or block.kind == "heading":
            continue
        # A footnote lives on the page that cites it, wherever the page break put it.
        home = block.section
        if block.kind == "footnote":
            if block.number is None:
                raise SourceError(f"line {block.line}: footnote without its number")
            home = cited_in[block.number]
        by_section[home].append(block)
    return {printed: sorted(found, key=lambda b: b.line) for printed, found in by_section.items()}


def title_page(front: list[Block]) -> str:
    # The cover and its verso, in printed order: publisher, series, title, author, rights,
    # author line, views disclaimer, programme leadership (4 lines), design, copyright, date.
    lines = [b.text.lstrip("# ").strip() for b in front]
    if len(lines) != 14:
        raise SourceError(f"title page: expected 14 printed lines, found {len(lines)}")
    (publisher, series, _title, author, rights, author_line, views,
     leadership, director, deputy, editing, design, copyright_line, date) = lines
    return f"""---
title: Title page
---

# Russia and China's Quiet Rivalry in Central Asia

<div class="title-page" markdown="1">

<p class="title-page__author">{author}</p>
<p class="title-page__series">{publisher} · {series}</p>
<p class="title-page__date">{date}</p>

</div>

## Credits

{author_line}

{leadership}

- {director}
- {deputy}
- {editing}
- {design}

## Copyright

{copyright_line}

{rights}

{views}

## This edition

This is the annotated online edition of Niva Yau's report, published by the Foreign
Policy Research Institute (FPRI) for its Eurasia Program's Central Asia Initiative in
September 2020. The report's text is given in full; every change made to it is listed
in [Changes to the text](changes.md). Paragraphs carry stable numbers (¶ 1 to ¶ 29) for
citation, and the footnotes keep their printed numbers (1 to 19). The report is © 2020
by the Foreign Policy Research Institute; the edition's apparatus is kept apart from
the text. See [About this edition](about-this-edition.md).

## Contents

1. [About the author](about-the-author.md)
2. [Executive summary](executive-summary.md)
3. [Introduction](introduction.md)
4. [En route to Beijing](en-route-to-beijing.md)
5. [Wrestling for digital supremacy](wrestling-for-digital-supremacy.md)
6. [Conclusion](conclusion.md)

The publisher's mission statement and address, printed inside the front and on the back
cover, are on [About the publisher](about-the-publisher.md).
"""


def sentence_case(heading: str) -> str:
    words = heading.capitalize().split()
    return " ".join(PROPER_WORDS.get(word, word) for word in words)


def publisher_page(inside: list[Block], back: list[Block]) -> str:
    parts = ["---\ntitle: About the publisher\n---", "# About the publisher"]
    for heading, blocks in (("Inside front cover", inside), ("Back cover", back)):
        parts.append(f"## {heading}")
        for block in blocks:
            match = HEADING.match(block.text)
            if not match:
                # Address lines printed one under another keep their line breaks.
                parts.append("  \n".join(block.text.splitlines()))
            elif heading_text(match.group(2)) != PUBLISHER_HEADING:
                parts.append(f"### {sentence_case(heading_text(match.group(2)))}")
            else:
                parts.append(f'<p class="publisher-name">{PUBLISHER_HEADING.title()}</p>')
    return "\n\n".join(parts) + "\n"


def repairs_record(blocks: list[Block], counts: dict[str, int]) -> list[dict]:
    repairs: list[dict] = []
    previous = "p1"  # the paragraph a pull quote or figure follows
    for block in blocks:
        if block.kind == "paragraph":
            previous = f"p{block.number}"
        if block.kind == "heading" and block.number:
            repairs.append({
                "kind": "heading",
                "where": SECTIONS[block.text][1],
                "source_lines": [block.line],
                "what": f"Heading printed in capitals ({block.text}) set in sentence case "
                        f"({SECTIONS[block.text][0]}).",
            })
        elif block.kind == "heading":
            repairs.append({
                "kind": "title",
                "where": "index.md",
                "source_lines": [block.line],
                "what": "The title, printed again at the head of the text, is given once, "
                        "on the title page.",
            })
        elif block.kind == "paragraph" and len(block.lines) > 1:
            repairs.append({
                "kind": "rejoined",
                "where": f"p{block.number}",
                "source_lines": block.lines,
                "what": "Paragraph split by a page break (and the footnotes or captions printed "
                        "at it) rejoined into one paragraph.",
            })
        elif block.kind == "pullquote":
            repairs.append({
                "kind": "pull-quote",
                "where": previous,
                "source_lines": [block.line],
                "what": "Pull quote set as a heading in the extraction; shown as a pull quote, "
                        "outside the table of contents and the paragraph numbering.",
            })
        elif block.kind == "caption":
            repairs.append({
                "kind": "figure",
                "where": previous,
                "source_lines": [block.line],
                "what": "Image caption and credit shown as a figure; the image is not reproduced.",
            })
        elif block.kind == "footnote":
            repairs.append({
                "kind": "footnote",
                "where": f"fn:{block.number}",
                "source_lines": [block.line],
                "what": "Footnote printed at a page foot, moved to the notes of its section "
                        "with its printed number.",
            })
    for escaped, count in counts.items():
        if count:
            repairs.append({
                "kind": "unescaped",
                "where": "text",
                "count": count,
                "what": f"Escape artifact {escaped!s} read as {UNESCAPES[escaped]!s}.",
            })
    return repairs


def write_edition(source: Path, out: Path, data: Path, force: bool) -> list[Path]:
    text = source.read_text(encoding="utf-8")
    blocks = parse_source(text)
    _, counts = unescape(text)
    last_line = max(b.line for b in blocks if b.kind == "paragraph")
    pages: dict[str, str] = {
        "index.md": title_page([b for b in blocks if b.kind == "front"]),
        "about-the-publisher.md": publisher_page(
            [b for b in blocks if b.kind == "publisher" and b.line < last_line],
            [b for b in blocks if b.kind == "publisher" and b.line > last_line],
        ),
    }
    captions = [b for b in blocks if b.kind == "caption"]
    figures = {b.line: n for n, b in enumerate(captions, start=1)}
    for printed, section_blocks in place_blocks(blocks).items():
        pages[SECTIONS[printed][1]] = section_page(printed, section_blocks, figures)
    written = []
    for name, content in pages.items():
        path = out / name
        if path.exists() and not force:
            raise SystemExit(f"{path} exists: docs/ holds the edited text; use --force to overwrite")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    data.mkdir(parents=True, exist_ok=True)
    record = data / "repairs.yml"
    record.write_text(
        "# Written by scripts/import_report.py: every structural repair of the extraction.\n"
        + yaml.safe_dump(repairs_record(blocks, counts), sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    written.append(record)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--force", action="store_true", help="overwrite the edited pages")
    args = parser.parse_args(argv)
    try:
        written = write_edition(args.source, args.out, args.data, args.force)
    except SourceError as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
