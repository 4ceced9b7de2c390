"""The Markdown extension the hook adds to MkDocs' converter (as mkdocs-autorefs does).

Its treeprocessors, in the order they run (highest priority first; Python-Markdown's and
MkDocs' own in brackets): [footnotes 50, its duplicates pass 15] printed note numbers 14,
[attr_list 8] cite links 7, phrase marks 6.5, ¶ and Cite links 6, [toc 5] mentions 3,
title lines 1, [MkDocs' link resolution 0], the address gate -10.
"""
from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

from edition.markdown.citelinks import CiteLinks
from edition.markdown.context import Current
from edition.markdown.footnotes import PrintedNumbers
from edition.markdown.gate import AddressGate
from edition.markdown.marks import PhraseMarks
from edition.markdown.mentions import MentionFinder
from edition.markdown.paragraphs import ParagraphAnchors
from edition.markdown.titles import TitleLines

# In the order they run: tests/test_hooks.py checks that their priorities say the same.
PROCESSORS = (PrintedNumbers, CiteLinks, PhraseMarks, ParagraphAnchors, MentionFinder, TitleLines, AddressGate)


class EditionExtension(Extension):
    def __init__(self, current: Current) -> None:
        super().__init__()
        self.current = current

    def extendMarkdown(self, md: Markdown) -> None:
        for processor in PROCESSORS:
            md.treeprocessors.register(processor(md, self.current), processor.name, processor.priority)
