"""The one MkDocs hook of the edition, and its only adapter to MkDocs: it owns the build's life
cycle and calls each feature of hooks/edition/ in the order written here.

    on_startup   the command (build, serve): formats are not made under serve
    on_config    the settings (extra.edition + environment); a new, empty build state;
                 the edition's CSS and JS as one minified bundle each (assets.py); --strict
                 counts warnings under -q too
    on_pre_build       no symbolic link out of the project in docs/, data/, bib/ (model/symlinks.py);
                 under serve, the model (so that broken sources leave the last good site served)
    on_files     the bundles; the model (model/build.py), then the generated pages and downloads
    on_page_markdown   the page's place in the model, its title lines; the annotations
    (Markdown)   the treeprocessors of markdown/extension.py, in their priority order
    on_page_content    the page's rendered HTML, taken once (`Rendered`): every output reads it
    on_env       once every page is rendered: locators, key terms, unmentioned entries; the
                 addresses the pages may not hold (markdown/gate.py); the templates' jsmin filter
    on_page_context    the page's <head> metadata (`edition_head`, overrides/main.html), its version
    on_template_context  the version on 404.html, and its links relative to the edition's root
    on_post_build      Material's style sheets cut to what the site uses (theme_css.py); the
                       TEI, the Web Annotations, the paragraphs in the search index; the PDF and EPUB
    on_serve     rebuilds whose sources have errors keep the last good site served

Listed alone under `hooks:` in mkdocs.yml. This module is the only one that imports MkDocs
(tests/test_hooks.py holds that): it hands the model a `Site` (model/site.py) made from
MkDocs' config and files, turns the edition's `EditionError` into MkDocs' `PluginError`, and
writes what the features give back as MkDocs' files and pages. ProperDocs, the maintained fork
of MkDocs 1.x, runs it unchanged (its command maps `mkdocs.*` imports onto `properdocs.*`).
MkDocs keeps hook modules loaded for the life of `mkdocs serve`: the only state is `build`,
replaced by on_config at every (re)build.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.meta import get_data

from edition import assets, features, material_markup, theme_css
from edition.errors import EditionError
from edition.exports import tei, webanno
from edition.formats import build as formats
from edition.formats import copies
from edition.formats import links as format_links
from edition.log import logger
from edition.markdown import annotations as page_annotations
from edition.markdown.context import Current, PageInfo
from edition.markdown.extension import PROCESSORS, EditionExtension
from edition.model import build as model_build
from edition.model import citable
from edition.model import settings as edition_settings
from edition.model.edition import Edition
from edition.model.names import Matcher
from edition.model.site import PageFile, Site
from edition.pages import metadata
from edition.urls import relative

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log, formats_log = logger(), logger("formats")

Event = TypeVar("Event", bound=Callable[..., Any])


@dataclass
class Build:
    command: str = "build"
    settings: dict = field(default_factory=dict)
    current: Current = field(default_factory=Current)  # the model and the page rendering
    material: bool = False  # Material's page markup: the formats can read it
    bundles: dict[str, list[str]] = field(default_factory=dict)  # bundle -> its sources (assets.py)
    pages: dict[str, Page] = field(default_factory=dict)  # src_uri -> MkDocs' page, once rendered
    ready: Edition | None = None  # under serve, the model built before site/ is emptied
    kept: bool = False  # under serve, the sources failed before site/ was emptied: it is kept
    written: bool = False  # every file of the site is written (--strict may yet stop the build)


# The state of the build under way; replaced at the start of each build.
build = Build()


# The edition's errors as MkDocs' own: the build stops with the message, as for any plugin's.
def plugin_errors(event: Event) -> Event:
    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except EditionError as error:
            raise PluginError(str(error)) from error
    return run  # type: ignore[return-value]


# The edition's Markdown extension, its treeprocessors' errors turned into MkDocs' as well
# (they run inside MkDocs' rendering of a page, between two events).
class Extension(EditionExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        for processor in PROCESSORS:
            registered = md.treeprocessors[processor.name]
            registered.run = plugin_errors(registered.run)  # type: ignore[method-assign]


# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    global build
    build = Build(command=command)


@plugin_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    if config.strict:
        strict_whatever_the_log_level()
    root = Path(config.config_file_path).parent
    build = Build(command=build.command, settings=edition_settings.read(config.extra, root),
                  material=config.theme.name == "material")
    # mkdocs types markdown_extensions as names (list[str]), but hands the list to Python-Markdown,
    # which takes Extension instances as well: a gap in mkdocs's annotations, not in this code.
    config.markdown_extensions.append(Extension(build.current))  # type: ignore[arg-type]
    options, build.bundles = assets.bundle_config({option: config[option] for option in assets.BUNDLES.values()})
    for option, paths in options.items():
        config[option] = paths
    return config


# Before MkDocs empties site/ and anything is read: a link out of the project stops the build.
# Under `mkdocs serve` the model is built here too, so broken sources stop the rebuild while
# the last good site is still in place (on_serve keeps serving it).
@plugin_errors
def on_pre_build(*, config: MkDocsConfig) -> None:
    build.kept = build.command == "serve"
    root = Path(config.config_file_path).parent
    model_build.check_links(root, [Path(config.docs_dir), root / "data", root / "bib"])
    if build.command == "serve":
        build.ready = model_build.build(site(config, get_files(config)), build.settings)
    build.kept = False


@plugin_errors
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    removed, added = assets.bundle_files(build.bundles, [file.src_uri for file in files],
                                         functools.partial(content_of, files))
    for src_uri in removed:
        files.remove(files.src_uris[src_uri])
    for path, text in added.items():
        files.append(File.generated(config, path, content=text))
    edition = build.ready or model_build.build(site(config, files), build.settings)
    build.current.edition = edition
    build.current.matcher = Matcher(edition.aliases) if edition.aliases else None
    for generate in features.GENERATORS:
        for path, content in generate(edition).items():
            files.append(File.generated(config, path, content=content))
    return files


@plugin_errors
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    edition = build.current.edition
    assert edition is not None
    build.current.page = page_info(page)
    return page_annotations.annotate_page(markdown, page.file.src_uri, edition)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered, src = build.current.rendered, page.file.src_uri
    rendered.html[src], rendered.urls[src], rendered.titles[src] = html, page.file.url, page.title or ""
    build.pages[src] = page
    build.current.page = None
    return html


@event_priority(-50)  # after every other plugin has seen the pages, as autorefs does
@plugin_errors
def on_env(env, *, config: MkDocsConfig, files: Files):
    edition, rendered = build.current.edition, build.current.rendered
    assert edition is not None
    for fill in features.FILLERS:
        for src, html in fill(edition, rendered).items():
            rendered.html[src] = build.pages[src].content = html
    for warning in features.unmentioned(edition, rendered):
        log.warning(warning)
    refused = build.current.rendered.refused
    for message in refused:
        log.error(message)
    if refused:
        raise PluginError(f"{len(refused)} address{'es' if len(refused) > 1 else ''} refused in the pages "
                          "(listed above; the rule is in hooks/edition/model/addresses.py)")
    assets.add_filters(env, config.theme.dirs, assets.late_scripts(build.bundles))
    return env


@plugin_errors
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    edition = build.current.edition
    part = edition.part(page.file.src_uri) if edition else None
    if edition is not None and part is not None and edition.report is not None:
        heads = [metadata.head(edition, part, page.title), *(head(edition, part) for head in features.HEADS)]
        context["edition_head"] = "\n".join(head for head in heads if head)
        # Material prints it as the page's description (else mkdocs.yml's, on every page).
        page.meta["description"] = metadata.description(edition, part, page.title)
        context["edition_preview"] = citable.loopback(edition.edition.url) if edition.edition else False
    context["edition_release"] = edition.edition if edition else None
    return context


@event_priority(-50)  # after Material's search plugin has written its index (edition/search.py adds to it)
@plugin_errors
def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    if build.material:
        theme_css.trim(site_dir)
    edition, rendered = build.current.edition, build.current.rendered
    if edition is None:
        return
    for make in features.AFTER_BUILD:
        make(edition, rendered, site_dir)
    if make_formats():
        report = formats.write(edition, rendered, site_dir, edition_settings.format_kinds(build.settings))
        for message in report.warnings:
            formats_log.warning(f"offline formats: {message}")
        formats_log.info(f"offline formats in {report.seconds:.1f} s: " + "; ".join(report.lines(site_dir)))
    build.written = True


# A rebuild whose sources have errors stops before site/ is emptied (on_pre_build): the errors
# are logged, and the server goes on serving the last good site instead of waiting, stuck, for
# a build that succeeds (MkDocs' livereload blocks every request until then). A site written
# whole, whose warnings --strict (make serve) counts as errors, is served with them shown.
def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    rebuild = server.builder

    def keep_last_good() -> None:
        try:
            rebuild()
        except Abort:
            if build.kept:
                log.error("the sources have errors (listed above): still serving the last good build; "
                          "fix them and save to rebuild")
            elif build.written:
                log.error("the build has warnings (listed above), which --strict counts as errors: serving "
                          "it; fix them and save to rebuild")
            else:
                raise

    server.builder = keep_last_good
    return server


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


# What the model is built from, as MkDocs knows it


def site(config: MkDocsConfig, files: Files) -> Site:
    """The project as the model reads it (model/site.py): MkDocs' config and files, read here only."""
    pages = []
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        shown = f"{Path(file.src_dir).name}/{file.src_uri}" if file.src_dir else file.src_uri
        path = Path(file.abs_src_path) if file.abs_src_path is not None else None
        pages.append(PageFile(file.src_uri, shown, path, file.content_string if path is None else None))

    # The site path of a page, generated or not, before it is generated (for Part.url).
    def url_of(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        return (file or File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)).url

    return Site(root=Path(config.config_file_path).parent, url=config.site_url,
                description=config.site_description or "", nav=config.nav, pages=tuple(pages),
                url_of=url_of, front_matter=get_data,
                markdown_extensions=tuple(name for name in config.markdown_extensions if isinstance(name, str)),
                markdown_configs=dict(config.mdx_configs))


