"""The bibliography as three downloads: BibTeX (biblatex), RIS and CSL-JSON.

All three are written from the works' CSL-JSON items (`Work.csl`), the very data pandoc
formats /bibliography/ from, so any CSL processor renders the CSL-JSON as the page shows it,
and BibTeX and RIS readers get the same works (tests/test_exports.py checks all three with
independent readers, biber and citation-js).
"""
from __future__ import annotations

import json
import textwrap
from typing import Any

from edition import csl
from edition.model.edition import Edition

DOWNLOADS = {
    "BibTeX": "bibliography/report.bib",
    "RIS": "bibliography/report.ris",
    "CSL-JSON": "bibliography/report.json",
}
UNDATED = ("% biblatex fields. An undated work has no date field (biber will say one is missing):\n"
           "% readers that do not know ISO 8601-2 take its date = {XXXX} for the year 0.\n")


def downloads(edition: Edition) -> dict[str, str | bytes]:
    items = [dict(work.csl) for work in edition.works.values()]
    if not items:
        return {}
    return {
        DOWNLOADS["BibTeX"]: header(edition) + "".join("\n" + csl.biblatex(item) for item in items),
        DOWNLOADS["RIS"]: "".join(csl.ris(item) for item in items),
        DOWNLOADS["CSL-JSON"]: to_csl_json(items),
    }


# What the file holds, in BibTeX comments: the works of which report (data/work.yml), and how.
def header(edition: Edition) -> str:
    report = edition.report
    if report is None:
        return UNDATED
    what = (f'Works cited in the footnotes of {report.author.name}, "{report.title}" '
            f"({report.publisher_short}, {report.date[:4]}), written from the annotated online edition's CSL data.")
    return "".join(f"{line}\n" for line in textwrap.wrap(what, 84, initial_indent="% ", subsequent_indent="% ",
                                                          break_on_hyphens=False)) + UNDATED


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
