"""The markup the hooks write: data (YAML, BibTeX) placed into generated Markdown is text,
never markup; links between pages."""
from __future__ import annotations

import html
import posixpath
import re

# HTML's and Markdown's special characters, each written as a numeric character reference.
SPECIAL = re.compile(r"""[&<>"'*_\[\]`\\#|~]""")


# Neither HTML nor Markdown in the data may take effect: a <script> shows as text.
def escape(text: str) -> str:
    return SPECIAL.sub(lambda match: f"&#{ord(match.group())};", " ".join(str(text).split()))


# A Markdown link target from one page's source to another's (MkDocs resolves and checks it).
def link_from(page: str, target: str, fragment: str = "") -> str:
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return f"{relative}#{fragment}" if fragment else relative


# Annotation text is Markdown written by editors; raw HTML in it shows as text.
def safe_markdown(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


# A note's Markdown as plain words, for formats without Markdown (TEI, Web Annotations):
# link syntax and emphasis marks dropped, white space folded.
def plain_text(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*_`]", "", text).split())
