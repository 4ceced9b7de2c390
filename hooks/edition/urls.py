"""Relative addresses between the site's pages, as MkDocs writes them.

`relative("glossary/", "introduction/")` is "../glossary/": the same rule as MkDocs'
`get_relative_url` (paths split on "/", normalised, the last part of the page's address
dropped when it names a file), written here so that the features need not import MkDocs;
tests/test_hooks.py checks the two agree on a table of addresses.
"""
from __future__ import annotations

import posixpath


def relative(url: str, page_url: str) -> str:
    """`url` (a site path) as a link written on the page at `page_url`."""
    folder, _, last = page_url.rpartition("/")
    if "." in last:  # the page's address names a file ("404.html"): links start from its folder
        page_url = folder
    here, there = parts(page_url), parts(url)
    common = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return link + "/" if url.endswith("/") else link


def parts(path: str) -> list[str]:
    normal = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return normal.split("/") if normal else []
