"""The glossary and the entity index as entries of the model (data/glossary.yml, data/entities.yml).

The files are read and checked by their schemas (schema.py; `schema.check_index` checks
ids and aliases across both); this module makes the model's entries from data that passed.
Every alias belongs to exactly one entry across both files, so one matcher (names.py) can
find every mention in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edition.model.edition import Entry

# The entity index's groups, in the order the page shows them.
GROUPS = {
    "person": "People",
    "organization": "Organizations",
    "company": "Companies",
    "place": "Places",
    "agreement": "Agreements and initiatives",
}
TERM_ENTITY_TYPES = {"organization": "organization", "agreement": "agreement", "initiative": "agreement"}


@dataclass
class Index:
    terms: dict[str, Entry]
    entities: dict[str, Entry]
    owners: dict[str, Entry]  # alias -> the entry it names


def index(terms: list[dict[str, Any]], entities: list[dict[str, Any]]) -> Index:
    found = Index({}, {}, {})
    for item in terms:
        name = item["term"] + (f" ({item['short']})" if item.get("short") else "")
        group = TERM_ENTITY_TYPES.get(item["entity_type"]) if item.get("entity_type") else None
        found.terms[item["id"]] = Entry("term", item["id"], name, tuple(item["aliases"]), item["definition"],
                                        group, item)
    for item in entities:
        found.entities[item["id"]] = Entry("entity", item["id"], item["name"], tuple(item["aliases"]),
                                           item["description"], item["type"], item)
    for entry in [*found.terms.values(), *found.entities.values()]:
        found.owners.update((alias, entry) for alias in entry.aliases)
    return found
