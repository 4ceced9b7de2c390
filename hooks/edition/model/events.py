"""The timeline of dated events the report names, from data/timeline.yml.

The file is checked by its schema (schemas/timeline.schema.json and checks.py: years,
real dates within them, chronological order); apparatus.py reads it once, into the
model's `Edition.events`, and checks each event's passage is in the text. The page is
pages/timeline.py.
"""
from __future__ import annotations

from typing import Any

from edition.model.anchors import Anchor
from edition.model.edition import MONTHS, Event

__all__ = ["MONTHS", "event"]


# An entry of the file (checked by its schema) as the model holds it: its text on one line.
def event(entry: dict[str, Any]) -> Event:
    text = {name: " ".join(str(entry[name]).split()) for name in ("label", "when", "note")
            if entry.get(name) is not None}
    return Event(entry["year"], text["label"], Anchor.parse(entry["paragraph"], ("p", "fn")),
                 entry.get("date"), entry.get("end_year"), text.get("when"), text.get("note"))
