"""The edition's parts for its offline formats (PDF, EPUB), from the pages' rendered content.

Both formats are made from each page's content as the build rendered it (`Rendered.html`,
taken once by the hook, the generated pages completed), not from the Markdown and not from
the files in site/, so they carry exactly what the web edition's articles show: printed
footnote numbers, ¶ anchors, glossary term links, locators. Which parts, in which order,
comes from the model: the title page, the report's sections (`Edition.sections`, the nav's
group that `report_group` names), then the apparatus. This module parses each part once,
drops what only a browser needs (permalinks, hidden tooltips, buttons, scripts), and
resolves every link: to another part of the offline file, or to the web edition.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from edition.errors import EditionError
from edition.formats import hyphens
from edition.model.anchors import Anchor
from edition.model.edition import Edition, Part, Rendered

# bs4 is imported where pages are read: it takes a tenth of a second, which a build without
# the offline formats (mkdocs serve, EDITION_FORMATS=off) need not spend.
if TYPE_CHECKING:
    from bs4 import Tag

# The apparatus after the text, those of these pages the edition has (plus the record of
# changes); the teaching page only where the annotations are (teacher's copy, EPUB). Not the
# map and timeline page: its map is an SVG styled for the screen.
BACK_MATTER = ("teaching.md", "bibliography.md", "glossary.md", "entities.md", "changes.md",
               "about-this-edition.md")
TEACHING = ("teaching",)

# What only a browser needs, never printed: permalinks, hidden tooltips, edit buttons, the
# Cite links (what docs/stylesheets/edition.css hides in print), the download line the
# formats hook adds to every page, what a page marks as for the web only (the title page's
# views and Cite links), and anything else hidden or scripted.
DROP = (".headerlink", ".gloss-tips", ".gloss-popup", ".edition-downloads", ".md-content__button",
        ".md-source-file", ".footnote-backref", ".para-cite", ".note-marker", ".page-cite", ".cite-open",
        ".annotation-controls", "script", "style", "noscript", "button", "form", "input",
        "[hidden]", ".web-only")
# A reader's copy has neither the editors' notes nor the questions; a student's handout has the
# questions, each with its paragraph but not the label of a note it does not print.
NOTES = (".annotations", ".discussion-questions__note")
QUESTIONS = (".discussion-questions",)


@dataclass
class Chapter:
    slug: str              # "title" for the title page, else the page's folder
    path: str              # the page's path in the site: "" or "introduction/"
    role: str              # "title", "section" or "back"
    title: str
    article: Tag           # the page's content, cleaned, in an <article>; its h1 is the title
    renamed: dict[str, str] = field(default_factory=dict)   # id in the page -> id in the file
    src_uri: str = ""      # its page's source: "introduction.md"


# Links: a Target inside the offline file, or a URL of the web edition or elsewhere.
@dataclass(frozen=True)
class Target:
    slug: str
    fragment: str


# The parts


def parts(edition: Edition) -> list[tuple[str, Part]]:
    """(role, part) for every part the files print, in order: the title page ("title"), the
    report's sections ("section"), the apparatus ("back")."""
    check_sections(edition)
    front = next((part for part in edition.parts if part.kind == "front"), None)
    if front is None:
        raise EditionError("offline formats: the edition has no title page: the PDF and EPUB open with "
                           "it; give index.md `printed: true` in its front matter")
    back = [edition.part(src) for src in BACK_MATTER]
    return ([("title", front)] + [("section", part) for part in edition.sections]
            + [("back", part) for part in back if part is not None])


def parse_parts(edition: Edition, rendered: Rendered) -> list[Chapter]:
    """The title page, the report's sections and the apparatus, each parsed once."""
    return [parse_chapter(rendered, role, part) for role, part in parts(edition)]


def copy_for(chapters: list[Chapter], *, annotations: bool, questions: bool | None = None) -> list[Chapter]:
    """A copy of the parts to change for one file, cleaned for a reader's or a teacher's copy
    (with the `annotations`), or for a student's (with the discussion `questions` alone)."""
    from bs4 import BeautifulSoup

    copies = []
    for chapter in chapters:
        if chapter.slug in TEACHING and not annotations:
            continue
        # A deep copy of the parsed tree, not a second parse; it is put into a document
        # of its own, as the cleaning makes new tags.
        holder = BeautifulSoup("", "html.parser")
        holder.append(copy.copy(chapter.article))
        article = holder.article
        assert article is not None          # the copy of an <article>
        clean(article, annotations=annotations, questions=questions)
        copies.append(Chapter(chapter.slug, chapter.path, chapter.role, heading_text(article), article,
                              src_uri=chapter.src_uri))
    return copies


