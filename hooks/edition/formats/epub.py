"""The EPUB 3 of the edition, written by hand: a zip of XHTML files, a package and a nav.

No EPUB library is needed for so small a book, and writing the files directly keeps the
output exact and reproducible: entries in a fixed order with the build's timestamp, the
identifier derived from the edition's name. One XHTML file per part; the report's notes
become EPUB footnotes (`epub:type="footnote"`, called by `noteref`) with their printed
numbers; every id is made an XML name (`fn:6` -> `fn-6`), every link resolved. EPUBCheck
(tests/test_formats.py) holds the result to zero errors and zero warnings.
"""
from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path

from bs4 import Tag
from lxml import etree

from edition.errors import EditionError
from edition.formats import cover, fetch, offline, titlepage
from edition.formats.epubmeta import package_metadata
from edition.formats.meta import Meta
from edition.formats.offline import Chapter, Target

STYLESHEET = Path(__file__).parent / "epub.css"
EPUB_NS = "http://www.idpf.org/2007/ops"
# The semantics of each part, for reading systems (epub:type) and assistive technology (role).
SEMANTICS = {
    "title": ("titlepage", None),
    "section": ("chapter", "doc-chapter"),
    "bibliography": ("bibliography", "doc-bibliography"),
    "glossary": ("glossary", "doc-glossary"),
    "entities": ("index", "doc-index"),
}
COPY = "EPUB edition, with the editors' annotations and discussion questions"
COVER_PAGE, COVER_IMAGE = "text/cover.xhtml", "images/cover.png"


# The book


def epub_bytes(chapters: list[Chapter], meta: Meta) -> bytes:
    """The EPUB file of these parts (copies: they are changed)."""
    for chapter in chapters:
        footnotes_to_epub(chapter)
        for quote in chapter.article.select("aside.pull-quote"):
            quote.decompose()     # it repeats a sentence; a reader hears it twice
        for number in chapter.article.select("a.para-num"):
            number.name = "span"
            del number["href"]
    link_everything(chapters, meta.site_url)
    documents = {COVER_PAGE: cover_xhtml(meta)}
    documents.update({f"text/{chapter.slug}.xhtml": chapter_xhtml(chapter, meta) for chapter in chapters})
    documents["nav.xhtml"] = nav_xhtml(chapters, meta)
    for name, text in documents.items():
        check_well_formed(name, text)
    entries: dict[str, str | bytes] = {
        "META-INF/container.xml": CONTAINER,
        "EPUB/package.opf": package_opf(chapters, documents, meta),
        "EPUB/styles/edition.css": fetch.read_own(STYLESHEET),
        f"EPUB/{COVER_IMAGE}": cover.png(meta),
        **{f"EPUB/{name}": text for name, text in documents.items()},
    }
    return zip_bytes(entries, meta)


CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


