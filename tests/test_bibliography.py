"""The bibliography: data from bib/, the page with back links (the downloads: test_exports.py)."""
from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest

from edition.errors import EditionError
from helpers import tiny_site

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = "https://web.archive.org/web/*/"


# The works of bib/ (all files, or one: report.bib holds the works the footnotes cite,
# editors.bib those the editors consulted).
def bib_entries(files: str = "*.bib") -> dict[str, dict[str, str]]:
    # Read with bibtexparser, not the pybtex the build uses: an independent reading.
    found = {}
    for path in sorted((ROOT / "bib").glob(files)):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        assert not library.failed_blocks, path
        found.update((entry.key, {f.key: f.value for f in entry.fields}) for entry in library.entries)
    return found


def citations_in_docs() -> dict[str, list[tuple[str, int]]]:
    cited: dict[str, list[tuple[str, int]]] = {}
    for page in sorted((ROOT / "docs").glob("*.md")):
        for number, text in re.findall(r"^\[\^(\d+)\]:(.*)$", page.read_text(), re.MULTILINE):
            for key in re.findall(r"\]\(@([^)]+)\)", text):
                cited.setdefault(key, []).append((page.stem, int(number)))
    return cited


def entry_text(entry) -> str:
    return " ".join(entry.find("p").get_text("").split())


def test_every_work_has_one_entry_with_its_anchor(site):
    entries = site.page("bibliography").select("div.bib-entry")
    assert [e["id"] for e in entries] and sorted(e["id"] for e in entries) == sorted(bib_entries())


def test_every_footnote_citation_is_a_work_of_the_bibliography(site):
    cited = citations_in_docs()
    assert set(cited) == set(bib_entries("report.bib"))
    assert sorted(n for uses in cited.values() for _, n in uses) == sorted(
        [1, 2, 2, 2, 2, *range(3, 16), 16, 17, 18, 19])
    for key, uses in cited.items():
        for page, number in uses:
            note = site.page(page).find(id=f"fn:{number}")
            assert note.find("a", class_="cite-work", href=f"../bibliography/#{key}"), (key, number)


def test_entries_link_back_to_every_footnote_that_cites_them(site):
    page = site.page("bibliography")
    for key, uses in citations_in_docs().items():
        meta = page.find(id=key).select_one(".bib-entry__meta")
        links = [(a.get_text(), a["href"]) for a in meta.find_all("a") if "#fn:" in a["href"]]
        assert links == [(f"n.\u00a0{n}", f"../{p}/#fn:{n}") for p, n in sorted(uses, key=lambda u: u[1])]
    yau = page.find(id="yau2019smart").select_one(".bib-entry__meta").get_text(" ", strip=True)
    assert yau.startswith("Cited in n.\u00a016 , n.\u00a018")


# The works only the editors' annotations cite: their own section, each linked to the notes.
# Each links back to what rests on it: annotations, glossary and index entries (and ledger records).
def test_works_consulted_by_the_editors_link_back_to_what_cites_them(site):
    page = site.page("bibliography")
    heading = page.find(id="works-consulted-by-the-editors")
    consulted = [e["id"] for e in heading.find_all_next("div", class_="bib-entry")]
    assert consulted and not set(consulted) & set(citations_in_docs())
    for key in consulted:
        links = [a for a in page.find(id=key).select(".bib-entry__meta a")
                 if re.search(r"#note-|^\.\./(glossary|entities|claims)/#", a["href"])]
        assert links, key
        for link in links:
            target, note = link["href"].split("#")
            assert site.page(target.strip("./").rstrip("/")).find(id=note), (key, link["href"])


def test_every_url_has_its_archive_link(site):
    page = site.page("bibliography")
    for key, fields in bib_entries().items():
        archive = page.find(id=key).find("a", class_="bib-archive")
        if "url" in fields:
            assert archive["href"] == ARCHIVE + fields["url"]
            assert page.find(id=key).find("a", href=fields["url"])
        else:
            assert archive is None


@pytest.mark.content
@pytest.mark.parametrize(
    "key, expected",
    [
        # Chicago author-date (CMOS 18, chap. 13): author, year, quoted title in
        # headline case, italic periodical, month and day, URL.
        ("yau2019smart", "Yau, Tsz Yan. 2019. “Smart Cities or Surveillance? Huawei in Central Asia.” "
                         "The Diplomat, August 7. "
                         "https://thediplomat.com/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/."),
        # Same author, same year: a, b, c, d in order of title.
        ("xu1994kazakhstan", "Xu, Hongzhi. 1994a. “China and Kazakhstan Signed Border Agreements and "
                             "Other Documents.” People’s Daily, April 26."),
        ("xu1994karimov", "Xu, Hongzhi. 1994d. “Premier Li Peng and President Karimov Attended Signatory "
                          "Ceremony of Four Documents.” People’s Daily, April 20."),
        # No date: n.d.; an organization as author.
        ("unescap-nd-list", "United Nations Economic and Social Commission for Asia and the Pacific "
                            "(UNESCAP). n.d. “List of Participants at the High-Level Regional Roundtable on "
                            "Telecommunications Connectivity in Central Asia.” https://www.unescap.org/sites/"
                            "default/files/List%20of%20participants%20Almaty%20final.pdf."),
    ],
)
def test_entries_are_formatted_in_chicago_author_date(site, key, expected):
    assert entry_text(site.page("bibliography").find(id=key)) == expected


