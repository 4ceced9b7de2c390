"""The record of every change to the report's text (the page is pages/changes.py).

Two sources: data/repairs.yml (written by scripts/import_report.py: the structural repairs
of the extraction) and data/emendations.yml (kept by the editors: every change of wording,
each written in the pages as CriticMarkup, e.g. {~~printed~>corrected~~}). A mark in the
text without an entry, or an entry without its mark, stops the build.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.model.anchors import Anchor
from edition.model.datafile import read_list
from edition.model.sources import CRITIC  # noqa: F401 (the changes page reads it from here)

EMENDATION_FIELDS = {"where", "mark", "reason"}
KIND_NAMES = {"++": "insertion", "--": "deletion", "~~": "substitution"}


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
        if not Anchor.is_valid(str(entry["where"]), ("p", "fn")):
            raise PluginError(f"{shown}: entry {number}: where '{entry['where']}' is not pN or fn:N")
    return entries
