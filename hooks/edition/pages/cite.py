"""How to cite the report, this edition, and any paragraph: /cite/, the Cite dialogs' data
(cite/citations.json) and the /p/N/ addresses.

The strings come from CSL styles run by pandoc's citeproc, not from templates of our own:
per style, one document formats the report and one the edition with a citation of every
paragraph (so the same author and year are never disambiguated into 2020a and 2020b); one
pandoc process formats all six. The items are model/citable.py's: "this edition" is the
report as read in this edition (a report whose type is the edition statement), the item
every report page's metadata describes; a paragraph's is the same with its address.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from edition import citeproc, csl
from edition.citeproc.cache import Cache
from edition.model import citable
from edition.model.anchors import Anchor
from edition.model.edition import Edition

STYLES = {
    "chicago": ("chicago-author-date", "Chicago (author-date, 18th ed.)"),
    "apa": ("apa", "APA (7th ed.)"),
    "mla": ("modern-language-association", "MLA (9th ed.)"),
}
CITATION = re.compile(r'<div id="c(?P<number>\d+)">\s*<p><span class="citation"[^>]*>(?P<text>.*?)</span></p>\s*</div>',
                      re.DOTALL)
# One file for every page's Cite dialog, fetched when it is first opened: in each page it
# would weigh as much again as the page's text (1.6 KB gzipped on a section).
DIALOG_DATA = "cite/citations.json"


@dataclass
class Styled:
    """One work in one style: the reference-list entry, and the in-text citation."""
    reference: str  # HTML
    in_text: str


@dataclass
class Citations:
    report: dict[str, Styled] = field(default_factory=dict)
    edition: dict[str, Styled] = field(default_factory=dict)
    paragraphs: dict[Anchor, dict[str, Styled]] = field(default_factory=dict)  # p12 -> style -> Styled


# What the hook calls


def files(edition: Edition, cache: Cache | None = None) -> dict[str, str | bytes]:
    """/cite/, the dialogs' data and the /p/N/ pages, from one formatting of every citation."""
    if edition.report is None:
        return {}
    citations = format_all(edition, cache)
    found: dict[str, str | bytes] = {
        "cite.md": cite_page(edition, citations),
        DIALOG_DATA: json.dumps(dialog_data(edition, citations), ensure_ascii=False),
    }
    for anchor in edition.paragraphs:
        found[f"p/{anchor.number}/index.html"] = permalink_page(edition, anchor)
    return found


# Formatting with pandoc: one run for every style and every citation


def format_all(edition: Edition, cache: Cache | None = None) -> Citations:
    report, this = citable.report_item(edition), citable.edition_item(edition)
    anchors = sorted(edition.paragraphs, key=lambda anchor: anchor.number)
    body = "\n\n".join(f"::: {{#c{a.number}}}\n[@{this['id']}, para. {a.number}]\n:::" for a in anchors)
    requests = []
    for style, _ in STYLES.values():
        requests.append(citeproc.Request([report], style, f"::: {{#c0}}\n[@{report['id']}]\n:::"))
        requests.append(citeproc.Request([this], style, f"::: {{#c0}}\n[@{this['id']}]\n:::\n\n{body}"))
    outputs = iter(citeproc.Batch(requests, cache).results())
    found = Citations()
    home = html.escape(citable.address(edition))
    for name in STYLES:
        found.report[name] = styled(next(outputs), 0)
        edition_html = next(outputs)
        found.edition[name] = styled(edition_html, 0)
        in_text = {int(m.group("number")): m.group("text") for m in CITATION.finditer(edition_html)}
        for anchor in anchors:
            url = html.escape(citable.paragraph_item(edition, anchor)["URL"])
            reference = found.edition[name].reference.replace(home, url)
            found.paragraphs.setdefault(anchor, {})[name] = Styled(reference, in_text[anchor.number])
    return found


def styled(output: str, number: int) -> Styled:
    references = citeproc.entries(output)
    in_text = {int(m.group("number")): m.group("text") for m in CITATION.finditer(output)}
    return Styled(references[0][1], in_text[number])


