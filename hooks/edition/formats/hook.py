"""The formats' part of the build: what the one hook (hooks/edition_hooks.py) calls at
on_post_build, once every page is rendered.

The pages' rendered content is taken from memory (`page.content` of every documentation
page, after every hook), never re-read from site/; the report's sections in reading order
come from the nav (offline.report_sections), the metadata from the config and data/work.yml.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from edition.formats import build as formats
from edition.formats import offline
from edition.formats.meta import edition_meta

log = get_plugin_logger("formats")


def write(config: MkDocsConfig, files: Files, kinds: tuple[str, ...],
          settings: Mapping[str, Any] | None = None) -> None:
    """Write the PDFs and/or the EPUB (`kinds`) into site/downloads/, or take them from the cache."""
    pages = [offline.SourcePage(file.page.url, file.page.title or "", file.page.content)
             for file in files.documentation_pages()
             if file.page is not None and file.page.content is not None]

    def url_of(src: str) -> str | None:
        file = files.get_file_from_path(src)
        return file.url if file is not None else None

    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)
    try:
        group = (settings or {}).get("report_group", offline.REPORT_NAV_TITLE)
        sections = offline.report_sections(config.nav or [], url_of, group)
        report = formats.build(pages, sections, edition_meta(config), site_dir, root, kinds, settings)
    except (ImportError, OSError) as error:
        raise PluginError(f"offline formats: cannot make the PDF and EPUB ({error}); install "
                          "the packages of uv.lock (make does) and the system libraries of "
                          "scripts/system-deps.sh") from error
    for message in report.warnings:
        log.warning(f"offline formats: {message}")
    log.info(f"offline formats in {report.seconds:.1f} s: " + "; ".join(report.lines(site_dir)))
