"""The lines under a page's title, put there by one processor in one written order:
the downloads line, "Cite this edition", the annotations' toolbar (`PageInfo.title_lines`)."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from edition.markdown.context import Current

# The class of the blocks that continue a title (docs/index.md: author, publisher, date):
# the lines go after them, where a reader of a title page looks for downloads and how to cite.
TITLE_BLOCK = "title-page"


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
        # Right after </h1> (the h1's tail), so the lines follow the title without a break;
        # on a title page, after the title block that follows the h1.
        if title is not None:
            last = end_of_title_block(root, title)
            last.tail = placeholder + (last.tail or "")
        else:
            root.text = placeholder + (root.text or "")


# The h1, or the last of the title blocks that directly follow it.
def end_of_title_block(root: etree.Element, title: etree.Element) -> etree.Element:
    children = list(root)
    last = title
    for element in children[children.index(title) + 1:]:
        if (last.tail or "").strip() or TITLE_BLOCK not in element.get("class", "").split():
            break
        last = element
    return last
