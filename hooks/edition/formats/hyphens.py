"""URLs in running text, kept from hyphenation in the offline formats.

The PDFs and the EPUB hyphenate the text (`hyphens: auto`). A URL that is a link is kept
whole by print.css (`a[href^="http"]`); a URL written as text (in an editors' note, say)
was hyphenated like a word, "media-ser-vices", a hyphen the address does not have. Each is
put in a span.url, which print.css and epub.css keep from hyphenation (it may still break
between characters, without a hyphen). Names are kept whole in the PDFs by a patch to
WeasyPrint's hyphenation (patches.py): marking each would cost a span per name.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]’”]")
# Where text is not hyphenated anyway, or is no running text.
SKIP = {"code", "pre", "svg", "script", "style", "title"}


def keep_whole(article: Tag) -> None:
    """Put each URL of the article's text (outside links to the web) in a span.url."""
    for text in list(article.find_all(string=URL)):
        if any(parent.name in SKIP or (parent.name == "a" and str(parent.get("href", "")).startswith("http"))
               for parent in text.parents):
            continue
        pieces: list = []
        end = 0
        for match in URL.finditer(str(text)):
            span = article.new_tag("span", attrs={"class": "url"})
            span.string = match.group()
            pieces += [str(text)[end:match.start()], span]
            end = match.end()
        pieces.append(str(text)[end:])
        text.replace_with(*[piece for piece in pieces if not isinstance(piece, str) or piece])
