"""Search: every numbered paragraph of the report is an entry of its own in Material's index.

Material's search plugin (mkdocs.yml, `plugins: search`) cuts a page at its headings: a
result is a section, its text from one heading to the next, and a reader who searched for a
word lands at the section's top. The reader of a report wants the paragraph (to read it and
to cite it: ¶ 15), and one who types "¶ 15" or "p15" wants paragraph 15. So each paragraph is
left out of Material's sections by the documented `data-search-exclude`
(markdown/paragraphs.py writes it), and is written into the index, once Material has written
it, as an entry of its own: its title "¶ 15", its address the page's #p15, its text the
paragraph's words without its ¶ and Cite links, note markers and footnote numbers. The
search's separator (mkdocs.yml) also cuts "p15" and "¶15" before the number.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from lxml import html

from edition.model.anchors import Anchor
from edition.model.edition import Edition, Part, Rendered

INDEX = "search/search_index.json"  # where Material's search plugin writes its index
# The edition's links in a paragraph and its footnote numbers: not the report's words.
NOT_WORDS = " | ".join([*(f".//a[contains(concat(' ', @class, ' '), ' {name} ')]"
                          for name in ("para-num", "para-cite", "note-marker")), ".//sup"])


def after_build(edition: Edition, rendered: Rendered, site_dir: Path) -> None:
    path = site_dir / INDEX
    if not path.exists():
        return  # no search plugin
    index = json.loads(path.read_text(encoding="utf-8"))
    for part in edition.parts:
        content = rendered.html.get(part.src_uri)
        if part.paragraphs and content is not None:
            index["docs"] += paragraph_entries(part, content)
    # As Material writes it (plugins/search/plugin.py): compact, ASCII.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def paragraph_entries(part: Part, content: str) -> list[dict[str, str]]:
    page = html.fragment_fromstring(content, create_parent="div")
    entries = []
    for anchor in part.paragraphs:
        found = page.xpath(f'.//p[@id="{anchor.id}"]')
        if found:
            entries.append({"location": f"{part.url}#{anchor.id}", "title": label(anchor),
                            "text": f"<p>{escape(words(found[0]), quote=False)}</p>"})
    return entries


# "¶ 15": the paragraph's label as the page shows it, with a plain space (the search's separator).
def label(anchor: Anchor) -> str:
    return " ".join(anchor.label.split())


def words(paragraph: html.HtmlElement) -> str:
    for element in paragraph.xpath(NOT_WORDS):
        element.drop_tree()  # its tail, the paragraph's next words, stays
    return " ".join(paragraph.text_content().split())
