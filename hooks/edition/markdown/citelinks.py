"""A citation in a footnote, [printed words](@key), becomes a link to the work's entry on the
Bibliography page, styled as a citation (class cite-work)."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from edition.errors import EditionError
from edition.markdown.context import Current
from edition.markup import link_from


class CiteLinks(Treeprocessor):
    name = "edition-cite-links"
    # After attr_list (8); before the mentions (3), which read cite-work links, and before
    # MkDocs resolves and checks relative links (0).
    priority = 7

    def __init__(self, md, current: Current) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        page, edition = self.current.page, self.current.edition
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith("@"):
                continue
            key = href[1:]
            if page is None or edition is None or key not in edition.works:
                where = page.src_uri if page else "this page"
                raise EditionError(f"{where}: citation '@{key}' is not in bib/: correct the key")
            link.set("href", link_from(page.src_uri, "bibliography.md", key))
            link.set("class", (link.get("class", "") + " cite-work").strip())
