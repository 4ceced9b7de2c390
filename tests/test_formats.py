"""The offline formats: the PDFs and the EPUB that `mkdocs build` writes into site/downloads/.

They are read back from a build of their own (the `formats_site` fixture in conftest.py),
laid out with no system font and from an empty cache: pypdf, poppler's pdftotext and pdfinfo for the
PDFs (here), EPUBCheck, DAISY Ace and lxml for the EPUB (test_formats_epub.py). One page of
each PDF copy is rendered to PNG with pdftoppm into build/formats/, for a person to look at.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from edition.formats import pdf
from edition.formats.copies import handouts
from helpers import REPORT_PAGES, WORK, current_version, download_paths, git, handout_sections, has_questions

pytestmark = pytest.mark.formats

ROOT = Path(__file__).resolve().parent.parent
NAMES = download_paths()
PDFS = ["a4", "letter", "a4-teacher", "letter-teacher"]        # the whole edition's
# Each section's handouts (a student's and a teacher's, A4 and Letter) and the questions sheet,
# by kind ("handout-introduction-a4-teacher", "questions-letter").
HANDOUTS = {copy.kind: copy for copy in handouts(handout_sections(), questions=has_questions())}
EVERY_PDF = PDFS + list(HANDOUTS)
PNG_DIR = ROOT / "build" / "formats"
FONTS = ROOT / "hooks" / "edition" / "formats" / "fonts"
VERSION = current_version()
# formats_site is built with no SOURCE_DATE_EPOCH: its dates are the last commit's.
COMMITTED = datetime.fromtimestamp(int(git(ROOT, "log", "-1", "--format=%ct")), tz=UTC)
RUNNING_HEAD = f"{WORK['report']['author']['family']}, {WORK['report']['title']}"
WEB = "http://127.0.0.1:8000/"      # the address the test builds are made for (mkdocs.yml's default)
TITLES = ["About the author", "Executive summary", "Introduction", "En route to Beijing",
          "Wrestling for digital supremacy", "Conclusion", "Bibliography", "Glossary",
          "Index of names", "Changes to the text", "About this edition"]
# Text of the web page's furniture that must never reach a PDF.
UI_TEXT = ["Skip to content", "Initializing search", "Type to start searching", "Back to top",
           "Made with Material", "Switch to dark mode", "Link to this section", "Download PDF",
           "Download EPUB", "Cite paragraph"]


# Reading the files back, once per session


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text in reading order, as poppler's pdftotext reads it (in a third of a
    second; pypdf takes ten)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return tuple(text.split("\f")[:-1])        # every page ends with a form feed


def artifacts(path: Path, index: int) -> str:
    """The text a page draws as an artifact (/Artifact marked content: what a screen reader
    skips), read with pypdf's content-stream visitor."""
    inside: list[bool] = []          # open marked-content sequences: is each an artifact?
    found: list[str] = []

    def operator(op: bytes, args: list, *_: object) -> None:
        if op in (b"BDC", b"BMC"):
            inside.append(str(args[0]) == "/Artifact")
        elif op == b"EMC" and inside:
            inside.pop()

    def text(value: str, *_: object) -> None:
        if any(inside):
            found.append(value)

    reader(path).pages[index].extract_text(visitor_operand_before=operator, visitor_text=text)
    return " ".join("".join(found).split())


@cache
def structure(path: Path) -> str:
    """The tag tree as poppler reads it (pdfinfo -struct: element types and ids)."""
    return subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True,
                          text=True, check=True).stdout


def downloads(site, kind: str) -> Path:
    return site.path / NAMES[kind]


def destination_page(path: Path, name: str) -> int:
    pdf_file = reader(path)
    return pdf_file.get_destination_page_number(pdf_file.named_destinations[name])


def note_numbers(path: Path) -> list[int]:
    return sorted(int(name[3:]) for name in reader(path).named_destinations if name.startswith("fn:"))


def paragraph_numbers(site) -> list[int]:
    return [int(p["id"][1:]) for name in REPORT_PAGES for p in site.page(name).select("p.para")]


def site_has_annotations(site) -> bool:
    return any(site.page(name).select(".annotations") for name in REPORT_PAGES)


def printed_sections(kind: str) -> list[str]:
    """The report's pages a file prints: a book all, a handout its section, the sheet none."""
    copy = HANDOUTS.get(kind)
    if copy is None:
        return REPORT_PAGES
    return [copy.parts[0].removesuffix(".md")] if copy.layout == "handout" else []


