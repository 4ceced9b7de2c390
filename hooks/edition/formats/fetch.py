"""What the PDF and EPUB makers may read: the built site and the edition's own fonts and style
sheets, nothing else.

WeasyPrint reads every image, style sheet, font and attachment a document names, by any
scheme its fetcher knows: a page's `<img src="file:///etc/passwd">`, or a relative path that
climbs out of the tree, would draw a file of the build machine into a published PDF. So:

- `localized(chapters, site)` reads every address a part would make the PDF or EPUB load
  (images, SVG images and uses, objects, style sheets, attachments, `url(...)` in styles) and
  stops the build naming the page and the address of each one that is not a file of the built
  site; it gives the PDF each of the others as the file of the site it names;
- `fetcher(site)` is WeasyPrint's `url_fetcher`: it reads a `file:` address whose real path
  (links resolved) is in the site or among the edition's fonts and style sheets, and refuses
  anything else, stopping the layout with the address;
- `read_own(path)` is how the EPUB reads its style sheet, by the same rule.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from edition.errors import EditionError
from edition.model import addresses

if TYPE_CHECKING:
    from bs4 import Tag

    from edition.formats.offline import Chapter

PACKAGE = Path(__file__).parent
# The edition's own files the formats read: the fonts print.css names, and the two style sheets.
OWN = (PACKAGE / "fonts", PACKAGE / "print.css", PACKAGE / "epub.css")
# (element, attribute) pairs that make a PDF or EPUB load something; "*" is any element.
LOADS = (("*", "src"), ("*", "srcset"), ("*", "poster"), ("object", "data"), ("image", "href"),
         ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("link", "href"),
         ("feimage", "href"), ("feimage", "xlink:href"))
STYLE_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


class Refused(BaseException):
    """An address the formats may not read. A BaseException, as WeasyPrint's own fatal fetch
    error is: WeasyPrint turns any Exception of a fetcher into a warning and goes on."""


def localized(chapters: list[Chapter], site: Path) -> list[Chapter]:
    """The parts, each address they load written as the file of the site it names (the PDF's
    document has one base address; the pages' own addresses are relative to each page).
    Styles and srcset are left as they are: WeasyPrint does not read srcset, and fetcher()
    refuses what a style would read outside the site. Stops the build on every address a part
    would make the formats (the PDF and the EPUB, made of the same parts) read outside the site."""
    refused = []
    for chapter in chapters:
        for tag, attribute, address, why in _loads(chapter, site):
            if why:
                refused.append(f"page {chapter.path or '/'}: {why}")
            elif attribute not in ("style", "srcset") and not address.startswith("#"):
                tag[attribute] = _file_of(chapter.path, address, site).as_uri()
    if refused:
        raise EditionError("offline formats: the PDF and EPUB read only the built site and the edition's "
                          "fonts; refused: " + "; ".join(refused) + ": show a file of the site, by its "
                          "path relative to the page")
    return chapters


def fetcher(site: Path) -> Any:
    """WeasyPrint's url_fetcher for one document: files of the site and the edition's own, only."""
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = readable(url, site)
            if path is None:
                raise Refused(f"the PDF would read {url!r}, which is not a file of the built site or the "
                              "edition's fonts: refused")
            return super().fetch(path.as_uri(), headers)

    return Fetcher(allowed_protocols={"file"}, fail_on_errors=True)


def readable(url: str, site: Path | None) -> Path | None:
    """The real path of a file: address the formats may read, or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
    return path if _own(path, site) and path.is_file() else None


def read_own(path: Path) -> str:
    """One of the edition's own files (the EPUB's style sheet), read by the same rule."""
    real = Path(os.path.realpath(path))
    if not _own(real, None):
        raise EditionError(f"offline formats: {path} is not one of the edition's own files: refused")
    return real.read_text(encoding="utf-8")


# Helper functions


def _own(path: Path, site: Path | None) -> bool:
    roots = [Path(os.path.realpath(root)) for root in (*OWN, *([site] if site else []))]
    return any(path == root or path.is_relative_to(root) for root in roots)


# (tag, attribute, address, why it is refused or None) for everything a part loads.
def _loads(chapter: Chapter, site: Path) -> list[tuple[Tag, str, str, str | None]]:
    found = []
    for tag in chapter.article.find_all(True):
        name = tag.name.lower()
        for attribute, value in list(tag.attrs.items()):
            key = attribute.lower()
            loads = (name, key) in LOADS or ("*", key) in LOADS or (
                name == "a" and key == "href" and "attachment" in _words(tag.get("rel")))
            if loads:
                for address in (addresses.srcset(str(value)) if key == "srcset" else [str(value)]):
                    found.append((tag, attribute, address, _why(chapter.path, address, site)))
            elif key == "style":
                found += [(tag, "style", address, _why(chapter.path, address, site))
                          for address in _style_urls(str(value))]
        if name == "style":
            found += [(tag, "style", address, _why(chapter.path, address, site))
                      for address in _style_urls(tag.get_text())]
    return found


def _why(page: str, address: str, site: Path) -> str | None:
    if address.startswith("#"):
        return None
    refused = addresses.refusal(address, image=True, page=page)
    if refused is not None:
        return refused.what
    path = Path(os.path.realpath(_file_of(page, address, site)))
    if not path.is_relative_to(Path(os.path.realpath(site))):
        return f"address {address!r} is a link in the site to a file outside it"
    return None


def _file_of(page: str, address: str, site: Path) -> Path:
    return site / addresses.site_path(address, page)


def _style_urls(text: str) -> list[str]:
    return [match.group(2) or match.group(4) for match in STYLE_URL.finditer(text)
            if match.group(2) or match.group(4)]


def _words(value: object) -> list[str]:
    return [str(word).lower() for word in (value if isinstance(value, list) else str(value or "").split())]
