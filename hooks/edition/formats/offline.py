"""The edition read back from the built site, for its offline formats (PDF, EPUB).

Both formats are made from the HTML that the build wrote, not from the Markdown, so they
carry exactly what the web edition shows: printed footnote numbers, ¶ anchors, glossary
term links, locators. This module picks the parts in reading order, takes each page's
article, drops what only a browser needs (permalinks, hidden tooltips, buttons, scripts),
and resolves every link: to another part of the offline file, or to the web edition.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

from edition.datafile import read_yaml

# bs4 is imported where pages are read: it takes a tenth of a second, which a build without
# the offline formats (mkdocs serve, EDITION_FORMATS=off) need not spend.
if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# The report's sections, in the order printed; the build checks that these are exactly the
# pages whose paragraphs carry ¶ numbers, so a new section cannot be left out silently.
SECTIONS = ("about-the-author", "executive-summary", "introduction", "en-route-to-beijing",
            "wrestling-for-digital-supremacy", "conclusion")
# The apparatus after the text, as the issue lists it (plus the record of changes); the
# teaching page only where the annotations are (teacher's copy, EPUB). Not the map and
# timeline page: its map is an SVG styled for the screen.
BACK_MATTER = ("teaching", "bibliography", "glossary", "entities", "changes", "about-this-edition")
TEACHING = ("teaching",)

DEFAULT_VERSION = "0.1.0"
# The report's publisher and date, when data/work.yml does not give them.
PUBLISHER = "Foreign Policy Research Institute"
PUBLISHED = "2020-09"
DOWNLOADS = "downloads"         # folder of the site that holds the offline files
BASENAME = "yau-2020-quiet-rivalry"

# What only a browser needs, never printed: permalinks, hidden tooltips, edit buttons, the
# Cite links (what docs/stylesheets/edition.css hides in print), the download line the
# formats hook adds to every page, and anything else hidden or scripted.
DROP = (".headerlink", ".gloss-tips", ".gloss-popup", ".edition-downloads", ".md-content__button",
        ".md-source-file", ".footnote-backref", ".para-cite", ".page-cite", ".cite-open",
        ".annotation-controls", "script", "style", "noscript", "button", "form", "input",
        "[hidden]")
ANNOTATIONS = (".annotations", ".discussion-questions")


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    description: str
    language: str
    site_url: str
    version: str
    publisher: str          # the report's, and its date of publication ("2020-09")
    published: str
    modified: datetime      # from SOURCE_DATE_EPOCH, so two builds give the same bytes


@dataclass
class Chapter:
    slug: str              # "title" for the title page, else the page's folder
    path: str              # the page's path in the site: "" or "introduction/"
    role: str              # "title", "section" or "back"
    title: str
    article: Tag           # the page's article, cleaned; its h1 is the chapter title
    renamed: dict[str, str] = field(default_factory=dict)   # id in the page -> id in the file


# Links: a Target inside the offline file, or a URL of the web edition or elsewhere.
@dataclass(frozen=True)
class Target:
    slug: str
    fragment: str


# Configuration


# The edition's version, in one place for every format: data/work.yml (edition.version),
# the description every citation is made from; else extra.version if it is a plain string
# (in mkdocs.yml extra.version is Material's version selector, a mapping); else 0.1.0.
def edition_version(root: Path, extra: dict | None = None) -> str:
    work = read_work(root)
    if work.get("edition", {}).get("version"):
        return str(work["edition"]["version"])
    version = (extra or {}).get("version")
    return version if isinstance(version, str) and version else DEFAULT_VERSION


def read_work(root: Path) -> dict:
    path = root / "data" / "work.yml"
    if not path.exists():
        return {}
    return read_yaml(path, path) or {}


def edition_meta(config) -> Meta:
    root = Path(config["config_file_path"]).parent
    report = read_work(root).get("report") or {}
    return Meta(
        title=config["site_name"],
        author=config["site_author"] or "",
        description=" ".join((config["site_description"] or "").split()),
        language=config["theme"].get("language") or "en",
        site_url=config["site_url"] or "",
        version=edition_version(root, config["extra"]),
        publisher=str(report.get("publisher") or PUBLISHER),
        published=str(report.get("date") or PUBLISHED),
        modified=build_time(),
    )


def build_time() -> datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def output_names() -> dict[str, str]:
    """Site-relative path of every offline file, by kind."""
    return {
        "a4": f"{DOWNLOADS}/{BASENAME}-a4.pdf",
        "letter": f"{DOWNLOADS}/{BASENAME}-letter.pdf",
        "a4-teacher": f"{DOWNLOADS}/{BASENAME}-a4-teachers-copy.pdf",
        "letter-teacher": f"{DOWNLOADS}/{BASENAME}-letter-teachers-copy.pdf",
        "epub": f"{DOWNLOADS}/{BASENAME}.epub",
    }


# Reading the built site


def load_chapters(site_dir: Path, *, annotations: bool) -> list[Chapter]:
    check_sections(site_dir)
    parts = [("title", "", "title")]
    parts += [(slug, f"{slug}/", "section") for slug in SECTIONS]
    parts += [(slug, f"{slug}/", "back") for slug in BACK_MATTER
              if annotations or slug not in TEACHING]
    chapters = [read_chapter(site_dir, *part) for part in parts]
    for chapter in chapters:
        clean(chapter.article, annotations=annotations)
        chapter.title = chapter.article.h1.get_text(" ", strip=True)
    return chapters


def read_chapter(site_dir: Path, slug: str, path: str, role: str) -> Chapter:
    soup = read_page(site_dir, path)
    article = soup.select_one("article.md-content__inner")
    if article is None or article.h1 is None:
        raise PluginError(f"offline formats: {path or 'the title page'} has no article with an "
                          "h1 (article.md-content__inner): the formats read Material's page markup")
    return Chapter(slug, path, role, article.h1.get_text(" ", strip=True), article)


def read_page(site_dir: Path, path: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup
    file = site_dir / path / "index.html"
    if not file.exists():
        raise PluginError(f"offline formats: {file} is missing: the PDF and EPUB need the page "
                          f"{path or 'index'}; build the site first, or update edition/formats/offline.py")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


# Every page with numbered paragraphs is a section of the report, and only those.
def check_sections(site_dir: Path) -> None:
    numbered = {path.parent.name for path in site_dir.glob("*/index.html")
                if '<p class="para" id="p' in path.read_text(encoding="utf-8")}
    if numbered != set(SECTIONS):
        raise PluginError(
            "offline formats: the pages with numbered paragraphs are "
            f"{sorted(numbered)}, but edition/formats/offline.py SECTIONS lists {sorted(SECTIONS)}: "
            "update SECTIONS so the PDF and EPUB hold every section of the report"
        )


# Cleaning


def clean(article: Tag, *, annotations: bool) -> None:
    drop = DROP if annotations else DROP + ANNOTATIONS
    for folded in article.select(".annotations [hidden]"):
        del folded["hidden"]      # an annotation folded away on screen is printed whole
    for element in article.select(", ".join(drop)):
        strip_space_before(element)
        element.decompose()
    for link in article.select("a[aria-describedby]"):
        del link["aria-describedby"]      # the tooltips it named are gone
    for number in article.select("a.para-num"):
        plain_para_number(number)
    for mark in article.select("mark.annotated"):
        if annotations:
            call_annotation(article, mark)
        else:
            mark.unwrap()        # the phrase an annotation is about: plain text without it
    for tag in article.find_all(True):
        if tag.get("data-search-exclude") is not None:
            del tag["data-search-exclude"]


# Python-Markdown writes "&#160;" before the back link of a note: it goes with it.
def strip_space_before(element: Tag) -> None:
    from bs4 import NavigableString
    previous = element.previous_sibling
    if isinstance(previous, NavigableString) and not previous.strip():
        previous.extract()
    elif isinstance(previous, NavigableString):
        previous.replace_with(previous.rstrip("\u00a0 "))


# "¶ 12" once, as printed: the screen reader's "Paragraph " span needs CSS no e-reader has.
def plain_para_number(link: Tag) -> None:
    number = link.get("href", "").removeprefix("#p")
    link.clear()
    link.append(f"¶\u00a0{number}")
    link["title"] = f"Paragraph {number}"


# A teacher's copy calls each annotation where its phrase is, as a note is called: the
# phrase stays marked and is followed by the annotation's number (A12), linked to it.
def call_annotation(article: Tag, mark: Tag) -> None:
    note = article.find(id=mark.get("data-note") or None)
    number = note.select_one(".annotation__number") if note else None
    if number is None:
        return
    call = article.new_tag("sup", attrs={"class": "annotation-ref"})
    link = article.new_tag("a", attrs={"href": f"#{note['id']}"})
    link.string = number.get_text(strip=True)
    call.append(link)
    mark.insert_after(call)


# Links


def resolver(chapters: list[Chapter], site_url: str) -> Callable[[str, str], Target | str]:
    """resolve(page_path, href): a Target in the offline file, or an absolute URL."""
    slugs = {chapter.path: chapter.slug for chapter in chapters}

    def resolve(page_path: str, href: str) -> Target | str:
        if urlsplit(href).scheme or href.startswith("//"):
            return href
        absolute = urljoin("/" + page_path, href)
        parts = urlsplit(absolute)
        path = parts.path.lstrip("/")
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        if path in slugs:
            return Target(slugs[path], parts.fragment)
        return urljoin(site_url or "/", absolute.lstrip("/")) if site_url else absolute

    return resolve


def ids_of(article: Tag) -> set[str]:
    return {tag["id"] for tag in article.find_all(id=True)}


# A link whose target is gone (an annotation in a reader's copy) keeps its words, unlinked.
def unlink(link: Tag) -> None:
    link.unwrap()


# The title page


READERS_COPY = "Reader's copy"
TEACHERS_COPY = ("Teacher's copy: with the editors' annotations (A1, A2, …) after their "
                 "paragraphs, the discussion questions and the teaching notes")


# The cover: what the report's title page prints, and which edition and copy this is.
def cover(chapter: Chapter, meta: Meta, copy: str) -> str:
    printed = {name: text_of(chapter.article, f".title-page__{name}")
               for name in ("author", "series", "date")}
    url = escape(meta.site_url)
    return f"""<section class="cover" id="chapter-title">
