"""The record of every change to the report's text, and the page that shows it to readers.

Two sources: data/repairs.yml (written by scripts/import_report.py: the structural repairs
of the extraction) and data/emendations.yml (kept by the editors: every change of wording,
each written in the pages as CriticMarkup, e.g. {~~printed~>corrected~~}). A mark in the
text without an entry, or an entry without its mark, stops the build.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.datafile import read_list

CRITIC = re.compile(r"\{(\+\+|--|~~)(.*?)(\+\+|--|~~)\}", re.DOTALL)
EMENDATION_FIELDS = {"where", "mark", "reason"}
KIND_NAMES = {"++": "insertion", "--": "deletion", "~~": "substitution"}
LOCATION = re.compile(r"^(p[1-9][0-9]*|fn:[1-9][0-9]*)$")


# Loading and checking the data


def load_emendations(path: Path, shown: str) -> list[dict[str, Any]]:
    entries = read_list(path, shown) if path.exists() else []
    for number, entry in enumerate(entries, start=1):
        missing = EMENDATION_FIELDS - entry.keys()
        unknown = entry.keys() - EMENDATION_FIELDS
        if missing or unknown:
            raise PluginError(
                f"{shown}: entry {number} ({entry.get('where', '?')}): "
                + (f"missing {', '.join(sorted(missing))}" if missing else "")
                + ("; " if missing and unknown else "")
                + (f"unknown field {', '.join(sorted(unknown))}" if unknown else "")
                + f"; each entry has exactly: {', '.join(sorted(EMENDATION_FIELDS))}"
            )
        if not LOCATION.match(str(entry["where"])):
            raise PluginError(f"{shown}: entry {number}: where '{entry['where']}' is not pN or fn:N")
    return entries


def marks_by_location(markdown: str, page: str) -> list[tuple[str, str]]:
    """(location, mark) for every CriticMarkup mark, located by its paragraph or footnote."""
    found: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", markdown):
        marks = [m.group(0) for m in CRITIC.finditer(block)]
        if not marks:
            continue
        location = block_location(block)
        if location is None:
            raise PluginError(
                f"{page}: editorial mark {marks[0]!r} is outside a numbered paragraph or "
                "footnote: changes are only made, and recorded, in the report's text"
            )
        found.extend((location, mark) for mark in marks)
    return found


def block_location(block: str) -> str | None:
    footnote = re.match(r"\[\^(\d+)\]:", block)
    if footnote:
        return f"fn:{footnote.group(1)}"
    paragraph = re.search(r"\{:?\s*#(p\d+)\s*\}", block)
    return paragraph.group(1) if paragraph else None


def check_marks(page: str, marks: list[tuple[str, str]], entries: list[dict], path: str) -> None:
    recorded = {(str(e["where"]), e["mark"]) for e in entries}
    for location, mark in marks:
        if (location, mark) not in recorded:
            raise PluginError(
                f"{page}: editorial change {mark!r} in {location} is not recorded in {path}: "
                f"add an entry with where: {location}, mark: (the mark as written) and reason"
            )


def check_all_found(found: set[tuple[str, str]], entries: list[dict], path: str) -> None:
    for entry in entries:
        if (str(entry["where"]), entry["mark"]) not in found:
            raise PluginError(
                f"{path}: the change recorded for {entry['where']} ({entry['mark']!r}) is not "
                "in the text: restore the mark in the page or remove the entry"
            )


# The "Changes to the text" page


def changes_page(repairs: list[dict], entries: list[dict], pages: dict[str, str]) -> str:
    lines = [
        "---\ntitle: Changes to the text\n---",
        "# Changes to the text",
        "This edition gives every word of the report as received (a text extraction of the "
        "FPRI PDF, kept in the project as `data/source/`). This page lists every change made "
        "to it: first the changes of wording, then the repairs of the extraction.",
        "## Changes of wording",
    ]
    if entries:
        rows = [f"| {locator(e['where'], pages)} | {describe_mark(e['mark'])} | {cell(e['reason'])} |"
                for e in entries]
        lines.append(table(["Where", "Change", "Reason"], rows))
    else:
        lines.append("None: the wording is as printed.")
    lines.append("## Repairs of the extraction")
    rows = []
    for repair in repairs:
        where = repair["where"]
        if LOCATION.match(str(where)):
            shown = locator(where, pages)
        elif str(where).endswith(".md"):
            shown = f"[{cell(where)}]({where})"
        else:
            shown = cell(str(where))
        source_lines = ", ".join(str(n) for n in repair.get("source_lines", [])) or "throughout"
        if "count" in repair:
            source_lines += f" ({repair['count']} times)"
        rows.append(f"| {cell(repair['what'])} | {shown} | {source_lines} |")
    lines.append(table(["What", "Where", "Source lines"], rows))
    return "\n\n".join(lines) + "\n"


# A Markdown table: its rows on consecutive lines (a blank line would end it).
def table(header: list[str], rows: list[str]) -> str:
    return "\n".join([f"| {' | '.join(header)} |", "|" + " --- |" * len(header), *rows])


def locator(location: str, pages: dict[str, str]) -> str:
    label = f"¶ {location[1:]}" if location.startswith("p") else f"n. {location[3:]}"
    page = pages.get(location)
    if page is None:
        raise PluginError(f"changes record: {location} is not in any page of the edition")
    return f"[{label}]({page}#{location})"


def describe_mark(mark: str) -> str:
    match = CRITIC.fullmatch(mark)
    assert match
    kind, body = match.group(1), match.group(2)
    if kind == "~~":
        printed, _, reading = body.partition("~>")
        return f"{KIND_NAMES[kind]}: printed *{cell(printed)}*, edition *{cell(reading)}*"
    return f"{KIND_NAMES[kind]}: *{cell(body.strip())}*"


def cell(text: str) -> str:
    return html.escape(" ".join(str(text).split())).replace("|", "&#124;")
