"""Footnotes keep the numbers printed in the report, on whatever page they fall.

Python-Markdown numbers footnotes 1, 2, 3 ... per page; the report numbers them 1 to 19
across the whole text. Pages label each footnote with its printed number ([^12]), so the
id is already fn:12 / fnref:12; this module makes the visible numbers, the list numbering
and the back-link titles say 12 as well, and rejects labels that cannot be printed numbers.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.MULTILINE | re.DOTALL)


# Checks on the page's Markdown


def check_labels(markdown: str, page: str, defined_elsewhere: dict[str, str]) -> list[str]:
    """Every reference has a definition and vice versa; labels are unique printed numbers."""
    text = CODE.sub("", markdown)
    definitions = DEFINITION.findall(text)
    references = REFERENCE.findall(DEFINITION.sub("", text))
    for label in definitions + references:
        if not label.isdigit():
            fail(page, label, "is not a number: label each footnote with its printed number, e.g. [^12]")
    for label in sorted(set(references) - set(definitions), key=int):
        fail(page, label, f"is referenced but never defined: add a line '[^{label}]: ...' to the page")
    for label in sorted(set(definitions) - set(references), key=int):
        fail(page, label, f"is defined but never referenced: cite it with [^{label}] or remove it")
    for label in definitions:
        if definitions.count(label) > 1:
            fail(page, label, "is defined twice on this page: keep one definition")
        if label in defined_elsewhere:
            fail(page, label, f"is also defined on {defined_elsewhere[label]}: printed numbers are unique")
    return definitions


def fail(page: str, label: str, problem: str) -> None:
    raise PluginError(f"{page}: footnote [^{label}] (id fn:{label}) {problem}")


# Rendering: visible numbers are the printed ones


class PrintedNumbers(Treeprocessor):
    # Runs after the footnotes extension has built its list (priority 50) and its
    # duplicate-reference pass (15).
    priority = 14

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
