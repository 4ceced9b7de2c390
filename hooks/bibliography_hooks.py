"""MkDocs hooks of the bibliography: bib/*.bib -> Bibliography page, downloads, cite links.

Listed under `hooks:` after edition_hooks.py, whose on_files has read the page sources
(which footnote cites which work) by the time this module's on_files runs.

mkdocs-bibtex is not used: it turns citations into footnotes numbered per page and its
bibliography into a footnote list, while the edition keeps the report's printed note
numbers and needs one page of entries with anchors and back links. This module uses
pybtex, as mkdocs-bibtex does, to read the data, and pandoc's citeproc to format it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from edition import bibexport, bibformat, bibliography, registry
from edition.citeproc.cache import Cache

log = get_plugin_logger("bibliography")

CITATION = re.compile(r"\]\(@([^)\s]*)\)")


class State:
    root: Path
    bib_files: list[Path]
    items: dict[str, dict[str, Any]]


state = State()


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.root = Path(config.config_file_path).parent
    state.bib_files = sorted((state.root / "bib").glob("*.bib"))
    state.items = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not state.bib_files:
        return files
    data = bibliography.load(state.bib_files, state.root)
    items = bibliography.csl_items(data)
    state.items = {item["id"]: item for item in items}
    registry.registry.bib_items = state.items
    citations = registry.registry.sources.citations
    check_citations(citations, state.items, [p.relative_to(state.root) for p in state.bib_files])
    entries = bibformat.format_entries(items, Cache(state.root, "citeproc"))
    page = bibformat.bibliography_page(entries, state.items, citations)
    files.append(File.generated(config, "bibliography.md", content=page))
    downloads = {
        "BibTeX": bibexport.to_bibtex(data),
        "RIS": bibexport.to_ris(items),
        "CSL-JSON": bibexport.to_csl_json(items),
    }
    for label, path in bibformat.DOWNLOADS.items():
        files.append(File.generated(config, path, content=downloads[label]))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return CITATION.sub(lambda match: cite_target(match.group(1), page.file.src_uri), markdown)


# Helper functions


def check_citations(citations: dict[str, list[tuple[str, int]]], items: dict[str, Any],
                    bib_files: list[Path]) -> None:
    where = ", ".join(str(path) for path in bib_files)
    for key, cited in citations.items():
        if key not in items:
            page, note = cited[0]
            raise PluginError(
                f"{page}: footnote [^{note}] cites '@{key}', which is not in {where}: "
                "correct the key or add the work to bib/"
            )
    for key in items:
        if key not in citations:
            log.warning(f"{where}: entry '{key}' is cited by no footnote: cite it in a "
                        f"footnote as [printed words](@{key}) or remove it")


# A link [printed words](@key) becomes a link to the work's entry, styled as a citation.
def cite_target(key: str, page: str) -> str:
    if key not in state.items:
        raise PluginError(f"{page}: citation '@{key}' is not in bib/: correct the key")
    return f"]({bibformat.cite_link(key, page)}){{.cite-work}}"
