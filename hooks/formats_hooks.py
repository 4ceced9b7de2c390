"""MkDocs hooks of the offline formats: the edition as PDF and EPUB, in the same build.

At the end of `mkdocs build` (on_post_build, once every hook has changed the pages) the
package hooks/edition/formats/ makes, from each page's rendered content kept in memory
(`page.content`), the PDF in A4 and US Letter, each as a reader's copy and as a teacher's
copy with the annotations, and the EPUB, into site/downloads/ (edition/formats/build.py;
`make pdf` and `make epub` run a build that makes one kind). Every page gets a "Download
PDF" line.

Not under `mkdocs serve`: laying out the PDFs takes seconds and live reload should not
wait for them (`make build` or `make pdf` makes them). Not for a site without Material's
theme (the tests' tiny sites). EDITION_FORMATS in the environment: "off" builds the site
without them (the tests' shared site, the benchmark), "pdf" or "epub" makes one kind, "on"
(the default) both.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from edition.formats import build as formats
from edition.formats import offline
from edition.formats.meta import edition_meta, output_names
from edition.markup import after_title

log = get_plugin_logger("formats")
SETTINGS = {"on": formats.KINDS, "off": (), "pdf": ("pdf",), "epub": ("epub",)}


class State:
    command: str = "build"
    kinds: tuple[str, ...] = ()   # what this build writes
    files: Files | None = None


state = State()


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    material = config.theme.name == "material"
    setting = os.environ.get("EDITION_FORMATS", "on").lower()
    if setting not in SETTINGS:
        raise PluginError(f"EDITION_FORMATS={setting!r}: write one of {', '.join(SETTINGS)}")
    state.kinds = SETTINGS[setting] if material and state.command != "serve" else ()
    state.files = None
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not state.kinds:
        return html         # no file to link to (mkdocs serve, EDITION_FORMATS=off)
    return after_title(html, download_line(page, state.kinds), else_first=True)


def on_env(env, *, config: MkDocsConfig, files: Files):
    state.files = files       # the build's final files: their pages hold the rendered content
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    if not state.kinds or state.files is None:
        log.debug("offline formats skipped (mkdocs serve, EDITION_FORMATS=off or not Material)")
        return
    files = state.files
    pages = [offline.SourcePage(file.page.url, file.page.title or "", file.page.content)
             for file in files.documentation_pages()
             if file.page is not None and file.page.content is not None]

    def url_of(src: str) -> str | None:
        file = files.get_file_from_path(src)
        return file.url if file is not None else None

    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)
    try:
        sections = offline.report_sections(config.nav or [], url_of)
        report = formats.build(pages, sections, edition_meta(config), site_dir, root, state.kinds)
    except (ImportError, OSError) as error:
        raise PluginError(f"offline formats: cannot make the PDF and EPUB ({error}); install "
                          "the packages of uv.lock (make does) and the system libraries of "
                          "scripts/system-deps.sh") from error
    for message in report.warnings:
        log.warning(f"offline formats: {message}")
    log.info(f"offline formats in {report.seconds:.1f} s: " + "; ".join(report.lines(site_dir)))


# Helper functions


# The line goes right under the page's title, where a reader looks for it; the search index
# leaves it out (data-search-exclude), as it is on every page. A div, not a p: every p of
# a section page is a numbered paragraph of the report. It links only the files this build
# writes, so a site built with one kind (make pdf) has no dead link.
def download_line(page: Page, kinds: tuple[str, ...]) -> str:
    urls = {kind: get_relative_url(name, page.url) for kind, name in output_names().items()}
    pdfs = f'<a href="{urls["a4"]}">PDF (A4)</a> · <a href="{urls["letter"]}">PDF (US Letter)</a>'
    epub = f'<a href="{urls["epub"]}">EPUB</a>'
    if page.is_homepage:
        offered = " · ".join([pdfs] * ("pdf" in kinds) + [epub] * ("epub" in kinds))
        teachers = (' Teacher\'s copy, with the annotations and discussion questions: '
                    f'<a href="{urls["a4-teacher"]}">PDF (A4)</a> · '
                    f'<a href="{urls["letter-teacher"]}">PDF (US Letter)</a>.') if "pdf" in kinds else ""
        return (f'<div class="edition-downloads" data-search-exclude>Download this edition: '
                f'{offered}.{teachers}</div>')
    links = []
    if "pdf" in kinds:
        links.append(f'<a href="{urls["a4"]}">Download PDF</a> (A4; <a href="{urls["letter"]}">US Letter</a>)')
    if "epub" in kinds:
        links.append(f'<a href="{urls["epub"]}">Download EPUB</a>')
    return f'<div class="edition-downloads" data-search-exclude>{" · ".join(links)}</div>'
