"""One read of the page sources before rendering: where each anchor lives, what cites what.

Generated pages (changes, bibliography) link to paragraphs and footnotes on other pages,
so they need to know, before any page is rendered, which page holds p12 or fn:9 and which
footnotes cite which work. Citations are written in footnotes as Markdown links whose
target is a citation key: [printed words](@key).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

PARAGRAPH = re.compile(r"\{:?\s*#(p[1-9][0-9]*)\s*\}")
FOOTNOTE = re.compile(r"^\[\^(\d+)\]:", re.MULTILINE)
CITATION = re.compile(r"\]\(@([^)\s]*)\)")
FIGURE = re.compile(r'<figure [^>]*id="(figure-[1-9][0-9]*)"')


@dataclass
class Sources:
    # "p12", "fn:9" or "figure-1" -> source path of the page that holds it.
    anchors: dict[str, str] = field(default_factory=dict)
    # citation key -> [(page, footnote number)] in reading order of the pages.
    citations: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def scan(files: Files) -> Sources:
    found = Sources()
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        scan_page(file.src_uri, file.content_string, found)
    return found


def scan_page(page: str, markdown: str, found: Sources) -> None:
    found.anchors.update((anchor, page) for anchor in PARAGRAPH.findall(markdown))
    found.anchors.update((anchor, page) for anchor in FIGURE.findall(markdown))
    for block in re.split(r"\n\s*\n", markdown):
        footnote = FOOTNOTE.match(block)
        if footnote:
            found.anchors[f"fn:{footnote.group(1)}"] = page
        for key in CITATION.findall(block):
            if not footnote:
                raise PluginError(
                    f"{page}: citation (@{key}) outside a footnote: the report cites works "
                    "only in its notes; move it into the footnote definition"
                )
            found.citations.setdefault(key, []).append((page, int(footnote.group(1))))
