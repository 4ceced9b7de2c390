"""The bibliography as files to download, generated from bib/ at every build.

BibTeX is written by pybtex from the parsed data (so it round-trips what bib/ says);
CSL-JSON is the edition's normalised data; RIS is derived from CSL-JSON.
"""
from __future__ import annotations

import json
from typing import Any

from pybtex.database import BibliographyData, Entry

RIS_TYPES = {
    "article-newspaper": "NEWS",
    "article-magazine": "MGZN",
    "article-journal": "JOUR",
    "webpage": "ELEC",
    "report": "RPRT",
    "book": "BOOK",
    "document": "GEN",
}


def to_bibtex(data: BibliographyData) -> str:
    """Each entry as bib/ has it, plus the classic BibTeX year and journal for older tools.

    Values are written as read (they are valid BibTeX already); pybtex's own writer would
    escape % and _ inside URLs, which biblatex reads verbatim.
    """
    header = "% Works cited in the footnotes of Niva Yau, \"Russia and China's Quiet Rivalry in\n" \
             "% Central Asia\" (FPRI, 2020). Generated from the edition's bib/ at build time.\n"
    return header + "".join(bibtex_entry(key, entry) for key, entry in data.entries.items())


def bibtex_entry(key: str, entry: Entry) -> str:
    fields = {role: " and ".join(str(person) for person in persons)
              for role, persons in entry.persons.items()}
    fields.update(entry.fields)
    if fields.get("date") and "year" not in fields:
        fields["year"] = fields["date"][:4]
    if "journaltitle" in fields and "journal" not in fields:
        fields["journal"] = fields["journaltitle"]
    body = "".join(f"  {name.lower()} = {{{value}}},\n" for name, value in fields.items())
    return f"\n@{entry.type}{{{key},\n{body}}}\n"


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def to_ris(items: list[dict[str, Any]]) -> str:
    return "".join(ris_record(item) for item in items)


def ris_record(item: dict[str, Any]) -> str:
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"])]
    for name in item.get("author", []):
        lines.append(("AU", name.get("literal") or ", ".join(
            part for part in (name.get("family"), name.get("given")) if part)))
    lines.append(("TI", item["title"]))
    for tag, field in (("T2", "container-title"), ("PB", "publisher"), ("CY", "publisher-place"),
                       ("IS", "number"), ("M3", "genre"), ("UR", "URL"), ("LA", "language"),
                       ("N1", "note")):
        if item.get(field):
            lines.append((tag, item[field]))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        # RIS dates are YYYY/MM/DD/other, with empty parts where unknown: 1992///
        padded = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]] + [""] * (3 - len(parts))
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", "/".join(padded) + "/"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "\n"


# A CSL item as biblatex, for the edition's own citations (the report, the edition, a paragraph).
CSL_TO_BIBLATEX = {"report": "report", "webpage": "online"}


def csl_to_bibtex(item: dict[str, Any], title: str) -> str:
    """`title` as printed (title case): BibTeX styles lower the case themselves where needed."""
    entry_type = "online" if item.get("URL") else CSL_TO_BIBLATEX.get(item["type"], "misc")
    authors = " and ".join(f"{a['family']}, {a['given']}" for a in item.get("author", []))
    date = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(item["issued"]["date-parts"][0]))
    fields = {
        "author": authors,
        "title": title,
        "organization" if entry_type == "online" else "institution": item.get("publisher"),
        "location": item.get("publisher-place"),
        "date": date,
        "series": item.get("collection-title"),
        "version": item.get("version"),
        "note": item.get("medium"),
        "url": item.get("URL"),
        "langid": {"en": "english"}.get(item.get("language", ""), None),
    }
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items() if value)
    return f"@{entry_type}{{{item['id']},\n{body}}}\n"
