"""The apparatus of the edition, from data/ and bib/, checked against the text and each other.

Each file is read by its loader (which stops at the file's first malformed entry); the
references between files and into the text (a paragraph, a note, a work, a term) are
checked here, every one, into the same `Problems`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from edition.model import annotations as annotation_data
from edition.model import emendations as emendation_data
from edition.model import entries as entry_data
from edition.model import events as event_data
from edition.model import works as work_data
from edition.model.anchors import Anchor
from edition.model.datafile import read_list
from edition.model.edition import Annotation, Emendation, Entry, Event, Release, Repair, Work
from edition.model.problems import Problems
from edition.model.text import Text

log = get_plugin_logger("edition")

ANNOTATIONS, EMENDATIONS, REPAIRS = "data/annotations.yml", "data/emendations.yml", "data/repairs.yml"
GLOSSARY, ENTITIES, TIMELINE, CHANGELOG = ("data/glossary.yml", "data/entities.yml",
                                           "data/timeline.yml", "data/changelog.yml")


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
    require_sources: bool = True  # a correction or caveat must cite a work (issue 14)


def read(root: Path, text: Text, problems: Problems, settings: dict[str, Any]) -> Apparatus:
    found = Apparatus()
    found.require_sources = bool(settings.get("require_sources", True))
    for collector in (read_entries, read_annotations, read_works, read_events, read_changes, read_releases):
        try:
            collector(root, text, found, problems)
        except PluginError as error:
            problems.caught(error)
    return found


def read_entries(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    if (root / GLOSSARY).exists() and (root / ENTITIES).exists():
        index = entry_data.load(root / GLOSSARY, root / ENTITIES, root)
        found.terms, found.entities, found.aliases = index.terms, index.entities, index.owners


def read_annotations(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    if not (root / ANNOTATIONS).exists():
        return
    items = annotation_data.load(root / ANNOTATIONS, ANNOTATIONS)
    page_of = {anchor: paragraph.part for anchor, paragraph in text.paragraphs.items()}
    found.annotations = annotation_data.numbered(items, page_of)
    known = {"glossary": found.terms, "entity": found.entities}
    for note in found.annotations:
        entry = f"annotation '{note.id}'"
        if note.paragraph not in text.paragraphs:
            problems.add(ANNOTATIONS, None, entry, None, f"paragraph '{note.paragraph}' does not exist in the text",
                         "give the id of a paragraph of the report (pN)")
        if note.kind in annotation_data.NEED_CITES and not note.cites and found.require_sources:
            problems.add(ANNOTATIONS, None, entry, "cites", f"a {note.kind} must cite what it rests on",
                         "add cites: [key] naming a work of bib/ (bib/editors.bib for works the editors consulted)")
        for ref in note.refs:
            kind, _, name = ref.partition(":")
            missing = ref not in {a.id for a in text.paragraphs} if not name else name not in known[kind]
            if missing:
                problems.add(ANNOTATIONS, None, entry, None, f"ref '{ref}' does not exist",
                             "name a paragraph (pN), glossary:<id> or entity:<id> that exists")


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
    data, homes = work_data.load(paths, root) if paths else (None, {})
    entries = data.entries if data is not None else {}
    for key, notes in cited_by_notes.items():
        if key not in entries:
            note = text.notes[notes[0]]
            problems.add(note.part, None, None, None, f"footnote [^{note.anchor.number}] cites '@{key}', "
                         f"which is not in {shown}", "correct the key or add the work to bib/")
    for key, ids in cited_by_annotations.items():
        if key not in entries:
            problems.add(ANNOTATIONS, None, f"annotation '{ids[0]}'", None,
                         f"cites '{key}', which is not in bib/", "correct the key or add the work to bib/editors.bib")
    for key, entry in entries.items():
        found.works[key] = Work(key, work_data.to_csl(key, entry), str(homes[key]),
                                tuple(sorted(set(cited_by_notes.get(key, ())))),
                                tuple(cited_by_annotations.get(key, ())), entry)
        if key not in cited_by_notes and key not in cited_by_annotations:
            log.warning(f"{shown}: entry '{key}' is cited by no footnote and no annotation: cite it in a "
                        f"footnote as [printed words](@{key}), in an annotation's cites, or remove it")


def read_events(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    if not (root / TIMELINE).exists():
        return
    events = []
    for event in event_data.load_timeline(root / TIMELINE):
        anchor = Anchor.parse(event["paragraph"], ("p", "fn"))
        if anchor not in (text.paragraphs if anchor.kind == "p" else text.notes):
            problems.add(TIMELINE, None, f"event '{event['label'][:50]}' ({event['year']})", None,
                         f"field 'paragraph' is '{anchor}', which is not in the text", "use an existing pN or fn:N")
        events.append(Event(event["year"], event["label"], anchor, event["date"], event["end_year"],
                            event["when"], event["note"]))
    found.events = tuple(events)


def read_changes(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    entries = emendation_data.load_emendations(root / EMENDATIONS, EMENDATIONS)
    found.emendations = tuple(Emendation(Anchor.parse(str(e["where"]), ("p", "fn")), e["mark"], e["reason"])
                              for e in entries)
    check_marks(text, found.emendations, problems)
    if (root / REPAIRS).exists():
        found.repairs = tuple(
            Repair(str(r.get("kind", "")), str(r["where"]), tuple(r.get("source_lines", [])), str(r["what"]),
                   r.get("count")) for r in read_list(root / REPAIRS, REPAIRS))


# Every CriticMarkup mark in the text has its entry, and every entry its mark.
def check_marks(text: Text, emendations: tuple[Emendation, ...], problems: Problems) -> None:
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
    for emendation in emendations:
        if (emendation.where, emendation.mark) not in seen:
            problems.add(EMENDATIONS, None, None, None, f"the change recorded for {emendation.where} "
                         f"({emendation.mark!r}) is not in the text", "restore the mark in the page or remove the entry")


def read_releases(root: Path, text: Text, found: Apparatus, problems: Problems) -> None:
    if not (root / CHANGELOG).exists():
        return
    releases = []
    for number, release in enumerate(read_list(root / CHANGELOG, CHANGELOG, "releases"), start=1):
        missing = [name for name in ("version", "date", "summary") if not release.get(name)]
        for name in missing:
            problems.add(CHANGELOG, None, f"release {number}", name, "is missing", "add it")
        if not missing:
            releases.append(Release(str(release["version"]), str(release["date"]), str(release["summary"]),
                                    release_data(release)))
    found.releases = tuple(releases)


def release_data(release: dict[str, Any]) -> Any:
    from types import MappingProxyType
    return MappingProxyType(dict(release))
