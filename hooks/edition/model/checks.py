"""The rules JSON Schema cannot say, each a small named function of a file's valid data.

JSON Schema checks one value at a time against fixed rules. It cannot compare two fields
of an entry (an event's end year after its year), one entry with the one before it (the
timeline in order), or a value with the ids of other entries (a related term that
exists; an alias that names one entry only, across two files). These are here, and give
their findings in the same form as the schema's (messages.Finding).
"""
from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from edition.model import dates
from edition.model.messages import Finding


def run(schema_name: str, data: Any) -> Iterator[Finding]:
    """The findings of every check of one file (its data already passed its schema)."""
    for check in CHECKS.get(schema_name, ()):
        yield from check(data)


# data/timeline.yml


# A date is a real month or day, and within the event's year.
def timeline_dates(events: list[dict[str, Any]]) -> Iterator[Finding]:
    for index, event in enumerate(events):
        year, date = event["year"], event.get("date")
        if date is not None and not _date_in_year(date, year):
            yield Finding((index, "date"), f"'{date}' is not a real month or day within year {year}",
                          f"write e.g. date: {year}-01 or date: {year}-06-22, or leave it out")


def timeline_spans(events: list[dict[str, Any]]) -> Iterator[Finding]:
    for index, event in enumerate(events):
        end, year = event.get("end_year"), event["year"]
        if end is not None and end <= year:
            yield Finding((index, "end_year"), f"{end} is not after year {year}",
                          "give the last year of the span or leave it out")


# Years never go back; within a year, dated events follow their dates.
def timeline_order(events: list[dict[str, Any]]) -> Iterator[Finding]:
    for index, (previous, event) in enumerate(itertools.pairwise(events), start=1):
        if event["year"] < previous["year"]:
            yield Finding((index, "year"), f"{event['year']} is before the previous event's "
                          f"{previous['year']}", "keep the file in chronological order")
        elif (event["year"] == previous["year"] and _dated(event) and _dated(previous)
              and event["date"] < previous["date"]):
            yield Finding((index, "date"), f"'{event['date']}' is before the previous event's "
                          f"'{previous['date']}'", "keep the file in chronological order")


def _dated(event: dict[str, Any]) -> bool:
    return event.get("date") is not None and _date_in_year(event["date"], event["year"])


def _date_in_year(date: str, year: int) -> bool:
    return dates.problem(date, ("day", "month")) is None and int(date[:4]) == year


# data/glossary.yml


def glossary_related(terms: list[dict[str, Any]]) -> Iterator[Finding]:
    ids = [term["id"] for term in terms]
    for index, term in enumerate(terms):
        for position, related in enumerate(term.get("related", [])):
            if related not in ids:
                yield Finding((index, "related", position), f"'{related}' is not the id of a term",
                              _closest(related, ids, "use a term's id or remove it"))


# data/changelog.yml


# A release has its date; the changes not yet released (version: unreleased) have none, and
# come first, once.
def changelog_dates(releases: list[dict[str, Any]]) -> Iterator[Finding]:
    for index, release in enumerate(releases):
        unreleased = release["version"] == "unreleased"
        if unreleased and index:
            yield Finding((index, "version"), "the unreleased changes are not the first entry",
                          "put them first, above the newest release, and only once")
        if unreleased and "date" in release:
            yield Finding((index, "date"), "changes not yet released have no date",
                          "remove it, or give the release its version (scripts/release.py)")
        if not unreleased and "date" not in release:
            yield Finding((index,), f"release {release['version']} has no date",
                          "write its date: \"YYYY-MM-DD\"", name="date")


CHECKS: dict[str, tuple[Callable[[Any], Iterator[Finding]], ...]] = {
    "timeline": (timeline_dates, timeline_spans, timeline_order),
    "glossary": (glossary_related,),
    "changelog": (changelog_dates,),
}


# data/glossary.yml and data/entities.yml together: one matcher finds every mention, so an
# id is a term or an entity, and an alias names one entry of either file.
def index(terms: list[dict[str, Any]], entities: list[dict[str, Any]]
          ) -> tuple[list[Finding], list[Finding]]:
    """(findings in the glossary, findings in the entities)."""
    found: tuple[list[Finding], list[Finding]] = ([], [])
    term_ids = {term["id"] for term in terms}
    for index_, entity in enumerate(entities):
        if entity["id"] in term_ids:
            found[1].append(Finding((index_, "id"), f"'{entity['id']}' is also a term in the glossary",
                                    "keep one entry: a term with entity_type, or this entity"))
    owners: dict[str, str] = {}
    for side, (kind, entries) in enumerate((("term", terms), ("entity", entities))):
        for index_, entry in enumerate(entries):
            for position, alias in enumerate(entry["aliases"]):
                if alias in owners:
                    found[side].append(Finding(
                        (index_, "aliases", position), f"alias '{alias}' also belongs to {owners[alias]}",
                        "an alias names one entry only: remove it from one of them"))
                owners.setdefault(alias, f"{kind} '{entry['id']}'")
    return found


def _closest(value: str, known: list[str], fix: str) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    return f"did you mean '{close[0]}'? or {fix}" if close else fix
