"""The edition's features as the one hook calls them: each a function of the model.

`GENERATORS` make the generated pages and downloads (site path -> content) in on_files;
each reads only the model, so their order does not matter (tests/test_hooks.py runs them
reversed and gets the same files). `FILLERS` complete the generated pages once every page
has rendered (on_env), from the pages as rendered (`Rendered`); `AFTER_BUILD` write the files
made from the rendered pages. None of them knows MkDocs: the one hook (hooks/edition_hooks.py)
turns what they give into MkDocs' files and pages.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from edition.citeproc.cache import Cache
from edition.errors import EditionError
from edition.exports import bib as bib_exports
from edition.exports import search, tei, webanno
from edition.model.edition import Edition, Mention, Part, Rendered
from edition.pages import bibliography, changelog, changes, cite, index, metadata, mynotes, teaching, teachingviews
from edition.pages import claims as claim_ledger
from edition.urls import relative

DIALOG_DATA = cite.DIALOG_DATA

Generated = dict[str, "str | bytes"]


# pandoc's results, in the cache the settings name (model/settings.py: cache, cache_dir).
def citeproc_cache(edition: Edition) -> Cache:
    return Cache(Path.cwd(), "citeproc", edition.settings or None)


# Generated pages and downloads (on_files)


def changes_pages(edition: Edition) -> Generated:
    return {"changes.md": changes.changes_page(edition)}


def bibliography_pages(edition: Edition) -> Generated:
    if not edition.works:
        return {}
    items = [dict(work.csl) for work in edition.works.values()]
    entries = bibliography.format_entries(items, citeproc_cache(edition))
    return {"bibliography.md": bibliography.bibliography_page(edition, entries), **bib_exports.downloads(edition)}


def index_pages(edition: Edition) -> Generated:
    if not (edition.terms or edition.entities):
        return {}
    return {"glossary.md": index.glossary_page(edition), "entities.md": index.entities_page(edition),
            teachingviews.PAGE: teachingviews.views_page(edition)}


def teaching_pages(edition: Edition) -> Generated:
    if not edition.annotations:
        return {}
    return {"teaching.md": teaching.teaching_page(edition)}


# The claim ledger's page (none without data/claims/).
def claim_pages(edition: Edition) -> Generated:
    if not edition.claims:
        return {}
    return {claim_ledger.PAGE: claim_ledger.claims_page(edition)}


# The reader's own notes: the page that lists them, exports and imports them.
def my_notes_pages(edition: Edition) -> Generated:
    return {**mynotes.pages(edition)}


# The citations are formatted once (one pandoc run, or its cached result) for /cite/, the
# Cite dialogs' data and the /p/N/ pages.
def citation_pages(edition: Edition) -> Generated:
    return {**cite.files(edition, citeproc_cache(edition)), **changelog.pages(edition),
            **metadata.downloads(edition)}


# In the order the hook calls them; each reads only the model.
GENERATORS: tuple[Callable[[Edition], Generated], ...] = (
    changes_pages, bibliography_pages, index_pages, teaching_pages, claim_pages, citation_pages, my_notes_pages,
)


# What a page's <head> holds beside its metadata (on_page_context): the ledger's ClaimReviews.
HEADS: tuple[Callable[[Edition, Part], str], ...] = (claim_ledger.head,)


# Generated pages completed once every page has rendered (on_env): each returns the pages it
# changed (src_uri -> content), which the hook puts back into the rendered pages.


def index_locators(edition: Edition, rendered: Rendered) -> dict[str, str]:
    filled: dict[str, str] = {}
    for name in ("glossary.md", "entities.md"):
        if name in rendered.html:
            link = locator_linker(edition, rendered, name)
            filled[name] = index.fill_locators(rendered.html[name], rendered.mentions, link)
    return filled


def teaching_key_terms(edition: Edition, rendered: Rendered) -> dict[str, str]:
    if "teaching.md" not in rendered.html or not (edition.terms or edition.entities):
        return {}
    return {"teaching.md": teaching.fill_key_terms(rendered.html["teaching.md"], edition, rendered, "teaching.md")}


FILLERS: tuple[Callable[[Edition, Rendered], dict[str, str]], ...] = (index_locators, teaching_key_terms)


# Files made from the rendered pages once they are written (on_post_build): the text as TEI,
# the annotations as W3C Web Annotations, each paragraph an entry of the search index (after
# Material's search plugin has written it). None reads another's output.
AFTER_BUILD: tuple[Callable[[Edition, Rendered, Path], None], ...] = (
    tei.after_build, webanno.after_build, search.after_build)


def unmentioned(edition: Edition, rendered: Rendered) -> list[str]:
    """A warning for each glossary or index entry the text never mentions."""
    return [f"{path}: entry '{entry.id}' is never mentioned in the text: check its aliases "
            f"({', '.join(entry.aliases)}) or remove it"
            for path, entries in (("data/glossary.yml", edition.terms), ("data/entities.yml", edition.entities))
            for entry in entries.values() if entry.id not in rendered.mentions]


# Helper functions


# A link to a mention, written on the page `page` (the glossary or the index of names).
def locator_linker(edition: Edition, rendered: Rendered, page: str) -> Callable[[Mention], str]:
    def link(mention: Mention) -> str:
        target = rendered.urls.get(mention.part)
        if target is None or (mention.anchor and edition.part_of(mention.anchor).src_uri != mention.part):
            raise EditionError(f"{page}: locator {mention.part}#{mention.anchor} does not resolve")
        url = relative(target, rendered.urls[page])
        fragment = f"#{mention.anchor}" if mention.anchor else ""
        title = index.locator_label(mention, rendered.titles.get(mention.part, mention.part))
        return f'<a href="{url}{fragment}">{title}</a>'
    return link
