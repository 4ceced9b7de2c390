"""Build the `Edition` once per build, in on_files: from the nav, the pages' sources, data/ and bib/.

Small collectors, in the Sphinx way: `text` reads the parts (reading order from the nav,
nowhere else) and what each page's source holds; `apparatus` reads data/ and bib/ and
checks every reference between them. Every problem is collected in one `Problems` and the
build stops after reporting all of them. What the site generator knows (the nav, the pages,
the address) comes in a `Site` (model/site.py), which the one hook fills from MkDocs.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from edition.log import logger
from edition.model import addresses, apparatus, buildtime, symlinks, text
from edition.model.edition import Edition, EditionInfo, Person, Report
from edition.model.schema import Problems
from edition.model.site import Site

log = logger()

WORK = "data/work.yml"


def build(site: Site, settings: dict[str, Any] | None = None, problems: Problems | None = None) -> Edition:
    """The edition as the sources say; EditionError (after logging every problem) if they disagree."""
    problems = problems if problems is not None else Problems()
    report_group = (settings or {}).get("report_group", text.REPORT_GROUP)
    sources = text.read_sources(site, problems)
    parts = text.parts(site, sources, report_group)
    found = text.collect(parts, sources, problems)
    report, info = read_work(site, problems)
    data = apparatus.read(site.root, found, problems)
    apparatus.check_addresses(site.root, found, data, problems,
                              addresses.renderer(site.markdown_extensions, dict(site.markdown_configs)))
    problems.report(log)
    return Edition(
        report=report, edition=info, parts=found.parts,
        paragraphs=MappingProxyType(found.paragraphs), notes=MappingProxyType(found.notes),
        figures=MappingProxyType(found.figures), works=MappingProxyType(data.works),
        terms=MappingProxyType(data.terms), entities=MappingProxyType(data.entities),
        annotations=data.annotations, events=data.events, emendations=data.emendations,
        repairs=data.repairs, releases=data.releases, settings=MappingProxyType(dict(settings or {})),
        aliases=MappingProxyType(data.aliases), reading_path=data.reading_path, claims=data.claims,
        geography=MappingProxyType(data.geography), maps=data.maps,
    )


def check_links(root: Path, folders: list[Path]) -> None:
    """Stop the build, before anything is read, on a symbolic link in `folders` (docs/, data/,
    bib/) that leads outside the project (symlinks.py)."""
    problems = Problems()
    for link, target in symlinks.outside(root, folders):
        shown = link.relative_to(root) if link.is_relative_to(root) else link
        problems.add(str(shown), None, None, None, f"a symbolic link to {target}, outside the project: refused "
                     "(the build would read or publish what it points to)",
                     "put the file itself in the project, or remove the link")
    problems.report(log)


# data/work.yml: the report and this edition (absent from the tests' tiny sites).
def read_work(site: Site, problems: Problems) -> tuple[Report | None, EditionInfo | None]:
    data = apparatus.load(site.root, WORK, "work", problems)
    if data is None:
        return None, None
    if not site.url:
        problems.add("mkdocs.yml", None, None, "site_url", "is not set",
                     "set it: the edition's citations need its address")
        return None, None
    report, edition = data["report"], data["edition"]
    author = Person(family=report["author"]["family"], given=report["author"]["given"])
    date, released = str(report["date"]), str(edition["released"])
    return (
        Report(title=report["title"], title_sentence_case=report["title_sentence_case"], author=author,
               publisher=report["publisher"], place=report["place"], date=date,
               series=report.get("series"), language=report["language"], copyright=report["copyright"],
               id=report.get("id") or ascii_name(author.family, "") + date[:4],
               publisher_short=report.get("publisher_short") or report["publisher"],
               keywords=tuple(report.get("keywords") or ())),
        EditionInfo(title=edition["title"], version=str(edition["version"]), released=released,
                    editors=edition["editors"], medium=edition["medium"], description=edition["description"],
                    url=site.url if site.url.endswith("/") else site.url + "/",
                    file_name=edition.get("file_name") or f"{ascii_name(author.family, '-')}-{date[:4]}",
                    site_description=" ".join(site.description.split()),
                    built=buildtime.build_time(site.root, released)),
    )


# "Ó Súilleabháin" -> "o-suilleabhain" (joined by `joiner`): a name as a key or a file name.
def ascii_name(name: str, joiner: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return joiner.join(re.findall(r"[a-z0-9]+", plain))
