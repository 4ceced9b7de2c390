"""The importer: what it finds in the source, that it drops no word, and its repairs."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from import_report import SOURCE, SourceError, main, parse_source, unescape

ROOT = Path(__file__).resolve().parent.parent
MARKUP = re.compile(r"<sup>\d+</sup>|^#+\s|\*\*?|\[(https?://[^\]]+)\]\(\1\)|[<>]", re.MULTILINE)


def source_words(text: str) -> Counter[str]:
    text, _ = unescape(text)
    return Counter(MARKUP.sub(lambda m: f" {m.group(1) or ''} ", text).split())


@pytest.mark.content
def test_the_shape_of_the_report(source_blocks):
    kinds = Counter(block.kind for block in source_blocks)
    assert kinds["paragraph"] == 29
    assert kinds["footnote"] == 19
    assert kinds["caption"] == 2
    assert kinds["pullquote"] == 4
    assert [b.number for b in source_blocks if b.kind == "footnote"] == list(range(1, 20))


@pytest.mark.content
def test_no_word_of_the_source_is_lost_or_added(source_blocks):
    # Every word of the source is in exactly one block: nothing dropped, nothing doubled.
    text = SOURCE.read_text(encoding="utf-8")
    lines = text.splitlines()
    in_blocks = Counter()
    for block in source_blocks:
        in_blocks += source_words(block.text)
        if block.kind == "footnote" and lines[block.line - 1].startswith(f"{block.number} "):
            in_blocks[str(block.number)] += 1  # the bare printed label, kept as the number
    assert in_blocks == source_words(text)


@pytest.mark.content
def test_page_break_splits_are_rejoined(source_blocks):
    paragraphs = {b.number: b.text for b in source_blocks if b.kind == "paragraph"}
    assert "loan agreements to the Uzbek, Turkmen, Kyrgyz, and Kazakh presidents" in paragraphs[4]
    assert "With the Jiang Zemin government" in paragraphs[5]
    assert "Map of Central Asia" not in paragraphs[5]


@pytest.mark.content
def test_escapes_are_undone(source_blocks):
    text = " ".join(block.text for block in source_blocks)
    assert "\\$" not in text and "\\_" not in text
    assert "$19.8 billion" in text and "02_ESCAP_ICT_in_CA.pdf" in text


SPLIT = """\
# TITLE ROW

# RUSSIA AND CHINA'S QUIET RIVALRY IN CENTRAL ASIA

## ABOUT THE AUTHOR

A paragraph.

## EXECUTIVE SUMMARY

Summary.

# INTRODUCTION

First half of a sentence cut by a page<sup>1</sup>

1 The note, printed bare.

Caption of a picture (Photo Agency)

break and its end.

## FIRST HALF OF A SENTENCE CUT BY A PAGE

## EN ROUTE TO BEIJING

Text.

## WRESTLING FOR DIGITAL SUPREMACY

Text.

## CONCLUSION

Last.
"""
FRONT = "# FOREIGN POLICY RESEARCH INSTITUTE\n\nMission.\n\n"


def parse(text: str):
    return parse_source(text.replace("# RUSSIA", FRONT + "# RUSSIA", 1))


def test_small_source_is_repaired():
    blocks = parse(SPLIT)
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert "First half of a sentence cut by a page<sup>1</sup> break and its end." in paragraphs
    assert [b.text for b in blocks if b.kind == "footnote"] == ["The note, printed bare."]
    assert [b.text for b in blocks if b.kind == "caption"] == ["Caption of a picture (Photo Agency)"]
    assert [b.kind for b in blocks if b.text.startswith("FIRST HALF")] == ["pullquote"]


@pytest.mark.parametrize(
    "change, message",
    [
        (("## FIRST HALF OF A SENTENCE CUT BY A PAGE", "## A HEADING NOBODY KNOWS"),
         "neither a section of the report nor a pull quote"),
        (("a page<sup>1</sup>", "a page<sup>2</sup>"), "footnote references [2] do not match"),
        (("1 The note, printed bare.", "2 The note, printed bare."), "no footnotes found"),
        (("Last.", "Last words without an end"), "paragraph never ends"),
    ],
)
def test_unknown_shapes_stop_the_import(change, message):
    with pytest.raises(SourceError, match=re.escape(message)):
        parse(SPLIT.replace(*change))


@pytest.mark.content
def test_import_reproduces_the_committed_record_and_anchors(tmp_path):
    assert main(["--out", str(tmp_path / "docs"), "--data", str(tmp_path / "data")]) == 0
    # The record of repairs in data/ is exactly what the importer derives from the source.
    assert (tmp_path / "data" / "repairs.yml").read_text() == (ROOT / "data/repairs.yml").read_text()
    # Hand edits may change the pages, never the paragraph ids the import gave them.
    anchor = re.compile(r"\{#(p\d+)\}")
    for page in sorted((tmp_path / "docs").glob("*.md")):
        edited = (ROOT / "docs" / page.name).read_text(encoding="utf-8")
        assert anchor.findall(page.read_text(encoding="utf-8")) == anchor.findall(edited), page.name


def test_import_refuses_to_overwrite_edited_pages(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("hand edits")
    with pytest.raises(SystemExit, match="use --force"):
        main(["--out", str(tmp_path / "docs"), "--data", str(tmp_path / "data")])
    assert (tmp_path / "docs" / "index.md").read_text() == "hand edits"


@pytest.mark.content
def test_repairs_record_every_split_paragraph(source_blocks):
    repairs = yaml.safe_load((ROOT / "data/repairs.yml").read_text())
    rejoined = {r["where"] for r in repairs if r["kind"] == "rejoined"}
    split = {f"p{b.number}" for b in source_blocks if b.kind == "paragraph" and len(b.lines) > 1}
    assert rejoined == split and "p4" in rejoined
