"""The claim ledger: every checkable statement of the report, with its verdict and sources.

One file per section of the report, `data/claims/<page>.yml` (the page's file name without
`.md`: `introduction.yml`), each a list of records (schemas/claims.schema.json):

    - id: p9-eaeu-sreb-conjunction   # unique across files; starts with its anchor (p9- or fn5-)
      where: p9                      # pN, or fn:N for a footnote by its printed number
      words: "the exact words"       # once in that paragraph or note, as a reader sees them
      kind: event                    # figure, date, count, direction, distance, office, name,
                                     # event, attribution, citation
      claim: "What the report states, in the editors' words."
      verdict: corrected             # confirmed, corrected, partly-right, cannot-check
      explanation: "..."             # Markdown; or note: the annotation that says it
      sources: [bibkey]              # works in bib/; or, for cannot-check, tried: "..."

A correction note and its ledger record are one fact written once: a record may name the
annotation that explains it (`note`, on the same paragraph), and every correction of a
section whose ledger exists is named by a record whose verdict is corrected or partly right.

A record's `words` are found by the rule an annotation's `phrase` is (markdown/marks.py): in
the words a reader sees, emphasis and links being markup and a note's number not a word.
`checkable` is the one definition of what the ledger must cover (every number, year, date
and percentage); `uncovered` lists what no record's words cover.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.model import schema
from edition.model.anchors import Anchor
from edition.model.edition import Claim, Edition
from edition.model.schema import DataFile, Problems
from edition.model.words import reader_words

if TYPE_CHECKING:
    from edition.model.apparatus import Apparatus
    from edition.model.text import Text

FOLDER = "data/claims"
ANNOTATIONS = "data/annotations.yml"
# Verdicts that correct the report: the only ones a correction note may explain.
CORRECTING = ("corrected", "partly-right")


# Reading (apparatus.read calls `read` before the works are read, `check_sources` after)


def read(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    """The ledger's records, checked against the text, the annotations and one another."""
    sections = [part.src_uri for part in text.parts if part.kind == "section"]
    records: list[tuple[DataFile, int, dict[str, Any], str]] = []  # file, row, record, section
    for path in sorted((root / FOLDER).glob("*.yml")):
        file = DataFile(path, f"{FOLDER}/{path.name}", "claims")
        section = f"{path.stem}.md"
        if section not in sections:
            names = ", ".join(f"{page.removesuffix('.md')}.yml" for page in sections)
            problems.add(file.shown, None, None, None, f"'{path.stem}' is not a section of the report",
                         f"name the file after a section's page: {names}")
            continue
        before = len(problems)
        items = schema.load(path, file.shown, "claims", problems)
        if len(problems) == before:  # a file that fails its schema is not checked further
            records += [(file, row, item, section) for row, item in enumerate(items or [])]
    claims = []
    for file, row, item, section in records:
        claim = check_record(text, found, file, row, item, section, problems)
        if claim is not None:
            claims.append(claim)
    check_unique(records, problems)
    check_corrections(root, text, found, claims, {section for *_, section in records}, problems)
    order = {anchor: index for index, anchor in enumerate(reading_order(text))}
    found.claims = tuple(sorted(claims, key=lambda c: (order.get(c.where, len(order)), c.start)))


