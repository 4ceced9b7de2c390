"""Every word of the report is in the built edition, in order, except the recorded changes."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from bs4 import Tag

from helpers import REPORT_PAGES
from import_report import SECTIONS

# The report's text as printed: tests of this edition's content, not of the code.
pytestmark = pytest.mark.content

ROOT = Path(__file__).resolve().parent.parent
# The edition's own additions inside the report's paragraphs and notes.
APPARATUS = ".para-num, .para-cite, sup[id^=fnref], a.footnote-backref, ins.critic, .editorial"
SOURCE_MARKUP = re.compile(r"<sup>\d+</sup>|\*|\[(https?://[^\]]+)\]\(\1\)|<(https?://[^>]+)>")


def source_words(text: str) -> list[str]:
    return SOURCE_MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).split()


def built_words(element: Tag) -> list[str]:
    element = copy.copy(element)
    for extra in element.select(APPARATUS):
        extra.decompose()
    return element.get_text("").split()


def by_id(site, element_id: str) -> Tag:
    for page in REPORT_PAGES:
        found = site.page(page).find(id=element_id)
        if found is not None:
            return found
    raise AssertionError(f"{element_id} is in no page of the report")


def first_difference(expected: list[str], actual: list[str]) -> str:
    for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            return f"word {index + 1}: source {' '.join(expected[index:index + 6])!r}, " \
                   f"edition {' '.join(actual[index:index + 6])!r}"
    return f"lengths differ: source {len(expected)} words, edition {len(actual)}"


def test_every_paragraph_reads_as_printed(site, source_blocks):
    for block in (b for b in source_blocks if b.kind == "paragraph"):
        expected, actual = source_words(block.text), built_words(by_id(site, f"p{block.number}"))
        if expected != actual:
            pytest.fail(f"p{block.number} (source line {block.line}) differs: "
                        f"{first_difference(expected, actual)}")


def test_every_footnote_reads_as_printed(site, source_blocks):
    for block in (b for b in source_blocks if b.kind == "footnote"):
        expected, actual = source_words(block.text), built_words(by_id(site, f"fn:{block.number}"))
        if expected != actual:
            pytest.fail(f"footnote {block.number} (source line {block.line}) differs: "
                        f"{first_difference(expected, actual)}")


def test_pull_quotes_captions_and_headings_are_kept(site, source_blocks):
    pages = [site.page(page) for page in REPORT_PAGES]
    pull_quotes = [q.get_text(" ", strip=True) for p in pages for q in p.select("aside.pull-quote")]
    captions = [c.get_text(" ", strip=True) for p in pages for c in p.select("figure figcaption")]
    assert pull_quotes == [b.text for b in source_blocks if b.kind == "pullquote"]
    assert captions == [b.text for b in source_blocks if b.kind == "caption"]
    headings = [p.find("article").h1.get_text(strip=True).rstrip("#") for p in pages]
    printed = [b.text for b in source_blocks if b.kind == "heading" and b.number]
    assert [h.casefold() for h in headings] == [p.casefold() for p in printed]
    assert headings == [title for title, _ in SECTIONS.values()]


def test_front_matter_and_publisher_text_are_kept(site, source_blocks):
    title_page = site.page("").find("article").get_text(" ").casefold().split()
    for block in (b for b in source_blocks if b.kind == "front"):
        for word in source_words(block.text.lstrip("# ")):
            assert word.casefold() in title_page, (block.line, word)
    publisher = " ".join(site.page("about-the-publisher").find("article").get_text(" ").split())
    for block in (b for b in source_blocks if b.kind == "publisher"):
        text = " ".join(source_words(re.sub(r"^#+ |\[[^\]]+\]\(([^)]+)\)", "", block.text)))
        assert text.casefold() in publisher.casefold(), block.line


def test_every_recorded_change_is_visible_where_it_is_made(site):
    entries = yaml.safe_load((ROOT / "data/emendations.yml").read_text())
    for entry in entries:
        holder = by_id(site, entry["where"])
        assert holder.select("ins.critic, del.critic"), entry["where"]
    changes = site.page("changes").find("article").get_text(" ")
    assert all(" ".join(e["reason"].split()) in " ".join(changes.split()) for e in entries)
