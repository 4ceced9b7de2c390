"""Every page, as it renders, held to the rule for addresses (model/addresses.py).

The model refuses a bad address in the data before any page renders, naming the file, the
entry and the field. This is the last check, on the tree each page's Markdown became (its
own text, the data placed in it, the generated pages): an address or attribute the rule
refuses is taken out of the page and recorded, and the one hook stops the build naming
the page (and the annotation, inside one). Raw HTML written in a page is not Markdown's
tree and is not checked here (SECURITY.md).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from edition.markdown.context import Current, PageInfo
from edition.model import addresses


class AddressGate(Treeprocessor):
    name = "edition-address-gate"
    # Last of all, after MkDocs' link resolution (0): it sees the addresses the page will have.
    priority = -10

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        if self.current.page is not None:
            self.check(root, self.current.page, "")

    # The element and what it holds; `within` names the annotation around them, if any.
    def check(self, element: etree.Element, page: PageInfo, within: str) -> None:
        element_id = str(element.get("id", ""))
        if element_id.startswith("note-"):
            within = f", annotation '{element_id.removeprefix('note-')}'"
        for attribute, refused in addresses.in_element(element, page.url):
            del element.attrib[attribute]
            self.current.rendered.refused.append(f"{page.src_uri}{within}: {refused}")
        for child in element:
            self.check(child, page, within)
