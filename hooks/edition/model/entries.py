"""The glossary and the entity index as data: data/glossary.yml and data/entities.yml.

Loaded and checked once per build. Every alias belongs to exactly one entry across both
files, so one matcher can find every mention in one pass (see mentions.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.model.datafile import read_list
from edition.model.edition import Entry

TERM_FIELDS = {"id", "term", "aliases", "definition"}
TERM_OPTIONAL = {"short", "related", "entity_type", "wikidata", "source", "note"}
ENTITY_FIELDS = {"id", "type", "name", "aliases", "description"}
ENTITY_OPTIONAL = {"dates", "wikidata", "coordinates", "note"}
# The entity index's groups, in the order the page shows them.
GROUPS = {
    "person": "People",
    "organization": "Organizations",
    "company": "Companies",
    "place": "Places",
    "agreement": "Agreements and initiatives",
}
TERM_ENTITY_TYPES = {"organization": "organization", "agreement": "agreement", "initiative": "agreement"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass
class Index:
    terms: dict[str, Entry]
    entities: dict[str, Entry]
    owners: dict[str, Entry]  # alias -> the entry it names


# Loading


def load(glossary_path: Path, entities_path: Path, root: Path) -> Index:
    terms = {e.id: e for e in read_terms(glossary_path, root)}
    entities = {e.id: e for e in read_entities(entities_path, root)}
    for entity_id in entities.keys() & terms.keys():
        raise PluginError(
            f"{entities_path.relative_to(root)}: entry '{entity_id}': id is also a term in "
            f"{glossary_path.relative_to(root)}: keep one entry"
        )
    for term in terms.values():
        for related in term.data.get("related", []):
            if related not in terms:
                raise PluginError(
                    f"{glossary_path.relative_to(root)}: entry '{term.id}': field 'related' "
                    f"names '{related}', which is not a term id"
                )
    owners: dict[str, Entry] = {}
    for path, entries in ((glossary_path, terms), (entities_path, entities)):
        for entry in entries.values():
            for alias in entry.aliases:
                if alias in owners:
                    other = owners[alias]
                    raise PluginError(
                        f"{path.relative_to(root)}: entry '{entry.id}': alias '{alias}' also "
                        f"belongs to {other.kind} '{other.id}': an alias names one entry only"
                    )
                owners[alias] = entry
    return Index(terms, entities, owners)


def check_fields(item: dict[str, Any], number: int, required: set[str], optional: set[str],
                 shown: Path) -> str:
    name = item.get("id", f"#{number}")
    where = f"{shown}: entry '{name}'"
    for missing in sorted(required - item.keys()):
        raise PluginError(f"{where}: missing field '{missing}'")
    for unknown in sorted(item.keys() - required - optional):
        raise PluginError(
            f"{where}: unknown field '{unknown}' (allowed: {', '.join(sorted(required | optional))})"
        )
    if not ID.match(str(item["id"])):
        raise PluginError(f"{where}: field 'id' must be lowercase letters, digits and hyphens")
    aliases = item["aliases"]
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a for a in aliases):
        raise PluginError(f"{where}: field 'aliases' must be a non-empty list of strings")
    if "wikidata" in item and not QID.match(str(item["wikidata"])):
        raise PluginError(f"{where}: field 'wikidata' must be a QID such as Q15031")
    return where


def read_terms(path: Path, root: Path) -> list[Entry]:
    shown = path.relative_to(root)
    entries = []
    for number, item in enumerate(read_list(path, shown), start=1):
        where = check_fields(item, number, TERM_FIELDS, TERM_OPTIONAL, shown)
        entity_type = item.get("entity_type")
        if entity_type is not None and entity_type not in TERM_ENTITY_TYPES:
            raise PluginError(
                f"{where}: field 'entity_type' is '{entity_type}', expected one of "
                f"{', '.join(sorted(TERM_ENTITY_TYPES))}"
            )
        name = item["term"] + (f" ({item['short']})" if item.get("short") else "")
        group = TERM_ENTITY_TYPES.get(entity_type) if entity_type else None
        entries.append(Entry("term", item["id"], name, tuple(item["aliases"]), item["definition"], group, item))
    check_unique(entries, shown)
    return entries


def read_entities(path: Path, root: Path) -> list[Entry]:
    shown = path.relative_to(root)
    entries = []
    for number, item in enumerate(read_list(path, shown), start=1):
        where = check_fields(item, number, ENTITY_FIELDS, ENTITY_OPTIONAL, shown)
        if item["type"] not in GROUPS:
            raise PluginError(
                f"{where}: field 'type' is '{item['type']}', expected one of {', '.join(GROUPS)}"
            )
        coordinates = item.get("coordinates")
        if item["type"] == "place" and not valid_coordinates(coordinates):
            raise PluginError(f"{where}: a place needs field 'coordinates': [latitude, longitude]")
        if coordinates is not None and not valid_coordinates(coordinates):
            raise PluginError(f"{where}: field 'coordinates' must be [latitude, longitude] in degrees")
        entries.append(
            Entry("entity", item["id"], item["name"], tuple(item["aliases"]), item["description"], item["type"], item)
        )
    check_unique(entries, shown)
    return entries


def valid_coordinates(value: Any) -> bool:
    return (
        isinstance(value, list) and len(value) == 2
        and all(isinstance(v, (int, float)) for v in value)
        and -90 <= value[0] <= 90 and -180 <= value[1] <= 180
    )


def check_unique(entries: list[Entry], shown: Path) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise PluginError(f"{shown}: entry '{entry.id}': id used twice")
        seen.add(entry.id)
