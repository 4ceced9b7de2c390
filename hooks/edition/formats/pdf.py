"""The PDF of the edition: one HTML document of every part, laid out by WeasyPrint.

WeasyPrint implements CSS Paged Media, which the print edition needs and a browser's
print-to-PDF does not offer: running heads from the section title (string-set), notes at
the foot of the page (float: footnote) keeping their printed numbers, page numbers in the
contents (target-counter), PDF bookmarks from the headings, named destinations from ids
(so `file.pdf#p12` opens ¶ 12), and the document's metadata from <meta>. The layout is in
print.css next to this module; this module writes the HTML it lays out.
"""
from __future__ import annotations

import html
import logging
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from bs4 import Tag
from mkdocs.exceptions import PluginError

from edition.formats import offline
from edition.formats.offline import Chapter, Meta, Target

STYLESHEET = Path(__file__).parent / "print.css"   # its @font-face rules name fonts/
SIZES = {"a4": "A4", "letter": "letter"}
ROLE_NAMES = {"section": "The report", "back": "Apparatus"}


@dataclass(frozen=True)
class Job:
    html: str
    size: str                   # "a4" or "letter"
    base_url: str               # the site folder: the stylesheet is read from there
    out: Path


# The PDFs


def pdf_jobs(site_dir: Path, meta: Meta, outputs: dict[str, str]) -> list[Job]:
    """One job per file: the reader's and the teacher's copy, each in A4 and US Letter."""
    jobs = []
    for teacher in (False, True):
        chapters = offline.load_chapters(site_dir, annotations=teacher)
        document = pdf_document(chapters, meta, teacher=teacher)
        for size in SIZES:
            name = outputs[f"{size}-teacher" if teacher else size]
            jobs.append(Job(document, size, f"{site_dir}/", site_dir / name))
    return jobs


def render_all(jobs: list[Job], workers: int = 2) -> list[tuple[int, list[str]]]:
    """Lay out every job: the number of pages and WeasyPrint's warnings of each file."""
    # Layout is CPU-bound Python: the files are laid out side by side, one per core.
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as pool:
        return list(pool.map(render, jobs))


def render(job: Job) -> tuple[int, list[str]]:
    # Imported here: the hook module loads fast under `mkdocs serve`, which makes no PDF.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Nothing is fetched from the network: the stylesheet is a local file, fonts are the
    # system's; a file that cannot be read stops the build.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    with captured_warnings() as warnings:
        size = CSS(string=f"@page {{ size: {SIZES[job.size]}; }}")
        layout = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
        html_doc = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document = html_doc.render(stylesheets=[layout, size])
        job.out.parent.mkdir(parents=True, exist_ok=True)
        # Tagged: a screen reader or a reflowing reader gets the headings, lists and reading
        # order (at a cost of about a sixth more time and half more bytes).
        document.write_pdf(job.out, custom_metadata=True, pdf_tags=True,
                           pdf_identifier=job.out.name.encode())
    return len(document.pages), warnings


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
    note = offline.TEACHERS_COPY if teacher else offline.READERS_COPY
    body = [offline.cover(title, meta, note), f'<section class="front">{offline.front_matter(title)}</section>',
            contents(rest)]
    body += [chapter_html(chapter) for chapter in rest]
    return page(meta, teacher, "\n".join(body))


def page(meta: Meta, teacher: bool, body: str) -> str:
    copy = "teacher's copy, with annotations" if teacher else "reader's copy"
    when = meta.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = {
        "author": meta.author,
        "description": f"{meta.description} Edition {meta.version}, {copy}.",
        "keywords": "Central Asia, Russia, China, Belt and Road Initiative, Eurasian Economic "
                    "Union, Shanghai Cooperation Organization",
        "generator": "MkDocs and WeasyPrint (the edition's build)",
        "dcterms.created": when,
        "dcterms.modified": when,
        "edition-version": meta.version,
        "edition-url": meta.site_url,
    }
    metas = "\n".join(f'<meta name="{name}" content="{html.escape(value)}">'
                      for name, value in fields.items())
    return (f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(meta.title)}</title>\n{metas}\n</head>\n<body>\n{body}\n</body>\n</html>\n')


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
            number = item.get("value") or item["id"].split(":", 1)[1]
            call = article.find(id=f"fnref:{number}")
            if call is None:
                raise PluginError(f"offline formats: {chapter.path}: note {number} is never called")
            call.insert_after(note_float(article, item, number))
        notes.decompose()


def note_float(article: Tag, item: Tag, number: str) -> Tag:
    note = article.new_tag("span", attrs={"class": "fn", "id": item["id"], "data-n": number})
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
            if counts[tag["id"]] > 1:
                chapter.renamed[tag["id"]] = tag["id"] = f"{chapter.slug}--{tag['id']}"


def global_id(chapters: dict[str, Chapter], target: Target) -> str:
    if not target.fragment:
        return f"chapter-{target.slug}"
    return chapters[target.slug].renamed.get(target.fragment, target.fragment)


def link_everything(chapters: list[Chapter], site_url: str) -> None:
    resolve = offline.resolver(chapters, site_url)
    by_slug = {chapter.slug: chapter for chapter in chapters}
    known = {f"chapter-{chapter.slug}" for chapter in chapters}
    known |= {name for chapter in chapters for name in offline.ids_of(chapter.article)}
    for chapter in chapters:
        for link in chapter.article.select("a[href]"):
            target = resolve(chapter.path, link["href"])
            if isinstance(target, str):
                link["href"] = target
                continue
            name = global_id(by_slug, target)
            if name in known:
                link["href"] = f"#{name}"
            else:
                offline.unlink(link)


# Helper functions


def inner(tag: Tag) -> str:
    return "".join(str(child) for child in tag.contents)
