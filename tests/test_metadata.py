"""What each page says it is, read by an extractor that is not ours.

extruct (PyPI; the extractor Scrapy projects use) reads the JSON-LD, OpenGraph and Dublin Core
of each built page; Highwire Press tags (citation_*), which extruct does not read, are read
with lxml, the way Zotero's Embedded Metadata translator and Google Scholar take them (by
meta name). Zotero's translator itself runs only in Zotero's translation-server (not part of
the tests; docs/about-this-edition.md and the report of issue 13 give what it saved).

Each test runs on both editions (the real one and the invented minimal one, tests/projects.py):
what a page must say comes from the edition's data/work.yml and its nav.
"""
from __future__ import annotations

import io
import re

import extruct
import lxml.html
import pytest
from PIL import Image

from edition.model.citable import EDITION_PAGES as EDITION_SOURCES
from projects import PROJECTS, Project

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, which the test build uses
EDITION_PAGES = [source.removesuffix(".md") for source in EDITION_SOURCES]   # about-this-edition, cite


def page_name(part) -> str:
    """The page's folder in the site: "" for the title page ("./"), "introduction", ..."""
    return part.url.strip("./")


def report_pages(project: Project) -> list[str]:
    """The pages of the report's printed text: the title page, the sections, the publisher's page."""
    return [page_name(part) for part in project.model.parts if part.printed]


def editors_pages(project: Project) -> list[str]:
    return [page_name(part) for part in project.model.parts
            if not part.printed and page_name(part) not in EDITION_PAGES]


# Each edition's pages of each kind, as (edition, page) parameters.
def pages_of(kind) -> list:
    return [pytest.param(name, page, id=f"{name}-{page or 'index'}") for name, project in PROJECTS.items()
            for page in kind(project)]


TYPE_SIGNALS = {"citation_journal_title", "citation_technical_report_institution", "citation_conference_title",
                "citation_book_title", "citation_inbook_title", "citation_dissertation_institution"}


@pytest.fixture
def edition(project: Project):
    return project.model


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
    report = edition.report
    return {
        "citation_title": [report.title],
        "citation_author": [f"{report.author.family}, {report.author.given}"],
        "citation_publication_date": [report.date[:4]],
        "citation_technical_report_institution": [report.publisher],
        "citation_language": [report.language],
        "citation_abstract": [" ".join(edition.edition.description.split())],
    }  # and citation_pdf_url in a build that makes the PDF (the shared build makes none)


@pytest.mark.parametrize("project, page", pages_of(lambda project: report_pages(project) + EDITION_PAGES),
                         indirect=["project"])
def test_report_and_edition_pages_describe_one_item(edition_site, edition, page):
    found = read(edition_site, page)
    highwire = dict(found["highwire"])
    url = highwire.pop("citation_public_url")
    assert highwire == report_item(edition)  # one title, the real author, a year
    assert len(TYPE_SIGNALS & highwire.keys()) == 1  # Scholar and Zotero: one item type
    assert re.fullmatch(r"\d{4}(/\d{1,2}/\d{1,2})?", highwire["citation_publication_date"][0])
    assert url == ([SITE_URL] if page in EDITION_PAGES else [SITE_URL + page + ("/" if page else "")])
    assert found["dc"]["DC.type"] == f"Annotated online edition, version {edition.edition.version}"
    assert found["dc"]["DC.title"] == report_item(edition)["citation_title"][0]
    assert found["tree"].xpath('//meta[@name="author"]/@content') == [edition.report.author.name]


@pytest.mark.parametrize("project, page", pages_of(editors_pages), indirect=["project"])
def test_editors_pages_are_web_pages_of_the_edition(edition_site, edition, page):
    found = read(edition_site, page)
    assert found["highwire"] == {}  # not a paper: nothing for Scholar to index as one
    assert found["tree"].xpath('//meta[@name="author"]') == []  # never the report's author
    assert "DC.creator" not in found["dc"]
    assert found["dc"]["DC.date"] == edition.edition.released
    # The page describes itself; the claim ledger's page also gives each record as a ClaimReview.
    reviews = [item for item in found["json_ld"] if item["@type"] == "ClaimReview"]
    assert len(reviews) == (len(edition.claims) if page == "claims" else 0)
    [described] = [item for item in found["json_ld"] if item["@type"] != "ClaimReview"]
    assert described["@type"] == "WebPage"
    assert described["author"]["name"] == edition.edition.editors
    assert described["isPartOf"]["@id"] == SITE_URL
    assert described["version"] == edition.edition.version
    assert found["og"]["@type"] == "website"  # og:type, in extruct's uniform form


