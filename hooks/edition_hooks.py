"""MkDocs hooks of the edition: thin event functions over the modules in hooks/edition/.

Listed under `hooks:` in mkdocs.yml. MkDocs 1.6 puts this folder on sys.path while loading
the hook, so the `edition` package beside it imports as usual.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from edition import changes, footnotes, material_markup, registry, sources
from edition.datafile import read_list
from edition.extension import EditionExtension


EMENDATIONS = "data/emendations.yml"


class State:
    data: Path
    emendations: list[dict]
    marks_found: set[tuple[str, str]]


state = State()


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # `mkdocs serve` keeps this module between rebuilds: start every build afresh.
    registry.reset()
    state.data = Path(config.config_file_path).parent / "data"
    state.emendations = changes.load_emendations(state.data / "emendations.yml", EMENDATIONS)
    state.marks_found = set()
    config.markdown_extensions.append(EditionExtension(registry.registry))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    registry.registry.sources = sources.scan(files)
    repairs_path = state.data / "repairs.yml"
    repairs = read_list(repairs_path, "data/repairs.yml") if repairs_path.exists() else []
    content = changes.changes_page(repairs, state.emendations, registry.registry.sources.anchors)
    files.append(File.generated(config, "changes.md", content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    current = registry.registry
    current.page = page.file.src_uri
    current.in_report = "section" in page.meta
    labels = footnotes.check_labels(markdown, current.page, current.footnotes)
    current.footnotes.update((label, current.page) for label in labels)
    marks = changes.marks_by_location(markdown, current.page)
    changes.check_marks(current.page, marks, state.emendations, EMENDATIONS)
    state.marks_found.update(marks)
    return markdown


@event_priority(-50)  # after every other plugin has seen the pages, as autorefs does
def on_env(env, *, config: MkDocsConfig, files: Files):
    changes.check_all_found(state.marks_found, state.emendations, EMENDATIONS)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return material_markup.without_toggle_autocomplete(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html; not sitemap.xml
        return material_markup.without_toggle_autocomplete(output_content, template_name)
    return output_content
