"""The Markdown extension the hooks add to MkDocs' converter (as mkdocs-autorefs does)."""
from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

from edition.markdown.footnotes import PrintedNumbers
from edition.markdown.mentions import MentionFinder
from edition.markdown.paragraphs import ParagraphAnchors
from edition.registry import Registry


class EditionExtension(Extension):
    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PrintedNumbers(md), "edition-footnotes", PrintedNumbers.priority)
        md.treeprocessors.register(
            ParagraphAnchors(md, self.registry), "edition-paragraphs", ParagraphAnchors.priority
        )
        md.treeprocessors.register(
            MentionFinder(md, self.registry), "edition-mentions", MentionFinder.priority
        )
