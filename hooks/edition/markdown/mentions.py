"""Find every mention of a glossary term or entity: one pass per page, one matcher
(edition.model.names.Matcher). The treeprocessor walks each page of the text once, skipping headings, links,
code, footnote markers and pull quotes, records where each entry is mentioned (the
paragraph pN or footnote fn:N around it) and turns the first mention of each glossary
term on a section page into a link to the glossary with the definition as its description.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from edition.markdown.context import Current
from edition.markup import link_from
from edition.model.anchors import Anchor, Kind
from edition.model.edition import Entry, Mention

SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "sup", "aside", "script"}
# The printed titles of cited works are text of the report, wrapped in a link by the
# bibliography: their mentions count, but no link goes inside a link.
READ_ONLY = "cite-work"


class MentionFinder(Treeprocessor):
    name = "edition-mentions"
    # After the ¶ links (6), toc and MkDocs' anchor collection (5); before MkDocs resolves
    # relative links (0), so the glossary links it adds are resolved and validated too.
    priority = 3

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    # The printed text only: the report's sections, the title and publisher's pages.
    def run(self, root: etree.Element) -> None:
        page = self.current.page
        if self.current.matcher is None or page is None or not page.printed:
            return
        self.linked: set[str] = set()
        self.tips: list[Entry] = []
        self.walk(root, Outside if not page.in_report else None, can_link=True)
        if self.tips:
            root.append(tooltip_container(self.tips))

    # `anchor`: the paragraph, note or figure around; Outside on a page without numbered
    # text (the title page); None where no mention counts (a section's title, its asides).
    def walk(self, element: etree.Element, anchor: Anchor | type[Outside] | None, can_link: bool) -> None:
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
    def split(self, parent: etree.Element, before: etree.Element | None, text: str,
              anchor: Anchor | type[Outside], can_link: bool) -> None:
        page, mentions = self.current.page, self.current.rendered.mentions
        assert page is not None and self.current.matcher is not None
        where = anchor if isinstance(anchor, Anchor) else None  # None: outside any paragraph or note
        cursor, pieces = 0, []
        for start, end, entry in self.current.matcher.find(text):
            mentions.setdefault(entry.id, set()).add(Mention(page.src_uri, where))
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

    def should_link(self, entry: Entry, anchor: Anchor | type[Outside]) -> bool:
        page = self.current.page
        if entry.kind != "term" or entry.id in self.linked or page is None or not page.in_report:
            return False
        if not isinstance(anchor, Anchor) or anchor.kind != "p":
            return False  # terms are explained in the text, not in the notes
        self.linked.add(entry.id)
        return True

    def term_link(self, entry: Entry, words: str) -> etree.Element:
        self.tips.append(entry)
        assert self.current.page is not None
        link = etree.Element("a", {
            "class": "gloss-term",
            "href": link_from(self.current.page.src_uri, "glossary.md", entry.id),
            "aria-describedby": f"gloss-tip-{entry.id}",
        })
        link.text = words
        return link


# Helper functions


# Mentions outside the numbered text, on a page that has none (the title page).
class Outside:
    pass


TAGS: dict[str, Kind] = {"p": "p", "li": "fn", "figure": "figure"}


def anchor_of(element: etree.Element) -> Anchor | None:
    kind = TAGS.get(element.tag)
    element_id = element.get("id", "")
    return Anchor.parse(element_id) if kind and Anchor.is_valid(element_id, (kind,)) else None


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
