"""What the model is built from, as the site generator knows it: the one hook (the adapter to
MkDocs, hooks/edition_hooks.py) fills a `Site` from MkDocs' config and files, so the model
reads no MkDocs object and would be built the same under another generator that says the same.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PageFile:
    """A page's Markdown source: a file (`path`), or the text a plugin gave (`text`)."""
    src_uri: str  # "introduction.md"
    shown: str  # how a message names it: "docs/introduction.md"
    path: Path | None = None
    text: str | None = None


@dataclass(frozen=True)
class Site:
    root: Path  # the project's folder: data/ and bib/ are in it
    url: str | None  # site_url: the edition's address
    description: str  # site_description, as written
    nav: list[Any] | None  # the nav as configured; None: the pages in their order
    pages: tuple[PageFile, ...]  # the documentation pages written by hand, not those generated
    # A page's site path ("introduction/"), for a page that exists or one to be generated.
    url_of: Callable[[str], str]
    # A page's Markdown split as the generator splits it: (body, front matter).
    front_matter: Callable[[str], tuple[str, dict[str, Any]]]
    # The Markdown extensions the site's pages are rendered with (names, as configured) and
    # their settings: text written in the data is rendered the same way to check its addresses.
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: Mapping[str, Any] = field(default_factory=dict)
