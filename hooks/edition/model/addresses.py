"""The one rule for addresses that come from the sources: what a link or an image may point to.

A link may go to `https:`, `http:` or `mailto:`, or to a path inside the site; an image only
to a file of the site (pages load nothing from another host). Everything else is refused:
`javascript:`, `data:`, `file:`, `vbscript:` and every other scheme, in any case and however
it is hidden (character references, percent-encoding, white space or control characters
inside it), an absolute path (`/etc/passwd`, which the PDF would read from this machine), an
address to another host without its scheme (`//host`), and a path that climbs out of the
site (`../../x`). So are the attributes no text of the edition needs: event handlers
(`onclick`) and styles that load something (`url(...)`).

`refusal` is the rule for one address; `in_tree` applies it to rendered Markdown (an
ElementTree, as Python-Markdown builds it), for the model's check of the data's Markdown
(`in_markdown`) and for the check of every page as it renders (markdown/gate.py). Nothing
here imports MkDocs: callers report what it returns their own way.
"""
from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import markdown
from markdown.treeprocessors import Treeprocessor

LINK_SCHEMES = ("https", "http", "mailto")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Attributes whose value is an address (HTML, SVG); srcset holds several.
ADDRESS_ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "action", "formaction", "cite",
                      "background", "longdesc", "ping", "xlink:href", "manifest", "codebase")
LOADS = ("src", "srcset", "poster", "data", "background")   # what a page loads, not links to
FIX_LINK = "link with https:, http: or mailto:, or to a page of the site by its relative path"
FIX_IMAGE = "show a file of the site by its relative path (pages load nothing from another host)"


@dataclass(frozen=True)
class Refusal:
    address: str
    what: str   # what is wrong ("uses the scheme 'javascript:'")
    fix: str

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}"


def refusal(address: str, *, image: bool = False, page: str = "") -> Refusal | None:
    """Why `address`, in a link (or an image) on the page `page` (its path in the site or
    among the sources, e.g. 'a/b.md'), is refused; None if it is allowed."""
    plain = decoded(address)
    shown = _shown(address)
    scheme = SCHEME.match(plain.lower())
    if scheme:
        name = scheme.group(1)
        if image:
            return Refusal(address, f"image address {shown} is not a file of the site", FIX_IMAGE)
        if name not in LINK_SCHEMES:
            return Refusal(address, f"address {shown} uses the scheme '{name}:', which no link of the "
                           "edition may use", FIX_LINK)
        return None
    path = re.split(r"[?#]", plain.replace("\\", "/"), maxsplit=1)[0]
    if path.startswith("//"):
        return Refusal(address, f"address {shown} names another host without a scheme",
                       FIX_IMAGE if image else "write it with https://")
    if path.startswith("/"):
        return Refusal(address, f"address {shown} is an absolute path, outside the site's own files",
                       "write the path relative to the page")
    if path and site_path(address, page).split("/")[0] == "..":
        return Refusal(address, f"address {shown} climbs out of the site",
                       FIX_IMAGE if image else "write the path of a page or file of the site, relative to the page")
    return None


def site_path(address: str, page: str = "") -> str:
    """The path `address` names, on the page `page` (as in `refusal`), relative to the site or
    the sources: decoded, without its query and fragment, joined to the page's folder and
    normalised ('..' first if it climbs out)."""
    path = re.split(r"[?#]", decoded(address).replace("\\", "/"), maxsplit=1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def decoded(address: str) -> str:
    """The address as a browser, or a file reader, may come to read it: character references
    and percent-encoding undone (repeatedly), then every space, control and invisible
    formatting character removed (browsers drop tabs and newlines inside a URL)."""
    text = address
    for _ in range(4):
        undone = unquote(html.unescape(text))
        if undone == text:
            break
        text = undone
    return "".join(char for char in text if not _invisible(char))


def in_tree(root: etree.Element, page: str = "") -> Iterator[tuple[etree.Element, str, Refusal]]:
    """(element, attribute, refusal) for every refused address or attribute under `root`."""
    for element in root.iter():
        for name, found in in_element(element, page):
            yield element, name, found


def in_element(element: etree.Element, page: str = "") -> Iterator[tuple[str, Refusal]]:
    """(attribute, refusal) for every refused attribute of one element."""
    image = element.tag in ("img", "image", "source", "video", "audio", "picture")
    for name, value in list(element.attrib.items()):
        found = attribute_refusal(name, value, image=image, page=page)
        if found is not None:
            yield name, found


def attribute_refusal(name: str, value: str, *, image: bool, page: str) -> Refusal | None:
    key = name.lower()
    if key.startswith("on"):
        return Refusal(value, f"attribute {key}={_shown(value)} would run a script",
                       "remove it: text of the edition runs no script")
    if key == "style" and re.search(r"url\s*\(|expression\s*\(|@import", decoded(value).lower()):
        return Refusal(value, f"style {_shown(value)} loads an address", "remove the style")
    if key not in ADDRESS_ATTRIBUTES:
        return None
    loads = image or key in LOADS
    for address in (srcset(value) if key == "srcset" else [value]):
        found = refusal(address, image=loads, page=page)
        if found is not None:
            return found
    return None


def in_markdown(text: str, md: markdown.Markdown, page: str = "") -> list[Refusal]:
    """The refusals in one text of the data rendered by `md` (see `renderer`)."""
    if not any(mark in text for mark in "[{<"):
        return []   # no link, image or attribute without one of these (the gate sees the rest)
    capture = md.treeprocessors["edition-capture"]
    assert isinstance(capture, _Capture)
    md.reset()
    md.convert(text)
    return [found for _, _, found in in_tree(capture.root, page)] if capture.root is not None else []


def renderer(extensions: Iterable[object], configs: dict | None = None) -> markdown.Markdown:
    """A converter with the site's Markdown extensions (those named in mkdocs.yml), whose tree
    `in_markdown` reads once every processor has run."""
    names = [name for name in extensions if isinstance(name, str)]
    md = markdown.Markdown(extensions=names, extension_configs=configs or {})
    md.treeprocessors.register(_Capture(md), "edition-capture", -100)
    return md


# Helper functions


class _Capture(Treeprocessor):
    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


# C0 and C1 controls, spaces of every kind, and invisible formatting (zero-width space, BOM, ...).
def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def srcset(value: str) -> list[str]:
    """The addresses of a srcset attribute's candidates."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _shown(value: str) -> str:
    text = " ".join(value.split())
    return repr(text if len(text) <= 200 else text[:199] + "…")
