"""The record of every change to the report's text, and the page that shows it to readers.

Two sources: data/repairs.yml (written by scripts/import_report.py: the structural repairs
of the extraction) and data/emendations.yml (kept by the editors: every change of wording,
each written in the pages as CriticMarkup, e.g. {~~printed~>corrected~~}). A mark in the
text without an entry, or an entry without its mark, stops the build.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.model.datafile import read_list

CRITIC = re.compile(r"\{(\+\+|--|~~)(.*?)(\+\+|--|~~)\}", re.DOTALL)
EMENDATION_FIELDS = {"where", "mark", "reason"}
KIND_NAMES = {"++": "insertion", "--": "deletion", "~~": "substitution"}
LOCATION = re.compile(r"^(p[1-9][0-9]*|fn:[1-9][0-9]*)$")


# Loading and checking the data


def load_emendations(path: Path, shown: str) -> list[dict[str, Any]]:
    entries = read_list(path, shown) if path.exists() else []
    for number, entry in enumerate(entries, start=1):
        missing = EMENDATION_FIELDS - entry.keys()
        unknown = entry.keys() - EMENDATION_FIELDS
        if missing or unknown:
            raise PluginError(
                f"{shown}: entry {number} ({entry.get('where', '?')}): "
                + (f"missing {', '.join(sorted(missing))}" if missing else "")
                + ("; " if missing and unknown else "")
                + (f"unknown field {', '.join(sorted(unknown))}" if unknown else "")
                + f"; each entry has exactly: {', '.join(sorted(EMENDATION_FIELDS))}"
            )
        if not LOCATION.match(str(entry["where"])):
            raise PluginError(f"{shown}: entry {number}: where '{entry['where']}' is not pN or fn:N")
    return entries


def check_marks(page: str, marks: list[tuple[str, str]], entries: list[dict], path: str) -> None:
    recorded = {(str(e["where"]), e["mark"]) for e in entries}
    for location, mark in marks:
        if (location, mark) not in recorded:
            raise PluginError(
                f"{page}: editorial change {mark!r} in {location} is not recorded in {path}: "
                f"add an entry with where: {location}, mark: (the mark as written) and reason"
            )


def check_all_found(found: set[tuple[str, str]], entries: list[dict], path: str) -> None:
    for entry in entries:
        if (str(entry["where"]), entry["mark"]) not in found:
            raise PluginError(
                f"{path}: the change recorded for {entry['where']} ({entry['mark']!r}) is not "
                "in the text: restore the mark in the page or remove the entry"
            )


