"""The offline formats: the PDFs and the EPUB that `mkdocs build` writes into site/downloads/.

They are read back from a build of their own (the `formats_site` fixture in conftest.py,
and for the invented minimal edition `minimal_formats_site`: a test taking `project` runs on both),
laid out with no system font and from an empty cache: pypdf, poppler's pdftotext and pdfinfo for the
PDFs (here), EPUBCheck, DAISY Ace and lxml for the EPUB (test_formats_epub.py). One page of
each PDF copy is rendered to PNG with pdftoppm into build/formats/, for a person to look at.
Every handout and the questions sheet pass the books' PDF checks (by role, below), and each
handout's text is compared with its section's page.
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
from edition.formats.copies import Copy
from helpers import git
from projects import MINIMAL, REAL, Project

pytestmark = pytest.mark.formats

ROOT = Path(__file__).resolve().parent.parent
# The PDFs by role: the whole edition's four copies (a file each), each section's handouts of
# one kind (a file a section: "handout-a4-teacher" is every "handout-<section>-a4-teacher") and
# the questions sheet. A test of every PDF runs once a role and edition, on each of the role's
# files: so it covers each edition's sections without knowing them when tests are collected.
PDFS = ["a4", "letter", "a4-teacher", "letter-teacher"]        # the whole edition's
HANDOUTS = ["handout-a4", "handout-letter", "handout-a4-teacher", "handout-letter-teacher"]
QUESTIONS = ["questions-a4", "questions-letter"]
ROLES = PDFS + HANDOUTS + QUESTIONS
PNG_DIR = ROOT / "build" / "formats"
FONTS = ROOT / "hooks" / "edition" / "formats" / "fonts"
# formats_site is built with no SOURCE_DATE_EPOCH: its dates are the last commit's.
COMMITTED = datetime.fromtimestamp(int(git(ROOT, "log", "-1", "--format=%ct")), tz=UTC)
WEB = "http://127.0.0.1:8000/"      # the address the test builds are made for (mkdocs.yml's default)
# The apparatus after the report's sections, in every edition.
BACK_TITLES = ["Bibliography", "Glossary", "Index of names", "Changes to the text", "About this edition"]
# How big each edition's files are, at least: pages, links described, internal links; the
# number of files of its site.
SIZE = {"real": {"pages": (30, 120), "described": 200, "internal": 300, "files": 100},
        "minimal": {"pages": (8, 30), "described": 20, "internal": 30, "files": 50}}


def titles(project: Project) -> list[str]:
    """The parts of the PDF in order: the report's sections (the nav's report group), then
    the apparatus."""
    return project.section_titles + BACK_TITLES


def running_head(project: Project) -> str:
    """"Yau, Russia and China's …": the author's family name and the report's title (data/work.yml)."""
    report = project.work["report"]
    return f"{report['author']['family']}, {report['title']}"


def version(project: Project) -> str:
    return str(project.work["edition"]["version"])


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


def downloads(project: Project, site, kind: str) -> Path:
    """The file of `kind` ("a4", "epub", ...) in a build of `project`: named after its data/work.yml."""
    return site.path / project.download_paths[kind]


def destination_page(path: Path, name: str) -> int:
    pdf_file = reader(path)
    return pdf_file.get_destination_page_number(pdf_file.named_destinations[name])


def note_numbers(path: Path) -> list[int]:
    return sorted(int(name[3:]) for name in reader(path).named_destinations if name.startswith("fn:"))


def paragraph_numbers(site, project: Project) -> list[int]:
    return [int(p["id"][1:]) for name in project.report_pages for p in site.page(name).select("p.para")]


def site_has_annotations(site, project: Project) -> bool:
    return any(site.page(name).select(".annotations") for name in project.report_pages)


def role_of(copy: Copy) -> str:
    """A PDF's role (above): a book's kind ("a4-teacher"), "handout-letter-teacher", "questions-a4"."""
    if copy.layout == "book":
        return copy.kind
    return f"{copy.layout}-{copy.size}" + ("-teacher" if copy.teacher else "")


def pdfs(project: Project, site, role: str) -> list[tuple[Copy, Path]]:
    """The files of a role in a build of `project`, each with its `Copy` (formats/copies.py),
    in the edition's order (a handout role: its sections' in reading order)."""
    found = [(copy, downloads(project, site, kind)) for kind, copy in project.copies.items()
             if copy.format == "pdf" and role_of(copy) == role]
    assert found, f"{project} has no {role} PDF"
    return found


def section_page(copy: Copy) -> str:
    """The page of a handout's section ("introduction")."""
    return copy.parts[0].removesuffix(".md")


