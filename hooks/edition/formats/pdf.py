"""The PDF of the edition: one HTML document of every part, laid out by WeasyPrint.

WeasyPrint implements CSS Paged Media, which the print edition needs and a browser's
print-to-PDF does not offer: running heads from the section title (string-set), notes at
the foot of the page (float: footnote) keeping their printed numbers, page numbers in the
contents (target-counter), PDF bookmarks from the headings, named destinations from ids
(so `file.pdf#p12` opens ¶ 12), and the document's metadata from <meta>. The layout is in
print.css next to this module; this module writes the HTML it lays out.
"""
from __future__ import annotations

import functools
import html
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bs4 import Tag

from edition.errors import EditionError
from edition.formats import offline, titlepage
from edition.formats.meta import Meta
from edition.formats.offline import Chapter, Target

STYLESHEET = Path(__file__).parent / "print.css"   # its @font-face rules name fonts/
SIZES = {"a4": "A4", "letter": "letter"}
ROLE_NAMES = {"section": "The report", "back": "Apparatus"}


@dataclass(frozen=True)
class Job:
    html: str
    size: str                   # "a4" or "letter"
    name: str                   # the file's kind ("a4-teacher"): its PDF identifier
    site: str                   # the built site: with the fonts, all the layout may read (fetch.py)
    running_head: str = ""      # the head of every page but the cover's (Meta.running_head)
    cover: bool = True          # its first page is a cover (a book's), labelled "Cover"; a handout has none


# The PDFs


def render(job: Job) -> tuple[bytes, int, list[str]]:
    """Lay out one file: its bytes, its number of pages and WeasyPrint's warnings."""
    # Imported here: the hook module loads fast under `mkdocs serve`, which makes no PDF.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from edition.formats import fetch, patches

    patches.patch_weasyprint()
    # Nothing is fetched from the network, nor from this machine outside the built site and
    # this package's fonts and style sheet (fetch.py); a file that cannot be read stops the build.
    fetcher = fetch.fetcher(Path(job.site))
    with captured_warnings() as warnings:
        size = CSS(string=page_css(job))
        fonts = FontConfiguration()      # holds print.css's @font-face fonts
        layout = CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
        html_doc = HTML(string=job.html, base_url=STYLESHEET.parent.as_uri() + "/", url_fetcher=fetcher)
        document = html_doc.render(stylesheets=[layout, size], font_config=fonts)
        # PDF/UA-1: tagged (headings, lists, reading order for a screen reader or a
        # reflowing reader), XMP metadata naming the standard; patches.py makes the running
        # heads and folios artifacts, the notes Note elements, and adds page labels.
        data = document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True,
                                  pdf_identifier=job.name.encode(),
                                  finisher=functools.partial(patches.finish, cover=job.cover))
    return data, len(document.pages), warnings


# What print.css cannot know: the page size, and the running head (the report's author and
# title, from the model), as a CSS string.
def page_css(job: Job) -> str:
    head = job.running_head.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'@page {{ size: {SIZES[job.size]}; @top-left {{ content: "{head}"; }} }}'