# The same input gives the same bytes: fixed order, fixed times, fixed permissions.
def zip_bytes(entries: dict[str, str | bytes], meta: Meta) -> bytes:
    stamp = meta.modified.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, so a reader can sniff it at offset 38.
        archive.writestr(zip_info("mimetype", stamp), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)
        for name, text in entries.items():
            data = text.encode("utf-8") if isinstance(text, str) else text
            archive.writestr(zip_info(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def zip_info(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


# Notes


# The report's notes, at the end of their section, as EPUB footnotes with printed numbers:
# a reading system shows each in a pop-up where it is called, and hides the list.
def footnotes_to_epub(chapter: Chapter) -> None:
    article = chapter.article
    for call in article.select("a.footnote-ref"):
        call["epub:type"] = "noteref"
        call["role"] = "doc-noteref"
    for notes in article.select("div.footnote"):
        section = article.new_tag("section", attrs={"class": "footnotes", "aria-label": "Notes"})
        for item in notes.select("li[id]"):
            section.append(note_aside(article, item))
        notes.replace_with(section)


def note_aside(article: Tag, item: Tag) -> Tag:
    number = str(item.get("value") or str(item["id"]).split(":", 1)[1])
    aside = article.new_tag("aside", attrs={"id": str(item["id"]), "epub:type": "footnote",
                                            "role": "doc-footnote"})
    back = article.new_tag("a", attrs={"href": f"#fnref:{number}", "role": "doc-backlink"})
    back.string = f"{number}."
    blocks = item.find_all(True, recursive=False) or [item]
    for block in blocks:
        aside.append(block.extract())
    first = aside.find("p") or aside
    first.insert(0, back)
    back.insert_after(" ")
    return aside


# Ids and links


# An XML name: ids such as "fn:6" (a colon) or "5g" (a digit first) are not.
def xml_id(value: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", value)
    return name if re.match(r"[A-Za-z_]", name) else f"id-{name}"


def link_everything(chapters: list[Chapter], site_url: str) -> None:
    resolve = offline.resolver(chapters, site_url)
    known = {}
    for chapter in chapters:
        for tag in chapter.article.find_all(id=True):
            tag["id"] = xml_id(str(tag["id"]))
        known[chapter.slug] = offline.ids_of(chapter.article)
    for chapter in chapters:
        for link in chapter.article.select("a[href]"):
            target = resolve(chapter.path, str(link["href"]))
            if isinstance(target, str):
                link["href"] = target
            elif target.fragment and xml_id(target.fragment) not in known[target.slug]:
                offline.unlink(link)
            else:
                link["href"] = href(target, chapter.slug)


def href(target: Target, here: str) -> str:
    fragment = f"#{xml_id(target.fragment)}" if target.fragment else ""
    return fragment if target.slug == here and fragment else f"{target.slug}.xhtml{fragment}"


# The documents


# The first page: the cover image, which says what the book holds.
def cover_xhtml(meta: Meta) -> str:
    image = (f'<img class="cover-image" src="../{COVER_IMAGE}" alt="{escape(cover.alt_text(meta))}" '
             'epub:type="cover" role="doc-cover"/>')
    return xhtml("Cover", meta, f'<body class="cover-page">{image}</body>', "../styles/")


def chapter_xhtml(chapter: Chapter, meta: Meta) -> str:
    if chapter.role == "title":
        body = (titlepage.cover(meta, COPY)
                + f'<section class="front">{titlepage.front_matter(chapter)}</section>')
        kind = "frontmatter"
    else:
        epub_type, role = SEMANTICS.get(chapter.slug, SEMANTICS.get(chapter.role, ("appendix", "doc-appendix")))
        attributes = f' epub:type="{epub_type}"' + (f' role="{role}"' if role else "")
        body = f'<section{attributes}>{inner(chapter.article)}</section>'
        kind = "bodymatter" if chapter.role == "section" else "backmatter"
    return xhtml(chapter.title, meta, f'<body epub:type="{kind}">{body}</body>', "../styles/")


def nav_xhtml(chapters: list[Chapter], meta: Meta) -> str:
    groups = {"section": "The report", "back": "Apparatus"}
    items = [f'<li><a href="text/{chapters[0].slug}.xhtml">Title page</a></li>']
    for role, name in groups.items():
        entries = "".join(nav_entry(chapter) for chapter in chapters if chapter.role == role)
        items.append(f"<li><span>{name}</span><ol>{entries}</ol></li>")
    first_section = next(chapter for chapter in chapters if chapter.role == "section")
    landmarks = [("cover", COVER_PAGE, "Cover"), ("toc", "nav.xhtml#toc", "Contents"),
                 ("bodymatter", f"text/{first_section.slug}.xhtml", "The report")]
    landmarks += [(SEMANTICS[chapter.slug][0], f"text/{chapter.slug}.xhtml", chapter.title)
                  for chapter in chapters if chapter.slug in ("bibliography", "glossary", "entities")]
    marks = "".join(f'<li><a epub:type="{kind}" href="{link}">{escape(text)}</a></li>'
                    for kind, link, text in landmarks)
    body = (f'<body><nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1>'
            f'<ol>{"".join(items)}</ol></nav>'
            f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>Landmarks</h2>'
            f"<ol>{marks}</ol></nav></body>")
    return xhtml("Contents", meta, body, "styles/")


# A section's entry, with its own headings (h2) under it.
def nav_entry(chapter: Chapter) -> str:
    link = f"text/{chapter.slug}.xhtml"
    headings = [heading for heading in chapter.article.find_all("h2", id=True)
                if chapter.role == "section"]
    sub = "".join(f'<li><a href="{link}#{heading["id"]}">{escape(heading.get_text(" ", strip=True))}</a></li>'
                  for heading in headings)
    return f'<li><a href="{link}">{escape(chapter.title)}</a>{f"<ol>{sub}</ol>" if sub else ""}</li>'


def xhtml(title: str, meta: Meta, body: str, styles: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="{EPUB_NS}" '
            f'lang="{meta.language}" xml:lang="{meta.language}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{styles}edition.css"/>\n</head>\n'
            f"{body}\n</html>\n")


def package_opf(chapters: list[Chapter], documents: dict[str, str], meta: Meta) -> str:
    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
                '<item id="css" href="styles/edition.css" media-type="text/css"/>',
                f'<item id="cover-image" href="{COVER_IMAGE}" media-type="image/png" properties="cover-image"/>',
                f'<item id="cover" href="{COVER_PAGE}" media-type="application/xhtml+xml"/>']
    spine = ['<itemref idref="cover"/>']
    for chapter in chapters:
        name = f"text/{chapter.slug}.xhtml"
        svg = ' properties="svg"' if "<svg" in documents[name] else ""
        manifest.append(f'<item id="part-{xml_id(chapter.slug)}" href="{name}" '
                        f'media-type="application/xhtml+xml"{svg}/>')
        spine.append(f'<itemref idref="part-{xml_id(chapter.slug)}"/>')
        if chapter.role == "title":
            spine.append('<itemref idref="nav"/>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="{meta.language}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
{package_metadata(meta)}
</metadata>
<manifest>
{chr(10).join(manifest)}
</manifest>
<spine>
{chr(10).join(spine)}
</spine>
</package>
"""


# Helper functions


def inner(tag: Tag) -> str:
    return "".join(str(child) for child in tag.contents)


# A file that is not well-formed XML would be rejected by every reading system: stop here.
def check_well_formed(name: str, text: str) -> None:
    try:
        etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise EditionError(f"offline formats: EPUB file {name} is not well-formed XML: {error}") from error