def printed_notes(project: Project, copy: Copy) -> list[int]:
    """The footnotes a file prints, by the model: a book every section's, a handout its
    section's, the questions sheet none."""
    if copy.layout == "questions":
        return []
    return sorted(anchor.number for part in copy.select(list(project.model.sections)) for anchor in part.notes)


# The files and the links to them


def test_every_file_is_written_and_linked_from_every_page(project, edition_formats_site):
    site = edition_formats_site
    for kind in project.download_paths:
        assert downloads(project, site, kind).stat().st_size > 10_000, kind
        assert downloads(project, site, kind).read_bytes().startswith(b"PK" if kind == "epub" else b"%PDF-"), kind
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
        assert project.download_paths["a4"] in targets and project.download_paths["epub"] in targets, path
        assert "search-exclude" in " ".join(line.attrs), "the line is kept out of the search index"
    # The title page links the whole edition's files and the questions sheet; each section's
    # handouts are linked from its page and from the Teaching page (the next test).
    title_page = {a["href"] for a in site.page("").select(".edition-downloads a")}
    assert {path for kind, path in project.download_paths.items() if not kind.startswith("handout-")} <= title_page


def links_under_the_title(site, page: str) -> set[str]:
    base = f"/{page}/" if page else "/"
    return {urljoin(base, a["href"]).lstrip("/") for a in site.page(page).select("article .edition-downloads a")}


# A section's page links its own four handouts, and no other section's; the Teaching page links
# every handout and the questions sheet, in a table (a row a section) that says what each holds.
def test_the_handouts_are_linked_from_their_section_and_the_teaching_page(project, edition_formats_site):
    site, paths = edition_formats_site, project.download_paths
    for page in project.report_pages:
        mine = {paths[kind] for kind, copy in project.copies.items() if copy.parts == (f"{page}.md",)}
        handouts_linked = {path for path in links_under_the_title(site, page)
                           if path.startswith("downloads/") and "handout" in path}
        assert len(mine) == 4 and handouts_linked == mine, page
    teaching = links_under_the_title(site, "teaching")
    assert {paths[kind] for kind, copy in project.copies.items() if copy.layout != "book"} <= teaching
    table = site.page("teaching").select_one("#handouts table")
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        site.page(page).find("article").h1.get_text(strip=True).rstrip("#") for page in project.report_pages]
    assert [th.get_text() for th in table.select("thead th")] == ["Section", "Student's handout", "Teacher's handout"]
    assert "search-exclude" in " ".join(table.find_parent("div").attrs)


# Each download says what it holds: the EPUB, like the teacher's copy, has the notes and questions.
def test_the_download_lines_say_what_each_file_holds(project, edition_formats_site):
    title_page = " ".join(edition_formats_site.page("").select_one(".edition-downloads").get_text().split())
    assert title_page.startswith("Download the text: PDF (A4) · PDF (US Letter). With the editors' "
                                 "annotations and discussion questions: teacher's copy, PDF (A4) · "
                                 "PDF (US Letter); EPUB. For other tools:"), title_page
    section = edition_formats_site.page(project.report_pages[0]).select_one(".edition-downloads")
    section = " ".join(section.get_text().split())
    assert section.startswith("Download PDF (A4; US Letter) · Download EPUB (with the notes and questions) ·")
    handout = edition_formats_site.page(project.report_pages[0]).select_one(".edition-handouts")
    handout = " ".join(handout.get_text().split())
    assert handout == "Handout (PDF): student's (A4; US Letter) · teacher's, with notes and key (A4; US Letter)"
    title_page = " ".join(edition_formats_site.page("").select_one(".edition-handouts").get_text().split())
    assert title_page == ("For teaching (PDF): a handout of each section, for students and for teachers; "
                          "every discussion question on one sheet, A4 · US Letter.")


