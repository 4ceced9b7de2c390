"""Citing: the formatted citations, the /cite/ page, CITATION.cff, the changelog and the
/p/N/ permalinks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import citation_cff
from helpers import REPORT_PAGES

ROOT = Path(__file__).resolve().parent.parent
WORK = yaml.safe_load((ROOT / "data/work.yml").read_text(encoding="utf-8"))
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, which the test build uses
VERSION = WORK["edition"]["version"]


def cite_data(site, page: str) -> dict:
    """What the page's Cite dialogs show: the file its data-cite-source names."""
    source = site.page(page).select_one("article [data-cite-source]")["data-cite-source"]
    return json.loads((site.path / page / source).read_text(encoding="utf-8"))


def style(entry: dict, name: str) -> dict:
    return next(s for s in entry["styles"] if s["name"].startswith(name))


# Expected strings written from the style guides, not from the processor's output:
# Chicago 18th ed. (author-date, reports: 13.x; no place of publication), APA 7th ed.
# (reports, 10.4; "para." locator, 8.28), MLA 9th ed. (works in a series; "par." locator).
REPORT = {
    "Chicago": ("Yau, Niva. 2020. Russia and China’s Quiet Rivalry in Central Asia. Eurasia Program, "
                "Central Asia Initiative. Foreign Policy Research Institute.", "(Yau 2020)"),
    "APA": ("Yau, N. (2020). Russia and China’s quiet rivalry in Central Asia (Eurasia Program, "
            "Central Asia Initiative). Foreign Policy Research Institute.", "(Yau, 2020)"),
    "MLA": ("Yau, Niva. Russia and China’s Quiet Rivalry in Central Asia. Foreign Policy Research "
            "Institute, Sept. 2020. Eurasia Program, Central Asia Initiative.", "(Yau)"),
}
# The edition: the report with the edition statement as its type (CSL genre), where each
# guide sets a report's description: Chicago after the title (14.x, "Type of report"), APA
# in square brackets after the title and series (10.4), MLA after the title (2.x, "version").
STATEMENT = f"Annotated online edition, version {VERSION}"
PARAGRAPH_12 = {
    "Chicago": (f"Yau, Niva. 2020. Russia and China’s Quiet Rivalry in Central Asia. {STATEMENT}. "
                f"Eurasia Program, Central Asia Initiative. Foreign Policy Research Institute. "
                f"{SITE_URL}en-route-to-beijing/#p12.", "(Yau 2020, para. 12)"),
    "APA": (f"Yau, N. (2020). Russia and China’s quiet rivalry in Central Asia (Eurasia Program, "
            f"Central Asia Initiative) [{STATEMENT}]. Foreign Policy Research Institute. "
            f"{SITE_URL}en-route-to-beijing/#p12", "(Yau, 2020, para. 12)"),
    "MLA": (f"Yau, Niva. Russia and China’s Quiet Rivalry in Central Asia. {STATEMENT}. Foreign "
            f"Policy Research Institute, Sept. 2020, {SITE_URL}en-route-to-beijing/#p12. Eurasia "
            f"Program, Central Asia Initiative.", "(Yau, par. 12)"),
}


@pytest.mark.content
@pytest.mark.parametrize("name", REPORT)
def test_the_report_is_cited_as_the_style_guides_say(site, name):
    entry = style(cite_data(site, "introduction")["report"], name)
    assert (entry["text"], entry["inText"]) == REPORT[name]


@pytest.mark.content
@pytest.mark.parametrize("name", PARAGRAPH_12)
def test_a_paragraph_is_cited_with_its_number_and_address(site, name):
    entry = style(cite_data(site, "en-route-to-beijing")["paragraphs"]["p12"], name)
    assert (entry["text"], entry["inText"]) == PARAGRAPH_12[name]


def test_every_paragraph_and_page_offers_cite(site):
    for name in REPORT_PAGES:
        page = site.page(name)
        data = cite_data(site, name)
        for paragraph in page.select("article p.para"):
            link = paragraph.find("a", class_="para-cite")
            assert link["href"] == f"../cite/#cite-p{paragraph['id'][1:]}"
            assert paragraph["id"] in data["paragraphs"]
        assert page.select_one("article div.page-cite a.cite-open")["href"] == "../cite/#cite-edition"
    cite = site.page("cite")
    assert len(cite.select("div.cite-entry")) == 29
    formats = [s.get_text() for s in cite.select("#cite-p12 ~ div summary, div#cite-p12 summary")]
    assert formats[:3] == ["BibTeX", "RIS", "CSL-JSON"]


def test_machine_formats_of_a_paragraph(site):
    formats = {f["name"]: f["text"] for f in cite_data(site, "conclusion")["paragraphs"]["p29"]["formats"]}
    assert f"url = {{{SITE_URL}conclusion/#p29}}" in formats["BibTeX"]
    assert f"type = {{{STATEMENT}}}" in formats["BibTeX"] and formats["BibTeX"].startswith("@report{")
    assert f"UR  - {SITE_URL}conclusion/#p29" in formats["RIS"] and f"M3  - {STATEMENT}" in formats["RIS"]
    item = json.loads(formats["CSL-JSON"])
    assert item["URL"] == f"{SITE_URL}conclusion/#p29" and item["genre"] == STATEMENT


# Each page's metadata: tests/test_metadata.py.


def test_citation_cff_is_generated_from_work_yml_and_valid():
    assert subprocess.run([sys.executable, str(ROOT / "scripts/citation_cff.py"), "--check"]).returncode == 0
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert citation_cff.problems(text) == []
    cff = yaml.safe_load(text)
    assert cff["version"] == VERSION and cff["preferred-citation"]["authors"][0]["family-names"] == "Yau"


def test_the_cff_schema_check_finds_each_kind_of_error():
    # Guards the test above against a check that runs but finds nothing: an unknown key, a
    # missing required key, a date in the wrong form, each named with its place.
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken = (text.replace("date-released: '", "date-released: 'on ")
              .replace("authors:\n- name:", "editors:\n- name:", 1))
    assert citation_cff.problems(broken) == [
        "CITATION.cff, top level: Additional properties are not allowed ('editors' was unexpected)",
        "CITATION.cff, top level: 'authors' is a required property",
        f"CITATION.cff, date-released: 'on {WORK['edition']['released']}' does not match "
        "'^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$'",
    ]


def test_changelog_lists_each_release_with_its_text_changes(site):
    page = site.page("changelog").find("article")
    assert page.find(id="v" + VERSION.replace(".", "-"))
    assert page.find("a", href="../en-route-to-beijing/#fn:9")


def test_permalinks_lead_to_each_paragraph(site):
    for number in range(1, 30):
        html = (site.path / "p" / str(number) / "index.html").read_text()
        page = next(p for p in REPORT_PAGES if site.page(p).find(id=f"p{number}"))
        assert f'content="0; url=../../{page}/#p{number}"' in html
        assert f'<link rel="canonical" href="{SITE_URL}{page}/#p{number}">' in html


def test_the_cite_page_is_left_out_of_the_search_index(site):
    index = json.loads((site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [location for location in locations if location.startswith("cite/")]
    assert any(location.startswith("introduction/") for location in locations)
