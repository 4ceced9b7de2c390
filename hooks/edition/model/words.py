"""The words a reader sees in a paragraph or a note: its Markdown rendered, without markup and
without the numbers of footnote calls. The labels of the editors' notes (annotations.py,
the order of their phrases) and the claim ledger (claims.py, what a claim quotes) read them."""
from __future__ import annotations

import functools
from html.parser import HTMLParser

import markdown

from edition.model.sources import REFERENCE


class _Words(HTMLParser):
    """The text of rendered HTML, without footnote references (a number, not a word)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inside_sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside_sup += tag == "sup"

    def handle_endtag(self, tag: str) -> None:
        self.inside_sup -= tag == "sup" and self.inside_sup > 0

    def handle_data(self, data: str) -> None:
        if not self.inside_sup:
            self.found.append(data)


@functools.lru_cache(maxsize=512)
def reader_words(source: str) -> str:
    """A paragraph's or note's Markdown as a reader reads it: no markup, no note numbers.

    Rendered whole (CriticMarkup's changes are put back only at the end of Python-Markdown's
    run), so an editorial change reads as it shows: the printed words, then the edition's.
    """
    html = markdown.markdown(REFERENCE.sub("", source), extensions=["attr_list", "md_in_html", "pymdownx.critic"],
                             extension_configs={"pymdownx.critic": {"mode": "view"}})
    parser = _Words()
    parser.feed(html)
    parser.close()
    return "".join(parser.found).strip()
