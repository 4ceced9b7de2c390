"""The generated Glossary and Index of names pages, and their locators.

The pages are written before any page renders, with a placeholder where each entry's
locators go; once every page has rendered (on_env) the placeholders become links to
the paragraphs and notes that mention the entry, the autorefs way.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby

from edition.markup import escape
from edition.model.edition import Edition, Entry, Mention
from edition.model.entries import GROUPS

PLACEHOLDER = '<span class="locators" data-locators="{}"></span>'
PLACEHOLDER_RE = re.compile(r'<span class="locators" data-locators="([^"]+)"></span>')
WIKIDATA = "https://www.wikidata.org/wiki/"
# How the identifiers were checked, said once on each page (not as a remark on each entry).
IDENTIFIERS = ("An entry links to its Wikidata item only where the editors matched the item to the "
               "entry: its label, description and dates against the sources the entry names. An entry "
               "without a link has no item the editors could confirm, which does not mean none exists.")


# The Glossary page


def glossary_page(index: Edition) -> str:
    terms = sorted(index.terms.values(), key=lambda t: t.name.casefold())
    by_letter = [(letter, list(group)) for letter, group in groupby(terms, key=initial)]
    letters = " · ".join(f"[{letter}](#letter-{slug(letter)})" for letter, _ in by_letter)
    parts = [
        "---\ntitle: Glossary\n---",
        "# Glossary",
        "The organizations, agreements, initiatives and technical terms of the report, "
        "explained for students by the editors. In the text, the first mention of each term "
        "on a page links here and shows its definition. Facts are as of the report's date "
        f"({index.report.published if index.report else 'of publication'}) unless dated otherwise.",
        IDENTIFIERS,
        f"Terms: {letters}",
    ]
    for letter, group in by_letter:
        parts.append(f"## {letter} {{#letter-{slug(letter)}}}")
        parts.extend(term_block(term, index) for term in group)
    return "\n\n".join(parts) + "\n"


def term_block(term: Entry, index: Edition) -> str:
    data = term.data
    details = []
    others = [a for a in term.aliases if a not in (data["term"], data.get("short"))]
    if others:
        details.append("Also: " + ", ".join(f"*{escape(a)}*" for a in others))
    if data.get("related"):
        details.append("Related: " + ", ".join(
            f"[{escape(index.terms[r].name)}](#{r})" for r in data["related"]))
    if term.group:
        details.append(f"In the [index of names](entities.md#{term.id})")
    if data.get("wikidata"):
        details.append(wikidata_link(data["wikidata"]))
    if term.cites:
        details.append(works_links(index, term))
    lines = [f"### {escape(term.name)} {{#{term.id}}}", escape(term.text)]
    if details:
        lines.append(" · ".join(details))
    if data.get("source"):
        lines.append(f"Source: {escape(data['source'])}")
    if data.get("note"):
        lines.append(f"Editors' note: {escape(data['note'])}")
    lines.append("Used in " + PLACEHOLDER.format(term.id))
    return "\n\n".join(lines)


# The Index of names page


def entities_page(index: Edition) -> str:
    members = list(index.entities.values()) + [t for t in index.terms.values() if t.group]
    parts = [
        "---\ntitle: Index of names\n---",
        "# Index of names",
        "Every person, organization, company, place, and agreement or initiative named in "
        "the report, with the paragraphs (¶) and notes (n.) that name it. Descriptions are "
        "the editors'; offices and dates are those of the report's period. People are listed "
        "by family name.",
        IDENTIFIERS,
        "Groups: " + " · ".join(f"[{label}](#{key})" for key, label in GROUPS.items()),
    ]
    for key, label in GROUPS.items():
        parts.append(f"## {label} {{#{key}}}")
        group = sorted((m for m in members if m.group == key), key=lambda m: filed_as(m).casefold())
        parts.extend(entity_block(member, index) for member in group)
    return "\n\n".join(parts) + "\n"


# How the index files an entry: a person by family name, "Miller, Chris" (the last word of
# the name), or as `sort_as` says where the name is not "given family" ("Xi Jinping");
# anything else by its name.
def filed_as(entry: Entry) -> str:
    if entry.data.get("sort_as"):
        return str(entry.data["sort_as"])
    given, _, family = entry.name.rpartition(" ")
    return f"{family}, {given}" if entry.group == "person" and given else entry.name


def entity_block(entry: Entry, index: Edition) -> str:
    data = entry.data
    if entry.kind == "term":
        lines = [f"### {escape(entry.name)} {{#{entry.id}}}",
                 f"See the [glossary entry](glossary.md#{entry.id})."]
    else:
        lines = [f"### {escape(filed_as(entry))} {{#{entry.id}}}", escape(entry.text)]
        details = []
        if data.get("dates"):
            details.append(f"Dates: {escape(data['dates'])}")
        if data.get("coordinates"):
            details.append(coordinates_text(data["coordinates"]))
        if data.get("wikidata"):
            details.append(wikidata_link(data["wikidata"]))
        if entry.cites:
            details.append(works_links(index, entry))
        if details:
            lines.append(" · ".join(details))
        if data.get("note"):
            lines.append(f"Editors' note: {escape(data['note'])}")
    lines.append("Mentioned in " + PLACEHOLDER.format(entry.id))
    return "\n\n".join(lines)


# Locators, filled in once every page has rendered


def fill_locators(html: str, mentions: dict[str, set[Mention]], link: Callable[[Mention], str]) -> str:
    def locators(match: re.Match[str]) -> str:
        found = sorted(mentions.get(match.group(1), ()), key=reading_order)
        return ", ".join(link(locator) for locator in found) + "." if found else "no paragraph."
    return PLACEHOLDER_RE.sub(locators, html)


# The title page first, then paragraphs, figures and notes, each by number.
def reading_order(mention: Mention) -> tuple[int, int, str]:
    if mention.anchor is None:
        return (0, 0, mention.part)
    return ({"p": 1, "figure": 2, "fn": 3}[mention.anchor.kind], mention.anchor.number, "")


def locator_label(mention: Mention, page_title: str) -> str:
    return mention.anchor.label.replace("\u00a0", "&#160;") if mention.anchor else page_title


# Helper functions


def initial(term: Entry) -> str:
    first = term.name[0].upper()
    return first if first.isalpha() else "0–9"


def slug(letter: str) -> str:
    return "digits" if not letter.isalpha() else letter.lower()


# "Works: Kremlin 2015; Paine 1996": the works its sources and note name, in /bibliography/.
def works_links(index: Edition, entry: Entry) -> str:
    return "Works: " + "; ".join(f"[{escape(index.works[key].label)}](bibliography.md#{key})" for key in entry.cites)


def wikidata_link(qid: str) -> str:
    return f"[Wikidata {escape(qid)}]({WIKIDATA}{escape(qid)})"


def coordinates_text(coordinates: list[float]) -> str:
    lat, lon = coordinates
    return f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"
