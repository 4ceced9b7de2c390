"""The claim ledger (data/claims/<section>.yml, model/claims.py, pages/claims.py): a seed ledger
on a tiny edition made for these tests (two sections, a footnote, a correction note), its page
and its ClaimReview JSON-LD read by extruct, every rule with one defect each, what the ledger
must cover, and the real edition's coverage (which needs the fact-checkers' files)."""
from __future__ import annotations

import re
from pathlib import Path

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup

from edition.model import claims
from edition.model.anchors import Anchor
from edition.pages import claims as claim_ledger
from helpers import REPORT_PAGES, ROOT, build_edition, build_in_process, site_files, tiny_config
from projects import REAL

# The seed: an invented edition, two sections, with 3 records in the first and 2 in the second.
PAGES = {
    "index.md": "Home.\n",
    "alpha.md": """\
        # Alpha

        The SCO was *founded in 2001*, and its members share a 3,000-kilometer border.[^1]
        {#p1}

        By 2018, trade reached $19.8 billion, up 40% since the 1990s.
        {#p2}

        [^1]: ["SCO founded."](@sco2001) *Xinhua*, June 15, 2001, <http://example.org/2001/0615.html>.
        """,
    "beta.md": """\
        # Beta

        In May 2015, Russia and China agreed to link the EAEU and the Belt and Road Initiative, a plan of 2013.
        {#p3}
        """,
    # /cite/ (made from data/work.yml, which the JSON-LD needs) links here.
    "about-this-edition.md": "# About this edition\n\n## What each page describes\n\nEach page.\n",
}
REPORT_BIB = """\
@online{sco2001,
  author = {{Xinhua}},
  title = {SCO founded},
  date = {2001-06-15},
  url = {http://example.org/2001/0615.html},
}
"""
EDITORS_BIB = """\
@online{charter2002,
  author = {{Shanghai Cooperation Organization}},
  title = {Charter},
  date = {2002-06-07},
  url = {http://example.org/charter},
}
@online{customs2019,
  author = {{General Administration of Customs}},
  title = {Trade in 2018},
  date = {2019-01-14},
  url = {http://example.org/customs},
}
@online{statement2015,
  author = {{Kremlin}},
  title = {Joint statement},
  date = {2015-05-08},
  url = {http://example.org/statement},
}
"""
ANNOTATIONS = """\
- id: p2-trade
  paragraph: p2
  phrase: $19.8 billion
  kind: correction
  author: Editors
  added_in: 0.1.0
  text: China's customs give $18.0 billion for 2018.
  cites: [customs2019]
- id: p3-context
  paragraph: p3
  kind: context
  author: Editors
  added_in: 0.1.0
  text: The Belt and Road Initiative.
"""
ALPHA = """\
- id: p1-founded
  where: p1
  words: founded in 2001
  kind: date
  claim: The SCO was founded in 2001.
  verdict: confirmed
  explanation: The *charter* names 15 June 2001.
  sources: [charter2002]
- id: p1-border
  where: p1
  words: share a 3,000-kilometer border
  kind: distance
  claim: Its members share a border of 3,000 km.
  verdict: partly-right
  explanation: Only China and Kazakhstan share a border that long.
  sources: [charter2002]
- id: fn1-citation
  where: fn:1
  words: "Xinhua, June 15, 2001"
  kind: citation
  claim: Xinhua reported it on 15 June 2001.
  verdict: confirmed
  explanation: The agency's page is dated so.
  sources: [sco2001]
- id: p2-trade
  where: p2
  words: $19.8 billion
  kind: figure
  claim: Trade reached $19.8 billion in 2018.
  verdict: corrected
  note: p2-trade
  sources: [customs2019]
- id: p2-growth
  where: p2
  words: up 40% since the 1990s
  kind: figure
  claim: Trade grew by 40 percent since the 1990s.
  verdict: cannot-check
  explanation: No series of the region's trade with China goes back to the 1990s.
  tried: China's customs yearbooks from 1995 on; none gives a series back to the 1990s.
"""
BETA = """\
- id: p3-may-2015
  where: p3
  words: In May 2015
  kind: date
  claim: Russia and China agreed in May 2015.
  verdict: confirmed
  explanation: The joint statement is dated 8 May 2015.
  sources: [statement2015]
- id: p3-bri-2013
  where: p3
  words: a plan of 2013
  kind: date
  claim: The Belt and Road Initiative was announced in 2013.
  verdict: confirmed
  explanation: Announced in Astana in September 2013.
  sources: [statement2015]
"""
WORK = (ROOT / "data/work.yml").read_text(encoding="utf-8")
NAV = ["index.md", {"The report": ["alpha.md", "beta.md"]}, {"Apparatus": ["claims.md", "bibliography.md"]},
       {"The edition": ["about-this-edition.md"]}]