def test_a_site_without_the_formats_links_to_none(project, edition_site):
    site = edition_site
    assert not any((site.path / name).exists() for name in project.download_paths.values())
    links = [a["href"] for name in ("", project.report_pages[0], "teaching") for a in site.page(name).select("a[href]")]
    files = tuple(name.rsplit("/", 1)[-1] for name in project.download_paths.values())
    assert not [href for href in links if href.endswith(files)], links


def test_a_build_with_unchanged_pages_lays_nothing_out_again(minimal_formats_site, formats_env, tmp_path):
    """The second build reads every file from the cache: the same bytes, no layout (a test of
    the code: on the minimal edition)."""
    from helpers import build_site

    again = build_site(MINIMAL.config_file, tmp_path / "site", env=formats_env)
    assert again.returncode == 0, again.log
    assert again.log.count("(cached)") == len(MINIMAL.download_paths), again.log
    for kind in MINIMAL.download_paths:
        made, cached = downloads(MINIMAL, minimal_formats_site, kind), downloads(MINIMAL, again, kind)
        assert cached.read_bytes() == made.read_bytes(), kind


# The PDF


@pytest.mark.parametrize("kind, width, height", [("a4", 595, 842), ("letter", 612, 792)])
def test_pdf_page_size_and_count(project, edition_formats_site, kind, width, height):
    pages = reader(downloads(project, edition_formats_site, kind)).pages
    least, most = SIZE[project.name]["pages"]
    assert least <= len(pages) <= most, len(pages)
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (width, height)


def test_pdf_has_every_part_in_order_in_text_and_bookmarks(project, edition_formats_site):
    path = downloads(project, edition_formats_site, "a4")
    pdf_file, texts = reader(path), page_texts(path)
    outline = [item for item in pdf_file.outline if not isinstance(item, list)]
    assert [item.title for item in outline[:2]] == ["Title page", "Contents"]
    parts = [item for item in outline if item.title in titles(project)]
    assert [item.title for item in parts] == titles(project)
    pages = [pdf_file.get_destination_page_number(item) for item in parts]
    assert pages == sorted(pages)
    for item, page in zip(parts, pages, strict=True):
        assert item.title in texts[page], item.title
        assert item.title in texts[2]      # the contents


def test_pdf_title_page_names_the_web_edition_and_version(project, edition_formats_site):
    cover = " ".join(page_texts(downloads(project, edition_formats_site, "a4"))[0].split())
    report = project.work["report"]
    assert report["title"] in cover and f"{report['author']['given']} {report['author']['family']}".upper() in cover
    assert report["series"].upper() in cover       # set in capitals, letter-spaced, read as words
    assert f"version {version(project)}" in cover and "http://127.0.0.1:8000/" in cover
    assert "Local preview" in cover and "names no public address" in cover   # a local build
    assert "Reader's copy" in cover
    assert "Teacher's copy" in page_texts(downloads(project, edition_formats_site, "a4-teacher"))[0]


def test_the_covers_example_address_is_a_paragraph_of_the_edition(project, edition_formats_site):
    """The cover shows how to cite a passage by an address: one of this edition's paragraphs."""
    cover = " ".join(page_texts(downloads(project, edition_formats_site, "a4"))[0].split())
    examples = re.findall(r"¶ (\d+) is http://127\.0\.0\.1:8000/(\S+)/#(p\d+)", cover)
    assert examples, cover
    for number, page, anchor in examples:
        assert anchor == f"p{number}" and page in project.report_pages, (page, anchor)
        assert edition_formats_site.page(page).find(id=anchor) is not None, (page, anchor)


@pytest.mark.parametrize("role", ROLES)
def test_every_note_is_on_the_page_of_its_call(project, edition_formats_site, role):
    printed = []
    for copy, path in pdfs(project, edition_formats_site, role):
        texts = page_texts(path)
        numbers = note_numbers(path)
        assert numbers == printed_notes(project, copy), (copy.kind, numbers)
        printed += numbers
        for number in numbers:
            call, note = destination_page(path, f"fnref:{number}"), destination_page(path, f"fn:{number}")
            assert note == call, f"{copy.kind}: note {number} is on page {note + 1}, its call on page {call + 1}"
            assert re.search(rf"(^|\n){number}\.\s\S", texts[note]), (copy.kind, number, texts[note][-400:])
    # A book prints every note, and so do a kind of handout's files together, each note once.
    assert sorted(printed) == ([] if role in QUESTIONS else project.note_numbers), role