def parse_chapter(rendered: Rendered, role: str, part: Part) -> Chapter:
    from bs4 import BeautifulSoup

    content = rendered.html.get(part.src_uri)
    if content is None:
        raise EditionError(f"offline formats: the page {part.src_uri} was not rendered: the PDF and "
                           "EPUB print it; add it to the site")
    article = BeautifulSoup(f"<article>{content}</article>", "html.parser").article
    assert article is not None         # the parser keeps the <article> it was given
    if article.h1 is None:
        heading = article.new_tag("h1")
        heading.string = rendered.titles.get(part.src_uri) or part.title  # as the site titles it
        article.insert(0, heading)
    name = "title" if role == "title" else slug(part.url)
    path = "" if part.url == "./" else part.url     # the title page's address, as links resolve it
    return Chapter(name, path, role, heading_text(article), article, src_uri=part.src_uri)


def slug(url: str) -> str:
    """A section's name, in ids and file names: its page's last folder ("introduction/" -> "introduction")."""
    return url.strip("/").rsplit("/", 1)[-1]


def heading_text(article: Tag) -> str:
    heading = article.h1
    return heading.get_text(" ", strip=True) if heading is not None else ""


# Every page with numbered paragraphs is a section of the report, and only those (the model
# knows each part's paragraphs from its source).
def check_sections(edition: Edition) -> None:
    numbered = sorted(part.src_uri for part in edition.parts if part.paragraphs)
    sections = sorted(part.src_uri for part in edition.sections)
    if numbered != sections:
        group = edition.settings.get("report_group", "The report")
        raise EditionError(
            f"offline formats: the pages with numbered paragraphs are {numbered}, but the nav's "
            f"'{group}' lists {sections}: list every section of the report there, and only "
            "those, so the PDF and EPUB hold them"
        )


# Cleaning


def clean(article: Tag, *, annotations: bool, questions: bool | None = None) -> None:
    questions = annotations if questions is None else questions
    drop = DROP + (() if annotations else NOTES) + (() if questions else QUESTIONS)
    for folded in article.select(".annotations [hidden]"):
        del folded["hidden"]      # an annotation folded away on screen is printed whole
    for element in article.select(", ".join(drop)):
        strip_space_before(element)
        element.decompose()
    for link in article.select("a[aria-describedby]"):
        del link["aria-describedby"]      # the tooltips it named are gone
    for number in article.select("a.para-num"):
        plain_para_number(number)
    marks = article.select("mark.annotated")
    if annotations:
        notes = {str(tag["id"]): tag for tag in article.select('[id^="note-"]')}
        for mark in marks:
            call_annotation(article, mark, notes)
    else:
        for mark in marks:
            mark.unwrap()        # the phrase an annotation is about: plain text without it
    for tag in article.find_all(True):
        if tag.get("data-search-exclude") is not None:
            del tag["data-search-exclude"]
    for insertion in article.select("a[href] + ins"):
        space_after_url(insertion)
    hyphens.keep_whole(article)


# An editors' insertion right after a printed URL ("….html[read: http://…]") would make
# one unbreakable word of both: a space parts them, as a reader needs.
def space_after_url(insertion: Tag) -> None:
    from bs4 import Tag

    link = insertion.previous_sibling
    if isinstance(link, Tag) and link.name == "a" and link.get_text().startswith(("http://", "https://")):
        insertion.insert_before(" ")


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
    anchor = Anchor.parse(str(link.get("href", "")).removeprefix("#"), ("p",))
    link.clear()
    link.append(anchor.label)
    link["title"] = anchor.spoken.capitalize()


# A teacher's copy calls each annotation where its phrase is, as a note is called: the
# phrase stays marked and is followed by the annotation's label (3b), linked to it.
def call_annotation(article: Tag, mark: Tag, notes: dict[str, Tag]) -> None:
    name = str(mark.get("data-note") or "")
    note = notes.get(name)
    number = note.select_one(".annotation__number") if note else None
    if number is None:
        return
    call = article.new_tag("sup", attrs={"class": "annotation-ref"})
    link = article.new_tag("a", attrs={"href": f"#{name}"})
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
    return {str(tag["id"]) for tag in article.find_all(id=True)}


# A link whose target is gone (an annotation in a reader's copy) keeps its words, unlinked.
def unlink(link: Tag) -> None:
    link.unwrap()
