"""MkDocs hooks for citing: Cite on every page and paragraph, /cite/, /changelog/, the
metadata of every page, and the page-independent permalinks /p/N/.

Listed after edition_hooks.py, whose on_files has read where every paragraph is.
Everything comes from data/work.yml and the build's site_url.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from edition import changelog, citations, metadata, registry, teaching, work
from edition.citeproc.cache import Cache
from edition.markup import after_title

# One file for every page's Cite dialog, fetched when it is first opened: in each page it
# would weigh as much again as the page's text (1.6 KB gzipped on a section).
DIALOG_DATA = "cite/citations.json"
PARA_NUM = re.compile(r'(<a class="para-num" href="#p(\d+)"[^>]*>.*?</a>)', re.DOTALL)


class State:
    root: Path
    work: work.Work | None  # None without data/work.yml (e.g. the tests' tiny sites)
    citations: citations.Citations
    sections: list[tuple[str, str, list[int]]]  # (title, page URL, paragraph numbers)


state = State()


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.root = Path(config.config_file_path).parent
    path = state.root / "data" / "work.yml"
    state.work = work.load(path, state.root, config.site_url) if path.exists() else None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if state.work is None:
        return files
    anchors = registry.registry.sources.anchors
    pages: dict[int, str] = {}
    by_page: dict[str, list[int]] = {}
    for anchor, src in anchors.items():
        if anchor.startswith("p"):
            url = files.get_file_from_path(src).url
            pages[int(anchor[1:])] = url
            by_page.setdefault(src, []).append(int(anchor[1:]))
    state.citations = citations.format_all(state.work, pages, Cache(state.root, "citeproc"))
    state.sections = sorted(
        ((section_title(files, src), files.get_file_from_path(src).url, sorted(numbers))
         for src, numbers in by_page.items()),
        key=lambda section: section[2][0],
    )
    data = citations.dialog_data(state.work, state.citations)
    files.append(File.generated(config, DIALOG_DATA, content=json.dumps(data, ensure_ascii=False)))
    files.append(File.generated(config, "cite.md",
                                content=citations.cite_page(state.work, state.citations, state.sections)))
    log_path = state.root / "data" / "changelog.yml"
    if log_path.exists():
        page = changelog.changelog_page(changelog.load(log_path, state.root), anchors,
                                        log_path.relative_to(state.root))
        files.append(File.generated(config, "changelog.md", content=page))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if state.work is None:
        return html
    cite_url = get_relative_url("cite/", page.url)
    html = PARA_NUM.sub(
        lambda m: (f'{m.group(1)}<a class="para-cite cite-open" href="{cite_url}#cite-p{m.group(2)}" '
                   f'data-cite="p{m.group(2)}" aria-label="Cite paragraph {m.group(2)}">Cite</a>'),
        html,
    )
    source = get_relative_url(DIALOG_DATA, page.url)
    page_cite = (f'<div class="page-cite" data-cite-source="{source}"><a class="cite-open" '
                 f'href="{cite_url}#cite-edition" data-cite="page">Cite this edition</a></div>')
    return after_title(html, page_cite)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if state.work is None:
        return output
    url = state.work.url + page.url
    tags = metadata.head_tags(state.work, page.title or "", url, "section" in page.meta)
    return output.replace("</head>", f"{tags}\n</head>", 1)


def on_post_build(*, config: MkDocsConfig) -> None:
    if state.work is None:
        return
    site = Path(config.site_dir)
    for number, page_url in sorted(state.citations.pages.items()):
        folder = site / "p" / str(number)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(permalink_page(number, page_url), encoding="utf-8")


# Helper functions


def section_title(files: Files, src: str) -> str:
    title, _ = teaching.front_matter(files.get_file_from_path(src).content_string)
    return title or src


# /p/12/ sends a reader to paragraph 12 wherever it lives, so a citation survives a re-split
# of the pages; the canonical link names the paragraph's real address.
def permalink_page(number: int, page_url: str) -> str:
    target = f"../../{page_url}#p{number}"
    canonical = f"{state.work.url}{page_url}#p{number}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>¶ {number}: {state.work.report['title']}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>Paragraph {number} of the report is at <a href="{target}">{canonical}</a>.</p>
</body>
</html>
"""