@pytest.mark.parametrize("role", ROLES)
def test_no_page_is_nearly_empty_but_the_last_of_a_part(project, edition_formats_site, role):
    """Widows and near-empty pages: every page holds at least 4 lines besides its running
    head and folio, except the cover and a part's last page."""
    for copy, path in pdfs(project, edition_formats_site, role):
        pdf_file, texts = reader(path), page_texts(path)
        starts = {pdf_file.get_destination_page_number(destination)
                  for name, destination in pdf_file.named_destinations.items()
                  if name.startswith("chapter-") or name == "contents"}
        for index, text in enumerate(texts[1:-1], start=1):
            lines = [line for line in text.splitlines() if line.strip()]
            if index + 1 not in starts:
                assert len(lines) - 2 >= 4, (copy.kind, index + 1, lines)


@pytest.mark.parametrize("kind", PDFS)
def test_a_correction_after_a_url_is_apart_from_it(formats_site, kind):
    text = " ".join(" ".join(page_texts(downloads(REAL, formats_site, kind))).split())
    # (the URL may break after its "//" at a line's end, without a hyphen: read as a space here)
    assert re.search(r"608790\.html \[read: http:// ?eng\.sectsco\.org/", text)


def test_pdf_has_every_paragraph_number_in_the_margin_and_as_destination(project, edition_formats_site):
    path = downloads(project, edition_formats_site, "a4")
    numbers = paragraph_numbers(edition_formats_site, project)
    assert [f"p{n}" for n in numbers] == project.paragraph_ids
    printed = {int(n) for n in re.findall(r"¶\s*(\d+)", "\n".join(page_texts(path)))}
    assert set(numbers) <= printed
    pages = [destination_page(path, f"p{n}") for n in numbers]
    assert pages == sorted(pages)


def test_pdf_metadata(project, edition_formats_site):
    report = project.work["report"]
    for kind, copy in (("a4", "reader's copy"), ("letter-teacher", "teacher's copy")):
        info = reader(downloads(project, edition_formats_site, kind)).metadata
        assert info.title == report["title"]
        assert info.author == f"{report['author']['given']} {report['author']['family']}"
        assert f"Edition {version(project)}, {copy}" in info.subject
        assert info["/editionversion"] == version(project)
        assert info["/CreationDate"] == f"D:{COMMITTED:%Y%m%d%H%M%S}Z"   # no SOURCE_DATE_EPOCH


# PDF/UA-1, read back from each file


@pytest.mark.parametrize("role", ROLES)
def test_pdf_ua_metadata_and_page_labels(project, edition_formats_site, role):
    for copy, path in pdfs(project, edition_formats_site, role):
        pdf_file = reader(path)
        xmp = pdf_file.xmp_metadata.stream.get_data().decode("utf-8")
        assert 'pdfuaid:part="1"' in xmp and "http://www.aiim.org/pdfua/ns/id/" in xmp, copy.kind
        catalog = pdf_file.trailer["/Root"]
        assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == project.work["report"]["language"]
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
        last = len(pdf_file.pages) - 1
        if copy.layout == "book":
            assert pdf_file.page_labels[:3] == ["Cover", "2", "3"]
        else:       # no cover: the folios from 1, on every page
            assert pdf_file.page_labels == [str(n) for n in range(1, last + 2)], copy.kind
        # The label is the printed folio, the last line of the page's text.
        texts = page_texts(path)
        for index in {min(5, last), last} - ({0} if copy.layout == "book" else set()):
            assert texts[index].split()[-1] == pdf_file.page_labels[index], (copy.kind, index)


