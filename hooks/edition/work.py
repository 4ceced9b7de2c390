"""The report and this edition, described once (data/work.yml), as citation data.

Three works can be cited: the report as published, this edition of it (version, address),
and one paragraph of this edition (the edition with a locator and the paragraph's address).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.model.datafile import read_yaml

REQUIRED = {
    "report": {"title", "title_sentence_case", "author", "publisher", "place", "date", "language",
               "copyright"},
    "edition": {"title", "version", "released", "editors", "medium", "description"},
}
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Work:
    report: dict[str, Any]
    edition: dict[str, Any]
    url: str  # the edition's address: the build's site_url

    @property
    def version(self) -> str:
        return self.edition["version"]

    @property
    def author_name(self) -> str:
        author = self.report["author"]
        return f"{author['given']} {author['family']}"


def load(path: Path, root: Path, site_url: str | None) -> Work:
    shown = path.relative_to(root)
    data = read_yaml(path, shown) or {}
    for part, fields in REQUIRED.items():
        missing = fields - set(data.get(part) or {})
        if missing:
            raise PluginError(f"{shown}: '{part}' lacks {', '.join(sorted(missing))}")
    if not VERSION.match(str(data["edition"]["version"])):
        raise PluginError(f"{shown}: edition.version '{data['edition']['version']}' is not x.y.z")
    if not site_url:
        raise PluginError("mkdocs.yml: site_url is not set; the edition's citations need its address")
    return Work(data["report"], data["edition"], site_url if site_url.endswith("/") else site_url + "/")


# CSL-JSON items


def report_item(work: Work) -> dict[str, Any]:
    report = work.report
    year, month = (int(part) for part in str(report["date"]).split("-")[:2])
    item = {
        "id": "yau2020rivalry",
        "type": "report",
        "author": [report["author"]],
        "title": report["title_sentence_case"],
        "publisher": report["publisher"],
        "publisher-place": report["place"],
        "issued": {"date-parts": [[year, month]]},
        "language": report["language"],
    }
    if report.get("series"):
        item["collection-title"] = report["series"]
    return item


def edition_item(work: Work, url: str | None = None) -> dict[str, Any]:
    item = report_item(work)
    item.update({
        "id": "yau2020rivalry-edition",
        "version": work.version,
        "medium": work.edition["medium"],
        "URL": url or work.url,
    })
    item.pop("collection-title", None)
    return item


def paragraph_item(work: Work, page_url: str, number: int) -> dict[str, Any]:
    item = edition_item(work, f"{work.url}{page_url}#p{number}")
    item["id"] = f"yau2020rivalry-p{number}"
    return item
