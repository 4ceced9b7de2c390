"""The claim ledger's page, "What in this report holds up": by section, the verdicts at a
glance, then every record with an anchor of its own (its id), the report's words, the verdict,
what the sources show, links to its ¶ or note and to its works in /bibliography/. Each
record is also a schema.org ClaimReview in the page's JSON-LD (`head`), the form
fact-checkers publish in and Google's Fact Check Explorer reads: claimReviewed, a Claim
that appears in the ¶ of this edition (first in the report as its publisher published it), the
editors as author, the verdict as a Rating with its name, the record's own address.

A handout's exercise key needs what this page shows of one section: `Edition.claims_on`.
"""
from __future__ import annotations

import json
from typing import Any

from edition.markup import escape, plain_text, safe_markdown
from edition.model import citable
from edition.model.anchors import Anchor
from edition.model.edition import VERDICTS, Claim, Edition, Part

PAGE = "claims.md"
TITLE = "What in this report holds up"
# The verdicts as numbers, for readers of schema.org Rating (worst 1, best 3). A statement that
# cannot be checked has no value on that scale: its Rating has a name only.
RATINGS = {"corrected": 1, "partly-right": 2, "confirmed": 3}
MEANINGS = {
    "confirmed": "the sources show what the report says.",
    "corrected": "the sources show otherwise; the record says what they show.",
    "partly-right": "part of the statement holds and part does not; the record says which.",
    "cannot-check": "no source the editors could find settles it; the record says what was tried.",
}


# The page


def claims_page(edition: Edition) -> str:
    sections = [(part, edition.claims_on(part.src_uri)) for part in edition.sections]
    sections = [(part, records) for part, records in sections if records]
    lines = [
        f"---\ntitle: {TITLE}\n---",
        f"# {TITLE}",
        f"The editors checked every statement of the report that a source can settle: each figure, "
        "date, count, direction, distance, office, name of an agreement or event, attribution and "
        f"citation. The ledger holds {count(len(edition.claims), 'record')}, one for each statement, "
        "with the report's words, what the report states, the verdict, what the sources show and "
        "the works it rests on. The verdicts:",
        "\n".join(f"- **{VERDICTS[v]}**: {MEANINGS[v]}" for v in VERDICTS),
        "Each record has an address of its own (its id after #), and each is published as a "
        "schema.org ClaimReview, the form fact-checkers use.",
        "## At a glance {#at-a-glance}",
        glance(edition, sections),
    ]
    for part, records in sections:
        lines.append(f"## {escape(part.title)} {{#{part.src_uri.removesuffix('.md')}}}")
        lines.append(f"The section: [{escape(part.title)}]({part.src_uri}). "
                     + " · ".join(f"{VERDICTS[v]}: {n}" for v, n in tally(records).items() if n) + ".")
        lines.extend(record_block(edition, claim) for claim in records)
    return "\n\n".join(lines) + "\n"


# One row per section, one column per verdict, and the totals.
def glance(edition: Edition, sections: list[tuple[Part, tuple[Claim, ...]]]) -> str:
    head = ["Section", *VERDICTS.values(), "Records"]
    rows = ["| " + " | ".join(head) + " |", "| " + " | ".join(["---"] + ["--:"] * (len(head) - 1)) + " |"]
    for part, records in sections:
        counted = tally(records)
        link = f"[{escape(part.title)}](#{part.src_uri.removesuffix('.md')})"
        rows.append("| " + " | ".join([link, *map(str, counted.values()), str(len(records))]) + " |")
    total = tally(edition.claims)
    rows.append("| " + " | ".join(["**All**", *(f"**{n}**" for n in total.values()),
                                   f"**{len(edition.claims)}**"]) + " |")
    return "\n".join(rows)


def record_block(edition: Edition, claim: Claim) -> str:
    lines = [
        f'<div class="claim" id="{claim.id}" data-verdict="{claim.verdict}" markdown="1">',
        "",
        f"**{where_link(edition, claim.where)}**, \u201c{escape(claim.words)}\u201d ({claim.kind})",
        "",
        f"The report states: {escape(claim.claim)} **Verdict: {claim.verdict_label.lower()}.**",
        "",
        explanation(edition, claim),
    ]
    if claim.tried:
        lines += ["", f"What was tried: {safe_markdown(claim.tried)}"]
    if claim.sources:
        lines += ["", "Sources: " + "; ".join(source_link(edition, key) for key in claim.sources) + "."]
    lines += ["", "</div>"]
    return "\n".join(lines)


def explanation(edition: Edition, claim: Claim) -> str:
    note = next((a for a in edition.annotations if a.id == claim.note), None)
    if note is None:
        return safe_markdown(claim.explanation)
    page = edition.part_of(note.paragraph).src_uri
    return f"The editors' note [{note.label}]({page}#{note.element_id}): {safe_markdown(note.text)}"


def where_link(edition: Edition, anchor: Anchor) -> str:
    return f"[{anchor.label}]({edition.part_of(anchor).src_uri}#{anchor})"


# "Kremlin 2015": the work's label, linked to its entry.
def source_link(edition: Edition, key: str) -> str:
    return f"[{escape(edition.works[key].label)}](bibliography.md#{key})"


def tally(records: tuple[Claim, ...]) -> dict[str, int]:
    return {verdict: sum(claim.verdict == verdict for claim in records) for verdict in VERDICTS}


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# schema.org ClaimReview, in the page's <head>


def head(edition: Edition, part: Part) -> str:
    """The ledger's ClaimReviews as JSON-LD, on the ledger's page only."""
    if part.src_uri != PAGE or not edition.claims or edition.edition is None:
        return ""
    data = [claim_review(edition, claim) for claim in edition.claims]
    return ('<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")


def claim_review(edition: Edition, claim: Claim) -> dict[str, Any]:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    page = edition.part(PAGE)
    author = {"@type": "Person", "name": report.author.name}
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict_label}
    if claim.verdict in RATINGS:
        rating.update(ratingValue=RATINGS[claim.verdict], worstRating=1, bestRating=3)
    where = edition.part_of(claim.where)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": citable.address(edition, page.url if page else "claims/") + f"#{claim.id}",
        "claimReviewed": claim.claim,
        "reviewBody": plain_text(claim.explanation),
        "author": {"@type": "Organization", "name": info.editors, "url": citable.address(edition)},
        "datePublished": info.released,
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": author,
            "datePublished": report.date,
            "appearance": {"@type": "CreativeWork", "name": f"{claim.where.label}, {where.title}",
                           "url": citable.address(edition, where.url) + f"#{claim.where}",
                           "isPartOf": {"@id": citable.address(edition)}},
            "firstAppearance": {"@type": "Report", "name": report.title, "author": author,
                                "publisher": {"@type": "Organization", "name": report.publisher},
                                "datePublished": report.date},
        },
    }