SITE_URL = "http://127.0.0.1:8000/"


def data(**changed: str) -> dict[str, str]:
    files = {"annotations.yml": ANNOTATIONS, "claims/alpha.yml": ALPHA, "claims/beta.yml": BETA,
             "work.yml": WORK}
    files.update((name.replace("__", "/").replace("_yml", ".yml"), text) for name, text in changed.items())
    return {name: text for name, text in files.items() if text is not None}


def build(tmp: Path, files: dict[str, str], material: bool = False, nav: list = NAV,
          editors_bib: str = EDITORS_BIB):
    config = tiny_config(tmp, PAGES, nav)
    if material:  # the theme whose templates carry the edition's <head> (overrides/main.html)
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["theme"] = {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False}
        settings["extra"] = {"edition": {"formats": False}}
        config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    site_files(tmp, PAGES, files, {"report.bib": REPORT_BIB, "editors.bib": editors_bib})
    return build_in_process(config, tmp / "site")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    site = build(tmp_path_factory.mktemp("claims"), data(), material=True)
    assert site.returncode == 0, site.log
    return site


# The page


def test_the_page_shows_every_record_with_its_anchor_and_links(seed):
    page = seed.page("claims").find("article")
    records = page.select("div.claim")
    assert [r["id"] for r in records] == ["p1-founded", "p1-border", "fn1-citation", "p2-trade",
                                          "p2-growth", "p3-may-2015", "p3-bri-2013"]  # reading order
    founded = page.find(id="p1-founded")
    assert [a["href"] for a in founded.find_all("a")] == ["../alpha/#p1", "../bibliography/#charter2002"]
    assert "The report states: The SCO was founded in 2001. Verdict: confirmed." in " ".join(founded.get_text().split())
    assert founded.find("em").get_text() == "charter"  # the explanation is Markdown
    citation = page.find(id="fn1-citation")
    assert citation.find("a")["href"] == "../alpha/#fn:1"
    # A record explained by its note links to the note and gives its text (written once).
    trade = page.find(id="p2-trade")
    assert trade.find("a", href="../alpha/#note-p2-trade").get_text() == "2a"
    assert "China's customs give $18.0 billion for 2018." in trade.get_text()
    assert "What was tried: China's customs yearbooks" in page.find(id="p2-growth").get_text()
    assert page.find(id="p2-growth").find("a", href=re.compile("bibliography")) is None


def test_the_verdicts_are_counted_by_section(seed):
    table = seed.page("claims").find("article").find("table")
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
    assert rows == [["Section", "Confirmed", "Corrected", "Partly right", "Cannot be checked", "Records"],
                    ["Alpha", "2", "1", "1", "1", "5"], ["Beta", "2", "0", "0", "0", "2"],
                    ["All", "4", "1", "1", "1", "7"]]
    assert table.find("a", string="Alpha")["href"] == "#alpha"


def test_the_bibliography_links_back_to_the_records(seed):
    entry = seed.page("bibliography").find(id="charter2002")
    assert [a["href"] for a in entry.select(".bib-entry__meta a") if "claims" in a["href"]] == ["../claims/#p1-founded"]


