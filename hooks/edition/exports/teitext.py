"""The report's text as TEI: a page's rendered HTML, turned into TEI elements.

The TEI text is made from the HTML the web edition shows (each page's content after every
feature ran), so the two cannot drift apart: the same paragraphs, notes at their calls,
changes of wording, pull quotes and figures. What only a browser needs (the ¶ and Cite
links, the annotation blocks, tooltips, controls) is left out; names and terms are tagged
with the model's name matcher, by the rules of the web index.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree, html

from edition.model.anchors import Anchor

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Blocks of the page that are apparatus or browser furniture, never text of the report.
SKIPPED_BLOCKS = {"annotations", "annotation-controls", "discussion-questions", "edition-downloads",
                  "page-cite", "gloss-tips", "footnote", "headerlink", "title-page__edition"}
SKIPPED_INLINE = {"para-num", "para-cite", "note-marker", "footnote-backref", "headerlink", "visually-hidden"}
HEADINGS = {"h2": 2, "h3": 3, "h4": 4}
# (start, end, TEI tag, ref) of every name in a run of text.
NameFinder = Callable[[str], Iterator[tuple[int, int, str, str]]]


def tei(tag: str, attributes: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    element = etree.Element(f"{{{TEI}}}{tag}", attributes or {}, nsmap={None: TEI})
    element.text = text
    return element


def sub(parent: etree._Element, tag: str, attributes: dict[str, str] | None = None,
        text: str | None = None) -> etree._Element:
    element = tei(tag, attributes, text)
    parent.append(element)
    return element


def classes(element: html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


class PageText:
    """One page's content HTML, read once; its blocks converted on demand."""

    def __init__(self, content: str, names: NameFinder) -> None:
        self.root = html.fragment_fromstring(content, create_parent="div")
        self.names = names
        self.notes = {li.get("id"): li for li in self.root.iter("li") if (li.get("id") or "").startswith("fn:")}

    def blocks(self) -> Iterator[html.HtmlElement]:
        for element in self.root:
            if not isinstance(element.tag, str) or element.tag == "h1" or classes(element) & SKIPPED_BLOCKS:
                continue
            yield element

    # The page's blocks into `div`: a heading opens a nested div, as TEI wants heads first.
    def fill(self, div: etree._Element) -> None:
        stack = [(1, div)]
        for block in self.blocks():
            level = HEADINGS.get(block.tag)
            if level is not None:
                while stack[-1][0] >= level:
                    stack.pop()
                nested = sub(stack[-1][1], "div", {"type": "subsection"})
                self.inline(sub(nested, "head"), block, tag_names=False)
                stack.append((level, nested))
            else:
                self.block(stack[-1][1], block)

    def block(self, parent: etree._Element, element: html.HtmlElement) -> None:
        names = classes(element)
        if element.tag == "p":
            attributes = {}
            if Anchor.is_valid(element.get("id", ""), ("p",)):
                anchor = Anchor.parse(element.get("id"))
                attributes = {XML_ID: anchor.id, "n": str(anchor.number)}
            self.inline(sub(parent, "p", attributes), element)
        elif element.tag == "aside" and "pull-quote" in names:
            quote = sub(parent, "quote", {"type": "pullQuote", "rend": "pull-quote"})
            self.inline(sub(quote, "p"), element, tag_names=False)
        elif element.tag == "figure":
            self.figure(parent, element)
        elif element.tag in ("ul", "ol"):
            listing = sub(parent, "list", {"rend": "numbered" if element.tag == "ol" else "bulleted"})
            for item in element.findall("li"):
                self.inline(sub(listing, "item"), item)
        elif element.tag in ("div", "section", "blockquote"):
            for child in element:
                if isinstance(child.tag, str) and not classes(child) & SKIPPED_BLOCKS:
                    self.block(parent, child)
        elif element.tag == "table":
            self.inline(sub(parent, "p"), element)

    def figure(self, parent: etree._Element, element: html.HtmlElement) -> None:
        figure = sub(parent, "figure", {XML_ID: element.get("id")} if element.get("id") else {})
        caption = element.find("figcaption")
        if caption is not None:
            self.inline(sub(figure, "head"), caption)
        missing = " ".join(element.xpath("string(.//*[contains(@class, 'edition-figure__missing')])").split())
        sub(figure, "figDesc", text=missing.strip("[]") or "Image not reproduced in this edition")

    # An element's text and inline children, appended into `target`.
    def inline(self, target: etree._Element, element: html.HtmlElement, tag_names: bool = True) -> None:
        self.text(target, element.text, tag_names)
        for child in element:
            if isinstance(child.tag, str):
                self.child(target, child, tag_names)
            self.text(target, child.tail, tag_names)

    def child(self, target: etree._Element, child: html.HtmlElement, tag_names: bool) -> None:
        names = classes(child)
        if names & SKIPPED_INLINE or names & SKIPPED_BLOCKS:
            return
        tag = child.tag
        if tag == "sup" and (child.get("id") or "").startswith("fnref:"):
            self.note(target, child.get("id").split(":", 1)[1])
        elif tag == "mark" and "annotated" in names:
            self.inline(sub(target, "seg", {"type": "annotated", XML_ID: "phrase-" + child.get("data-note", "")[5:]}),
                        child, tag_names)
        elif tag == "ins":
            self.inline(sub(target, "add", {"resp": "#editors"}), child, tag_names)
        elif tag == "del":
            self.inline(sub(target, "del", {"resp": "#editors"}), child, tag_names)
        elif tag in ("em", "i", "cite"):
            self.inline(sub(target, "hi", {"rend": "italic"}), child, tag_names)
        elif tag in ("strong", "b"):
            self.inline(sub(target, "hi", {"rend": "bold"}), child, tag_names)
        elif tag == "br":
            sub(target, "lb")
        elif tag == "a":
            self.link(target, child, tag_names)
        else:
            self.inline(target, child, tag_names)

    def link(self, target: etree._Element, link: html.HtmlElement, tag_names: bool) -> None:
        href = link.get("href") or ""
        if "cite-work" in classes(link):
            self.inline(sub(target, "ref", {"type": "work", "target": "#work-" + href.rsplit("#", 1)[-1]}),
                        link, tag_names)
        elif re.match(r"https?://", href):
            self.inline(sub(target, "ref", {"target": href}), link, tag_names)
        else:
            self.inline(target, link, tag_names)  # a link within the edition: its words only

    # A footnote at its call: the definition's paragraphs, with the works they cite.
    def note(self, target: etree._Element, number: str) -> None:
        note = sub(target, "note", {"place": "foot", "n": number, XML_ID: f"fn{number}"})
        definition = self.notes.get(f"fn:{number}")
        if definition is None:
            return
        paragraphs = [p for p in definition if p.tag == "p"] or [definition]
        for paragraph in paragraphs:
            self.inline(note if len(paragraphs) == 1 else sub(note, "p"), paragraph)

    # Text, with every name the matcher finds wrapped in its TEI name element.
    def text(self, target: etree._Element, text: str | None, tag_names: bool) -> None:
        if not text:
            return
        cursor = 0
        found = self.names(text) if tag_names else iter(())
        for start, end, tag, ref in found:
            append_text(target, text[cursor:start])
            sub(target, tag, {"ref": ref}, text[start:end])
            cursor = end
        append_text(target, text[cursor:])


def append_text(target: etree._Element, text: str) -> None:
    if not text:
        return
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text
