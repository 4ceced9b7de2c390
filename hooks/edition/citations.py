"""How to cite the report, this edition, and any paragraph, in Chicago, APA and MLA, and as
BibTeX, RIS and CSL-JSON, all from data/work.yml.

The strings come from CSL styles run by pandoc's citeproc, not from templates of our own:
per style, one document formats the report and one the edition with a citation of every
paragraph (so the same author and year are never disambiguated into 2020a and 2020b); one
pandoc process formats all six.
A paragraph's reference is the edition's, with the paragraph's address.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from edition import bibexport, citeproc, work
from edition.citeproc.cache import Cache

STYLES = {
    "chicago": ("chicago-author-date", "Chicago (author-date, 18th ed.)"),
    "apa": ("apa", "APA (7th ed.)"),
    "mla": ("modern-language-association", "MLA (9th ed.)"),
}
CITATION = re.compile(r'<div id="c(?P<number>\d+)">\s*<p><span class="citation"[^>]*>(?P<text>.*?)</span></p>\s*</div>',
                      re.DOTALL)


@dataclass
class Styled:
    """One work in one style: the reference-list entry, and the in-text citation."""
    reference: str  # HTML
    in_text: str


@dataclass
class Citations:
    report: dict[str, Styled] = field(default_factory=dict)
    edition: dict[str, Styled] = field(default_factory=dict)
    # paragraph number -> style -> Styled
    paragraphs: dict[int, dict[str, Styled]] = field(default_factory=dict)
    # paragraph number -> page URL ("introduction/")
    pages: dict[int, str] = field(default_factory=dict)


def format_all(the_work: work.Work, pages: dict[int, str], cache: Cache | None = None) -> Citations:
    report, edition = work.report_item(the_work), work.edition_item(the_work)
    body = "\n\n".join(f"::: {{#c{n}}}\n[@{edition['id']}, para. {n}]\n:::" for n in sorted(pages))
    requests = []
    for style, _ in STYLES.values():
        requests.append(citeproc.Request([report], style, f"::: {{#c0}}\n[@{report['id']}]\n:::"))
        requests.append(citeproc.Request([edition], style, f"::: {{#c0}}\n[@{edition['id']}]\n:::\n\n{body}"))
    outputs = iter(citeproc.Batch(requests, cache).results())
    found = Citations(pages=dict(pages))
    for name in STYLES:
        found.report[name] = styled(next(outputs), 0)
        edition_html = next(outputs)
        found.edition[name] = styled(edition_html, 0)
        in_text = {int(m.group("number")): m.group("text") for m in CITATION.finditer(edition_html)}
        for number, page_url in pages.items():
            url = f"{the_work.url}{page_url}#p{number}"
            reference = found.edition[name].reference.replace(html.escape(the_work.url), html.escape(url))
            found.paragraphs.setdefault(number, {})[name] = Styled(reference, in_text[number])
    return found


def styled(output: str, number: int) -> Styled:
    references = citeproc.entries(output)
    in_text = {int(m.group("number")): m.group("text") for m in CITATION.finditer(output)}
    return Styled(references[0][1], in_text[number])


# The machine-readable forms of a work


def formats(item: dict[str, Any], title: str) -> dict[str, str]:
    """BibTeX and RIS give the title as printed; CSL-JSON keeps CSL's sentence case."""
    return {
        "BibTeX": bibexport.csl_to_bibtex(item, title),
        "RIS": bibexport.ris_record({**item, "title": title}),
        "CSL-JSON": json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True),
    }


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# What the Cite dialogs show (cite/citations.json, fetched by docs/javascripts/cite.js on a
# page's first Cite): the edition, the report, and each paragraph.
def dialog_data(the_work: work.Work, citations: Citations) -> dict:
    def entry(label: str, styled_by_name: dict[str, Styled], item: dict[str, Any]) -> dict:
        return {
            "label": label,
            "styles": [{"name": STYLES[name][1], "html": s.reference, "text": plain(s.reference),
                        "inText": plain(s.in_text)} for name, s in styled_by_name.items()],
            "formats": [{"name": name, "text": text}
                        for name, text in formats(item, the_work.report["title"]).items()],
        }
    data = {"page": entry("this edition", citations.edition, work.edition_item(the_work)),
            "report": entry("the report as published", citations.report, work.report_item(the_work)),
            "paragraphs": {}}
    for number, page_url in sorted(citations.pages.items()):
        data["paragraphs"][f"p{number}"] = entry(
            f"¶ {number}", citations.paragraphs[number], work.paragraph_item(the_work, page_url, number))
    return data


# The /cite/ page: everything the dialogs give, without JavaScript


def cite_page(the_work: work.Work, citations: Citations, sections: list[tuple[str, str, list[int]]]) -> str:
    parts = [
        # Out of the search index: its 29 paragraph citations repeat the report's title and
        # the edition's address some 150 times, which would crowd every search for them.
        "---\ntitle: Cite this edition\nsearch:\n  exclude: true\n---",
        "# Cite this edition",
        f"Cite the report as published, this edition of it (version {html.escape(the_work.version)}), "
        "or a single paragraph by its number (¶). Every release of the edition keeps its own "
        "address, so a citation of a paragraph in this version keeps leading to the same words. "
        "The styles are those of the CSL project, applied by pandoc.",
        "## The report as published {#cite-report}",
        block(citations.report, work.report_item(the_work), the_work.report["title"]),
        f"## This edition, version {html.escape(the_work.version)} {{#cite-edition}}",
        block(citations.edition, work.edition_item(the_work), the_work.report["title"]),
        "## A paragraph {#cite-paragraphs}",
        "The reference is the edition's, with the paragraph's address; the in-text citation "
        "gives the paragraph number.",
    ]
    for title, page_url, numbers in sections:
        parts.append(f"### {html.escape(title)}")
        for number in numbers:
            item = work.paragraph_item(the_work, page_url, number)
            parts.append(f'<div class="cite-entry" id="cite-p{number}" markdown="1">\n\n'
                         f'<p class="cite-entry__head"><a href="../{page_url}#p{number}">¶ {number}</a></p>\n'
                         f"{block(citations.paragraphs[number], item, the_work.report['title'])}\n</div>")
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
