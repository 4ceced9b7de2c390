"""CSL-JSON items written as biblatex and as RIS: the one way the edition writes either.

Shared by the bibliography's downloads (exports/bib.py) and /cite/'s snippets (pages/cite.py),
so a work reads the same in every file; here, beside markup.py, where the package keeps what
several features share (a feature imports no other feature). The biblatex written passes biber's data-model check
(`biber --tool --validate-datamodel`, tests/test_exports.py); the RIS is read as Zotero's RIS
translator reads it: corporate names whole (no comma), a report's number in SN, its type
in M3 and its series in T2. biblatex's report has no series field: the series is left out of
the BibTeX of a report.
"""
from __future__ import annotations

import re
from typing import Any

from edition.errors import EditionError
from edition.model.edition import NOCASE, unmarked

# CSL type -> biblatex entry type (for an item with the fields that type requires).
BIBLATEX_TYPES = {"article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
                  "webpage": "online", "report": "report", "book": "book", "document": "misc"}
SUBTYPES = {"article-newspaper": "newspaper", "article-magazine": "magazine"}
RIS_TYPES = {"article-newspaper": "NEWS", "article-magazine": "MGZN", "article-journal": "JOUR",
             "webpage": "ELEC", "report": "RPRT", "book": "BOOK", "document": "GEN"}
LATEX_SPECIALS = re.compile(r"([&%$#_])")


# biblatex


def biblatex(item: dict[str, Any], title: str | None = None) -> str:
    """One entry; `title` overrides the item's (the edition's title as printed, in title case)."""
    entry_type = biblatex_type(item)
    fields: dict[str, str | None] = {
        "author": " and ".join(name_bibtex(name) for name in item.get("author", [])) or None,
        "editor": " and ".join(name_bibtex(name) for name in item.get("editor", [])) or None,
        "title": braced(title or item["title"]),
        "journaltitle": latex(item.get("container-title")) if entry_type == "article" else None,
        "entrysubtype": SUBTYPES.get(item["type"]) if entry_type == "article" else None,
        # biblatex requires a report's type; "Report" where the data names none (the 2020 report
        # calls itself one), which CSL styles leave unprinted.
        "type": latex(item.get("genre") or ("Report" if entry_type == "report" else None))
        if entry_type in ("report", "misc") else None,
        "institution": one(item.get("publisher")) if entry_type == "report" else None,
        "publisher": one(item.get("publisher")) if entry_type in ("book", "collection") else None,
        "series": latex(item.get("collection-title")) if entry_type in ("book", "collection") else None,
        "organization": one(item.get("publisher")) if entry_type in ("online", "misc") else None,
        "number": latex(item.get("number")),
        "volume": latex(item.get("volume")) if entry_type in ("book", "collection") else None,
        "location": one(item.get("publisher-place")) if entry_type != "online" else None,
        "date": iso_date(item) or None,
        "url": item.get("URL"),
        "note": latex(item.get("note")),
    }
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items() if value)
    return f"@{entry_type}{{{item['id']},\n{body}}}\n"


# The entry type whose required fields the item has (biblatex's data model, blx-dm.def).
def biblatex_type(item: dict[str, Any]) -> str:
    wanted = BIBLATEX_TYPES.get(item["type"], "misc")
    has = set(item)
    required = {"article": {"author", "container-title"}, "online": {"URL"},
                "report": {"author", "publisher"}, "book": {"author"}}.get(wanted, set())
    if required <= has:
        return wanted
    if wanted == "book" and "editor" in has:
        return "collection"  # an edited volume: biblatex requires its editor, not an author
    return "online" if "URL" in has else "misc"


def name_bibtex(name: dict[str, str]) -> str:
    if "literal" in name:
        return "{" + (latex(name["literal"]) or "") + "}"  # a corporate name, kept whole
    return ", ".join(latex(part) or "" for part in (name.get("family"), name.get("given")) if part)


# An undated work has no date: biblatex asks for one, but ISO 8601-2's "year unspecified" (XXXX,
# which bib/ keeps for biber) is the year 0 to readers that do not know it (citation-js).
def iso_date(item: dict[str, Any]) -> str:
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if not parts:
        return ""
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


# One name in a biblatex list field (publisher, institution, location...), braced where it holds
# " and ", which would otherwise split it in two ("Chatham House and Brookings Institution Press").
def one(value: str | None) -> str | None:
    escaped = latex(value)
    return "{" + escaped + "}" if escaped and " and " in escaped else escaped


# CSL-JSON's case-kept words (<span class="nocase">China</span>) as biblatex braces them.
def braced(value: str) -> str:
    parts = NOCASE.split(value)  # text, kept, text, kept, ...
    return "".join("{" + (latex(part) or "") + "}" if index % 2 else (latex(part) or "")
                   for index, part in enumerate(parts))


def latex(value: str | None) -> str | None:
    return LATEX_SPECIALS.sub(r"\\\1", value) if value else None


# RIS


def ris(item: dict[str, Any], title: str | None = None) -> str:
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"])]
    lines += [("AU", name_ris(name, item["id"])) for name in item.get("author", [])]
    lines += [("ED", name_ris(name, item["id"])) for name in item.get("editor", [])]  # Zotero: editor
    lines.append(("TI", unmarked(title or item["title"])))
    # Zotero's RIS translator reads a report's series from T2, any other's from T3.
    series = "T2" if item["type"] == "report" else "T3"
    tags = (("T2", "container-title"), (series, "collection-title"), ("PB", "publisher"),
            ("CY", "publisher-place"), ("VL", "volume"), ("M3", "genre"), ("UR", "URL"), ("LA", "language"),
            ("N1", "note"))
    lines += [(tag, item[field]) for tag, field in tags if item.get(field)]
    if item.get("number"):
        # Zotero's RIS translator reads a report's number from SN, any other's from IS.
        lines.append(("SN" if item["type"] == "report" else "IS", item["number"]))
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        # RIS dates are YYYY/MM/DD/other, with empty parts where unknown: 1992///
        padded = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]] + [""] * (3 - len(parts))
        lines += [("PY", str(parts[0])), ("DA", "/".join(padded) + "/")]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "\n"


# RIS has one form for a name, "Family, Given": a corporate name must hold no comma, or readers
# (Zotero, EndNote) split it into a family and a given name.
def name_ris(name: dict[str, str], key: str) -> str:
    if "literal" in name:
        if "," in name["literal"]:
            raise EditionError(f"bib/: entry '{key}': the corporate author {name['literal']!r} holds a comma, "
                               "which RIS readers take for a family/given separator: write it without one")
        return name["literal"]
    return ", ".join(part for part in (name.get("family"), name.get("given")) if part)
