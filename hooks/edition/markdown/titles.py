"""The lines under a page's title, put there by one processor in one written order:
the downloads line, "Cite this edition", the annotations' toolbar (`PageInfo.title_lines`)."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from edition.markdown.context import Current


class TitleLines(Treeprocessor):
    name = "edition-title-lines"
    # Last of the edition's: nothing after it reads the lines.
    priority = 1

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        page = self.current.page
        title = root.find("h1")
        lines = (page.title_lines if title is not None else page.untitled_lines) if page else ()
        if not lines:
            return
        placeholder = self.md.htmlStash.store("".join(lines))
        # Right after </h1> (the h1's tail), so the lines follow the title without a break.
        if title is not None:
            title.tail = placeholder + (title.tail or "")
        else:
            root.text = placeholder + (root.text or "")