def web_notes(site, pages: list[str]) -> list[int]:
    return sorted(int(item["id"][3:]) for page in pages for item in site.page(page).select("li[id^='fn:']"))


# The files and the links to them


def test_every_file_is_written_and_linked_from_every_page(formats_site):
    site = formats_site
    for kind in NAMES:
        assert downloads(site, kind).stat().st_size > 20_000, kind
    for path in site.html_files:
        if path.name != "index.html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("article.md-content__inner") is None:
            continue        # not a page of the edition: a redirect such as /p/12/
        line = soup.select_one("article .edition-downloads")
        assert line is not None, path
        folder = path.parent.relative_to(site.path).as_posix()
        base = "/" if folder == "." else f"/{folder}/"
        targets = {urljoin(base, a["href"]).lstrip("/") for a in line.select("a")}
        assert NAMES["a4"] in targets and NAMES["epub"] in targets, path
        assert "search-exclude" in " ".join(line.attrs), "the line is kept out of the search index"
    # The title page links the whole edition's files and the questions sheet; each section's
    # handouts are linked from its page and from the Teaching page (the next test).
    title_page = {a["href"] for a in site.page("").select(".edition-downloads a")}
    assert {NAMES[kind] for kind in NAMES if not kind.startswith("handout-")} <= title_page


def links_under_the_title(site, page: str) -> set[str]:
    base = f"/{page}/" if page else "/"
    return {urljoin(base, a["href"]).lstrip("/") for a in site.page(page).select("article .edition-downloads a")}


# A section's page links its own four handouts, and no other section's; the Teaching page links
# every handout and the questions sheet, in a table (a row a section) that says what each holds.
def test_the_handouts_are_linked_from_their_section_and_the_teaching_page(formats_site):
    for page in REPORT_PAGES:
        mine = {NAMES[kind] for kind, copy in HANDOUTS.items() if copy.parts == (f"{page}.md",)}
        handouts_linked = {path for path in links_under_the_title(formats_site, page)
                           if path.startswith("downloads/") and "handout" in path}
        assert len(mine) == 4 and handouts_linked == mine, page
    teaching = links_under_the_title(formats_site, "teaching")
    assert {NAMES[kind] for kind in HANDOUTS} <= teaching
    table = formats_site.page("teaching").select_one("#handouts table")
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        formats_site.page(page).find("article").h1.get_text(strip=True).rstrip("#") for page in REPORT_PAGES]
    assert [th.get_text() for th in table.select("thead th")] == ["Section", "Student's handout", "Teacher's handout"]
    assert "search-exclude" in " ".join(table.find_parent("div").attrs)


# Each download says what it holds: the EPUB, like the teacher's copy, has the notes and questions.
def test_the_download_lines_say_what_each_file_holds(formats_site):
    title_page = " ".join(formats_site.page("").select_one(".edition-downloads").get_text().split())
    assert title_page.startswith("Download the text: PDF (A4) · PDF (US Letter). With the editors' "
                                 "annotations and discussion questions: teacher's copy, PDF (A4) · "
                                 "PDF (US Letter); EPUB. For other tools:"), title_page
    section = " ".join(formats_site.page("introduction").select_one(".edition-downloads").get_text().split())
    assert section.startswith("Download PDF (A4; US Letter) · Download EPUB (with the notes and questions) ·")
    handout = " ".join(formats_site.page(REPORT_PAGES[0]).select_one(".edition-handouts").get_text().split())
    assert handout == "Handout (PDF): student's (A4; US Letter) · teacher's, with notes and key (A4; US Letter)"
    title_page = " ".join(formats_site.page("").select_one(".edition-handouts").get_text().split())
    assert title_page == ("For teaching (PDF): a handout of each section, for students and for teachers; "
                          "every discussion question on one sheet, A4 · US Letter.")


def test_a_site_without_the_formats_links_to_none(site):
    assert not any((site.path / name).exists() for name in NAMES.values())
    links = [a["href"] for name in ("", REPORT_PAGES[0], "teaching") for a in site.page(name).select("a[href]")]
    files = tuple(name.rsplit("/", 1)[-1] for name in NAMES.values())
    assert not [href for href in links if href.endswith(files)], links