def check_sources(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    """Every work a record rests on is in bib/ (run after the works are read)."""
    for claim in found.claims:
        for index, key in enumerate(claim.sources):
            if key not in found.works:
                schema.report_at(problems, file_of(root, claim), (claim.row, "sources", index),
                                 f"'{key}' is not in bib/",
                                 "correct the key or add the work to bib/editors.bib")


# A record as the model holds it; None (with its problems reported) if it points nowhere.
def check_record(text: Text, found: Apparatus, file: DataFile, row: int, item: dict[str, Any],
                 section: str, problems: Problems) -> Claim | None:
    where = Anchor.parse(str(item["where"]), ("p", "fn"))

    def report(field: str, what: str, fix: str) -> None:
        schema.report_at(problems, file, (row, field), what, fix)

    prefix = f"p{where.number}-" if where.kind == "p" else f"fn{where.number}-"
    if not str(item["id"]).startswith(prefix):
        report("id", f"'{item['id']}' does not start with its anchor '{prefix}'",
               f"start the id with {prefix} (where: {where})")
    holder = (text.paragraphs if where.kind == "p" else text.notes).get(where)
    if holder is None:
        report("where", f"'{where}' is not in the text", "give a paragraph (pN) or footnote (fn:N) that exists")
        return None
    if holder.part != section:
        report("where", f"{where} is on {holder.part}, not on {section}",
               f"move the record to {FOLDER}/{holder.part.removesuffix('.md')}.yml")
    said = reader_words(holder.markdown)
    count = said.count(item["words"])
    if count != 1:
        what = (f"'{item['words']}' occurs {count} times in {where}" if count else
                f"'{item['words']}' is not in {where} (as a reader sees it)")
        report("words", what, "quote a longer run of the report's words" if count else
               "copy the words exactly as the edition shows them, without note numbers or markup")
    explanation = item.get("explanation")
    note = item.get("note")
    if note is not None:
        annotation = next((a for a in found.annotations if a.id == note), None)
        if annotation is None:
            report("note", f"'{note}' is not the id of an annotation", f"name an annotation of {ANNOTATIONS}")
        elif annotation.paragraph != paragraph_of(where, holder):
            report("note", f"annotation '{note}' is on {annotation.paragraph}, not on "
                   f"{paragraph_of(where, holder)}",
                   "name a note on the record's own paragraph (for a footnote, the paragraph that "
                   "calls it), or write the explanation here")
        else:
            explanation = annotation.text
            if annotation.kind == "correction" and item["verdict"] not in CORRECTING:
                report("verdict", f"'{item['verdict']}' does not fit annotation '{note}', a correction",
                       "a correction's record is corrected or partly-right: change the verdict, "
                       "or make the note a caveat")
    return Claim(id=str(item["id"]), where=where, words=str(item["words"]), kind=item["kind"],
                 claim=str(item["claim"]), verdict=item["verdict"], explanation=str(explanation or ""),
                 section=section, note=note, sources=tuple(str(k) for k in item.get("sources", [])),
                 tried=item.get("tried"), start=max(said.find(item["words"]), 0), file=file.shown, row=row)


# The paragraph whose notes may explain a record: its own, or the one that calls its footnote.
def paragraph_of(where: Anchor, holder: Any) -> Anchor | None:
    return where if where.kind == "p" else holder.called_in


# Ids are unique across the files (the schema checks each file).
def check_unique(records: list[tuple[DataFile, int, dict[str, Any], str]], problems: Problems) -> None:
    first: dict[str, str] = {}
    for file, row, item, _ in records:
        record_id = str(item.get("id"))
        if record_id in first and first[record_id] != file.shown:
            schema.report_at(problems, file, (row, "id"), f"'{record_id}' is also a record of {first[record_id]}",
                             "give each record its own id")
        first.setdefault(record_id, file.shown)


# Every correction of a section whose ledger exists is explained by a record (a section is
# checked once its file is there: the coverage test asks for every section).
def check_corrections(root: Path, text: Text, found: Apparatus, claims: list[Claim], sections: set[str],
                      problems: Problems) -> None:
    named = {claim.note for claim in claims if claim.note}
    file = DataFile(root / ANNOTATIONS, ANNOTATIONS, "annotations")
    for annotation in found.annotations:
        paragraph = text.paragraphs.get(annotation.paragraph)
        if annotation.kind != "correction" or paragraph is None or paragraph.part not in sections:
            continue
        if annotation.id not in named:
            ledger = f"{FOLDER}/{paragraph.part.removesuffix('.md')}.yml"
            schema.report_at(problems, file, (found.annotation_rows[annotation.id], "kind"),
                             "this correction is not in the claim ledger",
                             f"add a record to {ledger} with where: {annotation.paragraph}, note: {annotation.id} "
                             "and verdict corrected or partly-right")


def file_of(root: Path, claim: Claim) -> DataFile:
    return DataFile(root / claim.file, claim.file, "claims")


# Paragraphs in order, each followed by the notes it calls.
def reading_order(text: Text) -> list[Anchor]:
    order: list[Anchor] = []
    for part in text.parts:
        for anchor in part.paragraphs:
            order.append(anchor)
            order += list(text.paragraphs[anchor].notes)
        order += [note for note in part.notes if note not in order]
    return order


# The words a reader sees of a paragraph or a note (model/words.py).
def words_of(edition: Edition, anchor: Anchor) -> str:
    holder = edition.paragraphs[anchor] if anchor.kind == "p" else edition.notes[anchor]
    return reader_words(holder.markdown)


# What the ledger must cover: every number, year, date and percentage


URL = re.compile(r"(?:https?://|www\.)[^\s<>\"\]]+")
UNITS = r"%|\s?percent\b|[\s-](?:million|billion|trillion|km|kilometers?|kilometres?|miles?)\b"
CHECKABLE = re.compile(
    r"(?<![\w])(?<![A-Za-z]-)"          # not inside a word or a name (G20, COVID-19)
    r"[$€£¥]?"                          # a currency, part of the figure
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 3,000 · 19.8 · 2014
    r"(?:st|nd|rd|th|s)?(?![\w])"       # 21st, 1990s; not 5G
    rf"(?:{UNITS})?"                    # 40%, 40 percent, $19.8 billion, 3,000-kilometer
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def checkable(said: str) -> list[Token]:
    """Every number in a text, with its currency, % or unit; none inside a web address.

    The one definition of what the ledger covers (README, "The claim ledger"): runs of
    digits (with thousands commas and decimals, an ordinal or decade ending: 21st, 1990s),
    with a currency sign before them and %, percent, million, billion, trillion or a unit
    of distance after them; not digits inside a word or a name (5G, G20, COVID-19) or a web
    address. A note's own printed number is not in its text, nor a note call in a paragraph's.
    """
    urls = [match.span() for match in URL.finditer(said)]
    return [Token(m.start(), m.end(), m.group(0)) for m in CHECKABLE.finditer(said)
            if not any(start <= m.start() < end for start, end in urls)]


def uncovered(edition: Edition) -> list[tuple[Anchor, Token]]:
    """Each number of the report's paragraphs and footnotes that no record's words cover."""
    spans: dict[Anchor, list[tuple[int, int]]] = {}
    for claim in edition.claims:
        spans.setdefault(claim.where, []).append((claim.start, claim.start + len(claim.words)))
    missing = []
    for part in edition.sections:
        for anchor in (*part.paragraphs, *part.notes):
            for token in checkable(words_of(edition, anchor)):
                if not any(start <= token.start and token.end <= end for start, end in spans.get(anchor, [])):
                    missing.append((anchor, token))
    return missing
