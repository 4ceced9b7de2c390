"""The edition's features as the one hook calls them: each a function of the model.

`GENERATORS` make the generated pages and downloads (site path -> content) in on_files;
each reads only the model (and the project's files), so their order does not matter
(tests/test_hooks.py runs them reversed and gets the same files). `FILLERS` complete the
generated pages once every page has rendered (on_env). The citing features (issue 13)
offer `pages(edition)` and `downloads(edition)` themselves.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from edition import teachingviews
from edition.citeproc.cache import Cache
from edition.exports import bib as bib_exports
from edition.exports import tei, webanno
from edition.model.edition import Edition, Mention, Rendered
from edition.pages import bibliography, changelog, changes, cite, index, metadata, mynotes, teaching

DIALOG_DATA = cite.DIALOG_DATA


@dataclass(frozen=True)
class Project:
    """What features need beside the model: where the project is, and its files."""
    root: Path
    config: MkDocsConfig
    files: Files

    def cache(self, edition: Edition) -> Cache:
        return Cache(self.root, "citeproc", edition.settings)


Generated = dict[str, "str | bytes"]


# Generated pages and downloads (on_files)


def changes_pages(edition: Edition, project: Project) -> Generated:
    return {"changes.md": changes.changes_page(edition)}


def bibliography_pages(edition: Edition, project: Project) -> Generated:
    if not edition.works:
        return {}
    items = [dict(work.csl) for work in edition.works.values()]
    entries = bibliography.format_entries(items, project.cache(edition))
    return {"bibliography.md": bibliography.bibliography_page(edition, entries), **bib_exports.downloads(edition)}


def index_pages(edition: Edition, project: Project) -> Generated:
    if not (edition.terms or edition.entities):
        return {}
    views = teachingviews.views_page(edition, project.root / "data" / "land-110m.json")
    return {"glossary.md": index.glossary_page(edition), "entities.md": index.entities_page(edition),
            teachingviews.PAGE: views}


def teaching_pages(edition: Edition, project: Project) -> Generated:
    if not edition.annotations:
        return {}
    return {"teaching.md": teaching.teaching_page(edition)}


def my_notes_pages(edition: Edition, project: Project) -> Generated:
    return {**mynotes.pages(edition)}


def citation_pages(edition: Edition, project: Project) -> Generated:
    return {**cite.pages(edition), **cite.downloads(edition), **changelog.pages(edition),
            **metadata.downloads(edition)}


# In the order the hook calls them; each reads only the model.
GENERATORS: tuple[Callable[[Edition, Project], Generated], ...] = (
    changes_pages, bibliography_pages, index_pages, teaching_pages, citation_pages, my_notes_pages,
)


# Generated pages completed once every page has rendered (on_env)


def index_locators(edition: Edition, rendered: Rendered, project: Project) -> None:
    for name in ("glossary.md", "entities.md"):
        file = project.files.get_file_from_path(name)
        if file is None or file.page is None:
            continue
        page = file.page
        link = functools.partial(locator_link, edition, page=page, files=project.files)
        page.content = index.fill_locators(page.content or "", rendered.mentions, link)


def teaching_key_terms(edition: Edition, rendered: Rendered, project: Project) -> None:
    file = project.files.get_file_from_path("teaching.md")
    if file is not None and file.page is not None and (edition.terms or edition.entities):
        file.page.content = teaching.fill_key_terms(file.page.content or "", edition, rendered.mentions,
                                                    file.page, project.files)


FILLERS = (index_locators, teaching_key_terms)


# Files made from the rendered pages once they are written (on_post_build): the text as TEI,
# the annotations as W3C Web Annotations. Neither reads the other's output.
AFTER_BUILD: tuple[Callable[[Edition, Rendered, Path], None], ...] = (tei.after_build, webanno.after_build)


def unmentioned(edition: Edition, rendered: Rendered) -> list[str]:
    """A warning for each glossary or index entry the text never mentions."""
    return [f"{path}: entry '{entry.id}' is never mentioned in the text: check its aliases "
            f"({', '.join(entry.aliases)}) or remove it"
            for path, entries in (("data/glossary.yml", edition.terms), ("data/entities.yml", edition.entities))
            for entry in entries.values() if entry.id not in rendered.mentions]


# Helper functions


def locator_link(edition: Edition, mention: Mention, page: Page, files: Files) -> str:
    target = files.get_file_from_path(mention.part)
    if target is None or (mention.anchor and edition.part_of(mention.anchor).src_uri != mention.part):
        raise PluginError(f"{page.file.src_uri}: locator {mention.part}#{mention.anchor} does not resolve")
    url = get_relative_url(target.url, page.url)
    fragment = f"#{mention.anchor}" if mention.anchor else ""
    title = index.locator_label(mention, target.page.title if target.page else mention.part)
    return f'<a href="{url}{fragment}">{title}</a>'