def test_a_build_with_unchanged_pages_lays_nothing_out_again(formats_site, formats_env, tmp_path):
    """The second build reads every file from the cache: the same bytes, no layout."""
    from helpers import build_site

    again = build_site(ROOT / "mkdocs.yml", tmp_path / "site", env=formats_env)
    assert again.returncode == 0, again.log
    assert again.log.count("(cached)") == len(NAMES), again.log
    for kind in NAMES:
        assert downloads(again, kind).read_bytes() == downloads(formats_site, kind).read_bytes(), kind


# The PDF


@pytest.mark.parametrize("kind, width, height", [("a4", 595, 842), ("letter", 612, 792)])
def test_pdf_page_size_and_count(formats_site, kind, width, height):
    pages = reader(downloads(formats_site, kind)).pages
    assert 30 <= len(pages) <= 120, len(pages)
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (width, height)


def test_pdf_has_every_part_in_order_in_text_and_bookmarks(formats_site):
    path = downloads(formats_site, "a4")
    pdf_file, texts = reader(path), page_texts(path)
    outline = [item for item in pdf_file.outline if not isinstance(item, list)]
    assert [item.title for item in outline[:2]] == ["Title page", "Contents"]
    parts = [item for item in outline if item.title in TITLES]
    assert [item.title for item in parts] == TITLES
    pages = [pdf_file.get_destination_page_number(item) for item in parts]
    assert pages == sorted(pages)
    for item, page in zip(parts, pages, strict=True):
        assert item.title in texts[page], item.title
        assert item.title in texts[2]      # the contents


def test_pdf_title_page_names_the_web_edition_and_version(formats_site):
    cover = " ".join(page_texts(downloads(formats_site, "a4"))[0].split())
    report = WORK["report"]
    assert report["title"] in cover and f"{report['author']['given']} {report['author']['family']}".upper() in cover
    assert report["series"].upper() in cover       # set in capitals, letter-spaced, read as words
    assert f"version {VERSION}" in cover and "http://127.0.0.1:8000/" in cover
    assert "Local preview" in cover and "names no public address" in cover   # a local build
    assert "Reader's copy" in cover
    assert "Teacher's copy" in page_texts(downloads(formats_site, "a4-teacher"))[0]


