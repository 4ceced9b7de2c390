"""The works the footnotes cite: read from bib/*.bib with pybtex, checked, made CSL-JSON.

CSL-JSON is the one normalised form of the data: it is formatted for the Bibliography
page and written out for download, and the RIS export is derived from it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from latexcodec.codec import UnicodeLatexIncrementalDecoder
from pybtex.database import BibliographyData, Entry, Person, parse_file
from pybtex.scanner import PybtexError

from edition.errors import EditionError
from edition.model import addresses, dates

# An undated work: ISO 8601-2's "year unspecified", which biber accepts and reads as no date
# (biblatex has no valid "n.d." value); CSL styles then print "n.d.".
NO_DATE = "XXXX"
# An edited volume (biblatex's collection) is a CSL book with editors and no author.
CSL_TYPES = {"online": "webpage", "report": "report", "misc": "document", "book": "book", "collection": "book"}
ARTICLE_TYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}


# Loading and checking


def load(paths: list[Path], root: Path) -> tuple[BibliographyData, dict[str, Path]]:
    """Every entry of the .bib files; messages name files relative to `root` (the project)."""
    data = BibliographyData()
    homes: dict[str, Path] = {}
    for path in paths:
        shown = path.relative_to(root)
        try:
            parsed = parse_file(str(path), bib_format="bibtex")
        except PybtexError as error:
            raise EditionError(f"{shown}: malformed BibTeX: {error}") from error
        for key, entry in parsed.entries.items():
            if key in data.entries:
                raise EditionError(f"{shown}: entry '{key}' is also defined in {homes[key]}")
            data.entries[key], homes[key] = entry, shown
    for key, entry in data.entries.items():
        check_entry(key, entry, homes[key])
    return data, homes


def check_entry(key: str, entry: Entry, path: Path) -> None:
    where = f"{path}: entry '{key}'"
    if not entry.fields.get("title"):
        raise EditionError(f"{where} has no title: add a field title = {{...}}")
    date, year = entry.fields.get("date"), entry.fields.get("year")
    if not date and not year:
        raise EditionError(
            f"{where} has no date: add date = {{YYYY-MM-DD}} (or YYYY), or date = {{{NO_DATE}}} "
            "with a note saying the date is unknown"
        )
    for name, forms in (("date", dates.ALL), ("urldate", ("day",))):
        value = entry.fields.get(name)
        wrong = dates.problem(value, forms) if value else None
        if wrong:
            raise EditionError(f"{where}, field '{name}': {wrong}: write {dates.written(forms)}, e.g. "
                               f"{name} = {{{dates.example(forms).split(' or ')[0]}}}")
    url = entry.fields.get("url")
    refused = addresses.refusal(url) if url else None
    if refused:
        raise EditionError(f"{where}, field 'url': {refused}")
    if year and not re.fullmatch(r"\d{4}", year):
        raise EditionError(f"{where}: year '{year}' is not a year: write date = {{YYYY}}, or "
                           f"date = {{{NO_DATE}}} for an undated work")


# Converting to CSL-JSON


def to_csl(key: str, entry: Entry) -> dict[str, Any]:
    # URLs are taken as written: in LaTeX, % would start a comment.
    fields = {name.lower(): value if name.lower() == "url" else plain(value)
              for name, value in entry.fields.items()}
    item: dict[str, Any] = {"id": key, "type": csl_type(entry), "title": case_kept(entry.fields["title"])}
    authors = [person_name(p) for p in entry.persons.get("author", [])]
    organization = fields.get("organization") or fields.get("institution")
    editors = [person_name(p) for p in entry.persons.get("editor", [])]
    if authors:
        item["author"] = authors
    elif organization and not editors:
        item["author"] = [{"literal": organization}]  # Chicago: the owner stands as author
    if editors:
        item["editor"] = editors
    for csl_name, bib_names in (
        ("container-title", ("journaltitle", "journal")),
        ("collection-title", ("series",)),
        ("publisher", ("publisher", "institution")),
        ("publisher-place", ("location",)),
        ("number", ("number",)),
        ("volume", ("volume",)),
        ("genre", ("type",)),
        ("URL", ("url",)),
        ("note", ("note",)),
    ):
        value = next((fields[name] for name in bib_names if fields.get(name)), None)
        if value and not (csl_name == "publisher" and value == organization and not authors):
            item[csl_name] = value
    issued = date_parts(fields.get("date") or fields.get("year", NO_DATE))
    if issued:
        item["issued"] = {"date-parts": [issued]}
    # No CSL `language`: every title recorded is English (the report's translation where
    # the original is not), and CSL would leave a title tagged zh or ru in its own case, so
    # the item stays exactly what /bibliography/ is formatted from and the downloads give.
    return item


def csl_type(entry: Entry) -> str:
    if entry.type == "article":
        return ARTICLE_TYPES.get(entry.fields.get("entrysubtype", ""), "article-journal")
    return CSL_TYPES.get(entry.type, "document")


def person_name(person: Person) -> dict[str, str]:
    last = " ".join(person.last_names)
    if last.startswith("{") and last.endswith("}"):
        return {"literal": plain(last)}
    given = " ".join(person.first_names + person.middle_names)
    return {"family": plain(last), "given": plain(given)} if given else {"family": plain(last)}


def date_parts(value: str) -> list[int] | None:
    return list(dates.parts(value) or ()) or None


# LaTeX markup of the .bib (braces, ``quotes'', \%) read as the characters it stands for.
def plain(value: str) -> str:
    for escaped in ("\\$", "\\%", "\\&", "\\_", "\\#"):
        value = value.replace(escaped, escaped[1])  # latexcodec leaves these escaped
    # What codecs.decode(value, "ulatex") runs, called directly: typeshed types codecs.decode
    # of a str only for the standard library's text codecs.
    text = UnicodeLatexIncrementalDecoder().decode(value, final=True)
    return " ".join(text.replace("{", "").replace("}", "").split())


# A title's braced words ({China}, {JD.com}) keep their case in every CSL processor: CSL-JSON
# marks them <span class="nocase">, as biblatex's braces do (pandoc's and citeproc-js's rule).
def case_kept(value: str) -> str:
    parts = re.split(r"(\{[^{}]*\})", value)
    return "".join(f'<span class="nocase">{plain(part)}</span>' if part.startswith("{") else plain_keep_space(part)
                   for part in parts if part)


def plain_keep_space(value: str) -> str:
    decoded = plain(value)
    return (" " if value[:1].isspace() else "") + decoded + (" " if value[-1:].isspace() and decoded else "")


def csl_items(data: BibliographyData) -> list[dict[str, Any]]:
    return [to_csl(key, entry) for key, entry in data.entries.items()]
