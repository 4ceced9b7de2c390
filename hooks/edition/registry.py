"""What the build learns about the edition while pages render, shared by the hooks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from edition.model.sources import Sources


@dataclass
class Registry:
    # Paragraph id ("p12") -> source path of the page that holds it.
    paragraphs: dict[str, str] = field(default_factory=dict)
    # Footnote label ("12") -> source path of the page that defines it.
    footnotes: dict[str, str] = field(default_factory=dict)
    # Source path of the page being rendered, and whether it is a section of the report.
    page: str = ""
    in_report: bool = False
    # What the page sources say before rendering (read once, in on_files).
    sources: Sources = field(default_factory=Sources)
    # The glossary and entity index (indexdata.Index), its matcher (mentions.Matcher), and
    # entry id -> the mentions.Locator of every paragraph or note that mentions it.
    index: Any = None
    matcher: Any = None
    mentions: dict[str, set[Any]] = field(default_factory=dict)
    # citation key -> CSL-JSON item of every work in bib/ (set by the bibliography hooks).
    bib_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Whether the page being rendered is part of the printed text (sections, title page,
    # the publisher's pages), whose mentions the index records.
    scan_mentions: bool = False


# Reset by on_config at the start of every build: `mkdocs serve` keeps hook modules loaded.
registry = Registry()


def reset() -> Registry:
    global registry
    registry = Registry()
    return registry