def content_of(files: Files, src_uri: str) -> str | None:
    file = files.get_file_from_path(src_uri)
    return file.content_string if file is not None else None


# Helper functions


# The page's place in the model and the lines under its title, in this order: the
# downloads, "Cite this edition", the Teaching page's table of handouts, the annotations' toolbar.
def page_info(page: Page) -> PageInfo:
    edition = build.current.edition
    assert edition is not None
    src, url = page.file.src_uri, page.url
    lines = []
    # Only a build that makes the PDF and EPUB links to them (not serve, not EDITION_FORMATS=off).
    kinds = edition_settings.format_kinds(build.settings) if make_formats() else ()
    downloads = download_line(edition, src, url, page.is_homepage, kinds) if edition.report is not None else ""
    if downloads:
        lines.append(downloads)
    if edition.report is not None:
        cite_url = relative("cite/", url)
        source = relative(features.DIALOG_DATA, url)
        lines.append(f'<div class="page-cite" data-cite-source="{source}" data-search-exclude><a class="cite-open" '
                     f'href="{cite_url}#cite-edition" data-cite="page">Cite this edition</a></div>')
    handouts = format_links.table(edition, src, url) if "pdf" in kinds and edition.report is not None else ""
    if handouts:
        lines.append(handouts)
    notes = edition.annotations_on(src)
    if notes:
        lines.append(page_annotations.controls_html(notes))
    return PageInfo(src, url, edition.part(src), tuple(lines), (downloads,) if downloads else (),
                    cite_links=edition.report is not None)


