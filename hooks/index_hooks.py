"""MkDocs hooks of the glossary and the index of names (data/glossary.yml, data/entities.yml).

Listed under `hooks:` after edition_hooks.py, whose Markdown extension runs the mention
finder (edition/mentions.py) on every page of the printed text as it renders. This module
loads the data, writes the two pages, and, once every page has rendered, fills in their
locators and reports entries the text never mentions.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from edition import indexdata, indexpages, registry, teachingviews
from edition.markdown.mentions import Locator, Matcher

log = get_plugin_logger("index")

GENERATED = ("glossary.md", "entities.md")


class State:
    root: Path
    paths: tuple[Path, Path]


state = State()


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.root = Path(config.config_file_path).parent
    state.paths = (state.root / "data" / "glossary.yml", state.root / "data" / "entities.yml")
    current = registry.registry
    if all(path.exists() for path in state.paths):
        current.index = indexdata.load(*state.paths, state.root)
        current.matcher = Matcher(current.index.owners)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    index = registry.registry.index
    if index is not None:
        files.append(File.generated(config, "glossary.md", content=indexpages.glossary_page(index)))
        files.append(File.generated(config, "entities.md", content=indexpages.entities_page(index)))
        data = state.root / "data"
        views = teachingviews.views_page(index, data / "land-110m.json", data / "timeline.yml",
                                         registry.registry.sources.anchors, files, state.root)
        files.append(File.generated(config, teachingviews.PAGE, content=views))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The printed text: the report's sections, and the title and publisher's pages.
    registry.registry.scan_mentions = "section" in page.meta or bool(page.meta.get("printed"))
    return markdown


@event_priority(-50)  # once every page has rendered, as autorefs does
def on_env(env, *, config: MkDocsConfig, files: Files):
    current = registry.registry
    if current.index is None:
        return env
    check_mentioned(current.index, current.mentions)
    for name in GENERATED:
        page = files.get_file_from_path(name).page
        page.content = indexpages.fill_locators(
            page.content, current.mentions, lambda locator: locator_link(locator, page, files)
        )
    return env


# Helper functions


def check_mentioned(index: indexdata.Index, mentions: dict) -> None:
    glossary, entities = (path.relative_to(state.root) for path in state.paths)
    for path, entries in ((glossary, index.terms), (entities, index.entities)):
        for entry in entries.values():
            if entry.id not in mentions:
                log.warning(f"{path}: entry '{entry.id}' is never mentioned in the text: "
                            f"check its aliases ({', '.join(entry.aliases)}) or remove it")


def locator_link(locator: Locator, page: Page, files: Files) -> str:
    target = files.get_file_from_path(locator.page)
    anchors = registry.registry.sources.anchors
    if target is None or (locator.anchor and anchors.get(locator.anchor) != locator.page):
        raise PluginError(f"{page.file.src_uri}: locator {locator.page}#{locator.anchor} does not resolve")
    url = get_relative_url(target.url, page.url)
    fragment = f"#{locator.anchor}" if locator.anchor else ""
    title = indexpages.locator_label(locator, target.page.title if target.page else locator.page)
    return f'<a href="{url}{fragment}">{title}</a>'