def test_sections_are_parts_of_the_report(edition_site, edition):
    title = read(edition_site, "")["json_ld"][0]
    assert title["@type"] == "Report"
    assert [part["name"] for part in title["hasPart"]] == [part.title for part in edition.sections]
    for part in edition.sections:
        section = read(edition_site, page_name(part))["json_ld"][0]
        assert section["@type"] == "CreativeWork"
        assert section["isPartOf"]["@id"] == title["@id"] == SITE_URL
        assert section["isPartOf"]["@type"] == "Report"
        assert {"name": part.title, "url": SITE_URL + part.url}.items() <= \
            next(p for p in title["hasPart"] if p["name"] == part.title).items()


def test_the_edition_is_based_on_the_report(edition_site, edition):
    [described] = read(edition_site, "about-this-edition")["json_ld"]
    assert described["version"] == edition.edition.version
    assert described["editor"]["name"] == edition.edition.editors
    based = described["isBasedOn"]
    assert (based["@type"], based["datePublished"], based["publisher"]["name"]) == \
        ("Report", edition.report.date, edition.report.publisher)


def test_a_paragraph_address_leads_to_the_same_item(project, edition_site, edition):
    anchor = project.paragraph_ids[len(project.paragraph_ids) // 2]      # ¶ 15 of 29, ¶ 4 of 6
    tree = lxml.html.fromstring((edition_site.path / f"p/{anchor[1:]}/index.html").read_text(encoding="utf-8"))
    refresh = tree.xpath('//meta[@http-equiv="refresh"]/@content')[0]
    page = re.search(rf"url=\.\./\.\./([^#]+)/#{anchor}", refresh).group(1)
    assert page == page_name(edition.part_of(next(a for a in edition.paragraphs if str(a) == anchor)))
    assert tree.xpath('//link[@rel="canonical"]/@href') == [f"{SITE_URL}{page}/#{anchor}"]
    found = read(edition_site, page)
    assert {k: v for k, v in found["highwire"].items() if k != "citation_public_url"} == report_item(edition)


def test_every_page_has_its_own_description_and_the_title_card(project, edition_site):
    descriptions = {}
    for page in report_pages(project) + EDITION_PAGES + editors_pages(project):
        found = read(edition_site, page)
        [description] = found["tree"].xpath('//meta[@name="description"]/@content')
        assert found["og"]["og:description"] == description
        assert found["og"]["og:image"] == SITE_URL + "assets/edition-card.png"
        descriptions[page] = description
    assert len(set(descriptions.values())) == len(descriptions)
    card = Image.open(io.BytesIO((edition_site.path / "assets/edition-card.png").read_bytes()))
    assert (card.format, card.size) == ("PNG", (1200, 630))


def test_dublin_core_names_are_dc_elements_or_dcterms_uris(project, edition_site):
    elements = {"title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
                "format", "identifier", "source", "language", "relation", "coverage", "rights"}
    for page in ["", project.report_pages[0], "glossary", "cite"]:
        for name, value in read(edition_site, page)["dc"].items():
            if "." not in name:  # a plain <meta name="description">, which extruct counts too
                continue
            prefix, _, element = name.partition(".")
            assert (prefix == "DC" and element in elements) or \
                (prefix == "DCTERMS" and value.startswith(("http://", "https://"))), (page, name)


def test_a_local_build_says_it_is_a_local_preview(edition_site):
    banner = edition_site.page("glossary").select_one(".md-banner .edition-preview")
    assert banner is not None and "Local preview" in banner.get_text()


def test_pages_of_a_build_with_the_pdf_attach_it(project, edition_formats_site):
    formats_site = edition_formats_site
    for page in ["", project.report_pages[0], "cite"]:
        tree = lxml.html.fromstring((formats_site.path / page / "index.html").read_text(encoding="utf-8"))
        [pdf] = tree.xpath('//meta[@name="citation_pdf_url"]/@content')
        assert pdf == SITE_URL + project.download_paths["a4"]  # the reader's copy in A4
        assert (formats_site.path / pdf.removeprefix(SITE_URL)).is_file()
    glossary = (formats_site.path / "glossary/index.html").read_text(encoding="utf-8")
    assert "citation_pdf_url" not in glossary
