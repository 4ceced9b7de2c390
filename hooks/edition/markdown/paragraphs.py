"""Stable paragraph anchors: every paragraph of the report carries id pN from the Markdown.

The ids are written in the pages ({#p12}) so MkDocs' anchor validation sees them and no
later edit renumbers anything (the model checks that no id is used twice). This module
checks each paragraph of the report has one and adds, in one place, the paragraph's two
links: the visible ¶ link to itself and its Cite link.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from edition.errors import EditionError
from edition.markdown.context import Current
from edition.markup import link_from
from edition.model.anchors import Anchor


class ParagraphAnchors(Treeprocessor):
    name = "edition-paragraphs"
    # After attr_list (8) has set the ids; before toc and MkDocs' anchor collection (5).
    priority = 6

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        page = self.current.page
        if page is None:
            return
        for paragraph in root.findall("p"):
            if is_raw_html(paragraph):
                continue
            element_id = paragraph.get("id")
            if element_id is None:
                if page.in_report:
                    raise EditionError(
                        f"{page.src_uri}: paragraph without an id ({excerpt(paragraph)!r}): "
                        "end it with a line '{#pN}', N the next unused paragraph number"
                    )
                continue
            if not Anchor.is_valid(element_id, ("p",)):
                if page.in_report:
                    raise EditionError(
                        f"{page.src_uri}: paragraph id '{element_id}' is not of the form pN "
                        "(p followed by a number without leading zeros, e.g. p12)"
                    )
                continue
            number = Anchor.parse(element_id).number
            add_number_link(paragraph, number)
            if page.cite_links:
                add_cite_link(paragraph, number, link_from(page.src_uri, "cite.md", f"cite-p{number}"))


# Helper functions


# The ¶ link: "¶ 12" on screen, "Paragraph 12" to a screen reader. The paragraph is left out
# of Material's search sections: it is an entry of its own in the index (edition/search.py).
# Material drops the attribute from the page once it has read it.
def add_number_link(paragraph: etree.Element, number: int) -> None:
    paragraph.set("class", (paragraph.get("class", "") + " para").strip())
    paragraph.set("data-search-exclude", "paragraph")
    link = etree.Element("a", {"class": "para-num", "href": f"#{Anchor('p', number).id}",
                               "title": f"Link to paragraph {number}"})
    mark = etree.SubElement(link, "span", {"aria-hidden": "true"})
    mark.text = "¶\u00a0"
    hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
    hidden.text = "Paragraph "
    hidden.tail = str(number)
    link.tail = paragraph.text
    paragraph.text = None
    paragraph.insert(0, link)


# The Cite link after it opens the paragraph's citations (docs/javascripts/cite.js), or
# without scripts the paragraph's entry on the Cite page.
def add_cite_link(paragraph: etree.Element, number: int, href: str) -> None:
    numbers = paragraph[0]
    link = etree.Element("a", {"class": "para-cite cite-open", "href": href, "data-cite": f"p{number}",
                               "aria-label": f"Cite paragraph {number}"})
    link.text = "Cite"
    link.tail, numbers.tail = numbers.tail, None
    paragraph.insert(1, link)


# A block of raw HTML (a figure, a pull quote) stands in the tree as a placeholder paragraph.
def is_raw_html(paragraph: etree.Element) -> bool:
    return not len(paragraph) and bool(HTML_PLACEHOLDER_RE.fullmatch((paragraph.text or "").strip()))


def excerpt(paragraph: etree.Element) -> str:
    return " ".join("".join(paragraph.itertext()).split())[:60]
