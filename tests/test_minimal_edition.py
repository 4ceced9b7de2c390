"""The invented minimal edition (tests/editions/minimal/): it builds with the project's hooks
under --strict, it holds every kind of data file the real edition has, its report group is
its own ("The paper", not "The report") and every output follows it, and no output of it
names the real report: not its title, its author or its publisher (read from the real
edition's data/work.yml).

The gates (links, TEI, Web Annotations, PDF, EPUB) run on it in their own files, through the
`project` fixture (conftest.py).
"""
from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from helpers import BuiltSite
from projects import MINIMAL, REAL, real_report_names

# What no output of the minimal edition may hold, each as a pattern: the family name as a
# word ("Yau", also in a file name such as yau-2020-…), the rest as phrases.
NAMES = real_report_names()
# The initials as a word, in capitals (FPRI; not "fpri" inside another word).
PATTERNS = {what: re.compile(rf"\b{re.escape(name)}\b", 0 if what == "publisher's initials" else re.IGNORECASE)
            for what, name in NAMES.items()}
# Files no text can be read from (images, fonts): the title card is drawn from data/work.yml.
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".woff", ".woff2", ".ttf", ".otf"}
TEXT = {".html", ".xml", ".json", ".jsonld", ".js", ".css", ".map", ".bib", ".ris", ".txt", ".svg",
        ".xhtml", ".opf", ".ncx", ".cff", ".yml"}


# The text of every file of a built site, as a reader or a program would read it


