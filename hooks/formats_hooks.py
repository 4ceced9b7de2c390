"""MkDocs hooks of the offline formats: the edition as PDF and EPUB, in the same build.

Listed last under `hooks:`. At the end of `mkdocs build` (on_post_build, once every page is
written) the modules in hooks/edition/ read the built pages back and write into
site/downloads/ the PDF in A4 and US Letter, each as a reader's copy and as a teacher's
copy with the annotations, and the EPUB (edition/formats/build.py; `make pdf`, `make epub` run
the same code through scripts/formats.py). Every page gets a "Download PDF" line.

Not under `mkdocs serve`: laying out the PDFs takes seconds and live reload should not
wait for them (`make build` or `make pdf` makes them). Not for a site without Material's
page markup (the tests' tiny sites), which the formats cannot read. EDITION_FORMATS=off in
the environment builds the site without them (`make pdf` and the benchmark use it).
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

from edition.formats import build as formats, offline
from edition.markup import after_title

log = get_plugin_logger("formats")


class State:
    command: str = "build"
    links: bool = False      # the site gets download links (Material theme)
    write: bool = False      # and this build writes the files
    meta: offline.Meta


state = State()


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.links = config.theme.name == "material"
    if state.links:
        state.meta = offline.edition_meta(config)
    state.write = (state.links and state.command != "serve"
                   and os.environ.get("EDITION_FORMATS", "on").lower() != "off")
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not state.links:
        return html
    return after_title(html, download_line(page), else_first=True)


def on_post_build(*, config: MkDocsConfig) -> None:
    if not state.write:
        log.debug("offline formats skipped (mkdocs serve, EDITION_FORMATS=off or not Material)")
        return
    site_dir = Path(config.site_dir)
    try:
        report = formats.build(site_dir, state.meta)
    except (ImportError, OSError) as error:
        raise PluginError(f"offline formats: cannot make the PDF and EPUB ({error}); install "
                          "the packages in requirements.txt and the system libraries in .ci/run")
    for message in report.warnings:
        log.warning(f"offline formats: {message}")
    log.info(f"offline formats in {report.seconds:.1f} s: " + "; ".join(report.lines(site_dir)))


# Helper functions


# The line goes right under the page's title, where a reader looks for it; the search index
# leaves it out (data-search-exclude), as it is on every page. A div, not a p: every p of
# a section page is a numbered paragraph of the report.
def download_line(page: Page) -> str:
    urls = {kind: get_relative_url(name, page.url) for kind, name in offline.output_names().items()}
    if page.is_homepage:
        return (
            '<div class="edition-downloads" data-search-exclude>Download this edition: '
            f'<a href="{urls["a4"]}">PDF (A4)</a> · <a href="{urls["letter"]}">PDF (US Letter)</a>'
            f' · <a href="{urls["epub"]}">EPUB</a>. Teacher\'s copy, with the annotations and '
            f'discussion questions: <a href="{urls["a4-teacher"]}">PDF (A4)</a> · '
            f'<a href="{urls["letter-teacher"]}">PDF (US Letter)</a>.</div>'
        )
    return (
        '<div class="edition-downloads" data-search-exclude>'
        f'<a href="{urls["a4"]}">Download PDF</a> (A4; <a href="{urls["letter"]}">US Letter</a>)'
        f' · <a href="{urls["epub"]}">Download EPUB</a></div>'
    )