@pytest.mark.parametrize("role", ROLES)
def test_pdf_running_heads_and_folios_are_artifacts(project, edition_formats_site, role):
    """Every page but a book's cover (a handout has none): the running head, the section and
    the folio are drawn as pagination artifacts, and nothing else is. The artifacts' text is
    read on every third page (from a different first page in each file, so the copies of one
    document cover every position) and the last: pypdf takes a sixth of a second a page."""
    head = running_head(project)
    for number, (copy, path) in enumerate(pdfs(project, edition_formats_site, role)):
        labels = reader(path).page_labels
        first = 1 if copy.layout == "book" else 0
        streams = [page.get_contents().get_data() for page in reader(path).pages[first:]]
        assert all(re.search(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", data) for data in streams), copy.kind
        last = len(labels) - 1
        for index in {*range(first + (ROLES.index(role) + number) % 3, last, 3), last}:
            artifact = artifacts(path, index)
            assert artifact.startswith(head) and artifact.endswith(f" {labels[index]}"), (copy.kind, artifact)
            assert len(artifact) < len(head) + 50, (copy.kind, artifact)     # the head and folio only


@pytest.mark.parametrize("role", ROLES)
def test_pdf_notes_are_tagged_as_notes(project, edition_formats_site, role):
    for copy, path in pdfs(project, edition_formats_site, role):
        ids = re.findall(r"^\s*Note <(fn:\d+)-p\d+>", structure(path), flags=re.M)
        assert sorted(set(ids), key=lambda name: int(name[3:])) == [f"fn:{n}" for n in note_numbers(path)], copy.kind
        assert "Span <fn:" not in structure(path), copy.kind


def link_descriptions(path: Path) -> dict[str, set[str]]:
    """Each link's target (a destination or a URL) and the descriptions (/Contents) of its links."""
    described: dict[str, set[str]] = {}
    for page in reader(path).pages:
        for annotation in (item.get_object() for item in page.get("/Annots") or []):
            if annotation["/Subtype"] == "/Link":
                target = str(annotation.get("/Dest") or annotation["/A"]["/URI"])
                described.setdefault(target, set()).add(str(annotation.get("/Contents", "")))
    return described


def test_pdf_links_are_described_by_their_words(project, edition_formats_site):
    """PDF/UA-1 (7.18.5): each link's annotation describes it in /Contents, by its title or
    words (a ¶ or note number by what it stands for), not by the id it goes to."""
    described = link_descriptions(downloads(project, edition_formats_site, "a4"))
    assert len(described) > SIZE[project.name]["described"] and all(all(texts) for texts in described.values())
    first = project.model.sections[0]
    assert first.title in described[f"chapter-{first.url.strip('/')}"]
    notes = [target for target in described if target.startswith("fn:")]
    paragraphs = [target for target in described if re.fullmatch(r"p\d+", target)]
    assert notes and all(described[note] == {f"Note {note[3:]}"} for note in notes)
    assert paragraphs and all(f"Paragraph {target[1:]}" in described[target] for target in paragraphs)
    assert not [target for target, texts in described.items() if target.startswith("chapter-") and target in texts]


@pytest.mark.parametrize("role", HANDOUTS + QUESTIONS)
def test_handout_links_are_described_and_resolve(project, edition_formats_site, role):
    """As in the books: every link described by its words (a ¶ or note number by what it stands
    for), never by the id of a part it goes to; every link inside the file goes to one of its
    destinations; the rest go to the web edition."""
    for copy, path in pdfs(project, edition_formats_site, role):
        described = link_descriptions(path)
        assert described and all(all(texts) for texts in described.values()), copy.kind
        for target, texts in described.items():
            if re.fullmatch(r"p\d+|fn:\d+", target):
                assert texts == {f"{'Paragraph' if target[0] == 'p' else 'Note'} {target.lstrip('pfn:')}"}, \
                    (copy.kind, target)
            assert not (target.startswith("chapter-") and target in texts), (copy.kind, target)
        inside = {target for target in described if "://" not in target}
        names = set(reader(path).named_destinations)
        assert inside <= names, (copy.kind, inside - names)
        if copy.layout == "questions":     # each ¶ goes to the web edition's paragraph
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


def test_pdf_internal_links_resolve(project, edition_formats_site):
    pdf_file = reader(downloads(project, edition_formats_site, "a4"))
    names = set(pdf_file.named_destinations)
    internal = []
    for page in pdf_file.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                internal.append(str(annotation["/Dest"]))
    assert len(internal) > SIZE[project.name]["internal"], len(internal)
    assert set(internal) <= names, set(internal) - names
    # the contents, the ¶ locators, the note calls
    assert f"chapter-{project.model.sections[0].url.strip('/')}" in internal
    assert [target for target in internal if re.fullmatch(r"p\d+", target)]
    assert {f"fn:{number}" for number in project.note_numbers} <= set(internal)


# The fonts: the project's own, with no system font to fall back on (formats_env)


@pytest.mark.parametrize("role", ROLES)
def test_pdf_embeds_only_the_fonts_the_project_carries(project, edition_formats_site, role):
    carried = {"Edition-Pagella", "Edition-Pagella-Bold", "Edition-Pagella-Italic",
               "Edition-Pagella-BoldItalic", "Edition-Cursor", "Edition-CJK"}
    for copy, path in pdfs(project, edition_formats_site, role):
        listed = subprocess.run(["pdffonts", str(path)], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        fonts = {line.split()[0].split("+")[-1] for line in listed}
        embedded = {line.split()[-5] for line in listed}      # the "emb" column
        assert fonts and fonts <= carried, (copy.kind, fonts)
        assert embedded == {"yes"}, copy.kind
    assert {path.name for path in FONTS.glob("*.otf")} >= {"texgyrepagella-regular.otf",
                                                           "texgyrecursor-regular.otf"}
    assert (FONTS / "GUST-FONT-LICENSE.txt").exists() and (FONTS / "APACHE-LICENSE-2.0.txt").exists()


def test_small_capitals_extract_as_words(project, edition_formats_site):
    texts = page_texts(downloads(project, edition_formats_site, "a4-teacher"))
    # The section's name in the running head: the first line after the report's title.
    heads = [[line for line in text.splitlines() if line.strip()][1] for text in texts[3:]
             if text.startswith(running_head(project))]
    assert set(project.section_titles) <= set(heads), heads[:3]
    assert "Editors' annotations on ¶" in "\n".join(texts)
    assert "A bout" not in "\n".join(texts)


def test_pdf_has_no_navigation_or_search_text(project, edition_formats_site):
    """The books in A4 and every A4 handout and questions sheet (a Letter file has the same words)."""
    for role in ("a4", "a4-teacher", "handout-a4", "handout-a4-teacher", "questions-a4"):
        for copy, path in pdfs(project, edition_formats_site, role):
            text = "\n".join(page_texts(path))
            for furniture in UI_TEXT:
                assert furniture not in text, (copy.kind, furniture)


def test_readers_copy_has_no_annotations_and_teachers_copy_has_them(project, edition_formats_site):
    site = edition_formats_site
    reader_text = "\n".join(page_texts(downloads(project, site, "a4")))
    teacher_text = "\n".join(page_texts(downloads(project, site, "a4-teacher")))
    for marker in ("Editors' annotations on", "Discussion questions", "Teaching with this edition"):
        assert marker not in reader_text
        assert (marker in teacher_text) == site_has_annotations(site, project), marker
    if site_has_annotations(site, project):
        teachers, readers = reader(downloads(project, site, "a4-teacher")), reader(downloads(project, site, "a4"))
        assert len(teachers.pages) > len(readers.pages)
        assert "1a Context" in teacher_text


# The teacher's copy heads each note with the label the web page gives it, in the same order.
def test_teachers_copy_labels_the_notes_as_the_web_does(project, edition_formats_site):
    web = [note.select_one(".annotation__number").get_text() + " " + note["data-kind"].capitalize()
           for name in project.report_pages for note in edition_formats_site.page(name).select("div.annotation[id]")]
    assert web
    for kind in ("a4-teacher", "letter-teacher"):
        text = "\n".join(page_texts(downloads(project, edition_formats_site, kind)))
        heads = re.findall(r"^([1-9][0-9]*[a-z]+ (?:Context|Correction|Caveat|Cross-reference|Question))(?: on |$)",
                           text, re.MULTILINE)
        assert heads == web, kind


def test_teachers_copy_calls_a_note_after_its_phrase(formats_site):
    text = "\n".join(page_texts(downloads(REAL, formats_site, "a4-teacher")))
    assert "border3c" in text      # ¶ 3, "3,000-kilometer-long border"


# Hyphenation (WeasyPrint's hyphenate-character, U+2010, at a line's end) breaks words, never
# a name (a word beginning with a capital: "Kazakh-stan") or a URL ("media-ser-vices").
def test_no_name_or_url_is_hyphenated(formats_site):
    for kind in ("a4", "a4-teacher"):
        text = "\n".join(page_texts(downloads(REAL, formats_site, kind)))
        broken = re.findall(r"(\S+)\u2010\n(\S+)", text)
        assert len(broken) > 50, kind        # words are still hyphenated
        names = [a + b for a, b in broken if re.match(r"[\W_]*[A-Z]", a.split("-")[-1])]
        urls = [a + b for a, b in broken if re.search(r"://|www\.|/", a)]
        assert (names, urls) == ([], []), kind


# Nothing a reader sees names a folder of the machine that built it: the site's folder, the
# project's, the build's home or cache. Read: every text file of the site (pages and their
# JSON-LD, search index, TEI, Web Annotations, bibliography exports), the PDFs' text and
# metadata, every file of the EPUB.
def test_no_build_path_in_anything_a_reader_sees(project, edition_formats_site, formats_env):
    folders = {str(edition_formats_site.path), str(ROOT), formats_env["HOME"], formats_env["EDITION_CACHE_DIR"]}
    assert all(len(folder) > 8 for folder in folders)
    read = {}
    for path in sorted(edition_formats_site.path.rglob("*")):
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
    assert len(read) > SIZE[project.name]["files"]
    assert {".html", ".pdf", ".epub", ".xml", ".jsonld", ".json", ".bib"} <= {path.suffix for path in read}
    found = [(path.relative_to(edition_formats_site.path).as_posix(), folder)
             for path, text in read.items() for folder in folders if folder in text]
    assert found == []


def test_a_page_of_each_copy_renders_to_png(project, edition_formats_site):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (scripts/system-deps.sh)"
    from PIL import Image

    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for kind in ("a4", "a4-teacher"):
        path = downloads(project, edition_formats_site, kind)
        number = destination_page(path, project.paragraph_ids[0]) + 1      # the report's first page of text
        prefix = PNG_DIR / f"{project.name}-{path.stem}-page"
        subprocess.run([pdftoppm, "-png", "-r", "100", "-f", str(number), "-l", str(number),
                        "-singlefile", str(path), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        darkest, lightest = image.getextrema()
        assert image.size[0] > 700 and darkest < 60 and lightest == 255
        print(f"PNG of page {number} of {path.name}: {prefix}.png")


# The handouts: each holds its section's text, questions and terms, as the web pages give them


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


def holds_its_section(site, copy: Copy, path: Path) -> None:
    """A handout's text against its section's page: every paragraph's and note's words in order,
    the ¶ numbers, the questions with their ¶, the glossary terms the glossary says the
    section uses and no other; a teacher's: the notes labelled as on the web, the teaching
    notes, the ledger's records."""
    page, kind = section_page(copy), copy.kind
    words, web = pdf_words(path), site.page(page).find("article")
    text = " ".join(" ".join(page_texts(path)).split())
    # The text: every paragraph's words in order, with its ¶ number; every footnote.
    position = 0
    for paragraph in web.select("p.para[id]"):
        position = find_in_order(element_words(paragraph, labels=copy.teacher), words, position,
                                 f"{kind}: {paragraph['id']}")
        assert re.search(rf"¶\s*{paragraph['id'][1:]}\b", text), (kind, paragraph["id"])
    for note in web.select(".footnote li[id^='fn:']"):      # at the foot of a page, or two
        find_in_order(element_words(note), words, 0, f"{kind}: {note['id']}", slack=1500)
    # The questions, each with its ¶ (and in a teacher's handout the label of its note).
    for question in web.select(".discussion-questions li"):
        drop = "" if copy.teacher else ".discussion-questions__note"
        position = find_in_order(element_words(question, drop=drop), words, position, f"{kind}: a question")
    # "(¶ 3, note 3b)" in a teacher's handout, "(¶ 3)" in a student's, which has no notes.
    labelled = re.findall(r"¶\s*\d+, note \d+[a-z]+\)", text)
    assert len(labelled) == (len(web.select(".discussion-questions li")) if copy.teacher else 0), kind
    # The terms: those the glossary says the section uses, and no other.
    glossary = {heading["id"] for heading in site.page("glossary").select("article h3[id]")}
    destinations = {name.removeprefix("glossary--") for name in reader(path).named_destinations}
    assert destinations & glossary == glossary_terms_used(site, page), kind
    for term in destinations & glossary:
        name = site.page("glossary").find(id=term).get_text().rstrip("#")
        assert " ".join(name.split()) in text, (kind, term)
    # A teacher's handout: the notes, labelled as the web labels them; the teaching notes; the
    # section's records of the claim ledger as a key. A student's: none of them.
    web_heads = [f'{n.select_one(".annotation__number").get_text()} {n["data-kind"].capitalize()}'
                 for n in web.select("div.annotation[id]")]
    heads = re.findall(r"^([1-9][0-9]*[a-z]+ (?:Context|Correction|Caveat|Cross-reference|Question))(?: on |$)",
                       "\n".join(page_texts(path)), re.MULTILINE)
    assert heads == (web_heads if copy.teacher else []), kind
    records = ledger_records(site, page)
    assert {record["id"] for record in records} & set(reader(path).named_destinations) == \
        ({record["id"] for record in records} if copy.teacher else set()), kind
    for record in records if copy.teacher else []:      # after the section, the terms, the teaching notes
        statement = next(p for p in record.select("p") if p.get_text().startswith("The report states"))
        position = find_in_order(element_words(statement), words, position, f"{kind}: {record['id']}")
    step = [item for item in site.page("teaching").select("#reading-path ~ ol li")
            if item.select_one(f'a[href="../{page}/"]')]
    assert ("Teaching notes" in text) == bool(copy.teacher and step), kind
    if copy.teacher and step:
        focus = step[0].get_text().split("): ", 1)[1]
        find_in_order(comparable_words(focus), words, 0, f"{kind}: the teaching notes")     # before the text


@pytest.mark.parametrize("role", HANDOUTS)
def test_each_handout_holds_its_section_its_questions_and_the_terms_it_uses(project, edition_formats_site, role):
    for copy, path in pdfs(project, edition_formats_site, role):
        holds_its_section(edition_formats_site, copy, path)


@pytest.mark.parametrize("role", QUESTIONS)
def test_the_questions_sheet_holds_every_sections_questions_with_their_paragraph(project, edition_formats_site, role):
    site = edition_formats_site
    for copy, path in pdfs(project, site, role):
        words, text = pdf_words(path), " ".join(" ".join(page_texts(path)).split())
        position, asked = 0, 0
        for page in project.report_pages:
            for question in site.page(page).select(".discussion-questions li"):
                position = find_in_order(element_words(question, drop=".discussion-questions__note"), words,
                                         position, f"{copy.kind}: a question of {page}")
                asked += 1
        assert asked and not re.search(r"¶\s*\d+, note \d+[a-z]+\)", text), copy.kind     # no note to look up
        web = [target for target in link_descriptions(path) if "/#p" in target]
        pages = {urljoin(target, ".").removeprefix(WEB).strip("/") for target in web}
        assert web and all(target.startswith(WEB) for target in web), (copy.kind, web)
        assert pages <= set(project.report_pages), (copy.kind, pages)


@pytest.mark.parametrize("role", HANDOUTS + QUESTIONS)
def test_handout_page_size_outline_and_metadata(project, edition_formats_site, role):
    site, report = edition_formats_site, project.work["report"]
    for copy, path in pdfs(project, site, role):
        pdf_file = reader(path)
        width, height = {"a4": (595, 842), "letter": (612, 792)}[copy.size]
        assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf_file.pages} == \
            {(width, height)}, copy.kind
        outline = pdf_file.outline
        if copy.layout == "questions":
            titled = [site.page(page).find("article").h1.get_text(strip=True).rstrip("#")
                      for page in project.report_pages if site.page(page).select(".discussion-questions li")]
            assert outline[0].title == "Discussion questions" and [item.title for item in outline[1]] == titled
            title = "Discussion questions"
        else:
            page = section_page(copy)
            web = site.page(page)
            section = web.find("article").h1.get_text(strip=True).rstrip("#")
            parts = (["Discussion questions"] if web.select(".discussion-questions") else []) + \
                (["Terms used in this section"] if glossary_terms_used(site, page) else [])
            assert outline[0].title == section, copy.kind
            assert [item.title for item in outline[1]][:len(parts)] == parts, copy.kind
            assert ("Exercise key: the claims checked" in [item.title for item in outline[1]]) == \
                bool(copy.teacher and ledger_records(site, page)), copy.kind
            title = f"{section}: {'teacher' if copy.teacher else 'student'}'s handout"
        info = pdf_file.metadata
        assert info.title == f"{title}. {report['title']}", copy.kind
        assert info.author == f"{report['author']['given']} {report['author']['family']}", copy.kind
        assert info["/editionversion"] == version(project), copy.kind