# Every record as a schema.org ClaimReview, read by extruct (the extractor Scrapy projects use).
def test_extruct_reads_every_record_as_a_claim_review(seed):
    html = (seed.path / "claims" / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(html, base_url=SITE_URL + "claims/", syntaxes=["json-ld"])["json-ld"]
    reviews = [item for item in found if item.get("@type") == "ClaimReview"]
    ledger = {c.id: c for c in build_edition(seed.path.parent).claims}
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == list(ledger)
    page = BeautifulSoup(html, "html.parser")
    labels = {"confirmed": "Confirmed", "corrected": "Corrected", "partly-right": "Partly right",
              "cannot-check": "Cannot be checked"}
    for review in reviews:
        record = ledger[review["url"].rsplit("#", 1)[1]]
        assert review["url"] == f"{SITE_URL}claims/#{record.id}" and page.find(id=record.id)
        assert review["claimReviewed"] == record.claim
        assert review["author"]["@type"] == "Organization" and review["author"]["name"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == labels[record.verdict]
        assert ("ratingValue" in rating) == (record.verdict != "cannot-check")
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["author"]["name"] == "Niva Yau"
        page_of = "alpha" if record.where.number < 3 else "beta"
        assert claim["appearance"]["url"] == f"{SITE_URL}{page_of}/#{record.where}"
        assert claim["firstAppearance"]["datePublished"] == "2020-09"
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"].get("ratingValue") for r in reviews}
    assert ratings == {"Corrected": 1, "Partly right": 2, "Confirmed": 3, "Cannot be checked": None}


def test_the_appearance_of_each_claim_is_an_anchor_of_its_page(seed):
    for record in build_edition(seed.path.parent).claims:
        page = "alpha" if record.where.number < 3 else "beta"
        assert seed.page(page).find(id=str(record.where)) is not None, record.id


def test_no_ledger_no_page(tmp_path):
    nav = [entry for entry in NAV if entry != {"Apparatus": ["claims.md", "bibliography.md"]}]
    customs = EDITORS_BIB[EDITORS_BIB.index("@online{customs2019"):EDITORS_BIB.index("@online{statement2015")]
    site = build(tmp_path, data(claims__alpha_yml=None, claims__beta_yml=None), nav=nav, editors_bib=customs)
    assert site.returncode == 0, site.log
    assert not (tmp_path / "site/claims").exists()


# What a handout's exercise key needs: the records of one section, in reading order.
def test_the_model_gives_each_sections_records(seed):
    edition = build_edition(seed.path.parent)
    assert [c.id for c in edition.claims_on("beta.md")] == ["p3-may-2015", "p3-bri-2013"]
    trade = next(c for c in edition.claims_on("alpha.md") if c.id == "p2-trade")
    assert trade.explanation == "China's customs give $18.0 billion for 2018."  # its note's text
    assert (trade.verdict_label, trade.where) == ("Corrected", Anchor("p", 2))
    assert edition.works["charter2002"].cited_in_claims == ("p1-founded", "p1-border")


# Bad input: one defect each, the exact message


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


MAY = "where: p3\n  words: In May"
STATEMENT = "  explanation: The joint statement is dated 8 May 2015.\n"
BAD = [
    ("unknown verdict",
     {"claims__alpha_yml": replace(ALPHA, "verdict: confirmed", "verdict: sure")},
     "data/claims/alpha.yml, line 6, record 'p1-founded', field 'verdict': 'sure' is not one of confirmed, "
     "corrected, partly-right, cannot-check: use one of them"),
    ("no explanation and no note",
     {"claims__alpha_yml": replace(ALPHA, "  explanation: The *charter* names 15 June 2001.\n", "")},
     "data/claims/alpha.yml, line 1, record 'p1-founded', field 'explanation': a record without a note must "
     "explain its verdict: write explanation: (what the sources show), or name the annotation that says it in note:"),
    ("an explanation beside a note",
     {"claims__alpha_yml": replace(ALPHA, "  note: p2-trade\n", "  note: p2-trade\n  explanation: Again.\n")},
     "record 'p2-trade', field 'explanation': the note named in 'note' is the record's explanation: one fact is "
     "written once: remove explanation:, or remove note: and keep the explanation here"),
    ("no sources",
     {"claims__beta_yml": replace(BETA, "  sources: [statement2015]\n", "")},
     "data/claims/beta.yml, line 1, record 'p3-may-2015', field 'sources': a verdict needs the works it rests on"),
    ("cannot-check without tried",
     {"claims__alpha_yml": replace(ALPHA, "  tried: China's", "  source: China's")},
     "record 'p2-growth', field 'tried': a record that cannot be checked must say what was tried"),
    ("id without its anchor",
     {"claims__beta_yml": replace(BETA, "id: p3-may-2015", "id: may-2015")},
     "data/claims/beta.yml, line 1, record 'may-2015', field 'id': 'may-2015' is not an id that starts with its "
     "anchor (p9- or fn5-)"),
    ("id of another anchor",
     {"claims__beta_yml": replace(BETA, "id: p3-may-2015", "id: p4-may-2015")},
     "record 'p4-may-2015', field 'id': 'p4-may-2015' does not start with its anchor 'p3-': start the id with p3-"),
    ("id in two files",
     {"claims__beta_yml": replace(BETA, "id: p3-bri-2013", "id: p1-founded")},
     "data/claims/beta.yml, line 9, record 'p1-founded', field 'id': 'p1-founded' is also a record of "
     "data/claims/alpha.yml: give each record its own id"),
    ("no such paragraph",
     {"claims__beta_yml": replace(BETA, MAY, MAY.replace("p3", "p9"))},
     "record 'p3-may-2015', field 'where': 'p9' is not in the text: give a paragraph (pN) or footnote (fn:N) "
     "that exists"),
    ("a paragraph of another section",
     {"claims__beta_yml": replace(BETA, MAY, MAY.replace("p3", "p1"))},
     "record 'p3-may-2015', field 'where': p1 is on alpha.md, not on beta.md: move the record to "
     "data/claims/alpha.yml"),
    ("words not in the paragraph",
     {"claims__beta_yml": replace(BETA, "words: In May 2015", "words: In June 2015")},
     "data/claims/beta.yml, line 3, record 'p3-may-2015', field 'words': 'In June 2015' is not in p3 (as a reader "
     "sees it): copy the words exactly as the edition shows them, without note numbers or markup"),
    ("words twice in the paragraph",
     {"claims__beta_yml": replace(BETA, "words: a plan of 2013", "words: the")},
     "record 'p3-bri-2013', field 'words': 'the' occurs 2 times in p3: quote a longer run of the report's words"),
    ("words with markup",
     {"claims__alpha_yml": replace(ALPHA, "words: founded in 2001", "words: '*founded in 2001*'")},
     "record 'p1-founded', field 'words': '*founded in 2001*' is not in p1 (as a reader sees it)"),
    ("words with a note number",
     {"claims__alpha_yml": replace(ALPHA, "words: share a 3,000-kilometer border", "words: 3,000-kilometer border.1")},
     "record 'p1-border', field 'words': '3,000-kilometer border.1' is not in p1"),
    ("no such note",
     {"claims__alpha_yml": replace(ALPHA, "note: p2-trade", "note: p2-trades")},
     "record 'p2-trade', field 'note': 'p2-trades' is not the id of an annotation: name an annotation of "
     "data/annotations.yml"),
    ("a note on another paragraph",
     {"claims__beta_yml": replace(BETA, STATEMENT, "  note: p2-trade\n")},
     "record 'p3-may-2015', field 'note': annotation 'p2-trade' is on p2, not on p3"),
    ("a correction confirmed",
     {"claims__alpha_yml": replace(ALPHA, "verdict: corrected", "verdict: confirmed")},
     "record 'p2-trade', field 'verdict': 'confirmed' does not fit annotation 'p2-trade', a correction: a correction's "
     "record is corrected or partly-right"),
    ("a correction outside the ledger",
     {"claims__alpha_yml": replace(ALPHA, "  note: p2-trade\n", "  explanation: Customs say otherwise.\n")},
     "data/annotations.yml, line 4, annotation 'p2-trade', field 'kind': this correction is not in the claim ledger: "
     "add a record to data/claims/alpha.yml with where: p2, note: p2-trade and verdict corrected or partly-right"),
    ("a source not in bib/",
     {"claims__beta_yml": replace(BETA, "[statement2015]\n- id: p3-bri", "[statement2016]\n- id: p3-bri")},
     "data/claims/beta.yml, line 8, record 'p3-may-2015', field 'sources[1]': 'statement2016' is not in bib/: "
     "correct the key or add the work to bib/editors.bib"),
    ("a file for no section",
     {"claims__gamma_yml": BETA},
     "data/claims/gamma.yml: 'gamma' is not a section of the report: name the file after a section's page: "
     "alpha.yml, beta.yml"),
]


@pytest.mark.parametrize("changed, message", [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_record_stops_the_build(tmp_path, changed, message):
    site = build(tmp_path, data(**changed))
    assert site.returncode != 0, site.log
    assert message in site.log, site.log


def test_every_problem_of_the_ledger_is_reported_at_once(tmp_path):
    # A file that fails its schema is not checked further (its records may lack fields).
    alpha = replace(replace(ALPHA, "verdict: confirmed", "verdict: sure"), "words: founded in 2001", "words: gone")
    beta = replace(BETA, "words: In May 2015", "words: In June 2015")
    site = build(tmp_path, data(claims__alpha_yml=alpha, claims__beta_yml=beta))
    assert site.returncode != 0
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR   -  edition: ")]
    assert len(errors) == 2, site.log
    assert "alpha.yml, line 6, record 'p1-founded', field 'verdict': 'sure' is not one of" in errors[0]
    assert "beta.yml, line 3, record 'p3-may-2015', field 'words': 'In June 2015' is not in p3" in errors[1]
    assert "2 errors in the edition's data" in site.log


def test_the_seed_builds_without_a_warning(tmp_path):
    site = build(tmp_path, data())
    assert site.returncode == 0 and "WARNING" not in site.log, site.log


# What the ledger must cover (claims.checkable, the one definition)


@pytest.mark.parametrize("text, tokens", [
    ("founded in 2001, and in May 2015", ["2001", "2015"]),
    ("By 2018, at $19.8 billion, up 40% or 12 percent", ["2018", "$19.8 billion", "40%", "12 percent"]),
    ("a 3,000-kilometer-long border; over 2,000 years", ["3,000-kilometer", "2,000"]),
    ("in the 1990s and early 2000s, in the 21st century", ["1990s", "2000s", "21st"]),
    ("cut 6-8 days, down from the usual 10 days; 93 times", ["6", "8", "10", "93"]),
    ("Huawei's 5G, the G20 and the COVID-19 pandemic", []),
    ("Issue No. 1, Serial No. 686, 1992, http://www.gov.cn/gongbao/1992/gwyb199201.pdf.", ["1", "686", "1992"]),
    ("2019, http://example.org/news/20191128/608790.html[read: http://example.org/2/3.html].", ["2019"]),
    ("over $700 million, and $34 million", ["$700 million", "$34 million"]),
])
def test_every_number_is_checkable_and_nothing_else(text, tokens):
    assert [token.text for token in claims.checkable(text)] == tokens


def test_the_words_a_reader_sees_are_the_words_of_the_rule():
    source = 'The *SCO* [was founded](@key) in 2001.[^1] {++[sic]++}'
    assert claims.reader_words(source) == "The SCO was founded in 2001. [sic]"


def test_uncovered_numbers_are_listed_with_their_anchor(seed):
    missing = [(str(anchor), token.text) for anchor, token in claims.uncovered(build_edition(seed.path.parent))]
    assert missing == [("p2", "2018")]  # by "By 2018": no record's words hold it


# The rule `words` follow is the one the annotations' phrases follow on the built pages
# (markdown/marks.py): every phrase of the real edition is found once in the reader's words.
def test_every_annotation_phrase_is_once_in_the_readers_words():
    edition = build_edition()
    for note in edition.annotations:
        if note.phrase:
            assert claims.words_of(edition, note.paragraph).count(note.phrase) == 1, note.id


# The real edition. These need the fact-checkers' ledger (data/claims/, branches i27-facts-a and
# i27-facts-b) and the nav's entry for its page: they fail until both are merged.


def test_every_section_of_the_report_has_its_ledger():
    found = sorted(path.stem for path in (ROOT / claims.FOLDER).glob("*.yml"))
    assert found == sorted(REPORT_PAGES), f"data/claims/ holds {found}"


def test_the_ledger_covers_every_number_of_the_report():
    missing = claims.uncovered(build_edition())
    assert not missing, f"{len(missing)} numbers of the report are in no record's words:\n" + "\n".join(
        f"  {anchor}: {token.text}" for anchor, token in missing)


def test_the_ledgers_page_is_in_the_navs_apparatus_group():
    nav = REAL.config["nav"]
    apparatus = next(group["Apparatus"] for group in nav if isinstance(group, dict) and "Apparatus" in group)
    assert claim_ledger.PAGE in apparatus


# A correction corrects: doubt is a caveat, which says what was tried (issue 27).
def test_no_correction_says_the_editors_could_not_check_it():
    doubt = re.compile(r"\b(could|can)\s?not\b[^.]*\b(verif|confirm)|\bunable to (verif|confirm)"
                       r"|\bnot (been )?(verified|confirmed)", re.IGNORECASE)
    notes = yaml.safe_load((ROOT / "data/annotations.yml").read_text(encoding="utf-8"))
    doubting = [note["id"] for note in notes if note["kind"] == "correction" and doubt.search(note["text"])]
    assert doubting == [], "corrections that say what the editors could not verify (make them caveats): " \
        + ", ".join(doubting)