def normalized(text: str) -> str:
    """Entities decoded, typographic apostrophes made plain, words rejoined where a PDF
    hyphenated them at a line's end, every run of white space one space."""
    text = html.unescape(text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(\w)[\u00ad\u2010-]\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def decoded(name: str, data: bytes) -> str | None:
    """A file's text (None for an image or a font); JSON with its \\u escapes decoded."""
    suffix = Path(name).suffix.lower()
    if suffix == ".gz":
        return decoded(name.removesuffix(".gz"), gzip.decompress(data))
    if suffix in BINARY:
        return None
    text = data.decode("utf-8")
    if suffix in (".json", ".jsonld"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def pdf_text(path: Path) -> str:
    """Every page's text (poppler's pdftotext), the document's metadata and its XMP."""
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    reader = PdfReader(path)
    info = " ".join(str(value) for value in (reader.metadata or {}).values())
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8") if reader.xmp_metadata else ""
    return "\n".join((pages, info, xmp))


def texts(site: Path) -> dict[str, str]:
    """Each file of the site (and each file inside an EPUB) -> its text, normalized; every
    file's name is read too, as a link names it."""
    found: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        found[f"{name} (its name)"] = name
        if path.suffix == ".pdf":
            found[name] = normalized(pdf_text(path))
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for member in book.namelist():
                    found[f"{name} (its name)!{member}"] = member
                    text = decoded(member, book.read(member))
                    if text is not None:
                        found[f"{name}!{member}"] = normalized(text)
        else:
            text = decoded(name, path.read_bytes())
            if text is not None:
                found[name] = normalized(text)
    return found


def leaks(site: Path) -> list[tuple[str, str, str]]:
    """(file, what, the words around it) for every name of the real report found."""
    found = []
    for name, text in texts(site).items():
        for what, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                found.append((name, what, text[max(0, match.start() - 60):match.end() + 40]))
    return found


def summary(found: list[tuple[str, str, str]]) -> str:
    files = sorted({name for name, _, _ in found})
    return (f"{len(found)} mentions in {len(files)} files:\n"
            + "\n".join(f"{name}: {what} in …{context}…" for name, what, context in found))


# The edition and its sources


def test_it_builds_strictly_without_a_warning(minimal_site: BuiltSite):
    assert minimal_site.returncode == 0 and "WARNING" not in minimal_site.log, minimal_site.log


def test_it_has_every_data_file_the_real_edition_has():
    """Every reader of data/ runs on it: the same YAML files, and bib/ with both kinds of work."""
    assert {path.name for path in (REAL.root / "data").glob("*.yml")} <= \
        {path.name for path in (MINIMAL.root / "data").glob("*.yml")}
    kinds = {annotation["kind"] for annotation in MINIMAL.data("annotations.yml")}
    assert kinds == {"context", "correction", "caveat", "cross-reference", "question"}
    works = MINIMAL.model.works.values()
    assert any(work.cited_in_notes for work in works) and any(not work.cited_in_notes for work in works)
    assert MINIMAL.model.figures and MINIMAL.model.emendations and MINIMAL.model.events
    assert {entry.group for entry in MINIMAL.model.entities.values()} >= {"person", "company", "place", "agreement"}
    # The optional data too: a claim ledger, the maps' frames, a person filed by sort_as, an
    # undated work, an edited volume, a corporate author whose name holds "and".
    assert MINIMAL.model.claims and MINIMAL.model.maps is not None
    assert any(entry.data.get("sort_as") for entry in MINIMAL.model.entities.values())
    csl = [work.csl for work in works]
    assert any("issued" not in item for item in csl) and any("editor" in item for item in csl)
    assert any(" and " in name.get("literal", "") for item in csl for name in item.get("author", []))


def test_its_index_files_people_by_family_name(minimal_site: BuiltSite):
    """"Lemberg, Osric" under L; "Zhou Anmei", written family name first, as written under Z
    (data/entities.yml's sort_as), not "Anmei, Zhou" under A."""
    article = minimal_site.page("entities").find("article")
    people = [h.get_text().rstrip("#").strip() for h in article.find_all("h3")
              if h.find_previous("h2")["id"] == "person"]
    assert people == ["Lemberg, Osric", "Zhou Anmei"]


def test_its_sources_do_not_name_the_real_report():
    sources = [path for folder in ("docs", "data", "bib") for path in (MINIMAL.root / folder).rglob("*")
               if path.is_file() and not path.is_symlink() and path.suffix in (".md", ".yml", ".bib")]
    sources.append(MINIMAL.config_file)
    assert len(sources) > 10
    found = [f"{path.relative_to(MINIMAL.root)}: {what}" for path in sources
             for what, pattern in PATTERNS.items() if pattern.search(normalized(path.read_text(encoding="utf-8")))]
    assert not found, found


# No output names the real report


def test_the_check_finds_a_name_where_there_is_one(tmp_path: Path):
    """The check itself can fail: a site with the real author in a page, the real title in
    gzipped JSON with escaped apostrophes, the publisher hyphenated across a PDF's lines."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<p>by {html.escape(NAMES['author'])}</p>", encoding="utf-8")
    title = json.dumps({"title": NAMES["title"].replace("'", "\u2019")})
    (tmp_path / "search.json.gz").write_bytes(gzip.compress(title.encode("utf-8")))
    assert normalized("Foreign Policy Re\u2010\nsearch Institute") == "Foreign Policy Research Institute"
    found = leaks(tmp_path)
    assert [(name, what) for name, what, _ in found] == [
        ("page/index.html", "author"), ("page/index.html", "author's family name"), ("search.json.gz", "title")]
    (tmp_path / "page" / "index.html").write_text("<p>Ilka Marrowby, Tallow Point Institute; FPRInting</p>")
    (tmp_path / "search.json.gz").unlink()
    assert leaks(tmp_path) == []


def test_no_web_output_names_the_real_report(minimal_site: BuiltSite):
    """Every file of the site without the formats: pages, search index, sitemap, TEI,
    Web Annotations, bibliography downloads, citations (JSON-LD, CSL-JSON)."""
    found = leaks(minimal_site.path)
    assert not found, summary(found)


def test_no_file_of_the_formats_build_names_the_real_report(minimal_formats_site: BuiltSite):
    """The same, in the build with the PDFs (their text, metadata, XMP) and the EPUB (every
    file in it)."""
    names = texts(minimal_formats_site.path)
    assert all(f"{name}" in names for name in MINIMAL.download_paths.values() if name.endswith(".pdf"))
    found = leaks(minimal_formats_site.path)
    assert not found, summary(found)


# The report group: "The paper", not "The report", in the nav


def test_the_sections_are_the_pages_of_its_report_group(minimal_site: BuiltSite):
    assert MINIMAL.report_group != "The report"
    assert [part.src_uri for part in MINIMAL.model.sections] == [f"{page}.md" for page in MINIMAL.report_pages]
    nav = [label.get_text(" ", strip=True) for label in minimal_site.page("").select("nav.md-nav--primary label")]
    assert MINIMAL.report_group in nav
    numbered = {path.parent.name for path in minimal_site.html_files
                if "p/" not in path.relative_to(minimal_site.path).as_posix()
                and '<p class="para" id="p' in path.read_text(encoding="utf-8")}
    assert numbered == set(MINIMAL.report_pages)


# The PDF's contents and the EPUB's nav hold the report's sections, found by `report_group`
# ("The paper"), in the nav's order, under one heading: the formats label the sections by their
# kind, not by the nav's name of the group (so renaming the group changes no file:
# tests/test_pipeline.py), and every output calls the work "the report".


def pdf_contents(site: BuiltSite) -> list[str]:
    """The lines of the A4 PDF's contents page (its third), without the dot leaders and page numbers."""
    path = site.path / MINIMAL.download_paths["a4"]
    text = subprocess.run(["pdftotext", "-f", "3", "-l", "3", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [re.sub(r"(\s*\.)+\s*\d+$", "", line).strip() for line in text.splitlines() if line.strip()]


def test_the_pdf_contents_list_its_report_groups_sections(minimal_formats_site: BuiltSite):
    lines = pdf_contents(minimal_formats_site)
    assert "Contents" in lines
    first = lines.index(MINIMAL.section_titles[0])
    assert lines[first:first + len(MINIMAL.section_titles)] == MINIMAL.section_titles, lines
    heading, after = lines[first - 1], lines[first + len(MINIMAL.section_titles)]
    assert heading not in ("Contents", "Title page") and after != MINIMAL.section_titles[-1], lines


@pytest.fixture(scope="module")
def epub_nav(minimal_formats_site: BuiltSite) -> etree._Element:
    with zipfile.ZipFile(minimal_formats_site.path / MINIMAL.download_paths["epub"]) as book:
        return etree.fromstring(book.read("EPUB/nav.xhtml"))


def test_the_epub_contents_and_landmarks_list_its_report_groups_sections(epub_nav, minimal_formats_site):
    ns = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
    toc = epub_nav.find(".//x:nav[@epub:type='toc']", ns)
    groups = {span.text: [a.text for a in span.getparent().iterfind("x:ol/x:li/x:a", ns)]
              for span in toc.iterfind(".//x:span", ns)}
    [heading] = [name for name, titles in groups.items() if titles == MINIMAL.section_titles]
    lines = pdf_contents(minimal_formats_site)
    assert lines[lines.index(MINIMAL.section_titles[0]) - 1] == heading   # the PDF's heading too
    body = epub_nav.find(".//x:nav[@epub:type='landmarks']//x:a[@epub:type='bodymatter']", ns)
    assert (body.get("href"), body.text) == (f"text/{MINIMAL.report_pages[0]}.xhtml", heading)


# Facts of the real report the code once wrote on every edition's pages: the languages its
# works are translated from, the states its maps shade.


def test_the_bibliography_names_the_languages_of_its_own_works(minimal_site: BuiltSite, site: BuiltSite):
    """The real report's works are translated from Chinese and Russian (bib/'s `language`);
    the minimal edition's works are all in English, so its bibliography says nothing of it."""
    def intro(built: BuiltSite) -> str:
        return " ".join(built.page("bibliography").find("article").find("p").get_text().split())

    assert "Titles are given as the report prints them; the editors' remarks" in intro(minimal_site)
    assert "translated where the original is in Chinese or Russian;" in intro(site)


def test_the_maps_shade_only_the_states_its_data_names(minimal_site: BuiltSite):
    """data/countries.json (the real edition's, linked) holds the outlines of five states;
    the minimal edition's data/maps.yml shades none, so its maps shade none and its legend
    names none, though its wide map covers part of them."""
    assert "shaded" not in MINIMAL.data("maps.yml")
    page = minimal_site.page("map-and-timeline")
    maps = page.select("svg")
    assert any(svg.select("path.place-map__land") for svg in maps)
    assert not page.select("[data-state]") and not page.select(".place-map-legend rect.place-map__state")