<p class="cover__series">{escape(printed["series"] or meta.publisher)}</p>
<h1 class="cover__title" id="title">{escape(meta.title)}</h1>
<p class="cover__author">{escape(printed["author"] or meta.author)}</p>
<p class="cover__date">{escape(printed["date"] or meta.published)}</p>
<div class="cover__edition">
<p class="cover__kind">Annotated edition · version {escape(meta.version)}</p>
<p class="cover__copy">{escape(copy)}</p>
<p>Web edition (version {escape(meta.version)}): <a class="cover__url" href="{url}">{url}</a></p>
<p>Cite a passage by its ¶ number, printed in the margin, and its section's address:
¶ 3 is <span class="cover__url">{url}introduction/#p3</span></p>
</div>
</section>"""


# The rest of the title page (credits, copyright, this edition), without its heading and
# its list of contents, which each format gives in its own way.
def front_matter(chapter: Chapter) -> str:
    article = chapter.article
    for element in article.select("h1, .title-page"):
        element.decompose()
    heading = article.find("h2", string=lambda text: bool(text) and text.strip() == "Contents")
    while heading is not None:
        following = heading.find_next_sibling()
        heading.decompose()
        heading = following if following is not None and following.name != "h2" else None
    return "".join(str(child) for child in article.contents)


def text_of(article: Tag, selector: str) -> str:
    found = article.select_one(selector)
    return " ".join(found.get_text(" ").split()) if found else ""
