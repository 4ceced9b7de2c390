"""Stable paragraph anchors: every paragraph of the report carries id pN from the Markdown.

The ids are written in the pages ({#p12}) so MkDocs' anchor validation sees them and no
later edit renumbers anything. This module checks them and adds the visible ¶ link.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from mkdocs.exceptions import PluginError

from edition.registry import Registry

PARAGRAPH_ID = re.compile(r"^p([1-9][0-9]*)$")


class ParagraphAnchors(Treeprocessor):
    # After attr_list (8) has set the ids; before toc and MkDocs' anchor collection (5).
    priority = 6

    def __init__(self, md, registry: Registry) -> None:
        super().__init__(md)
        self.registry = registry

    def run(self, root: etree.Element) -> None:
        registry = self.registry
        for paragraph in root.findall("p"):
            if is_raw_html(paragraph):
                continue
            element_id = paragraph.get("id")
            if element_id is None:
                if registry.in_report:
                    raise PluginError(
                        f"{registry.page}: paragraph without an id ({excerpt(paragraph)!r}): "
                        "end it with a line '{#pN}', N the next unused paragraph number"
                    )
                continue
            match = PARAGRAPH_ID.match(element_id)
            if not match:
                if registry.in_report:
                    raise PluginError(
                        f"{registry.page}: paragraph id '{element_id}' is not of the form pN "
                        "(p followed by a number without leading zeros, e.g. p12)"
                    )
                continue
            claim(registry, element_id)
            add_number_link(paragraph, match.group(1))


# Helper functions


def claim(registry: Registry, element_id: str) -> None:
    holder = registry.paragraphs.get(element_id)
    if holder is not None:
        where = "this page" if holder == registry.page else holder
        raise PluginError(
            f"{registry.page}: duplicate paragraph id '{element_id}', already used on {where}: "
            "give the new paragraph the next unused number instead of renumbering"
        )
    registry.paragraphs[element_id] = registry.page


# The ¶ link: "¶ 12" on screen, "Paragraph 12" to a screen reader.
def add_number_link(paragraph: etree.Element, number: str) -> None:
    paragraph.set("class", (paragraph.get("class", "") + " para").strip())
    link = etree.Element("a", {"class": "para-num", "href": f"#p{number}",
                               "title": f"Link to paragraph {number}"})
    mark = etree.SubElement(link, "span", {"aria-hidden": "true"})
    mark.text = "¶\u00a0"
    hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
    hidden.text = "Paragraph "
    hidden.tail = number
    link.tail = paragraph.text
    paragraph.text = None
    paragraph.insert(0, link)


# A block of raw HTML (a figure, a pull quote) stands in the tree as a placeholder paragraph.
def is_raw_html(paragraph: etree.Element) -> bool:
    return not len(paragraph) and bool(HTML_PLACEHOLDER_RE.fullmatch((paragraph.text or "").strip()))


def excerpt(paragraph: etree.Element) -> str:
    return " ".join("".join(paragraph.itertext()).split())[:60]
