"""The timeline of dated events the report names, from data/timeline.yml.

The file is checked by its schema (schemas/timeline.schema.json and checks.py: years,
real dates within them, chronological order); `load_timeline(path)` reads it alone, for
code outside a build. The page is pages/timeline.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from edition.model import schema
from edition.model.schema import Problems

log = get_plugin_logger("edition")

FIELDS = ("year", "date", "end_year", "when", "label", "paragraph", "note")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# The event as the timeline page reads it: every field (None if absent), text on one line.
def normalized(entry: dict) -> dict:
    event = {field: entry.get(field) for field in FIELDS}
    for field in ("label", "when", "note"):
        if event[field] is not None:
            event[field] = " ".join(str(event[field]).split())
    return event


def load_timeline(path: str | Path, shown: str = "data/timeline.yml") -> list[dict]:
    """The events of a timeline file, checked by its schema (PluginError after every problem)."""
    problems = Problems()
    data = schema.load(Path(path), shown, "timeline", problems)
    problems.report(log)
    return [normalized(entry) for entry in data or []]


def _name(entry: object) -> str:
    label = entry.get("label") if isinstance(entry, dict) else None
    if not isinstance(label, str):
        return "no label"
    label = " ".join(label.split())
    return repr(label if len(label) <= 50 else label[:49] + "…")