@pytest.mark.parametrize("kind", PDFS)
def test_pdf_has_every_note(formats_site, kind):
    assert note_numbers(downloads(formats_site, kind)) == list(range(1, 20))


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_every_note_is_on_the_page_of_its_call(formats_site, kind):
    path = downloads(formats_site, kind)
    texts = page_texts(path)
    numbers = note_numbers(path)
    assert numbers == web_notes(formats_site, printed_sections(kind)), numbers
    for number in numbers:
        call, note = destination_page(path, f"fnref:{number}"), destination_page(path, f"fn:{number}")
        assert note == call, f"note {number} is on page {note + 1}, its call on page {call + 1}"
        assert re.search(rf"(^|\n){number}\.\s\S", texts[note]), (number, texts[note][-400:])


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_no_page_is_nearly_empty_but_the_last_of_a_part(formats_site, kind):
    """Widows and near-empty pages: every page holds at least 4 lines besides its running
    head and folio, except the cover and a part's last page."""
    path = downloads(formats_site, kind)
    pdf_file, texts = reader(path), page_texts(path)
    starts = {pdf_file.get_destination_page_number(destination)
              for name, destination in pdf_file.named_destinations.items()
              if name.startswith("chapter-") or name == "contents"}
    for index, text in enumerate(texts[1:-1], start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        if index + 1 not in starts:
            assert len(lines) - 2 >= 4, (kind, index + 1, lines)


@pytest.mark.parametrize("kind", PDFS)
def test_a_correction_after_a_url_is_apart_from_it(formats_site, kind):
    text = " ".join(" ".join(page_texts(downloads(formats_site, kind))).split())
    # (the URL may break after its "//" at a line's end, without a hyphen: read as a space here)
    assert re.search(r"608790\.html \[read: http:// ?eng\.sectsco\.org/", text)


def test_pdf_has_every_paragraph_number_in_the_margin_and_as_destination(formats_site):
    path = downloads(formats_site, "a4")
    numbers = paragraph_numbers(formats_site)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 29
    printed = {int(n) for n in re.findall(r"¶\s*(\d+)", "\n".join(page_texts(path)))}
    assert set(numbers) <= printed
    pages = [destination_page(path, f"p{n}") for n in numbers]
    assert pages == sorted(pages)


def test_pdf_metadata(formats_site):
    for kind, copy in (("a4", "reader's copy"), ("letter-teacher", "teacher's copy")):
        info = reader(downloads(formats_site, kind)).metadata
        assert info.title == "Russia and China's Quiet Rivalry in Central Asia"
        assert info.author == "Niva Yau"
        assert f"Edition {VERSION}, {copy}" in info.subject
        assert info["/editionversion"] == VERSION
        assert info["/CreationDate"] == f"D:{COMMITTED:%Y%m%d%H%M%S}Z"   # no SOURCE_DATE_EPOCH


# PDF/UA-1, read back from each file


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_pdf_ua_metadata_and_page_labels(formats_site, kind):
    pdf_file = reader(downloads(formats_site, kind))
    xmp = pdf_file.xmp_metadata.stream.get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp and "http://www.aiim.org/pdfua/ns/id/" in xmp
    catalog = pdf_file.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == WORK["report"]["language"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    last = len(pdf_file.pages) - 1
    if kind in HANDOUTS:        # no cover: the folios from 1, on every page
        assert pdf_file.page_labels == [str(n) for n in range(1, last + 2)]
    else:
        assert pdf_file.page_labels[:3] == ["Cover", "2", "3"]
    # The label is the printed folio, the last line of the page's text.
    for index in {min(5, last), last} - ({0} if kind in PDFS else set()):
        assert page_texts(downloads(formats_site, kind))[index].split()[-1] == pdf_file.page_labels[index]


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_pdf_running_heads_and_folios_are_artifacts(formats_site, kind):
    """Every page but a book's cover (a handout has none): the running head, the section and
    the folio are drawn as pagination artifacts, and nothing else is. The artifacts' text is
    read on every third page (from a different first page in each copy, so the copies of one
    document cover every position) and the last: pypdf takes a sixth of a second a page."""
    path = downloads(formats_site, kind)
    labels = reader(path).page_labels
    first = 0 if kind in HANDOUTS else 1
    streams = [page.get_contents().get_data() for page in reader(path).pages[first:]]
    assert all(re.search(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", data) for data in streams)
    last = len(labels) - 1
    for index in {*range(first + EVERY_PDF.index(kind) % 3, last, 3), last}:
        artifact = artifacts(path, index)
        assert artifact.startswith(RUNNING_HEAD) and artifact.endswith(f" {labels[index]}"), artifact
        assert len(artifact) < len(RUNNING_HEAD) + 50, artifact     # the head and folio only


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_pdf_notes_are_tagged_as_notes(formats_site, kind):
    path = downloads(formats_site, kind)
    ids = re.findall(r"^\s*Note <(fn:\d+)-p\d+>", structure(path), flags=re.M)
    assert sorted(set(ids), key=lambda name: int(name[3:])) == [f"fn:{n}" for n in note_numbers(path)]
    assert "Span <fn:" not in structure(path)


def link_descriptions(path: Path) -> dict[str, set[str]]:
    """Each link's target (a destination or a URL) and the descriptions (/Contents) of its links."""
    described: dict[str, set[str]] = {}
    for page in reader(path).pages:
        for annotation in (item.get_object() for item in page.get("/Annots") or []):
            if annotation["/Subtype"] == "/Link":
                target = str(annotation.get("/Dest") or annotation["/A"]["/URI"])
                described.setdefault(target, set()).add(str(annotation.get("/Contents", "")))
    return described


def test_pdf_links_are_described_by_their_words(formats_site):
    """PDF/UA-1 (7.18.5): each link's annotation describes it in /Contents, by its title or
    words (a ¶ or note number by what it stands for), not by the id it goes to."""
    described = link_descriptions(downloads(formats_site, "a4"))
    assert len(described) > 200 and all(all(texts) for texts in described.values())
    assert "Introduction" in described["chapter-introduction"]
    assert described["fn:7"] == {"Note 7"} and "Paragraph 12" in described["p12"]
    assert not [target for target, texts in described.items() if target.startswith("chapter-") and target in texts]


@pytest.mark.parametrize("kind", list(HANDOUTS))
def test_handout_links_are_described_and_resolve(formats_site, kind):
    """As in the books: every link described by its words (a ¶ or note number by what it stands
    for), never by the id of a part it goes to; every link inside the file goes to one of its
    destinations; the rest go to the web edition."""
    path = downloads(formats_site, kind)
    described = link_descriptions(path)
    assert described and all(all(texts) for texts in described.values())
    for target, texts in described.items():
        if re.fullmatch(r"p\d+|fn:\d+", target):
            assert texts == {f"{'Paragraph' if target[0] == 'p' else 'Note'} {target.lstrip('pfn:')}"}, target
        assert not (target.startswith("chapter-") and target in texts), target
    inside = {target for target in described if "://" not in target}
    assert inside <= set(reader(path).named_destinations), inside - set(reader(path).named_destinations)
    if HANDOUTS[kind].layout == "questions":     # each ¶ goes to the web edition's paragraph
        assert not inside and any(re.search(r"/#p\d+$", target) for target in described)


def test_pdf_links_are_tagged_and_shown_in_the_text():
    """A link in a paragraph is underlined and coloured by print.css, as WeasyPrint lays it out."""
    from weasyprint import CSS, HTML

    document = HTML(string='<section class="chapter section"><p class="para" id="p1">'
                           '<a class="para-num" href="#p1">¶ 1</a>The <a href="#sco">SCO</a> '
                           'met.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
                           "</section>").render(stylesheets=[CSS(filename=str(pdf.STYLESHEET))])
    styles = {}
    stack = [document.pages[0]._page_box]
    while stack:
        box = stack.pop()
        if getattr(box, "element_tag", None) == "a":
            styles[box.element.get("href")] = box.style["text_decoration_line"]
        stack.extend(getattr(box, "children", []))
    assert styles["#sco"] == {"underline"}
    assert styles["#p1"] == "none" and styles["#fn:1"] == "none"


def test_pdf_internal_links_resolve(formats_site):
    pdf_file = reader(downloads(formats_site, "a4"))
    names = set(pdf_file.named_destinations)
    internal = []
    for page in pdf_file.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                internal.append(str(annotation["/Dest"]))
    assert len(internal) > 300, len(internal)
    assert set(internal) <= names, set(internal) - names
    for expected in ("chapter-introduction", "p12", "fn:6"):   # contents, ¶ locators, note calls
        assert expected in internal, expected


# The fonts: the project's own, with no system font to fall back on (formats_env)


@pytest.mark.parametrize("kind", EVERY_PDF)
def test_pdf_embeds_only_the_fonts_the_project_carries(formats_site, kind):
    carried = {"Edition-Pagella", "Edition-Pagella-Bold", "Edition-Pagella-Italic",
               "Edition-Pagella-BoldItalic", "Edition-Cursor", "Edition-CJK"}
    listed = subprocess.run(["pdffonts", str(downloads(formats_site, kind))], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1] for line in listed}
    embedded = {line.split()[-5] for line in listed}      # the "emb" column
    assert fonts and fonts <= carried, fonts
    assert embedded == {"yes"}
    assert {path.name for path in FONTS.glob("*.otf")} >= {"texgyrepagella-regular.otf",
                                                           "texgyrecursor-regular.otf"}
    assert (FONTS / "GUST-FONT-LICENSE.txt").exists() and (FONTS / "APACHE-LICENSE-2.0.txt").exists()


def test_small_capitals_extract_as_words(formats_site):
    texts = page_texts(downloads(formats_site, "a4-teacher"))
    # The section's name in the running head: the first line after the report's title.
    heads = [[line for line in text.splitlines() if line.strip()][1] for text in texts[3:]
             if text.startswith(RUNNING_HEAD)]
    assert "About the author" in heads and "En route to Beijing" in heads, heads[:3]
    assert "Editors' annotations on ¶" in "\n".join(texts)
    assert "A bout" not in "\n".join(texts)


def test_pdf_has_no_navigation_or_search_text(formats_site):
    for kind in ("a4", "a4-teacher", *(kind for kind in HANDOUTS if kind.endswith("a4") or "a4-" in kind)):
        text = "\n".join(page_texts(downloads(formats_site, kind)))
        for furniture in UI_TEXT:
            assert furniture not in text, (kind, furniture)


def test_readers_copy_has_no_annotations_and_teachers_copy_has_them(formats_site):
    site = formats_site
    reader_text = "\n".join(page_texts(downloads(site, "a4")))
    teacher_text = "\n".join(page_texts(downloads(site, "a4-teacher")))
    for marker in ("Editors' annotations on", "Discussion questions", "Teaching with this edition"):
        assert marker not in reader_text
        assert (marker in teacher_text) == site_has_annotations(site), marker
    if site_has_annotations(site):
        assert len(reader(downloads(site, "a4-teacher")).pages) > len(reader(downloads(site, "a4")).pages)
        assert "1a Context" in teacher_text


# The teacher's copy heads each note with the label the web page gives it, in the same order.
def test_teachers_copy_labels_the_notes_as_the_web_does(formats_site):
    web = [note.select_one(".annotation__number").get_text() + " " + note["data-kind"].capitalize()
           for name in REPORT_PAGES for note in formats_site.page(name).select("div.annotation[id]")]
    for kind in ("a4-teacher", "letter-teacher"):
        text = "\n".join(page_texts(downloads(formats_site, kind)))
        heads = re.findall(r"^([1-9][0-9]*[a-z]+ (?:Context|Correction|Caveat|Cross-reference|Question))(?: on |$)",
                           text, re.MULTILINE)
        assert heads == web, kind
        assert "border3c" in text      # the call after its phrase (¶ 3, "3,000-kilometer-long border")


# Hyphenation (WeasyPrint's hyphenate-character, U+2010, at a line's end) breaks words, never
# a name (a word beginning with a capital: "Kazakh-stan") or a URL ("media-ser-vices").
def test_no_name_or_url_is_hyphenated(formats_site):
    for kind in ("a4", "a4-teacher"):
        text = "\n".join(page_texts(downloads(formats_site, kind)))
        broken = re.findall(r"(\S+)\u2010\n(\S+)", text)
        assert len(broken) > 50, kind        # words are still hyphenated
        names = [a + b for a, b in broken if re.match(r"[\W_]*[A-Z]", a.split("-")[-1])]
        urls = [a + b for a, b in broken if re.search(r"://|www\.|/", a)]
        assert (names, urls) == ([], []), kind


# Nothing a reader sees names a folder of the machine that built it: the site's folder, the
# project's, the build's home or cache. Read: every text file of the site (pages and their
# JSON-LD, search index, TEI, Web Annotations, bibliography exports), the PDFs' text and
# metadata, every file of the EPUB.
def test_no_build_path_in_anything_a_reader_sees(formats_site, formats_env):
    folders = {str(formats_site.path), str(ROOT), formats_env["HOME"], formats_env["EDITION_CACHE_DIR"]}
    assert all(len(folder) > 8 for folder in folders)
    read = {}
    for path in sorted(formats_site.path.rglob("*")):
        if path.suffix == ".pdf":
            info = reader(path)
            xmp = info.xmp_metadata.stream.get_data().decode("utf-8") if info.xmp_metadata else ""
            read[path] = "\n".join([*page_texts(path), str(info.metadata), xmp])
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                read[path] = "\n".join(book.read(name).decode("utf-8") for name in book.namelist()
                                       if not name.endswith(".png"))
        elif path.is_file() and path.suffix not in (".png", ".gz", ".ico", ".woff2"):
            read[path] = path.read_text(encoding="utf-8")
    assert len(read) > 100 and {".html", ".pdf", ".epub", ".xml", ".jsonld", ".json", ".bib"} <= {
        path.suffix for path in read}
    found = [(path.relative_to(formats_site.path).as_posix(), folder)
             for path, text in read.items() for folder in folders if folder in text]
    assert found == []


def test_a_page_of_each_copy_renders_to_png(formats_site):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (scripts/system-deps.sh)"
    from PIL import Image

    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for kind in ("a4", "a4-teacher"):
        path = downloads(formats_site, kind)
        number = destination_page(path, "p3") + 1      # the first page of the Introduction
        prefix = PNG_DIR / f"{path.stem}-page"
        subprocess.run([pdftoppm, "-png", "-r", "100", "-f", str(number), "-l", str(number),
                        "-singlefile", str(path), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        darkest, lightest = image.getextrema()
        assert image.size[0] > 700 and darkest < 60 and lightest == 255
        print(f"PNG of page {number} of {path.name}: {prefix}.png")


# The handouts: each holds its section's text, questions and terms, as the web pages give them


def handout_page(kind: str) -> str:
    return HANDOUTS[kind].parts[0].removesuffix(".md")


def pdf_words(path: Path) -> list[str]:
    return comparable_words("\n".join(page_texts(path)))


# Words as both a PDF's text (pdftotext) and a page's give them: a word hyphenated at a line's
# end joined (not to a note that starts the foot of the page), hyphens dropped (pdftotext drops
# a hyphen that ends a line), case folded.
def comparable_words(text: str) -> list[str]:
    text = re.sub(r"\u2010\s*\n\s*(?=[^\W\d])", "", text)
    return re.findall(r"\w+", re.sub(r"[-\u2010\u2011\u00ad]", "", text).casefold())


def element_words(element, *, drop: str = "", labels: bool = False) -> list[str]:
    """An element's words as a copy prints them: without what `drop` selects; with the label of
    each note after its phrase (`labels`: a teacher's copy calls them so) or without."""
    element = BeautifulSoup(str(element), "html.parser")
    for marker in element.select(".note-marker"):
        # the call of a note on a phrase; a note on the whole paragraph has none in the PDF
        called = element.select_one(f'mark[data-note="{marker["href"].removeprefix("#")}"]')
        marker.replace_with(marker["data-label"] if labels and called else "")
    for extra in element.select(", ".join(filter(None, [".para-num, .para-cite, .footnote-backref", drop]))):
        extra.decompose()
    return comparable_words(element.get_text(""))


def find_in_order(expected: list[str], words: list[str], start: int, what: str, slack: int = 400) -> int:
    """Where `expected` ends in `words`, all of them in order from `start`, with no more than
    `slack` other words among them (a page's running head and notes); fails otherwise. A word
    broken across two pages ("techni-" at the foot of one, "cal" on the next) counts as found."""
    from difflib import SequenceMatcher

    window = words[start:start + 3 * len(expected) + 3 * slack + 3000]
    matcher = SequenceMatcher(None, expected, window, autojunk=False)
    missing, found = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        broken = op == "replace" and a2 - a1 == 1 and b2 - b1 > 1 and window[b1] + window[b2 - 1] == expected[a1]
        if op == "equal" or broken:
            found += [b1, b2]
        elif op in ("replace", "delete"):
            missing += expected[a1:a2]
    assert not missing and found, f"{what}: {len(missing)} of its {len(expected)} words missing or out of " \
                                  f"order ({' '.join(missing[:6])!r}), from {' '.join(expected[:8])!r}"
    assert found[-1] - found[0] <= len(expected) + slack, f"{what}: its words are scattered " \
                                                          f"({found[-1] - found[0]} words)"
    return start + found[-1]


def glossary_terms_used(site, page: str) -> set[str]:
    """The glossary's terms whose entry says they are used in the section ("Used in ¶ 3, n. 4")."""
    used = set()
    for heading in site.page("glossary").select("article h3[id]"):
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            if sibling.get_text().startswith("Used in") and any(
                    a["href"].startswith(f"../{page}/#") for a in sibling.select("a[href]")):
                used.add(heading["id"])
    return used


def ledger_records(site, page: str) -> list:
    """The claim ledger's records of the section, from its page: those whose passage is in it."""
    if not (site.path / "claims" / "index.html").exists():
        return []
    return [record for record in site.page("claims").select("article .claim[id]")
            if record.select_one("a[href]")["href"].startswith(f"../{page}/#")]


@pytest.mark.parametrize("kind", [kind for kind, copy in HANDOUTS.items() if copy.layout == "handout"])
def test_each_handout_holds_its_section_its_questions_and_the_terms_it_uses(formats_site, kind):
    site, copy, page = formats_site, HANDOUTS[kind], handout_page(kind)
    path = downloads(site, kind)
    words, web = pdf_words(path), site.page(page).find("article")
    text = " ".join(" ".join(page_texts(path)).split())
    # The text: every paragraph's words in order, with its ¶ number; every footnote.
    position = 0
    for paragraph in web.select("p.para[id]"):
        position = find_in_order(element_words(paragraph, labels=copy.teacher), words, position, paragraph["id"])
        assert re.search(rf"¶\s*{paragraph['id'][1:]}\b", text), paragraph["id"]
    for note in web.select(".footnote li[id^='fn:']"):      # at the foot of a page, or two
        find_in_order(element_words(note), words, 0, note["id"], slack=1500)
    # The questions, each with its ¶ (and in a teacher's handout the label of its note).
    for question in web.select(".discussion-questions li"):
        drop = "" if copy.teacher else ".discussion-questions__note"
        position = find_in_order(element_words(question, drop=drop), words, position, "a question")
    # "(¶ 3, note 3b)" in a teacher's handout, "(¶ 3)" in a student's, which has no notes.
    labelled = re.findall(r"¶\s*\d+, note \d+[a-z]+\)", text)
    assert len(labelled) == (len(web.select(".discussion-questions li")) if copy.teacher else 0)
    # The terms: those the glossary says the section uses, and no other.
    glossary = {heading["id"] for heading in site.page("glossary").select("article h3[id]")}
    destinations = {name.removeprefix("glossary--") for name in reader(path).named_destinations}
    assert destinations & glossary == glossary_terms_used(site, page), page
    for term in destinations & glossary:
        name = site.page("glossary").find(id=term).get_text().rstrip("#")
        assert " ".join(name.split()) in text, term
    # A teacher's handout: the notes, labelled as the web labels them; the teaching notes; the
    # section's records of the claim ledger as a key. A student's: none of them.
    web_heads = [f'{n.select_one(".annotation__number").get_text()} {n["data-kind"].capitalize()}'
                 for n in web.select("div.annotation[id]")]
    heads = re.findall(r"^([1-9][0-9]*[a-z]+ (?:Context|Correction|Caveat|Cross-reference|Question))(?: on |$)",
                       "\n".join(page_texts(path)), re.MULTILINE)
    assert heads == (web_heads if copy.teacher else [])
    records = ledger_records(site, page)
    assert {record["id"] for record in records} & set(reader(path).named_destinations) == \
        ({record["id"] for record in records} if copy.teacher else set())
    for record in records if copy.teacher else []:      # after the section, the terms, the teaching notes
        statement = next(p for p in record.select("p") if p.get_text().startswith("The report states"))
        position = find_in_order(element_words(statement), words, position, record["id"])
    step = [item for item in site.page("teaching").select("#reading-path ~ ol li")
            if item.select_one(f'a[href="../{page}/"]')]
    assert ("Teaching notes" in text) == bool(copy.teacher and step)
    if copy.teacher and step:
        focus = step[0].get_text().split("): ", 1)[1]
        find_in_order(comparable_words(focus), words, 0, "the teaching notes")     # before the text


@pytest.mark.parametrize("kind", [kind for kind, copy in HANDOUTS.items() if copy.layout == "questions"])
def test_the_questions_sheet_holds_every_sections_questions_with_their_paragraph(formats_site, kind):
    path = downloads(formats_site, kind)
    words, text = pdf_words(path), " ".join(" ".join(page_texts(path)).split())
    position, asked = 0, 0
    for page in REPORT_PAGES:
        for question in formats_site.page(page).select(".discussion-questions li"):
            position = find_in_order(element_words(question, drop=".discussion-questions__note"), words,
                                     position, f"a question of {page}")
            asked += 1
    assert asked and not re.search(r"¶\s*\d+, note \d+[a-z]+\)", text)      # no note to look up
    web = [target for target in link_descriptions(path) if "/#p" in target]
    pages = {urljoin(target, ".").removeprefix(WEB).strip("/") for target in web}
    assert web and all(target.startswith(WEB) for target in web) and pages <= set(REPORT_PAGES), pages


@pytest.mark.parametrize("kind", list(HANDOUTS))
def test_handout_page_size_outline_and_metadata(formats_site, kind):
    copy = HANDOUTS[kind]
    pdf_file = reader(downloads(formats_site, kind))
    width, height = {"a4": (595, 842), "letter": (612, 792)}[copy.size]
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf_file.pages} == \
        {(width, height)}
    outline = pdf_file.outline
    if copy.layout == "questions":
        titled = [formats_site.page(page).find("article").h1.get_text(strip=True).rstrip("#")
                  for page in REPORT_PAGES if formats_site.page(page).select(".discussion-questions li")]
        assert outline[0].title == "Discussion questions" and [item.title for item in outline[1]] == titled
        title = "Discussion questions"
    else:
        page = handout_page(kind)
        web = formats_site.page(page)
        section = web.find("article").h1.get_text(strip=True).rstrip("#")
        parts = (["Discussion questions"] if web.select(".discussion-questions") else []) + \
            (["Terms used in this section"] if glossary_terms_used(formats_site, page) else [])
        assert outline[0].title == section
        assert [item.title for item in outline[1]][:len(parts)] == parts
        assert ("Exercise key: the claims checked" in [item.title for item in outline[1]]) == \
            bool(copy.teacher and ledger_records(formats_site, page))
        title = f"{section}: {'teacher' if copy.teacher else 'student'}'s handout"
    info = pdf_file.metadata
    assert info.title == f"{title}. {WORK['report']['title']}"
    assert info.author == f"{WORK['report']['author']['given']} {WORK['report']['author']['family']}"
    assert info["/editionversion"] == VERSION
