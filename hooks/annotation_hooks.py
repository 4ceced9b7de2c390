"""MkDocs hooks of the teaching layer: data/annotations.yml on the report's pages.

Listed after the edition, bibliography and index hooks, whose data (anchors, works,
glossary and entity names) it checks annotations against. Adds the Teaching page.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from edition import annotations, registry, teaching
from edition.markup import after_title


class State:
    root: Path
    path: Path
    notes: list[annotations.Annotation]
    by_page: dict[str, list[annotations.Annotation]]


state = State()


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.root = Path(config.config_file_path).parent
    state.path = state.root / "data" / "annotations.yml"
    state.notes = annotations.load(state.path, state.root) if state.path.exists() else []
    state.by_page = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not state.notes:
        return files
    current = registry.registry
    index = current.index
    annotations.check_targets(
        state.notes, current.sources.anchors, set(current.bib_items),
        set(index.terms) if index else set(), set(index.entities) if index else set(),
        state.path.relative_to(state.root),
    )
    for note in state.notes:
        state.by_page.setdefault(current.sources.anchors[note.paragraph], []).append(note)
    for page, notes in state.by_page.items():
        state.by_page[page] = annotations.number(notes)
    files.append(File.generated(config, "teaching.md", content=teaching.teaching_page(
        state.by_page, section_titles(files), index is not None, state.root / "data" / "teaching.yml")))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    notes = state.by_page.get(page.file.src_uri)
    if not notes:
        return markdown
    current = registry.registry
    return annotations.annotate_page(
        markdown, page.file.src_uri, notes, bib_labels(current.bib_items), ref_names(current.index),
        current.sources.anchors, state.path.relative_to(state.root),
    )


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    notes = state.by_page.get(page.file.src_uri)
    if not notes:
        return html
    return after_title(html, annotations.controls_html(notes))


@event_priority(-60)  # after index_hooks has filled the locators of its pages
def on_env(env, *, config: MkDocsConfig, files: Files):
    teaching_file = files.get_file_from_path("teaching.md")
    if teaching_file is not None and teaching_file.page is not None:
        page = teaching_file.page
        page.content = teaching.fill_key_terms(page.content, registry.registry, page, files)
    return env


# Helper functions


def section_titles(files: Files) -> dict[str, str]:
    """Section pages in reading order (by their `section` number) -> their titles."""
    sections = []
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        meta_title, number = teaching.front_matter(file.content_string)
        if number is not None:
            sections.append((number, file.src_uri, meta_title))
    return {src: title for _, src, title in sorted(sections)}


# "Yau 2019", "Shanghai Cooperation Organization 2019b": how an annotation names a work.
def bib_labels(items: dict) -> dict[str, str]:
    labels = {}
    for key, item in items.items():
        author = (item.get("author") or [{}])[0]
        name = author.get("family") or author.get("literal") or item.get("container-title") or item["title"]
        year = (item.get("issued", {}).get("date-parts") or [["n.d."]])[0][0]
        labels[key] = f"{name} {year}"
    return labels


def ref_names(index) -> dict[str, str]:
    if index is None:
        return {}
    names = {f"glossary:{t.id}": t.name for t in index.terms.values()}
    names.update({f"entity:{e.id}": e.name for e in index.entities.values()})
    return names