# WeasyPrint's warnings (a CSS rule it ignores, a file it cannot read) are returned to the
# build, which reports them through MkDocs, so `--strict` stops on them.
class Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    messages: list[str] = []
    handler = Collect(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


# The document


def pdf_document(chapters: list[Chapter], meta: Meta, *, teacher: bool) -> str:
    for chapter in chapters:
        float_footnotes(chapter)
    rename_ids(chapters)
    link_everything(chapters, meta.site_url)
    title, rest = chapters[0], chapters[1:]
    note = titlepage.TEACHERS_COPY if teacher else titlepage.READERS_COPY
    body = [titlepage.cover(meta, note), f'<section class="front">{titlepage.front_matter(title)}</section>',
            contents(rest)]
    body += [chapter_html(chapter) for chapter in rest]
    return page(meta, teacher, "\n".join(body))


# The document around a body: its language, title and metadata (a book's title is the report's;
# a handout's names itself first, `title`, and says what `copy` it is). `kind`: <body>'s class.
def page(meta: Meta, teacher: bool, body: str, *, title: str = "", copy: str = "", kind: str = "book") -> str:
    copy = copy or ("teacher's copy, with annotations" if teacher else "reader's copy")
    title = f"{title}. {meta.title}" if title else meta.title
    when = meta.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = {
        "author": meta.author,
        "description": f"{meta.description} Edition {meta.version}, {copy}.",
        "keywords": ", ".join(meta.keywords),
        "generator": "MkDocs and WeasyPrint (the edition's build)",
        "dcterms.created": when,
        "dcterms.modified": when,
        "edition-version": meta.version,
        "edition-url": meta.site_url,
    }
    metas = "\n".join(f'<meta name="{name}" content="{html.escape(value)}">'
                      for name, value in fields.items())
    return (f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{html.escape(title)}</title>\n{metas}\n</head>\n<body class="{kind}">\n{body}\n</body>\n</html>\n')


def contents(chapters: list[Chapter]) -> str:
    groups = []
    for role, name in ROLE_NAMES.items():
        items = "".join(f'<li><a href="#chapter-{chapter.slug}">{html.escape(chapter.title)}</a></li>'
                        for chapter in chapters if chapter.role == role)
        groups.append(f'<li class="contents__group"><span>{name}</span><ol>{items}</ol></li>')
    return (f'<nav class="contents" id="contents" aria-labelledby="contents-title">'
            f'<h1 id="contents-title">Contents</h1><ol>{"".join(groups)}</ol></nav>')


def chapter_html(chapter: Chapter) -> str:
    kind = "section" if chapter.role == "section" else f"back {chapter.slug}"
    return (f'<section class="chapter {kind}" id="chapter-{chapter.slug}">'
            f"{inner(chapter.article)}</section>")


# Footnotes


# Each note goes where it is called, as a float: WeasyPrint sets it at the foot of that page.
# The call stays the report's own link (its printed number); the note keeps that number too.
def float_footnotes(chapter: Chapter) -> None:
    article = chapter.article
    for notes in article.select("div.footnote"):
        for item in notes.select("li[id^='fn:']"):
            number = str(item.get("value") or str(item["id"]).split(":", 1)[1])
            call = article.find(id=f"fnref:{number}")
            if call is None:
                raise EditionError(f"offline formats: {chapter.path}: note {number} is never called")
            call.insert_after(note_float(article, item, number))
        notes.decompose()


def note_float(article: Tag, item: Tag, number: str) -> Tag:
    note = article.new_tag("span", attrs={"class": "fn", "id": str(item["id"]), "data-n": number})
    blocks = item.find_all("p", recursive=False) or [item]
    for index, block in enumerate(blocks):
        if index:
            note.append(" ")
        for child in list(block.contents):
            note.append(child.extract())
    return note


# Ids and links


# An id used on one page only (p12, fn:6, figure-1) stays as it is, so `file.pdf#p12` works;
# one used on several pages (two "copyright" headings) takes its page's name as a prefix.
def rename_ids(chapters: list[Chapter]) -> None:
    counts = Counter(name for chapter in chapters for name in offline.ids_of(chapter.article))
    for chapter in chapters:
        for tag in chapter.article.find_all(id=True):
            name = str(tag["id"])
            if counts[name] > 1:
                chapter.renamed[name] = tag["id"] = f"{chapter.slug}--{name}"


def global_id(chapters: dict[str, Chapter], target: Target) -> str:
    if not target.fragment:
        return f"chapter-{target.slug}"
    return chapters[target.slug].renamed.get(target.fragment, target.fragment)


# Each link goes to its target in the file, or to the web edition if the target is not in the
# file; one whose page is in the file but whose target is not (a note a reader's copy leaves
# out) loses its link, or in a handout (`web_if_missing`) goes to the web edition's.
def link_everything(chapters: list[Chapter], site_url: str, *, web_if_missing: bool = False) -> None:
    resolve = offline.resolver(chapters, site_url)
    web = offline.resolver([], site_url)
    by_slug = {chapter.slug: chapter for chapter in chapters}
    known = {f"chapter-{chapter.slug}" for chapter in chapters}
    known |= {name for chapter in chapters for name in offline.ids_of(chapter.article)}
    for chapter in chapters:
        for link in chapter.article.select("a[href]"):
            target = resolve(chapter.path, str(link["href"]))
            if isinstance(target, str):
                link["href"] = target
                continue
            name = global_id(by_slug, target)
            if name in known:
                link["href"] = f"#{name}"
            elif web_if_missing:
                link["href"] = str(web(chapter.path, str(link["href"])))
            else:
                offline.unlink(link)


# Helper functions


def inner(tag: Tag) -> str:
    return "".join(str(child) for child in tag.contents)
