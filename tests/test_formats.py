"""The offline formats: the PDFs and the EPUB that `mkdocs build` writes into site/downloads/.

They are read back from the session's build (tests/conftest.py), whose hook made them:
pypdf for the PDFs, EPUBCheck and lxml for the EPUB. One page of each PDF copy is rendered
to PNG with pdftoppm into build/formats/, for a person to look at.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from pypdf import PdfReader

from edition.formats import epub, offline, pdf
from edition.formats.offline import Target
from helpers import BUILD_ENV, REPORT_PAGES

ROOT = Path(__file__).resolve().parent.parent
NAMES = offline.output_names()
PNG_DIR = ROOT / "build" / "formats"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")    # Debian's epubcheck package
VERSION = offline.edition_version(ROOT)
TITLES = ["About the author", "Executive summary", "Introduction", "En route to Beijing",
          "Wrestling for digital supremacy", "Conclusion", "Bibliography", "Glossary",
          "Index of names", "Changes to the text", "About this edition"]
# Text of the web page's furniture that must never reach a PDF.
UI_TEXT = ["Skip to content", "Initializing search", "Type to start searching", "Back to top",
           "Made with Material", "Switch to dark mode", "Link to this section", "Download PDF",
           "Download EPUB", "Cite this edition", "Cite paragraph"]
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


# Reading the files back, once per session


@lru_cache(maxsize=None)
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@lru_cache(maxsize=None)
def page_texts(path: Path) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in reader(path).pages)


def downloads(site, kind: str) -> Path:
    return site.path / NAMES[kind]


def destination_page(path: Path, name: str) -> int:
    pdf_file = reader(path)
    return pdf_file.get_destination_page_number(pdf_file.named_destinations[name])


def paragraph_numbers(site) -> list[int]:
    return [int(p["id"][1:]) for name in REPORT_PAGES for p in site.page(name).select("p.para")]


def site_has_annotations(site) -> bool:
    return any(site.page(name).select(".annotations") for name in REPORT_PAGES)


@pytest.fixture(scope="session")
def epub_zip(site) -> zipfile.ZipFile:
    return zipfile.ZipFile(downloads(site, "epub"))


@pytest.fixture(scope="session")
def package(epub_zip) -> etree._Element:
    return etree.fromstring(epub_zip.read("EPUB/package.opf"))


# The files and the links to them


def test_every_file_is_written_and_linked_from_every_page(site):
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
    title_page = {a["href"] for a in site.page("").select(".edition-downloads a")}
    assert title_page == set(NAMES.values())


# The PDF


@pytest.mark.parametrize("kind, width, height", [("a4", 595, 842), ("letter", 612, 792)])
def test_pdf_page_size_and_count(site, kind, width, height):
    path = downloads(site, kind)
    pages = reader(path).pages
    assert 30 <= len(pages) <= 120, len(pages)
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (width, height)


def test_pdf_has_every_part_in_order_in_text_and_bookmarks(site):
    path = downloads(site, "a4")
    pdf_file, texts = reader(path), page_texts(path)
    outline = [item for item in pdf_file.outline if not isinstance(item, list)]
    assert [item.title for item in outline[:2]] == ["Title page", "Contents"]
    parts = [item for item in outline if item.title in TITLES]
    assert [item.title for item in parts] == TITLES
    pages = [pdf_file.get_destination_page_number(item) for item in parts]
    assert pages == sorted(pages)
    for item, page in zip(parts, pages):
        assert item.title in texts[page], item.title
        assert f"{item.title}{chr(10)}" in texts[2] or item.title in texts[2]   # the contents


def test_pdf_title_page_names_the_web_edition_and_version(site):
    cover = page_texts(downloads(site, "a4"))[0]
    assert "Russia and China's Quiet" in cover and "NIVA YAU" in cover
    assert f"version {VERSION}" in cover and "http://127.0.0.1:8000/" in cover
    assert "Reader's copy" in cover
    assert "Teacher's copy" in page_texts(downloads(site, "a4-teacher"))[0]


@pytest.mark.parametrize("kind", ["a4", "letter", "a4-teacher", "letter-teacher"])
def test_pdf_footnotes_keep_their_printed_numbers_at_the_foot_of_the_page(site, kind):
    path = downloads(site, kind)
    texts = page_texts(path)
    pages = []
    for number in range(1, 20):
        call, note = destination_page(path, f"fnref:{number}"), destination_page(path, f"fn:{number}")
        # WeasyPrint sets a note on its call's page, or the next when that page is full.
        assert 0 <= note - call <= 1, (number, call, note)
        assert re.search(rf"(^|\n){number}\.\s\S", texts[note]), (number, texts[note][-400:])
        pages.append(note)
    assert pages == sorted(pages)
    if kind in ("a4", "letter"):
        assert all(destination_page(path, f"fn:{n}") == destination_page(path, f"fnref:{n}")
                   for n in range(1, 20))


def test_pdf_has_every_paragraph_number_in_the_margin_and_as_destination(site):
    path = downloads(site, "a4")
    numbers = paragraph_numbers(site)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 29
    printed = {int(n) for n in re.findall(r"¶\s*(\d+)", "\n".join(page_texts(path)))}
    assert set(numbers) <= printed
    pages = [destination_page(path, f"p{n}") for n in numbers]
    assert pages == sorted(pages)


def test_pdf_metadata(site):
    for kind, copy in (("a4", "reader's copy"), ("letter-teacher", "teacher's copy")):
        info = reader(downloads(site, kind)).metadata
        assert info.title == "Russia and China's Quiet Rivalry in Central Asia"
        assert info.author == "Niva Yau"
        assert f"Edition {VERSION}, {copy}" in info.subject
        assert info["/editionversion"] == VERSION
        assert info["/CreationDate"] == "D:20200913122640Z"    # SOURCE_DATE_EPOCH=1600000000


def test_pdf_internal_links_resolve(site):
    path = downloads(site, "a4")
    pdf_file = reader(path)
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


def test_pdf_fonts_are_embedded(site):
    for kind in ("a4", "a4-teacher"):
        fonts = set()
        for page in reader(downloads(site, kind)).pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = described["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
        assert any("Pagella" in name for name in fonts), fonts


def test_pdf_has_no_navigation_or_search_text(site):
    for kind in ("a4", "a4-teacher"):
        text = "\n".join(page_texts(downloads(site, kind)))
        for furniture in UI_TEXT:
            assert furniture not in text, (kind, furniture)


def test_readers_copy_has_no_annotations_and_teachers_copy_has_them(site):
    reader_text = "\n".join(page_texts(downloads(site, "a4")))
    teacher_text = "\n".join(page_texts(downloads(site, "a4-teacher")))
    for marker in ("Editors' annotations on", "Discussion questions", "Teaching with this edition"):
        assert marker not in reader_text
        assert (marker in teacher_text) == site_has_annotations(site), marker
    if site_has_annotations(site):
        assert len(reader(downloads(site, "a4-teacher")).pages) > len(reader(downloads(site, "a4")).pages)
        assert "A1" in teacher_text


def test_a_page_of_each_copy_renders_to_png(site):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (see .ci/run)"
    from PIL import Image

    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for kind in ("a4", "a4-teacher"):
        path = downloads(site, kind)
        number = destination_page(path, "p3") + 1      # the first page of the Introduction
        prefix = PNG_DIR / f"{path.stem}-page"
        subprocess.run([pdftoppm, "-png", "-r", "100", "-f", str(number), "-l", str(number),
                        "-singlefile", str(path), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        darkest, lightest = image.getextrema()
        assert image.size[0] > 700 and darkest < 60 and lightest == 255
        print(f"PNG of page {number} of {path.name}: {prefix}.png")


# The EPUB


def test_epubcheck_finds_no_error_and_no_warning(site):
    java = shutil.which("java")
    assert java and EPUBCHECK.exists(), "EPUBCheck is missing: install epubcheck (see .ci/run)"
    result = subprocess.run([java, "-jar", str(EPUBCHECK), str(downloads(site, "epub"))],
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, output


def test_epub_zip_layout_is_fixed(epub_zip):
    first = epub_zip.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert epub_zip.read("mimetype") == b"application/epub+zip"
    assert {info.date_time for info in epub_zip.infolist()} == {(2020, 9, 13, 12, 26, 40)}


def test_epub_package_metadata(package):
    meta = package.find("opf:metadata", NS)

    def texts(tag: str) -> list[str]:
        return [element.text for element in meta.findall(tag, NS)]

    def properties(name: str) -> list[str]:
        return [element.text for element in meta.findall(f"opf:meta[@property='{name}']", NS)]

    assert "Russia and China's Quiet Rivalry in Central Asia" in texts("dc:title")
    assert f"Annotated edition, version {VERSION}" in texts("dc:title")
    assert texts("dc:creator") == ["Niva Yau"]
    assert texts("dc:publisher") == ["Foreign Policy Research Institute"]
    assert texts("dc:date") == ["2020-09"] and texts("dc:language") == ["en"]
    assert texts("dc:identifier")[0].startswith("urn:uuid:")
    assert properties("dcterms:modified") == ["2020-09-13T12:26:40Z"]
    assert properties("schema:version") == [VERSION]
    assert properties("schema:accessMode") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "index"} <= set(properties("schema:accessibilityFeature"))
    assert len(properties("schema:accessibilitySummary")[0]) > 100


def test_epub_navigation_lists_every_part_in_reading_order(epub_zip, package):
    nav = etree.fromstring(epub_zip.read("EPUB/nav.xhtml"))
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    entries = [(a.text, a.get("href")) for a in toc.iter("{http://www.w3.org/1999/xhtml}a")]
    titles = [text for text, _ in entries]
    assert [title for title in titles if title in TITLES] == TITLES
    names = set(epub_zip.namelist())
    for _, href in entries:
        assert "EPUB/" + href.split("#")[0] in names, href
    spine = [item.get("idref") for item in package.findall("opf:spine/opf:itemref", NS)]
    files = {item.get("id"): item.get("href") for item in package.findall("opf:manifest/opf:item", NS)}
    sections = [files[idref] for idref in spine if files[idref].startswith("text/")]
    assert sections[1:7] == [f"text/{name}.xhtml" for name in REPORT_PAGES]   # one file per section


def test_epub_keeps_paragraph_anchors_and_footnotes_with_printed_numbers(site, epub_zip):
    ids, notes, calls = set(), [], []
    for name in REPORT_PAGES:
        document = etree.fromstring(epub_zip.read(f"EPUB/text/{name}.xhtml"))
        ids |= {element.get("id") for element in document.iter() if element.get("id")}
        for aside in document.findall(".//x:aside[@epub:type='footnote']", NS):
            number = aside.get("id").removeprefix("fn-")
            back = aside.find(".//x:a", NS)
            assert back.text == f"{number}." and back.get("href") == f"#fnref-{number}"
            notes.append(int(number))
        for call in document.findall(".//x:a[@epub:type='noteref']", NS):
            calls.append(int(call.text))
            assert call.get("href") == f"#fn-{call.text}"
    assert notes == list(range(1, 20)) and calls == list(range(1, 20))
    assert {f"p{n}" for n in paragraph_numbers(site)} <= ids


def test_epub_internal_links_resolve(epub_zip):
    documents = {name: etree.fromstring(epub_zip.read(name)) for name in epub_zip.namelist()
                 if name.endswith(".xhtml")}
    ids = {name: {element.get("id") for element in doc.iter() if element.get("id")}
           for name, doc in documents.items()}
    checked = 0
    for name, document in documents.items():
        for link in document.iter("{http://www.w3.org/1999/xhtml}a"):
            href = link.get("href")
            if href is None or urlsplit(href).scheme:
                continue
            path, _, fragment = href.partition("#")
            target = str(PurePosixPath(name).parent / path) if path else name
            target = str(PurePosixPath(target))
            assert target in ids, (name, href)
            assert not fragment or fragment in ids[target], (name, href)
            checked += 1
    assert checked > 500, checked
    glossary = documents["EPUB/text/glossary.xhtml"]
    locators = [a.get("href") for a in glossary.iter("{http://www.w3.org/1999/xhtml}a")]
    assert any(re.fullmatch(r"[a-z-]+\.xhtml#p\d+", href or "") for href in locators)


def test_epub_annotations_follow_the_site(site, epub_zip):
    text = epub_zip.read("EPUB/text/introduction.xhtml").decode("utf-8")
    assert ("Editors' annotations on" in text) == site_has_annotations(site)
    assert "pull-quote" not in text and "gloss-tips" not in text and "headerlink" not in text


# The command line runs the same code as the hook


def test_cli_makes_the_same_epub_as_the_build(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.path, copy)
    (copy / NAMES["epub"]).unlink()
    result = subprocess.run([sys.executable, str(ROOT / "scripts/formats.py"), "epub", "--site-dir", str(copy)],
                            capture_output=True, text=True, env=BUILD_ENV, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (copy / NAMES["epub"]).read_bytes() == downloads(site, "epub").read_bytes()


def test_cli_without_a_site_says_so(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts/formats.py"), "pdf", "--site-dir", str(tmp_path)],
                            capture_output=True, text=True, env=BUILD_ENV, cwd=ROOT)
    assert result.returncode == 1 and "run `make build` first" in result.stderr


# Small inputs, one rule each


@pytest.mark.parametrize("page, href, expected", [
    ("introduction/", "#p4", Target("introduction", "p4")),
    ("introduction/", "../glossary/#sco", Target("glossary", "sco")),
    ("glossary/", "../wrestling-for-digital-supremacy/#p18", Target("wrestling-for-digital-supremacy", "p18")),
    ("", "changes/", Target("changes", "")),
    ("about-this-edition/", "../#copyright", Target("title", "copyright")),
    ("bibliography/", "report.bib", "http://example.org/ed/bibliography/report.bib"),
    ("entities/", "../map-and-timeline/#places", "http://example.org/ed/map-and-timeline/#places"),
    ("introduction/", "https://www.unescap.org/x.pdf", "https://www.unescap.org/x.pdf"),
])
def test_links_resolve_inside_the_file_or_to_the_web_edition(page, href, expected):
    chapters = [offline.Chapter(slug, path, "back", slug, None) for slug, path in
                [("title", ""), ("introduction", "introduction/"), ("glossary", "glossary/"),
                 ("changes", "changes/"), ("wrestling-for-digital-supremacy", "wrestling-for-digital-supremacy/")]]
    assert offline.resolver(chapters, "http://example.org/ed/")(page, href) == expected


@pytest.mark.parametrize("work, extra, expected", [
    ('edition: {version: "0.3.1"}', {"version": "9.9.9"}, "0.3.1"),
    (None, {"version": "0.2.0"}, "0.2.0"),
    (None, {"version": {"provider": None, "default": "latest"}}, offline.DEFAULT_VERSION),
    (None, None, offline.DEFAULT_VERSION),
])
def test_edition_version_comes_from_work_yml_then_extra(tmp_path, work, extra, expected):
    if work is not None:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "work.yml").write_text(work, encoding="utf-8")
    assert offline.edition_version(tmp_path, extra) == expected


@pytest.mark.parametrize("value, expected", [
    ("p12", "p12"), ("fn:6", "fn-6"), ("fnref:6", "fnref-6"), ("5g", "id-5g"),
    ("note-p3-li-lanqing-title", "note-p3-li-lanqing-title"),
])
def test_epub_ids_are_xml_names(value, expected):
    assert epub.xml_id(value) == expected


ARTICLE = """<article class="md-content__inner md-typeset">
<h1 id="intro">Intro<a class="headerlink" href="#intro">#</a></h1>
<div class="edition-downloads" data-search-exclude><a href="x.pdf">Download PDF</a></div>
<div class="page-cite"><a class="cite-open" href="../cite/#cite-edition">Cite this edition</a></div>
<p class="para" id="p3"><a class="para-num" href="#p3"><span aria-hidden="true">¶ </span><span class="visually-hidden">Paragraph </span>3</a><a class="para-cite cite-open" href="../cite/#cite-p3">Cite</a>The <mark class="annotated" data-note="note-a">SCO</mark> was founded.<sup id="fnref:7"><a class="footnote-ref" href="#fn:7">7</a></sup></p>
<aside class="annotations" aria-label="Editors' annotations on ¶ 3"><div class="annotation" id="note-a"><p class="annotation__head"><span class="annotation__number">A1</span> Context</p></div></aside>
<section class="discussion-questions"><h2 id="dq">Discussion questions</h2></section>
<div class="footnote"><ol><li id="fn:7" value="7"><p>A note.&#160;<a class="footnote-backref" href="#fnref:7">&#8617;</a></p></li></ol></div>
<div class="gloss-tips" hidden><span id="gloss-tip-sco">tip</span></div>
</article>"""


@pytest.mark.parametrize("annotations", [False, True])
def test_cleaning_keeps_the_text_and_drops_the_browser_furniture(annotations):
    article = BeautifulSoup(ARTICLE, "html.parser").article
    offline.clean(article, annotations=annotations)
    text = article.get_text()
    assert "Download PDF" not in text and "#" not in text and "tip" not in text and "↩" not in text
    assert "Cite" not in text
    assert article.find(id="p3").get_text().startswith("¶\u00a03The SCO")
    assert bool(article.select(".annotations, .discussion-questions")) == annotations
    assert bool(article.select("mark")) == annotations
    if annotations:
        assert article.select_one("sup.annotation-ref a")["href"] == "#note-a"


def test_pdf_notes_float_where_they_are_called():
    article = BeautifulSoup(ARTICLE, "html.parser").article
    offline.clean(article, annotations=False)
    chapter = offline.Chapter("intro", "intro/", "section", "Intro", article)
    pdf.float_footnotes(chapter)
    note = article.find(id="p3").select_one("span.fn")
    assert note["id"] == "fn:7" and note["data-n"] == "7" and note.get_text() == "A note."
    assert note.find_previous_sibling("sup")["id"] == "fnref:7"
    assert article.select("div.footnote") == []
