"""The one MkDocs hook of the edition: it owns the build's life cycle and calls each feature
of hooks/edition/ in the order written here.

    on_startup   the command (build, serve): formats are not made under serve
    on_config    the settings (extra.edition + environment); a new, empty build state;
                 the edition's CSS and JS as one minified bundle each (assets.py)
    on_files     the bundles; the model (model/build.py), then the generated pages and downloads
    on_page_markdown   the page's place in the model, its title lines; the annotations
    (Markdown)   the treeprocessors of markdown/extension.py, in their priority order
    on_page_content    the page's rendered HTML, kept for what is made from it
    on_env       once every page is rendered: locators, key terms, unmentioned entries;
                 the templates' jsmin filter (assets.py)
    on_page_context    the page's <head> metadata (`edition_head`, overrides/main.html), its version
    on_template_context  the version on 404.html, and its links relative to the edition's root
    on_post_build      Material's style sheets cut to what the site uses (theme_css.py); the TEI, the
                 Web Annotations, the paragraphs in the search index; the PDF and EPUB

Listed alone under `hooks:` in mkdocs.yml. MkDocs keeps hook modules loaded for the life of
`mkdocs serve`: the only state is `build`, replaced by on_config at every (re)build.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from edition import assets, features, material_markup, theme_css
from edition.exports import tei, webanno
from edition.formats import hook as formats_hook
from edition.formats.meta import output_names
from edition.markdown import annotations as page_annotations
from edition.markdown.context import Current, PageInfo
from edition.markdown.extension import EditionExtension
from edition.model import build as model_build
from edition.model import citable
from edition.model import settings as edition_settings
from edition.model.names import Matcher
from edition.pages import metadata

log = get_plugin_logger("edition")


@dataclass
class Build:
    command: str = "build"
    settings: dict = field(default_factory=dict)
    project: features.Project | None = None
    current: Current = field(default_factory=Current)  # the model and the page rendering
    material: bool = False  # Material's page markup: the formats can read it
    bundles: dict[str, list[str]] = field(default_factory=dict)  # bundle -> its sources (assets.py)


# The state of the build under way; replaced at the start of each build.
build = Build()


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    global build
    build = Build(command=command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    root = Path(config.config_file_path).parent
    build = Build(command=build.command, settings=edition_settings.read(config.extra, root),
                  material=config.theme.name == "material")
    # mkdocs types markdown_extensions as names (list[str]), but hands the list to Python-Markdown,
    # which takes Extension instances as well: a gap in mkdocs's annotations, not in this code.
    config.markdown_extensions.append(EditionExtension(build.current))  # type: ignore[arg-type]
    build.bundles = assets.bundle_config(config)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files = assets.bundle_files(files, config, build.bundles)
    edition = model_build.build(config, files, build.settings)
    build.current.edition = edition
    build.current.matcher = Matcher(edition.aliases) if edition.aliases else None
    build.project = features.Project(Path(config.config_file_path).parent, config, files)
    for generate in features.GENERATORS:
        for path, content in generate(edition, build.project).items():
            files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    edition = build.current.edition
    assert edition is not None
    build.current.page = page_info(page)
    return page_annotations.annotate_page(markdown, page.file.src_uri, edition)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.current.rendered.html[page.file.src_uri] = html
    build.current.page = None
    return html


@event_priority(-50)  # after every other plugin has seen the pages, as autorefs does
def on_env(env, *, config: MkDocsConfig, files: Files):
    edition, project = build.current.edition, build.project
    assert edition is not None and project is not None
    for fill in features.FILLERS:
        fill(edition, build.current.rendered, project)
    for warning in features.unmentioned(edition, build.current.rendered):
        log.warning(warning)
    assets.add_filters(env, config)
    return env


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    edition = build.current.edition
    part = edition.part(page.file.src_uri) if edition else None
    if edition is not None and part is not None and edition.report is not None:
        context["edition_head"] = metadata.head(edition, part, page.title)
        # Material prints it as the page's description (else mkdocs.yml's, on every page).
        page.meta["description"] = metadata.description(edition, part, page.title)
        context["edition_preview"] = citable.loopback(edition.edition.url) if edition.edition else False
    context["edition_release"] = edition.edition if edition else None
    return context


@event_priority(-50)  # after Material's search plugin has written its index (edition/search.py adds to it)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if build.material:
        theme_css.trim(site)
    edition = build.current.edition
    if edition is not None:
        for make in features.AFTER_BUILD:
            make(edition, build.current.rendered, site)
    if make_formats():
        write_formats(config, site)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return material_markup.without_toggle_autocomplete(output, page.file.src_uri)


# The static templates (404.html, sitemap.xml): the edition's version; the error page's
# links relative to the edition's root (overrides/main.html: <base>), where MkDocs writes
# them from the server's root, which is not the edition's under a version's folder.
def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    edition = build.current.edition
    context["edition_release"] = edition.edition if edition else None
    if template_name == "404.html":
        context["edition_root"] = urlsplit(config.site_url or "/").path.rstrip("/") + "/"  # mike's has no /
        context["base_url"] = "."
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html; not sitemap.xml
        return material_markup.without_toggle_autocomplete(output_content, template_name)
    return output_content


# Helper functions


# The page's place in the model and the lines under its title, in this order: the
# downloads, "Cite this edition", the annotations' toolbar.
def page_info(page: Page) -> PageInfo:
    edition = build.current.edition
    assert edition is not None
    src, url = page.file.src_uri, page.url
    lines = []
    # Only a build that makes the PDF and EPUB links to them (not serve, not EDITION_FORMATS=off).
    kinds = edition_settings.format_kinds(build.settings) if make_formats() else ()
    downloads = download_line(url, page.is_homepage, kinds) if edition.report is not None else ""
    if downloads:
        lines.append(downloads)
    if edition.report is not None:
        cite_url = get_relative_url("cite/", url)
        source = get_relative_url(features.DIALOG_DATA, url)
        lines.append(f'<div class="page-cite" data-cite-source="{source}" data-search-exclude><a class="cite-open" '
                     f'href="{cite_url}#cite-edition" data-cite="page">Cite this edition</a></div>')
    notes = edition.annotations_on(src)
    if notes:
        lines.append(page_annotations.controls_html(notes))
    return PageInfo(src, url, edition.part(src), tuple(lines), (downloads,) if downloads else (),
                    cite_links=edition.report is not None)


def make_formats() -> bool:
    return build.material and build.command != "serve" and bool(edition_settings.format_kinds(build.settings))


# The line goes right under the page's title, where a reader looks for it; the search index
# leaves it out (data-search-exclude), as it is on every page. A div, not a p: every p of
# a section page is a numbered paragraph of the report. It links only the files this build
# writes: the PDFs and the EPUB when it makes them, the TEI and the annotations always.
def download_line(page_url: str, homepage: bool, kinds: tuple[str, ...]) -> str:
    names = {**output_names(), "tei": tei.FILE, "annotations": webanno.FILE}

    def link(kind: str, label: str) -> str:
        return f'<a href="{get_relative_url(names[kind], page_url)}">{label}</a>'

    pdf, epub = "pdf" in kinds, "epub" in kinds
    others = f'{link("tei", "TEI P5" if homepage else "TEI")} · {link("annotations", "Web Annotations")}'
    if homepage:
        offline = ([f'{link("a4", "PDF (A4)")} · {link("letter", "PDF (US Letter)")}'] if pdf else []) + \
                  ([link("epub", "EPUB")] if epub else [])
        text = f"Download this edition: {' · '.join(offline)}. " if offline else ""
        if pdf:
            text += ("Teacher's copy, with the annotations and discussion questions: "
                     f'{link("a4-teacher", "PDF (A4)")} · {link("letter-teacher", "PDF (US Letter)")}. ')
        text += f"For other tools: {others}."
    else:
        offline = ([f'{link("a4", "Download PDF")} (A4; {link("letter", "US Letter")})'] if pdf else []) + \
                  ([link("epub", "Download EPUB")] if epub else [])
        text = " · ".join([*offline, others])
    return f'<div class="edition-downloads" data-search-exclude>{text}</div>'


def write_formats(config: MkDocsConfig, site: Path) -> None:
    assert build.project is not None
    formats_hook.write(config, build.project.files, edition_settings.format_kinds(build.settings), build.settings)
