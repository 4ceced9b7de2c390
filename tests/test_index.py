"""Glossary and index of names: data, matcher, pages, locators, links in the text, errors."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from edition.markdown.context import Current, PageInfo
from edition.markdown.extension import EditionExtension
from edition.model.edition import Entry, Part
from edition.model.names import Matcher
from edition.pages import index as index_page
from helpers import REPORT_PAGES, tiny_site
from import_report import SOURCE, parse_source

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = yaml.safe_load((ROOT / "data/glossary.yml").read_text())
ENTITIES = yaml.safe_load((ROOT / "data/entities.yml").read_text())


def entry(entry_id: str, *aliases: str, kind: str = "entity") -> Entry:
    return Entry(kind, entry_id, entry_id.title(), tuple(aliases), f"About {entry_id}.", None)


# The matcher

MATCHER = Matcher({alias: e for e in [
    entry("silk-road", "Silk Road"), entry("srEB", "Silk Road Economic Belt"),
    entry("us", "U.S."), entry("xi", "Xi", "Xi Jinping"), entry("sco", "SCO"),
] for alias in e.aliases})


@pytest.mark.parametrize(
    "text, found",
    [
        ("the Silk Road Economic Belt and the old Silk Road", ["Silk Road Economic Belt", "Silk Road"]),
        ("Xi Jinping's Belt and Road; under Xi", ["Xi Jinping", "Xi"]),
        ("for the U.S. to conduct", ["U.S."]),
        ("SCO's members, SCOs, xSCO, sco", ["SCO"]),  # whole words, case as written
        ("Xinjiang and Xiamen", []),
    ],
)
def test_matcher_takes_longest_whole_words(text, found):
    assert [text[s:e] for s, e, _ in MATCHER.find(text)] == found


# The tree walk, on small pages converted with the edition's extension alone

SECTION = PageInfo("a.md", "a/", Part("a.md", "a/", "A", "section", 1))


def convert(source: str, owners: dict[str, Entry] | None = None) -> tuple[str, Current]:
    owners = owners or {"SCO": entry("sco", "SCO", kind="term"), "Xi": entry("xi", "Xi")}
    current = Current(matcher=Matcher(owners), page=SECTION)
    md = markdown.Markdown(extensions=["attr_list", "footnotes", EditionExtension(current)])
    return md.convert(source), current


def anchors(current: Current, entry_id: str) -> set[str]:
    return {str(mention.anchor) for mention in current.rendered.mentions[entry_id]}


def test_first_mention_of_a_term_links_to_the_glossary_with_its_definition():
    html, current = convert("The SCO and Xi.\n{#p1}\n\nThe SCO again.\n{#p2}\n")
    assert html.count('class="gloss-term"') == 1
    assert '<a aria-describedby="gloss-tip-sco" class="gloss-term" href="glossary.md#sco">SCO</a>' in html
    assert '<span class="gloss-tip" id="gloss-tip-sco" role="tooltip"><strong>Sco</strong>: About sco.</span>' in html
    assert anchors(current, "sco") == {"p1", "p2"}
    assert anchors(current, "xi") == {"p1"}


@pytest.mark.parametrize(
    "source",
    [
        "## The SCO\n\nText.\n{#p1}\n",                            # heading
        "See [the SCO](https://example.org).\n{#p1}\n",             # link
        "Code `SCO` here.\n{#p1}\n",                                 # code
        '<aside class="pull-quote" markdown="1">\nTHE SCO\n</aside>\n\nText.\n{#p1}\n',  # pull quote
    ],
    ids=["heading", "link", "code", "pull quote"],
)
def test_no_mention_inside_headings_links_code_or_pull_quotes(source):
    html, current = convert(source)
    assert "gloss-term" not in html and "sco" not in current.rendered.mentions


def test_notes_are_indexed_but_terms_are_linked_in_paragraphs_only():
    html, current = convert("Text.[^1]\n{#p1}\n\n[^1]: The SCO, 2019.\n")
    assert "gloss-term" not in html
    assert anchors(current, "sco") == {"fn:1"}


def test_data_is_escaped_in_the_tooltip():
    evil = Entry("term", "sco", "SCO <b>", ("SCO",), "<script>alert(1)</script>", None)
    html, _ = convert("SCO.\n{#p1}\n", {"SCO": evil})
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# The built pages

def test_glossary_lists_every_term_a_to_z_with_anchor_and_locators(site):
    article = site.page("glossary").find("article")
    headings = article.find_all("h3")
    assert sorted(h["id"] for h in headings) == sorted(t["id"] for t in GLOSSARY)
    names = [h.get_text().rstrip("#").strip() for h in headings]
    assert names == sorted(names, key=str.casefold)
    for heading in headings:
        used = heading.find_next(string=re.compile("^Used in")).parent
        assert used.find("a"), f"{heading['id']} has no locator"


def test_entities_page_groups_every_name_by_type(site):
    article = site.page("entities").find("article")
    groups = [h.get_text().rstrip("#").strip() for h in article.find_all("h2")]
    assert groups == ["People", "Organizations", "Companies", "Places", "Agreements and initiatives"]
    ids = {h["id"] for h in article.find_all("h3")}
    assert {e["id"] for e in ENTITIES} <= ids
    assert {t["id"] for t in GLOSSARY if t.get("entity_type")} <= ids


# People by family name, as an index of names files them: "Miller, Chris" under M; Chinese
# names family name first, not inverted (data/entities.yml's sort_as). Written by hand from
# the list of people in the data, not from the code's output.
PEOPLE_IN_ORDER = [
    "Alimov, Rashid", "Hao Ping", "Hodgkinson, P.J.", "Jiang Zemin", "Karimov, Islam",
    "Kopytnik, Natalia", "Kravchenko, Alexey", "Li Lanqing", "Li Peng", "Matraimov, Rayimbek",
    "Miller, Chris", "Norov, Vladimir", "Otarashvili, Maia", "Putin, Vladimir", "Rao Aimin",
    "Shattuck, Thomas J.", "Shih, Gerry", "Tian Zengpei", "Tokayev, Kassym-Jomart",
    "Wang Duanrui", "Xi Jinping", "Xu Hongzhi", "Yau, Niva",
]


def test_the_index_lists_people_by_family_name(site):
    article = site.page("entities").find("article")
    headings = [h for h in article.find_all("h3") if h.find_previous("h2")["id"] == "person"]
    assert [h.get_text().rstrip("#").strip() for h in headings] == PEOPLE_IN_ORDER
    assert article.find("h3", id="chris-miller").get_text().startswith("Miller, Chris")


@pytest.mark.parametrize("name, group, sort_as, filed", [
    ("Chris Miller", "person", None, "Miller, Chris"),
    ("Thomas J. Shattuck", "person", None, "Shattuck, Thomas J."),
    ("Xi Jinping", "person", "Xi Jinping", "Xi Jinping"),
    ("Madonna", "person", None, "Madonna"),
    ("Alibaba Group", "company", None, "Alibaba Group"),
], ids=["given family", "middle initial", "family name first", "one name", "not a person"])
def test_how_the_index_files_a_name(name, group, sort_as, filed):
    entry = Entry("entity", "x", name, (name,), "A description.", group, {"sort_as": sort_as} if sort_as else {})
    assert index_page.filed_as(entry) == filed


# Hand-checked against the text: where each of these is named.
EXPECTED_LOCATORS = {
    "tian-zengpei": ["¶ 3", "¶ 5"],
    "irkeshtam": ["¶ 15"],
    "islam-karimov": ["fig. 2", "n. 2"],
    "wakhan-corridor": ["¶ 28"],
    "smgs": ["¶ 16", "n. 10"],
    "chris-miller": ["Title page"],
}


@pytest.mark.content
@pytest.mark.parametrize("entry_id, expected", EXPECTED_LOCATORS.items())
def test_locators_match_a_reading_of_the_text(site, entry_id, expected):
    block = site.page("entities").find(id=entry_id)
    line = block.find_next(string=re.compile("^Mentioned in")).parent
    assert [" ".join(a.get_text().split()) for a in line.find_all("a")] == expected


@pytest.mark.content
def test_every_alias_occurrence_in_a_paragraph_is_located(site):
    # An independent count: a plain whole-word search of each paragraph's source text.
    blocks = parse_source(SOURCE.read_text(encoding="utf-8"))
    page = site.page("entities")
    for item in ENTITIES:
        line = page.find(id=item["id"]).find_next(string=re.compile("^Mentioned in")).parent
        located = {a["href"].split("#")[1] for a in line.find_all("a") if "#p" in a["href"]}
        for block in (b for b in blocks if b.kind == "paragraph"):
            text = re.sub(r"<sup>\d+</sup>", "", block.text)
            if any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text) for a in item["aliases"]):
                longer = [o for e in ENTITIES + GLOSSARY if e is not item for o in e["aliases"]
                          if any(a in o and a != o for a in item["aliases"]) and o in text]
                if not longer:
                    assert f"p{block.number}" in located, (item["id"], block.number)


# Capitalised words of the text that are not names of the index, each for a reason.
NOT_INDEXED = {
    "months": {"January", "March", "April", "May", "June", "July", "August", "October", "November", "December"},
    "adjectives of nationality or region": {"Asian", "Central Asian", "Chinese", "Chinese-built",
        "Chinese-made", "Indian", "Kazakh", "Kyrgyz", "Russian", "Russian-Chinese", "Russian-educated Central Asian",
        "Russian-speaking", "Soviet", "Soviet-educated Chinese", "Soviet-secured", "Sovietized", "Turkmen",
        "Uzbek", "West", "Western"},
    "titles and offices": {"Chairman", "Deputy Minister of Foreign Affairs", "Junior Researcher",
        "Minister of Foreign Trade and Economic Cooperation", "President", "Presidents",
        "Secretary General", "Secretary-General"},
    "words of cited titles (the works are in the bibliography)": {"Connectivity", "Exclusive",
        "High-level", "List of Participants", "Meeting", "Press Statements",
        "Report on Transport Facilitation", "Speech", "Surveillance", "Week",
        "Forum of Information Technologies and Innovation Development"},
    "parts of bodies indexed under their parent": {"General Conference", "General Office",
        "Information Office", "Secretariat Bureau", "House"},
    "ambiguous: Li Peng or Li Lanqing": {"Li"},
    "numbering": {"No", "Serial No"},
    "sentence openings": {"The"},
}


@pytest.mark.content
def test_every_name_in_the_text_is_in_the_index():
    aliases = [a for e in ENTITIES + GLOSSARY for a in e["aliases"]]
    known = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(aliases, key=len, reverse=True))) + r")(?!\w)")
    allowed = set().union(*NOT_INDEXED.values())
    missing = set()
    for block in parse_source(SOURCE.read_text(encoding="utf-8")):
        if block.kind not in ("paragraph", "footnote", "caption"):
            continue
        text = known.sub(" @ ", re.sub(r"<sup>\d+</sup>|https?://\S+|<[^>]+>", "", block.text))
        # Capitalised words not at the start of a sentence, with their of/the/and links.
        for match in re.finditer(r"(?<![.!?:]\s)(?<!^)\b([A-Z][\w'’-]*(?:\s+(?:of|the|and|for|on|in)?\s*"
                                 r"[A-Z][\w'’-]*)*)", text):
            if match.group(1) not in allowed:
                missing.add(match.group(1))
    assert missing == set()


def test_terms_in_the_text_link_to_the_glossary_once_per_page(site):
    for name in REPORT_PAGES:
        page = site.page(name)
        links = page.select("article a.gloss-term")
        targets = [a["href"].split("#")[1] for a in links]
        assert len(targets) == len(set(targets)), name
        for link in links:
            assert not link.find_parent(["h1", "h2", "h3", "a", "sup", "code"])
            tip = page.find(id=link["aria-describedby"])
            assert tip is not None and tip.get("role") == "tooltip"
            assert tip.find_parent("div", class_="gloss-tips").has_attr("hidden")
    intro = site.page("introduction")
    sco = intro.select_one('a.gloss-term[href$="#sco"]')
    assert sco is not None and sco.find_parent("p")["id"] == "p3"


# Bad input, each on a tiny site with one defect.

PAGES = {"index.md": "Home.\n", "a.md": "The SCO met Xi.\n{#p1}\n"}
TERM = "- id: sco\n  term: Shanghai Cooperation Organization\n  aliases: [SCO]\n  definition: A body.\n"
PERSON = "- id: xi\n  type: person\n  name: Xi Jinping\n  aliases: [Xi]\n  description: A leader.\n"


@pytest.mark.parametrize(
    "glossary, entities, message",
    [
        (TERM, PERSON.replace("[Xi]", "[Xi, SCO]"),
         "data/entities.yml, line 4, entity 'xi', field 'aliases[2]': alias 'SCO' also belongs to term 'sco'"),
        (TERM + "  related: [csto\n", PERSON, "data/glossary.yml, line 6: not valid YAML"),
        (TERM, PERSON.replace("  type: person\n", ""), "data/entities.yml, line 1, entity 'xi', field 'type': missing"),
        (TERM + "  colour: blue\n", PERSON, "data/glossary.yml, line 5, term 'sco', field 'colour': unknown field"),
        (TERM, PERSON.replace("person", "deity"),
         "data/entities.yml, line 2, entity 'xi', field 'type': 'deity' is not one of"),
        (TERM, PERSON.replace("type: person", "type: place"),
         "data/entities.yml, line 1, entity 'xi', field 'coordinates': a place must have coordinates"),
        (TERM + "  related: [csto]\n", PERSON,
         "data/glossary.yml, line 5, term 'sco', field 'related[1]': 'csto' is not the id of a term"),
        (TERM, PERSON + PERSON.replace("xi", "hu").replace("[Xi]", "[Hu]"),
         "data/entities.yml: entry 'hu' is never mentioned in the text"),
    ],
    ids=["alias on two entries", "YAML syntax", "missing type", "unknown field", "unknown type",
         "place without coordinates", "unknown related term", "never mentioned"],
)
def test_bad_index_data_stops_the_build(tmp_path, glossary, entities, message):
    site = tiny_site(tmp_path, PAGES, {"glossary.yml": glossary, "entities.yml": entities})
    assert site.returncode != 0, site.log
    assert message in site.log, site.log


def test_tiny_index_builds_and_escapes_data(tmp_path):
    evil = TERM.replace("A body.", "A body <script>alert(1)</script>.")
    site = tiny_site(tmp_path, PAGES, {"glossary.yml": evil, "entities.yml": PERSON})
    assert site.returncode == 0, site.log
    for page in ("glossary", "a"):
        html = (tmp_path / f"site/{page}/index.html").read_text()
        assert "<script>alert" not in html, page
        assert "A body <script>alert(1)</script>." in BeautifulSoup(html, "html.parser").get_text(), page
    assert 'class="gloss-term"' in (tmp_path / "site/a/index.html").read_text()
    assert '<a href="../a/#p1">' in (tmp_path / "site/entities/index.html").read_text()


# The map and the timeline

def test_map_links_every_place_and_timeline_every_event(site):
    page = site.page("map-and-timeline").find("article")
    maps = page.select("svg.place-map")   # Eurasia, and Central Asia at a larger scale
    places = {e["id"] for e in ENTITIES if e["type"] == "place"}
    linked = [a["href"].split("#")[1] for svg in maps for a in svg.find_all("a")]
    assert sorted(linked) == sorted(places)   # each place once, on one of the maps
    events = yaml.safe_load((ROOT / "data/timeline.yml").read_text())
    items = page.select("ol.timeline > li")
    assert len(items) == len(events)
    for item, event in zip(items, events, strict=True):
        assert item.find("a", class_="timeline__label")["href"].endswith("#" + event["paragraph"])


def test_timeline_event_in_no_paragraph_stops_the_build(tmp_path):
    timeline = "- year: 2001\n  label: The SCO is founded\n  paragraph: p7\n"
    site = tiny_site(tmp_path, PAGES, {"glossary.yml": TERM, "entities.yml": PERSON, "timeline.yml": timeline})
    assert site.returncode != 0, site.log
    assert ("data/timeline.yml, line 3, event 1, field 'paragraph': 'p7' is not in the text: "
            "use an existing pN or fn:N") in site.log


# How identifiers were checked is said once on each page, not as a remark on each entry (issue 27).
def test_identifiers_are_explained_once_per_page_not_per_entry(site):
    from edition.pages.index import IDENTIFIERS
    for name in ("glossary", "entities"):
        text = " ".join(site.page(name).find("article").get_text().split())
        assert text.count(IDENTIFIERS) == 1, name
        assert "could not verify" not in text, name


# Every work a glossary or index entry names by its address is in the bibliography, cited by key
# (the entry's `cites`), so its page links it and /bibliography/ links back (issue 27).
def test_every_work_an_entry_names_by_address_is_cited_by_key():
    from helpers import build_edition

    edition = build_edition()

    def address(url: str) -> str:
        return url.rstrip("/.").split("://", 1)[-1]
    for entry in [*edition.terms.values(), *edition.entities.values()]:
        named = {address(url) for field in ("source", "note") for url in
                 re.findall(r"https?://[^\s,;)]+", str(entry.data.get(field, "")))}
        cited = {address(edition.works[key].csl.get("URL", "")) for key in entry.cites}
        assert named <= cited, (entry.ref, sorted(named - cited))


def test_a_work_an_entry_cites_must_be_in_bib(tmp_path):
    from helpers import tiny_site

    pages = {"index.md": "Home.\n", "a.md": "The SCO met.\n{#p1}\n"}
    term = ("- id: sco\n  term: Shanghai Cooperation Organization\n  aliases: [SCO]\n"
            "  definition: A regional organization.\n  cites: [nobody2020]\n")
    site = tiny_site(tmp_path, pages, {"glossary.yml": term, "entities.yml": ""})
    assert site.returncode != 0
    assert ("data/glossary.yml, line 5, term 'sco', field 'cites[1]': cites 'nobody2020', which is not in "
            "bib/: correct the key or add the work to bib/editors.bib") in site.log, site.log
