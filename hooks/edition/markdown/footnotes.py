"""Footnotes keep the numbers printed in the report, on whatever page they fall.

Python-Markdown numbers footnotes 1, 2, 3 ... per page; the report numbers them 1 to 19
across the whole text. Pages label each footnote with its printed number ([^12]), so the
id is already fn:12 / fnref:12; this module makes the visible numbers, the list numbering
and the back-link titles say 12 as well (the model rejects labels that cannot be printed numbers).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

# Rendering: visible numbers are the printed ones


class PrintedNumbers(Treeprocessor):
    name = "edition-footnotes"
    # Runs after the footnotes extension has built its list (priority 50) and its
    # duplicate-reference pass (15).
    priority = 14

    def __init__(self, md, current: object = None) -> None:
        super().__init__(md)

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            element_id = element.get("id", "")
            if element.tag == "sup" and element_id.startswith("fnref"):
                label = element_id.split(":", 1)[1]
                for link in element.iter("a"):
                    link.text = label
                    link.set("aria-label", f"Note {label}")
            elif element.tag == "li" and element_id.startswith("fn:"):
                label = element_id[3:]
                element.set("value", label)
                for backlink in element.iter("a"):
                    if "footnote-backref" in backlink.get("class", ""):
                        backlink.set("title", f"Back to the reference to note {label} in the text")
                        backlink.set("aria-label", f"Back to the reference to note {label}")
