"""What each page says it is, read by an extractor that is not ours.

extruct (PyPI; the extractor Scrapy projects use) reads the JSON-LD, OpenGraph and Dublin Core
of each built page; Highwire Press tags (citation_*), which extruct does not read, are read
with lxml, the way Zotero's Embedded Metadata translator and Google Scholar take them (by
meta name). Zotero's translator itself runs only in Zotero's translation-server (not part of
the tests; docs/about-this-edition.md and the report of issue 13 give what it saved).
"""
from __future__ import annotations

import io
import re

import extruct
import lxml.html
import pytest
from PIL import Image

from helpers import build_edition, download_paths

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, which the test build uses
REPORT_PAGES = ["", "about-the-author", "introduction", "conclusion", "about-the-publisher"]
EDITION_PAGES = ["about-this-edition", "cite"]
EDITORS_PAGES = ["glossary", "entities", "bibliography", "changelog", "how-it-is-built", "teaching"]
TYPE_SIGNALS = {"citation_journal_title", "citation_technical_report_institution", "citation_conference_title",
                "citation_book_title", "citation_inbook_title", "citation_dissertation_institution"}


@pytest.fixture(scope="module")
def edition():
    return build_edition()


def read(site, page: str) -> dict:
    text = (site.path / page / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(text, base_url=SITE_URL + page, syntaxes=["json-ld", "opengraph", "dublincore"],
                           uniform=True)
    tree = lxml.html.fromstring(text)
    highwire: dict[str, list[str]] = {}
    for element in tree.xpath('//head/meta[starts-with(@name, "citation_")]'):
        highwire.setdefault(element.get("name"), []).append(element.get("content"))
    dublin: dict[str, str] = {}
    for found in data["dublincore"]:  # extruct's uniform form gives DC.type as @type
        dublin.update((e["name"], e["content"]) for e in found["elements"] + found["terms"])
        if found.get("@type"):
            dublin["DC.type"] = found["@type"]
    return {"highwire": highwire, "json_ld": data["json-ld"], "og": data["opengraph"][0] if data["opengraph"] else {},
            "dc": dublin, "tree": tree}


def report_item(edition) -> dict[str, list[str]]:
    return {
        "citation_title": ["Russia and China's Quiet Rivalry in Central Asia"],
        "citation_author": ["Yau, Niva"],
        "citation_publication_date": ["2020"],
        "citation_technical_report_institution": ["Foreign Policy Research Institute"],
        "citation_language": ["en"],
        "citation_abstract": [" ".join(edition.edition.description.split())],
    }  # and citation_pdf_url in a build that makes the PDF (the shared build makes none)


@pytest.mark.parametrize("page", REPORT_PAGES + EDITION_PAGES)
def test_report_and_edition_pages_describe_one_item(site, edition, page):
    found = read(site, page)
    highwire = dict(found["highwire"])
    url = highwire.pop("citation_public_url")
    assert highwire == report_item(edition)  # one title, the real author, a year
    assert len(TYPE_SIGNALS & highwire.keys()) == 1  # Scholar and Zotero: one item type
    assert re.fullmatch(r"\d{4}(/\d{1,2}/\d{1,2})?", highwire["citation_publication_date"][0])
    assert url == [SITE_URL + page + ("/" if page else "")] if page in REPORT_PAGES else [SITE_URL]
    assert found["dc"]["DC.type"] == f"Annotated online edition, version {edition.edition.version}"
    assert found["dc"]["DC.title"] == report_item(edition)["citation_title"][0]
    assert found["tree"].xpath('//meta[@name="author"]/@content') == ["Niva Yau"]


@pytest.mark.parametrize("page", EDITORS_PAGES)
def test_editors_pages_are_web_pages_of_the_edition(site, edition, page):
    found = read(site, page)
    assert found["highwire"] == {}  # not a paper: nothing for Scholar to index as one
    assert found["tree"].xpath('//meta[@name="author"]') == []  # never Niva Yau
    assert "DC.creator" not in found["dc"]
    assert found["dc"]["DC.date"] == edition.edition.released
    [described] = found["json_ld"]
    assert described["@type"] == "WebPage"
    assert described["author"]["name"] == edition.edition.editors
    assert described["isPartOf"]["@id"] == SITE_URL
    assert described["version"] == edition.edition.version
    assert found["og"]["@type"] == "website"  # og:type, in extruct's uniform form


def test_sections_are_parts_of_the_report(site):
    title = read(site, "")["json_ld"][0]
    section = read(site, "introduction")["json_ld"][0]
    assert title["@type"] == "Report" and section["@type"] == "CreativeWork"
    assert section["isPartOf"]["@id"] == title["@id"] == SITE_URL
    assert section["isPartOf"]["@type"] == "Report"
    assert {"name": "Introduction", "url": SITE_URL + "introduction/"}.items() <= \
        next(p for p in title["hasPart"] if p["name"] == "Introduction").items()


def test_the_edition_is_based_on_the_report(site, edition):
    [described] = read(site, "about-this-edition")["json_ld"]
    assert described["version"] == edition.edition.version
    assert described["editor"]["name"] == edition.edition.editors
    based = described["isBasedOn"]
    assert (based["@type"], based["datePublished"], based["publisher"]["name"]) == \
        ("Report", "2020-09", "Foreign Policy Research Institute")


def test_a_paragraph_address_leads_to_the_same_item(site, edition):
    tree = lxml.html.fromstring((site.path / "p/12/index.html").read_text(encoding="utf-8"))
    refresh = tree.xpath('//meta[@http-equiv="refresh"]/@content')[0]
    page = re.search(r"url=\.\./\.\./([^#]+)/#p12", refresh).group(1)
    assert tree.xpath('//link[@rel="canonical"]/@href') == [f"{SITE_URL}{page}/#p12"]
    found = read(site, page)
    assert {k: v for k, v in found["highwire"].items() if k != "citation_public_url"} == report_item(edition)


def test_every_page_has_its_own_description_and_the_title_card(site):
    descriptions = {}
    for page in REPORT_PAGES + EDITION_PAGES + EDITORS_PAGES:
        found = read(site, page)
        [description] = found["tree"].xpath('//meta[@name="description"]/@content')
        assert found["og"]["og:description"] == description
        assert found["og"]["og:image"] == SITE_URL + "assets/edition-card.png"
        descriptions[page] = description
    assert len(set(descriptions.values())) == len(descriptions)
    card = Image.open(io.BytesIO((site.path / "assets/edition-card.png").read_bytes()))
    assert (card.format, card.size) == ("PNG", (1200, 630))


def test_dublin_core_names_are_dc_elements_or_dcterms_uris(site):
    elements = {"title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
                "format", "identifier", "source", "language", "relation", "coverage", "rights"}
    for page in ["", "introduction", "glossary", "cite"]:
        for name, value in read(site, page)["dc"].items():
            if "." not in name:  # a plain <meta name="description">, which extruct counts too
                continue
            prefix, _, element = name.partition(".")
            assert (prefix == "DC" and element in elements) or \
                (prefix == "DCTERMS" and value.startswith(("http://", "https://"))), (page, name)


def test_a_local_build_says_it_is_a_local_preview(site):
    banner = site.page("glossary").select_one(".md-banner .edition-preview")
    assert banner is not None and "Local preview" in banner.get_text()


def test_pages_of_a_build_with_the_pdf_attach_it(formats_site):
    for page in ["", "introduction", "cite"]:
        tree = lxml.html.fromstring((formats_site.path / page / "index.html").read_text(encoding="utf-8"))
        [pdf] = tree.xpath('//meta[@name="citation_pdf_url"]/@content')
        assert pdf == SITE_URL + download_paths()["a4"]  # the reader's copy in A4
        assert (formats_site.path / pdf.removeprefix(SITE_URL)).is_file()
    glossary = (formats_site.path / "glossary/index.html").read_text(encoding="utf-8")
    assert "citation_pdf_url" not in glossary