def test_entries_are_sorted_by_author_or_title(site):
    page = site.page("bibliography")
    consulted = page.find(id="works-consulted-by-the-editors").find_all_next("div", class_="bib-entry")
    cited = [e for e in page.select("div.bib-entry") if e not in consulted]
    for section in (cited, consulted):
        # By the author (or title) before the year, compared on its first two letters or digits:
        # past those, CSL processors collate by Unicode rules (pandoc puts "Xi'an Declaration"
        # before "Xi, Jinping" and "PR Newswire" before "Privacy International").
        sort_keys = [re.sub(r"[\W_]", "", re.split(r"\. (?=\d{4}|n\.d\.)", entry_text(e))[0]).casefold()[:2]
                     for e in section]
        assert sort_keys == sorted(sort_keys)


@pytest.mark.content
def test_footnote_9_keeps_its_misprint_and_the_entry_has_the_correction(site):
    note = site.page("en-route-to-beijing").find(id="fn:9")
    assert note.find("a", href="http://eng.sectsc.org/news/20191128/608790.html")
    assert "eng.sectsco.org" in note.find("ins", class_="critic").get_text()
    fields = bib_entries()["sco2019unescap"]
    assert fields["url"] == "http://eng.sectsco.org/news/20191128/608790.html"
    assert "eng.sectsc.org" in fields["note"]


# The downloads, read back by independent readers: tests/test_exports.py.


# Bad input, each on a tiny site with one defect.

GOOD_BIB = "@online{work, title = {A title}, date = {2019}, url = {http://example.org/a}}\n"
CITING = {"index.md": "Home.\n",
          "a.md": "Text.[^1]\n{#p1}\n\n[^1]: [A title](@work), 2019.\n"}


@pytest.mark.parametrize(
    "pages, bib, message",
    [
        ({**CITING, "a.md": CITING["a.md"].replace("@work", "@wrok")}, {"report.bib": GOOD_BIB},
         "a.md: footnote [^1] cites '@wrok', which is not in"),
        (CITING, {"report.bib": GOOD_BIB + "@online{unused, title = {B}, year = {2020}}\n"},
         "bib/report.bib: entry 'unused' is cited by no footnote"),
        (CITING, {"report.bib": "@online{work, title = {A title}, date = {2019}\n\n@online{x,}\n"},
         "bib/report.bib: malformed BibTeX: syntax error in line 3: '}' expected"),
        (CITING, {"report.bib": GOOD_BIB, "more.bib": GOOD_BIB},
         "bib/report.bib: entry 'work' is also defined in bib/more.bib"),
        (CITING, {"report.bib": "@online{work, date = {2019}}\n"},
         "bib/report.bib: entry 'work' has no title: add a field title"),
        (CITING, {"report.bib": "@online{work, title = {A title}}\n"},
         "bib/report.bib: entry 'work' has no date: add date"),
        ({**CITING, "b.md": "See [the work](@work).\n"}, {"report.bib": GOOD_BIB},
         "b.md: citation (@work) outside a footnote"),
    ],
    ids=["unknown key", "uncited entry", "malformed file", "duplicate key", "no title", "no date",
         "outside a note"],
)
def test_bad_bibliography_input_stops_the_build(tmp_path, pages, bib, message):
    site = tiny_site(tmp_path, pages, bib=bib)
    assert site.returncode != 0, site.log
    assert message in site.log, site.log


def test_tiny_site_with_good_bibliography_builds(tmp_path):
    site = tiny_site(tmp_path, CITING, bib={"report.bib": GOOD_BIB})
    assert site.returncode == 0, site.log
    page = (tmp_path / "site/bibliography/index.html").read_text()
    assert 'id="work"' in page and 'href="../a/#fn:1"' in page


def test_the_vendored_styles_are_the_styles_the_edition_uses():
    from edition.pages import bibliography, cite
    used = {bibliography.STYLE} | {style for style, _ in cite.STYLES.values()}
    assert {path.stem for path in (ROOT / "vendor/csl").glob("*.csl")} == used


def test_a_style_that_is_not_vendored_stops_the_build_with_the_fix():
    from edition import citeproc
    with pytest.raises(EditionError, match=r"CSL style 'harvard1' is not in .*vendor/csl: copy its .csl file"):
        citeproc.style_path("harvard1")
