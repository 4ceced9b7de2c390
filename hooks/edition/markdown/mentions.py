"""Find every mention of a glossary term or entity: one pass per page, one matcher.

The matcher is a single regular expression over every alias of both files, longest alias
first (so "Silk Road Economic Belt" wins over "Silk Road"), whole words only, case as
written. The treeprocessor walks each page of the text once, skipping headings, links,
code, footnote markers and pull quotes, records where each entry is mentioned (the
paragraph pN or footnote fn:N around it) and turns the first mention of each glossary
term on a section page into a link to the glossary with the definition as its description.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.treeprocessors import Treeprocessor

from edition.model.entries import Entry
from edition.registry import Registry

SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "sup", "aside", "script"}
# The printed titles of cited works are text of the report, wrapped in a link by the
# bibliography: their mentions count, but no link goes inside a link.
READ_ONLY = "cite-work"
PARAGRAPH = re.compile(r"^p[1-9][0-9]*$")


@dataclass(frozen=True, order=True)
class Locator:
    page: str  # source path of the page
    anchor: str  # "p12", "fn:9", or "" for a page outside the numbered text


class Matcher:
    def __init__(self, owners: dict[str, Entry]) -> None:
        self.owners = owners
        aliases = sorted(owners, key=lambda alias: (-len(alias), alias))
        # Lookarounds, not \b: aliases may end in punctuation ("U.S.").
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)") \
            if aliases else None

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match.start(), match.end(), self.owners[match.group()]


class MentionFinder(Treeprocessor):
    # After the ¶ links (6), toc and MkDocs' anchor collection (5); before MkDocs resolves
    # relative links (0), so the glossary links it adds are resolved and validated too.
    priority = 3

    def __init__(self, md, registry: Registry) -> None:
        super().__init__(md)
        self.registry = registry

    def run(self, root: etree.Element) -> None:
        registry = self.registry
        if registry.index is None or not registry.scan_mentions:
            return
        self.linked: set[str] = set()
        self.tips: list[Entry] = []
        self.walk(root, "" if not registry.in_report else None, can_link=True)
        if self.tips:
            root.append(tooltip_container(self.tips))

    def walk(self, element: etree.Element, anchor: str | None, can_link: bool) -> None:
        anchor = anchor_of(element) or anchor
        if element.text and anchor is not None:
            self.split(element, None, element.text, anchor, can_link)
        for child in list(element):
            classes = child.get("class", "").split()
            if READ_ONLY in classes:
                self.walk(child, anchor, can_link=False)
            elif child.tag not in SKIPPED_TAGS and "pull-quote" not in classes:
                self.walk(child, anchor, can_link)
            if child.tail and anchor is not None:
                self.split(element, child, child.tail, anchor, can_link)

    # Record the mentions in one run of text; link the first of each term on the page.
    def split(self, parent: etree.Element, before: etree.Element | None, text: str, anchor: str,
              can_link: bool) -> None:
        registry = self.registry
        cursor, pieces = 0, []
        for start, end, entry in registry.matcher.find(text):
            registry.mentions.setdefault(entry.id, set()).add(Locator(registry.page, anchor))
            if can_link and self.should_link(entry, anchor):
                pieces.append((text[cursor:start], self.term_link(entry, text[start:end])))
                cursor = end
        if not pieces:
            return
        set_text(parent, before, pieces[0][0])
        position = 0 if before is None else list(parent).index(before) + 1
        for index, (_, link) in enumerate(pieces):
            link.tail = pieces[index + 1][0] if index + 1 < len(pieces) else text[cursor:]
            parent.insert(position + index, link)

    def should_link(self, entry: Entry, anchor: str) -> bool:
        if entry.kind != "term" or entry.id in self.linked or not self.registry.in_report:
            return False
        if not PARAGRAPH.match(anchor):
            return False  # terms are explained in the text, not in the notes
        self.linked.add(entry.id)
        return True

    def term_link(self, entry: Entry, words: str) -> etree.Element:
        self.tips.append(entry)
        href = posixpath.relpath("glossary.md", posixpath.dirname(self.registry.page) or ".")
        link = etree.Element("a", {
            "class": "gloss-term",
            "href": f"{href}#{entry.id}",
            "aria-describedby": f"gloss-tip-{entry.id}",
        })
        link.text = words
        return link


# Helper functions


def anchor_of(element: etree.Element) -> str | None:
    element_id = element.get("id", "")
    if element.tag == "p" and PARAGRAPH.match(element_id):
        return element_id
    if element.tag == "li" and element_id.startswith("fn:"):
        return element_id
    if element.tag == "figure" and element_id.startswith("figure-"):
        return element_id
    return None


def set_text(parent: etree.Element, before: etree.Element | None, text: str) -> None:
    if before is None:
        parent.text = text
    else:
        before.tail = text


# The definitions, once per page, hidden: screen readers read them as the terms'
# descriptions; the edition's script shows them next to a term on hover, focus or tap.
def tooltip_container(entries: list[Entry]) -> etree.Element:
    container = etree.Element("div", {"class": "gloss-tips", "hidden": "hidden",
                                      "data-search-exclude": ""})
    for entry in entries:
        tip = etree.SubElement(container, "span", {"class": "gloss-tip", "role": "tooltip",
                                                   "id": f"gloss-tip-{entry.id}"})
        name = etree.SubElement(tip, "strong")
        name.text = entry.name
        name.tail = f": {' '.join(entry.text.split())}"
    return container