# `--strict -q`: -q sets the "mkdocs" logger to ERROR, so no warning reaches the handler that
# --strict counts and the build passes. Under --strict the logger passes warnings again; the
# handlers that print keep -q's level, so the output stays as quiet as asked.
def strict_whatever_the_log_level() -> None:
    logger = logging.getLogger("mkdocs")
    level = logger.getEffectiveLevel()
    if level <= logging.WARNING:
        return
    for handler in logger.handlers:
        if not isinstance(handler, CountHandler):
            handler.setLevel(max(handler.level, level))
    logger.setLevel(logging.WARNING)


def make_formats() -> bool:
    return build.material and build.command != "serve" and bool(edition_settings.format_kinds(build.settings))


# The line goes right under the page's title, where a reader looks for it; the search index
# leaves it out (data-search-exclude), as it is on every page. A div, not a p: every p of
# a section page is a numbered paragraph of the report. It links only the files this build
# writes: the PDFs and the EPUB when it makes them, the TEI and the annotations always. Each
# says what it holds: the reader's PDFs the text alone; the teacher's PDFs and the one EPUB
# also the editors' annotations and the discussion questions. The handouts' links follow
# (formats/links.py): a section's own; on the title page, where they are.
def download_line(edition: Edition, src: str, page_url: str, homepage: bool, kinds: tuple[str, ...]) -> str:
    names = {**copies.paths(edition), "tei": tei.file_path(edition), "annotations": webanno.FILE}

    def link(kind: str, label: str) -> str:
        return f'<a href="{relative(names[kind], page_url)}">{label}</a>'

    pdf, epub = "pdf" in kinds, "epub" in kinds
    others = f'{link("tei", "TEI P5" if homepage else "TEI")} · {link("annotations", "Web Annotations")}'
    if homepage:
        text = f'Download the text: {link("a4", "PDF (A4)")} · {link("letter", "PDF (US Letter)")}. ' if pdf else ""
        teachers = f'{link("a4-teacher", "PDF (A4)")} · {link("letter-teacher", "PDF (US Letter)")}'
        annotated = ([f"teacher's copy, {teachers}"] if pdf else []) + ([link("epub", "EPUB")] if epub else [])
        if annotated:
            text += f"With the editors' annotations and discussion questions: {'; '.join(annotated)}. "
        text += f"For other tools: {others}."
    else:
        offline = ([f'{link("a4", "Download PDF")} (A4; {link("letter", "US Letter")})'] if pdf else []) + \
                  ([f'{link("epub", "Download EPUB")} (with the notes and questions)'] if epub else [])
        text = " · ".join([*offline, others])
    handouts = format_links.download_line(edition, src, page_url, homepage) if pdf else ""
    return f'<div class="edition-downloads" data-search-exclude>{text}</div>{handouts}'
