"""The timeline of dated events the report names, from data/timeline.yml.

`load_timeline(path)` reads and checks the file; a malformed event stops the build with a
message naming the file, the event (its number and label), the field and the fix.
`timeline_html(events, links)` renders an ordered list; `links` maps every paragraph id
the timeline cites (pN, fn:N) to its URL, relative to the page that shows the timeline.
"""
from __future__ import annotations

import datetime
import re
from html import escape
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from edition.model.datafile import load_yaml

REQUIRED = ("year", "label", "paragraph")
EXAMPLES = {"year": "year: 1992", "label": "label: Tian Zengpei tours Central Asia",
            "paragraph": "paragraph: p3"}
FIELDS = ("year", "date", "end_year", "when", "label", "paragraph", "note")
FIRST_YEAR, LAST_YEAR = 1800, 2020      # the report was published in September 2020
PARAGRAPH = re.compile(r"^(?:p|fn:)[1-9][0-9]*$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class _EventError(Exception):
    """What is wrong with one event; load_timeline adds the file and the event."""


def _field_error(field: str, problem: str) -> _EventError:
    return _EventError(f"field '{field}' {problem}")


# Public API


def load_timeline(path: str | Path) -> list[dict]:
    """The events of the timeline file, checked, each with all of FIELDS (None if absent)."""
    entries = _read(Path(path))
    events = []
    for number, entry in enumerate(entries, start=1):
        try:
            event = _event(entry)
            if events:
                _check_order(events[-1], event)
        except _EventError as error:
            raise PluginError(f"{path}, event {number} ({_name(entry)}): {error}") from None
        events.append(event)
    return events


# Helper functions: checking


def _read(path: Path) -> list:
    try:
        entries = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the timeline: {error}") from None
    if not isinstance(entries, list):
        raise PluginError(f"{path}: the timeline must be a list of events ('- year: ...')")
    return entries


def _event(entry: object) -> dict:
    if not isinstance(entry, dict):
        raise _EventError("not a mapping of fields; write 'year: ...', 'label: ...' and "
                          "'paragraph: ...' under its '- '")
    for field in entry:
        if field not in FIELDS:
            raise _field_error(field, f"is unknown; the fields are {', '.join(FIELDS)}")
    for field in REQUIRED:
        if field not in entry:
            raise _field_error(field, f"is missing; add it, e.g. {EXAMPLES[field]}")
    event = {field: entry.get(field) for field in FIELDS}
    event["year"] = _year(event["year"], "year")
    if event["end_year"] is not None:
        event["end_year"] = _year(event["end_year"], "end_year")
        if event["end_year"] <= event["year"]:
            raise _field_error("end_year", f"is {event['end_year']}, not after year "
                               f"{event['year']}; give the last year of the span or leave it out")
    if event["date"] is not None:
        event["date"] = _date(event["date"], event["year"])
    for field in ("label", "when", "note"):
        if event[field] is not None or field == "label":
            event[field] = _text(event[field], field)
    if not isinstance(event["paragraph"], str) or not PARAGRAPH.match(event["paragraph"]):
        raise _field_error("paragraph", f"is {event['paragraph']!r}; write pN for paragraph N "
                           "or fn:N for footnote N, e.g. paragraph: p12")
    return event


def _year(value: object, field: str) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if not whole or not FIRST_YEAR <= value <= LAST_YEAR:
        raise _field_error(field, f"is {value!r}; give a year from {FIRST_YEAR} to {LAST_YEAR} "
                           f"as a whole number, e.g. {field}: 1992")
    return value


# YAML reads 2016-06-22 as a date and 1992-01 as a string; both become ISO strings.
def _date(value: object, year: int) -> str:
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    match = DATE.match(text)
    valid = bool(match) and int(match.group(1)) == year and _real_date(match)
    if not valid:
        raise _field_error("date", f"is {text!r}; give an ISO month or day within year {year}, "
                           f"e.g. date: {year}-01 or date: {year}-06-22, or leave it out")
    return text


def _real_date(match: re.Match) -> bool:
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _field_error(field, f"is {value!r}; give a short text")
    return " ".join(value.split())


# Years never go back; within a year, dated events follow their dates.
def _check_order(previous: dict, event: dict) -> None:
    if event["year"] < previous["year"]:
        raise _field_error("year", f"is {event['year']}, before the previous event's "
                           f"{previous['year']}; keep the file in chronological order")
    if (event["year"] == previous["year"] and event["date"] and previous["date"]
            and event["date"] < previous["date"]):
        raise _field_error("date", f"is {event['date']}, before the previous event's "
                           f"{previous['date']}; keep the file in chronological order")


def _name(entry: object) -> str:
    label = entry.get("label") if isinstance(entry, dict) else None
    if not isinstance(label, str):
        return "no label"
    label = " ".join(label.split())
    return repr(label if len(label) <= 50 else label[:49] + "…")


