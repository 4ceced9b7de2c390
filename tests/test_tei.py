"""The TEI P5 file of each edition (the real one and the invented minimal one): valid against
tei_all 4.9.0 (jing), the same text as the web pages paragraph by paragraph, every note at its
call, every pointer resolved."""
from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest
from lxml import etree, html

from edition.exports.tei import entry_id, name_tag
from helpers import BuiltSite
from projects import MINIMAL, REAL, Project

SCHEMA = Path(__file__).parent / "conformance" / "tei" / "tei_all.rng"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei_file(project: Project, site: BuiltSite) -> Path:
    """The site's one TEI file, named after the edition's data/work.yml (edition.file_name)."""
    found = sorted((site.path / "downloads").glob("*.tei.xml"))
    assert found == [site.path / f"downloads/{project.work['edition']['file_name']}.tei.xml"], found
    return found[0]


@pytest.fixture(scope="module")
def tei(project: Project, edition_site: BuiltSite) -> etree._ElementTree:
    return etree.parse(str(tei_file(project, edition_site)))


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def web_paragraphs(site_path: Path, pages: tuple[str, ...]) -> dict[str, str]:
    """pN -> the words of that paragraph on its web page, without the ¶ and Cite links and
    the note calls (in TEI the note stands at its call, and its words are the note's)."""
    found = {}
    for name in pages:
        page = html.parse(str(site_path / name / "index.html")).getroot()
        for paragraph in page.xpath("//p[starts-with(@id, 'p')]"):
            for furniture in paragraph.xpath(".//a[contains(@class, 'para-num') or contains(@class, 'para-cite')]"
                                             " | .//sup[starts-with(@id, 'fnref:')]"):
                furniture.drop_tree()
            found[paragraph.get("id")] = words(paragraph.text_content())
    return found


def test_jing_finds_the_file_valid_tei(project: Project, edition_site: BuiltSite):
    result = subprocess.run(["jing", str(SCHEMA), str(tei_file(project, edition_site))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jing_rejects_invalid_tei(tmp_path: Path, minimal_site: BuiltSite):
    # The check itself can fail: the same file with a paragraph where the header must begin.
    text = tei_file(MINIMAL, minimal_site).read_text(encoding="utf-8")
    broken = text.replace("<teiHeader>", "<teiHeader><p>x</p>", 1)
    (tmp_path / "broken.xml").write_text(broken, encoding="utf-8")
    result = subprocess.run(["jing", str(SCHEMA), str(tmp_path / "broken.xml")], capture_output=True, text=True)
    assert result.returncode != 0


def test_every_paragraph_has_the_text_of_the_web_page(project: Project, edition_site: BuiltSite, tei):
    web = web_paragraphs(edition_site.path, tuple(project.report_pages))
    ours = {}
    for paragraph in tei.iterfind(".//tei:body//tei:p[@n]", NS):
        copy = etree.fromstring(etree.tostring(paragraph))
        for note in copy.iterfind(".//tei:note", NS):
            _drop_keep_tail(note)
        ours[paragraph.get(XML_ID)] = words("".join(copy.itertext()))
    assert sorted(ours) == sorted(web) == sorted(project.paragraph_ids), "TEI and web pages hold different paragraphs"
    different = [key for key in web if ours[key] != web[key]]
    assert not different, f"{different[0]}:\nweb: {web[different[0]]}\nTEI: {ours[different[0]]}"


def _drop_keep_tail(element: etree._Element) -> None:
    parent, tail = element.getparent(), element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def test_paragraph_ids_and_numbers_match(tei):
    for paragraph in tei.iterfind(".//tei:body//tei:p[@n]", NS):
        assert paragraph.get(XML_ID) == f"p{paragraph.get('n')}"


def test_every_footnote_stands_at_its_call_with_its_printed_number(project: Project, edition_site: BuiltSite, tei):
    calls = {}
    for name in project.report_pages:
        page = html.parse(str(edition_site.path / name / "index.html")).getroot()
        for call in page.xpath("//p[starts-with(@id, 'p')]//sup[starts-with(@id, 'fnref:')]"):
            calls[call.get("id").split(":")[1]] = call.xpath("ancestor::p[1]/@id")[0]
    notes = {note.get("n"): note.xpath("ancestor::tei:p[1]/@xml:id", namespaces=NS)[0]
             for note in tei.iterfind(".//tei:note[@place='foot']", NS)}
    assert notes == calls
    assert sorted(map(int, notes)) == project.note_numbers


def test_every_pointer_resolves_to_an_element_of_the_file(tei):
    ids = {element.get(XML_ID) for element in tei.iter() if element.get(XML_ID)}
    pointers = [value[1:] for element in tei.iter() for attribute in ("ref", "target", "who", "resp")
                for value in (element.get(attribute) or "").split() if value.startswith("#")]
    assert pointers and not sorted(set(pointers) - ids)


def test_every_name_and_term_is_tagged_in_the_text(project: Project, tei):
    """Each entry of the glossary and the index (every one is mentioned: the build warns of
    one that is not) is tagged in the text with its kind's element, pointing to its entry."""
    tagged = {(etree.QName(element).localname, element.get("ref"))
              for element in tei.iterfind(".//tei:text//*[@ref]", NS)}
    entries = [*project.model.terms.values(), *project.model.entities.values()]
    missing = [entry.id for entry in entries if (name_tag(entry), f"#{entry_id(entry)}") not in tagged]
    assert entries and not missing, missing


@pytest.mark.content
@pytest.mark.parametrize("tag, at_least", [("persName", 20), ("orgName", 30), ("placeName", 100), ("term", 20)])
def test_names_and_terms_are_tagged_in_the_text(site: BuiltSite, tag, at_least):
    tei = etree.parse(str(tei_file(REAL, site)))
    assert len(tei.findall(f".//tei:text//tei:{tag}[@ref]", NS)) >= at_least


def test_works_cited_by_notes_are_listed_and_linked(tei):
    listed = {bibl.get(XML_ID) for bibl in tei.iterfind(".//tei:standOff/tei:listBibl/tei:bibl", NS)}
    linked = {ref.get("target")[1:] for ref in tei.iterfind(".//tei:note//tei:ref[@type='work']", NS)}
    assert linked and linked <= listed


def test_every_annotation_targets_its_paragraph_or_phrase(project: Project, tei):
    annotations = tei.findall(".//tei:listAnnotation/tei:annotation", NS)
    assert len(annotations) == len(project.data("annotations.yml"))
    by_id = {element.get(XML_ID): element for element in tei.iter() if element.get(XML_ID)}
    for annotation in annotations:
        target = by_id[annotation.get("target")[1:]]
        assert etree.QName(target).localname in ("p", "seg"), annotation.get(XML_ID)
