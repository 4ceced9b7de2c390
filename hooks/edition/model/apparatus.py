"""The apparatus of the edition, from data/ and bib/, checked against the text and each other.

Each data file is read and checked by its JSON Schema (schema.py), every problem of every
file into the build's one `Problems`; the model's objects are made from the files that
passed. The references between files and into the text (a paragraph, a note, a work, a
term) are checked here, every one, into the same `Problems`, at their line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.log import logger
from edition.model import addresses, schema
from edition.model import annotations as annotation_data
from edition.model import claims as claim_data
from edition.model import entries as entry_data
from edition.model import events as event_data
from edition.model import works as work_data
from edition.model.anchors import Anchor
from edition.model.edition import (
    Annotation,
    Claim,
    Emendation,
    Entry,
    Event,
    Maps,
    MapView,
    ReadingStep,
    Release,
    Repair,
    Work,
)
from edition.model.schema import DataFile, Problems
from edition.model.text import Text

log = logger()

ANNOTATIONS, EMENDATIONS, REPAIRS = "data/annotations.yml", "data/emendations.yml", "data/repairs.yml"
GLOSSARY, ENTITIES, TIMELINE, CHANGELOG = ("data/glossary.yml", "data/entities.yml",
                                           "data/timeline.yml", "data/changelog.yml")
TEACHING, MAPS = "data/teaching.yml", "data/maps.yml"


@dataclass
class Apparatus:
    works: dict[str, Work] = field(default_factory=dict)
    terms: dict[str, Entry] = field(default_factory=dict)
    entities: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, Entry] = field(default_factory=dict)
    annotations: tuple[Annotation, ...] = ()
    events: tuple[Event, ...] = ()
    emendations: tuple[Emendation, ...] = ()
    repairs: tuple[Repair, ...] = ()
    releases: tuple[Release, ...] = ()
    reading_path: tuple[ReadingStep, ...] = ()
    claims: tuple[Claim, ...] = ()
    annotation_rows: dict[str, int] = field(default_factory=dict)  # id -> its index in the file
    geography: dict[str, Any] = field(default_factory=dict)  # file name -> its data
    maps: Maps | None = None
    unread: dict[str, str] = field(default_factory=dict)  # "glossary", "entity" -> the file to blame


def read(root: Path, text: Text, problems: Problems) -> Apparatus:
    found = Apparatus()
    # The ledger's records before the works (a work they rest on is cited), their sources after.
    for collector in (read_entries, read_annotations, claim_data.read, read_works, claim_data.check_sources,
                      read_events, read_changes, read_releases, read_reading_path, read_geography, read_maps):
        try:
            collector(root, text, found, problems)
        except EditionError as error:
            caught(problems, error)
    return found


# A file's data, checked by its schema; None if the file is absent or has a problem.
def load(root: Path, shown: str, schema_name: str, problems: Problems) -> Any:
    path = root / shown
    if not path.exists():
        return None
    before = len(problems)
    data = schema.load(path, shown, schema_name, problems)
    return data if len(problems) == before else None


# A loader's EditionError ("file: what: fix") as one of the problems.
def caught(problems: Problems, error: EditionError) -> None:
    file, _, rest = str(error).strip().partition(": ")
    what, _, fix = rest.rpartition(": ")
    problems.add(file, None, None, None, what or rest, fix if what else "")


def read_entries(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    terms, entities = load(root, GLOSSARY, "glossary", problems), load(root, ENTITIES, "entities", problems)
    if terms is not None and entities is not None:
        before = len(problems)
        schema.check_index(DataFile(root / GLOSSARY, GLOSSARY, "glossary"), terms,
                           DataFile(root / ENTITIES, ENTITIES, "entities"), entities, problems)
        if len(problems) == before:
            index = entry_data.index(terms, entities)
            found.terms, found.entities, found.aliases = index.terms, index.entities, index.owners
            return
    # Not read: a ref to either file cannot be checked; blame the file with the problems.
    for kind, own, other in (("glossary", GLOSSARY, ENTITIES), ("entity", ENTITIES, GLOSSARY)):
        if (root / own).exists() or (root / other).exists():
            found.unread[kind] = own if problems.has(own) else other


def read_annotations(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    items = load(root, ANNOTATIONS, "annotations", problems)
    if items is None:
        return
    markdown_of = {anchor: paragraph.markdown for anchor, paragraph in text.paragraphs.items()}
    found.annotations = annotation_data.labelled(items, markdown_of)
    file = DataFile(root / ANNOTATIONS, ANNOTATIONS, "annotations")
    position = found.annotation_rows = {str(item["id"]): index for index, item in enumerate(items)}
    known = {"glossary": found.terms, "entity": found.entities}
    for note in found.annotations:
        at = position[note.id]
        if note.paragraph not in text.paragraphs:
            schema.report_at(problems, file, (at, "paragraph"), f"paragraph '{note.paragraph}' does not exist "
                             "in the text", "give the id of a paragraph of the report (pN)", text.lost_with())
        for index, ref in enumerate(note.refs):
            kind, _, name = ref.partition(":")
            missing = Anchor.parse(ref) not in text.paragraphs if not name else name not in known[kind]
            if missing:
                schema.report_at(problems, file, (at, "refs", index), f"ref '{ref}' does not exist",
                                 "name a paragraph (pN), glossary:<id> or entity:<id> that exists",
                                 found.unread.get(kind) if name else text.lost_with())


def read_works(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    paths = sorted((root / "bib").glob("*.bib"))
    shown = ", ".join(str(path.relative_to(root)) for path in paths) or "bib/"
    cited_by_notes: dict[str, list[Anchor]] = {}
    for note in text.notes.values():
        for key in note.cites:
            cited_by_notes.setdefault(key, []).append(note.anchor)
    cited_by_annotations: dict[str, list[str]] = {}
    for annotation in found.annotations:
        for key in annotation.cites:
            cited_by_annotations.setdefault(key, []).append(annotation.id)
    cited_by_claims: dict[str, list[str]] = {}
    for claim in found.claims:
        for key in claim.sources:
            cited_by_claims.setdefault(key, []).append(claim.id)
    cited_by_entries: dict[str, list[str]] = {}
    for entry in [*found.terms.values(), *found.entities.values()]:
        for key in entry.cites:
            cited_by_entries.setdefault(key, []).append(entry.ref)
    data, homes = work_data.load(paths, root) if paths else (None, {})
    entries = data.entries if data is not None else {}
    for key, notes in cited_by_notes.items():
        if key not in entries:
            note = text.notes[notes[0]]
            problems.add(note.part, None, None, None, f"footnote [^{note.anchor.number}] cites '@{key}', "
                         f"which is not in {shown}", "correct the key or add the work to bib/")
    file = DataFile(root / ANNOTATIONS, ANNOTATIONS, "annotations")
    for key, ids in cited_by_annotations.items():
        if key not in entries:
            annotation = next(a for a in found.annotations if a.id == ids[0])
            where = (found.annotation_rows[annotation.id], "cites", annotation.cites.index(key))
            schema.report_at(problems, file, where, f"cites '{key}', which is not in bib/",
                             "correct the key or add the work to bib/editors.bib")
    for shown_file, held in ((GLOSSARY, found.terms), (ENTITIES, found.entities)):
        for row, entry in enumerate(held.values()):
            for index, key in enumerate(entry.cites):
                if key not in entries:
                    schema.report_at(problems, DataFile(root / shown_file, shown_file, shown_file[5:-4]),
                                     (row, "cites", index), f"cites '{key}', which is not in bib/",
                                     "correct the key or add the work to bib/editors.bib")
    for key, entry in entries.items():
        found.works[key] = Work(key, work_data.to_csl(key, entry), str(homes[key]),
                                tuple(sorted(set(cited_by_notes.get(key, ())))),
                                tuple(cited_by_annotations.get(key, ())), entry,
                                cited_in_claims=tuple(cited_by_claims.get(key, ())),
                                cited_in_entries=tuple(cited_by_entries.get(key, ())),
                                language=str(entry.fields.get("language", "")))
        if not any(key in cited for cited in (cited_by_notes, cited_by_annotations, cited_by_claims,
                                              cited_by_entries)):
            log.warning(f"{shown}: entry '{key}' is cited by no footnote, annotation, claim record or "
                        f"glossary or index entry: cite it in a footnote as [printed words](@{key}), in the "
                        "cites of an annotation or entry, in a record's sources, or remove it")


def read_events(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    items = load(root, TIMELINE, "timeline", problems)
    if items is None:
        return
    events = []
    for index, event in enumerate(event_data.event(item) for item in items):
        if event.anchor not in (text.paragraphs if event.anchor.kind == "p" else text.notes):
            schema.report_at(problems, DataFile(root / TIMELINE, TIMELINE, "timeline"), (index, "paragraph"),
                             f"'{event.anchor}' is not in the text", "use an existing pN or fn:N", text.lost_with())
        events.append(event)
    found.events = tuple(events)


def read_changes(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    entries = load(root, EMENDATIONS, "emendations", problems) if (root / EMENDATIONS).exists() else []
    if entries is None:
        return
    found.emendations = tuple(Emendation(Anchor.parse(str(e["where"]), ("p", "fn")), e["mark"], e["reason"])
                              for e in entries)
    check_marks(text, found.emendations, problems, DataFile(root / EMENDATIONS, EMENDATIONS, "emendations"))
    repairs = load(root, REPAIRS, "repairs", problems) or []
    found.repairs = tuple(Repair(str(r.get("kind", "")), str(r["where"]), tuple(r.get("source_lines", [])),
                                 str(r["what"]), r.get("count")) for r in repairs)


# Every CriticMarkup mark in the text has its entry, and every entry its mark.
def check_marks(text: Text, emendations: tuple[Emendation, ...], problems: Problems, file: DataFile) -> None:
    recorded = {(e.where, e.mark) for e in emendations}
    seen = set()
    for page, where, mark in text.marks:
        if where is None:
            problems.add(page, None, None, None, f"editorial mark {mark!r} is outside a numbered paragraph or "
                         "footnote", "changes are only made, and recorded, in the report's text")
        elif (where, mark) not in recorded:
            problems.add(page, None, None, None, f"editorial change {mark!r} in {where} is not recorded in "
                         f"{EMENDATIONS}", f"add an entry with where: {where}, mark: (the mark as written) and reason")
        seen.add((where, mark))
    for index, emendation in enumerate(emendations):
        if (emendation.where, emendation.mark) not in seen:
            schema.report_at(problems, file, (index, "mark"), f"the change recorded for {emendation.where} "
                             f"({emendation.mark!r}) is not in the text",
                             "restore the mark in the page or remove the entry")


def read_releases(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    releases = load(root, CHANGELOG, "changelog", problems) or []
    found.releases = tuple(Release(str(release["version"]), str(release.get("date", "")), str(release["summary"]),
                                   release_data(release)) for release in releases)


# data/teaching.yml: the suggested reading path, each step a section of the report.
def read_reading_path(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    data = load(root, TEACHING, "teaching", problems)
    if data is None:
        return
    steps = data.get("reading_path", [])
    sections = [part.src_uri for part in text.parts if part.kind == "section"]
    for index, step in enumerate(steps):
        if step["page"] not in sections:
            schema.report_at(problems, DataFile(root / TEACHING, TEACHING, "teaching"),
                             ("reading_path", index, "page"), f"'{step['page']}' is not a section of the report",
                             f"use one of {', '.join(sections)}")
    found.reading_path = tuple(ReadingStep(step["page"], step["focus"], step.get("time")) for step in steps)


# The coastlines and borders the map page draws (vendored Natural Earth data, written by
# scripts/make_land_data.py), as read: pages/teachingviews.py and placemap/ make shapes of them.
GEOGRAPHY = ("data/land-110m.json", "data/countries.json")


def read_geography(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    for shown in GEOGRAPHY:
        path = root / shown
        if not path.exists():
            continue
        try:
            found.geography[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.add(shown, None, None, None, f"cannot be read ({error})",
                         "regenerate it with scripts/make_land_data.py")


# data/maps.yml: the frames of the page's two maps and the countries they shade.
def read_maps(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    data = load(root, MAPS, "maps", problems)
    if data is None:
        return
    views = {}
    for name in ("wide", "detail"):
        view, sides = data[name], data[name]["frame"]
        words = " ".join(view["text"].split()) if view.get("text") else None
        views[name] = MapView(view["name"], west=float(sides["west"]), east=float(sides["east"]),
                              south=float(sides["south"]), north=float(sides["north"]),
                              grid=view.get("grid", 10), text=words)
    shaded = data.get("shaded") or {}
    found.maps = Maps(views["wide"], views["detail"], shaded.get("label", ""), tuple(shaded.get("countries", ())))


# The data's text that pages render as Markdown (annotations; the record of changes, a table
# of the Changes page): every link, image and attribute in it follows the rule for addresses
# (model/addresses.py), read from the tree `md` (the site's Markdown) makes of it.
def check_addresses(root: Path, text: Text, found: Apparatus, problems: Problems, md: Any) -> None:
    changes = "changes.md"
    fields: list[tuple[str, str, int, str, str, str]] = []   # (file, schema, row, field, text, page)
    for note in found.annotations:
        paragraph = text.paragraphs.get(note.paragraph)
        fields.append((ANNOTATIONS, "annotations", found.annotation_rows[note.id], "text", note.text,
                       paragraph.part if paragraph else ""))
    for index, emendation in enumerate(found.emendations):
        fields += [(EMENDATIONS, "emendations", index, "reason", emendation.reason, changes),
                   (EMENDATIONS, "emendations", index, "mark", emendation.mark, changes)]
    fields += [(REPAIRS, "repairs", index, "what", repair.what, changes) for index, repair in enumerate(found.repairs)]
    for claim in found.claims:     # the ledger's page renders a record's own explanation and what was tried
        fields += [(claim.file, "claims", claim.row, name, value, "claims.md")
                   for name, value in (("explanation", None if claim.note else claim.explanation),
                                       ("tried", claim.tried)) if value]
    for shown, schema_name, row, name, value, page in fields:
        for refused in addresses.in_markdown(value, md, page):
            schema.report_at(problems, DataFile(root / shown, shown, schema_name), (row, name),
                             refused.what, refused.fix)


def release_data(release: dict[str, Any]) -> Any:
    from types import MappingProxyType
    return MappingProxyType(dict(release))

