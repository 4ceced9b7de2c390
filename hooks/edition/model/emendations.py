"""The record of every change to the report's text (the page is pages/changes.py).

Two sources: data/repairs.yml (written by scripts/import_report.py: the structural repairs
of the extraction) and data/emendations.yml (kept by the editors: every change of wording,
each written in the pages as CriticMarkup, e.g. {~~printed~>corrected~~}). A mark in the
text without an entry, or an entry without its mark, stops the build (apparatus.py); the
file's fields are checked by its schema (schemas/emendations.schema.json).
"""
from __future__ import annotations

from edition.model.sources import CRITIC  # noqa: F401 (the changes page reads it from here)

KIND_NAMES = {"++": "insertion", "--": "deletion", "~~": "substitution"}