# The machine-readable forms of a work: BibTeX and RIS give the title as printed; CSL-JSON
# keeps CSL's sentence case.
def formats(item: dict[str, Any], title: str) -> dict[str, str]:
    return {
        "BibTeX": csl.biblatex(item, title),
        "RIS": csl.ris(item, title),
        "CSL-JSON": json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True),
    }


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# What the Cite dialogs show (docs/javascripts/cite.js fetches it on a page's first Cite).
def dialog_data(edition: Edition, citations: Citations) -> dict:
    title = edition.report.title if edition.report else ""

    def entry(label: str, styled_by_name: dict[str, Styled], item: dict[str, Any]) -> dict:
        return {
            "label": label,
            "styles": [{"name": STYLES[name][1], "html": s.reference, "text": plain(s.reference),
                        "inText": plain(s.in_text)} for name, s in styled_by_name.items()],
            "formats": [{"name": name, "text": text} for name, text in formats(item, title).items()],
        }
    return {"page": entry("this edition", citations.edition, citable.edition_item(edition)),
            "report": entry("the report as published", citations.report, citable.report_item(edition)),
            "paragraphs": {anchor.id: entry(anchor.label, styles, citable.paragraph_item(edition, anchor))
                           for anchor, styles in sorted(citations.paragraphs.items(), key=lambda a: a[0].number)}}


# The /cite/ page: everything the dialogs give, without JavaScript


def cite_page(edition: Edition, citations: Citations) -> str:
    assert edition.report is not None and edition.edition is not None
    version, title = html.escape(edition.edition.version), edition.report.title
    parts = [
        # Out of the search index: its paragraph citations repeat the report's title and
        # the edition's address some 150 times, which would crowd every search for them.
        "---\ntitle: Cite this edition\nsearch:\n  exclude: true\n---",
        "# Cite this edition",
        (f"Cite the report as published, this edition of it (version {version}), "
         "or a single paragraph by its number (¶). Every release of the edition keeps its own "
         "address, so a citation of a paragraph in this version keeps leading to the same words. "
         "The styles are those of the CSL project, applied by pandoc. Reference managers saving "
         "any page of the report's text get the item of this edition below "
         "([About this edition](about-this-edition.md#what-each-page-describes))."),
        "## The report as published {#cite-report}",
        block(citations.report, citable.report_item(edition), title),
        f"## This edition, version {version} {{#cite-edition}}",
        block(citations.edition, citable.edition_item(edition), title),
        "## A paragraph {#cite-paragraphs}",
        ("The reference is the edition's, with the paragraph's address; the in-text citation "
         "gives the paragraph number."),
    ]
    for part in edition.parts:
        if not part.paragraphs:
            continue
        parts.append(f"### {html.escape(part.title)}")
        for anchor in part.paragraphs:
            item = citable.paragraph_item(edition, anchor)
            parts.append(f'<div class="cite-entry" id="cite-{anchor.id}" markdown="1">\n\n'
                         f'<p class="cite-entry__head"><a href="../{part.url}#{anchor.id}">{anchor.label}</a></p>\n'
                         f"{block(citations.paragraphs[anchor], item, title)}\n</div>")
    return "\n\n".join(parts) + "\n"


def block(styled_by_name: dict[str, Styled], item: dict[str, Any], title: str) -> str:
    rows = "\n".join(
        f'<dt>{STYLES[name][1]}</dt>\n<dd><p class="cite-reference">{s.reference}</p>'
        f'<p class="cite-in-text">In the text: {s.in_text}</p></dd>'
        for name, s in styled_by_name.items()
    )
    machine = "\n".join(
        f"<details><summary>{name}</summary><pre><code>{html.escape(text)}</code></pre></details>"
        for name, text in formats(item, title).items()
    )
    return f'<dl class="cite-styles">\n{rows}\n</dl>\n<div class="cite-formats">\n{machine}\n</div>'


# /p/12/ sends a reader to paragraph 12 wherever it lives, so a citation survives a re-split
# of the pages; the canonical link names the paragraph's real address.
def permalink_page(edition: Edition, anchor: Anchor) -> str:
    assert edition.report is not None
    part = edition.part_of(anchor)
    target = f"../../{part.url}#{anchor.id}"
    canonical = citable.paragraph_item(edition, anchor)["URL"]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{anchor.label}: {html.escape(edition.report.title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>Paragraph {anchor.number} of the report is at <a href="{target}">{canonical}</a>.</p>
</body>
</html>
"""
