"""Build the `Edition` once per build, in on_files: from the nav, the pages' sources, data/ and bib/.

Small collectors, in the Sphinx way: `text` reads the parts (reading order from the nav,
nowhere else) and what each page's source holds; `apparatus` reads data/ and bib/ and
checks every reference between them. Every problem is collected in one `Problems` and the
build stops after reporting all of them.
"""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from edition.model import addresses, apparatus, symlinks, text
from edition.model.edition import Edition, EditionInfo, Person, Report
from edition.model.schema import Problems

log = get_plugin_logger("edition")

WORK = "data/work.yml"


def build(config: MkDocsConfig, files: Files, settings: dict[str, Any] | None = None,
          problems: Problems | None = None) -> Edition:
    """The edition as the sources say; PluginError (after logging every problem) if they disagree."""
    problems = problems if problems is not None else Problems()
    root = Path(config.config_file_path).parent
    report_group = (settings or {}).get("report_group", text.REPORT_GROUP)
    sources = text.read_sources(files, problems)
    parts = text.parts(config, files, sources, report_group)
    found = text.collect(parts, sources, problems)
    report, info = read_work(root, config.site_url, problems)
    data = apparatus.read(root, found, problems)
    apparatus.check_addresses(root, found, data, problems,
                              addresses.renderer(config.markdown_extensions, config.mdx_configs))
    problems.report(log)
    return Edition(
        report=report, edition=info, parts=found.parts,
        paragraphs=MappingProxyType(found.paragraphs), notes=MappingProxyType(found.notes),
        figures=MappingProxyType(found.figures), works=MappingProxyType(data.works),
        terms=MappingProxyType(data.terms), entities=MappingProxyType(data.entities),
        annotations=data.annotations, events=data.events, emendations=data.emendations,
        repairs=data.repairs, releases=data.releases, settings=MappingProxyType(dict(settings or {})),
        aliases=MappingProxyType(data.aliases), reading_path=data.reading_path,
    )


def check_links(config: MkDocsConfig) -> None:
    """Stop the build, before anything is read, on a symbolic link in docs/, data/ or bib/
    that leads outside the project (symlinks.py)."""
    root = Path(config.config_file_path).parent
    problems = Problems()
    for link, target in symlinks.outside(root, [Path(config.docs_dir), root / "data", root / "bib"]):
        shown = link.relative_to(root) if link.is_relative_to(root) else link
        problems.add(str(shown), None, None, None, f"a symbolic link to {target}, outside the project: refused "
                     "(the build would read or publish what it points to)",
                     "put the file itself in the project, or remove the link")
    problems.report(log)


# data/work.yml: the report and this edition (absent from the tests' tiny sites).
def read_work(root: Path, site_url: str | None, problems: Problems) -> tuple[Report | None, EditionInfo | None]:
    data = apparatus.load(root, WORK, "work", problems)
    if data is None:
        return None, None
    if not site_url:
        problems.add("mkdocs.yml", None, None, "site_url", "is not set",
                     "set it: the edition's citations need its address")
        return None, None
    report, edition = data["report"], data["edition"]
    author = Person(family=report["author"]["family"], given=report["author"]["given"])
    return (
        Report(title=report["title"], title_sentence_case=report["title_sentence_case"], author=author,
               publisher=report["publisher"], place=report["place"], date=str(report["date"]),
               series=report.get("series"), language=report["language"], copyright=report["copyright"]),
        EditionInfo(title=edition["title"], version=str(edition["version"]), released=str(edition["released"]),
                    editors=edition["editors"], medium=edition["medium"], description=edition["description"],
                    url=site_url if site_url.endswith("/") else site_url + "/"),
    )
