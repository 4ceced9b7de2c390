"""The "Changes to the text" page: every change of wording, then every repair of the extraction."""
from __future__ import annotations

import html

from edition.markup import link_from
from edition.model.anchors import Anchor
from edition.model.edition import Edition, Repair
from edition.model.emendations import CRITIC, KIND_NAMES

# The "Changes to the text" page


def changes_page(edition: Edition) -> str:
    entries, repairs = edition.emendations, edition.repairs
    publisher = edition.report.publisher_short if edition.report else "publisher's"
    lines = [
        "---\ntitle: Changes to the text\n---",
        "# Changes to the text",
        "This edition gives every word of the report as received (a text extraction of the "
        f"{publisher} PDF, kept in the project as `data/source/`). This page lists every change made "
        "to it: first the changes of wording, then the repairs of the extraction.",
        "## Changes of wording",
    ]
    if entries:
        rows = [f"| {locator(edition, e.where)} | {describe_mark(e.mark)} | {cell(e.reason)} |"
                for e in entries]
        lines.append(table(["Where", "Change", "Reason"], rows))
    else:
        lines.append("None: the wording is as printed.")
    lines.append("## Repairs of the extraction")
    rows = []
    for repair in repairs:
        rows.append(f"| {cell(repair.what)} | {repair_place(edition, repair)} | {source_lines(repair)} |")
    lines.append(table(["What", "Where", "Source lines"], rows))
    return "\n\n".join(lines) + "\n"


# A Markdown table: its rows on consecutive lines (a blank line would end it).
def table(header: list[str], rows: list[str]) -> str:
    return "\n".join([f"| {' | '.join(header)} |", "|" + " --- |" * len(header), *rows])


# "¶ 12" or "n. 9", linked to the paragraph or note from this page (at the site's root).
def locator(edition: Edition, where: Anchor) -> str:
    return f"[{where.label}]({link_from('changes.md', edition.part_of(where).src_uri, where.id)})"


def repair_place(edition: Edition, repair: Repair) -> str:
    if Anchor.is_valid(repair.where, ("p", "fn")):
        return locator(edition, Anchor.parse(repair.where))
    if repair.where.endswith(".md"):
        return f"[{cell(repair.where)}]({repair.where})"
    return cell(repair.where)


def source_lines(repair: Repair) -> str:
    lines = ", ".join(str(n) for n in repair.source_lines) or "throughout"
    return lines + (f" ({repair.count} times)" if repair.count else "")


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
