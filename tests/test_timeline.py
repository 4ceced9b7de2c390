"""The timeline (data/timeline.yml, hooks/edition/timeline.py): the data against the text,
the exact message for each kind of bad entry, and the HTML."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from edition.model.events import MONTHS, load_timeline
from edition.pages.timeline import timeline_html
from helpers import build_edition

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = ROOT / "data" / "timeline.yml"


# The report's passages as written in docs/, from the model: paragraph and note -> its Markdown.
def report_passages() -> dict[str, str]:
    edition = build_edition()
    return {anchor.id: item.markdown for holder in (edition.paragraphs, edition.notes)
            for anchor, item in holder.items()}


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return load_timeline(TIMELINE)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "timeline.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# The data


def test_the_timeline_is_in_chronological_order(events):
    assert [e["year"] for e in events] == sorted(e["year"] for e in events)
    for year in {e["year"] for e in events}:
        dates = [e["date"] for e in events if e["year"] == year and e["date"]]
        assert dates == sorted(dates), year


def test_every_cited_paragraph_and_footnote_exists_in_the_text(events):
    passages = report_passages()
    assert len([p for p in passages if p.startswith("p")]) == 29
    assert len([p for p in passages if p.startswith("fn:")]) == 19
    missing = [(e["paragraph"], e["label"]) for e in events if e["paragraph"] not in passages]
    assert not missing


# A date the cited passage does not print needs an editors' note saying where it comes from.
def test_a_year_or_month_the_passage_does_not_print_is_explained_in_a_note(events):
    passages = report_passages()
    for event in events:
        text, shown = passages[event["paragraph"]], [str(event["year"])]
        if event["date"]:
            shown.append(MONTHS[int(event["date"][5:7]) - 1])
        if not all(word in text for word in shown):
            assert event["note"], f"{event['label']}: {shown} not in {event['paragraph']}"


@pytest.mark.parametrize("year, words", [
    (1992, "Tian Zengpei"), (1994, "Li Peng"), (1989, "Tiananmen"), (2004, "working groups"),
    (2012, "Weidong Cloud Education"), (2016, "Tashkent"), (2019, "Memorandum"),
    (2020, "Uzbekistan"),
])
def test_key_events_are_there(events, year, words):
    assert any(e["year"] == year and words in e["label"] for e in events)


def test_the_smgs_date_is_the_reports_with_a_caveat(events):
    smgs = next(e for e in events if "SMGS" in e["label"])
    assert (smgs["year"], smgs["paragraph"]) == (1957, "fn:10")
    assert "1951" in smgs["note"]


# Bad entries: the exact message, naming the file, the event and the field


GOOD = textwrap.dedent("""\
    - year: 1992
      date: 1992-01
      label: Tian Zengpei tours Central Asia
      paragraph: p3
    """)


# The file's checks are its schema's (each defect and its message: tests/test_schema.py);
# load_timeline reads a file through it and stops on a bad one.
def test_a_bad_event_stops_the_build_with_a_message(tmp_path):
    path = write(tmp_path, GOOD + "- {year: 2021, label: Tour, paragraph: p3}\n")
    with pytest.raises(PluginError, match="1 error in the edition's data"):
        load_timeline(path)


def test_loading_normalises_dates_and_whitespace(tmp_path):
    path = write(tmp_path, """\
        - year: 2016
          date: 2016-06-22
          label: >-
            Xi   visits
            Tashkent
          paragraph: p20
        """)
    [event] = load_timeline(path)
    assert event == {"year": 2016, "date": "2016-06-22", "end_year": None, "when": None,
                     "label": "Xi visits Tashkent", "paragraph": "p20", "note": None}


# The HTML


def soup(events: list[dict], links: dict[str, str]) -> BeautifulSoup:
    return BeautifulSoup(timeline_html(events, links), "html.parser")


def event(**fields) -> dict:
    return {"year": 2014, "date": None, "end_year": None, "when": None, "label": "Roundtable",
            "paragraph": "p19", "note": None, **fields}


@pytest.mark.parametrize("fields, datetimes, shown", [
    ({}, ["2014"], "2014"),
    ({"date": "2014-03"}, ["2014-03"], "March 2014"),
    ({"year": 2016, "date": "2016-06-22"}, ["2016-06-22"], "22 June 2016"),
    ({"year": 2001, "end_year": 2011}, ["2001", "2011"], "2001–2011"),
    ({"year": 2019, "when": "summer 2019"}, ["2019"], "summer 2019"),
    ({"year": 2019, "date": "2019-11", "when": "early November 2019"}, ["2019-11"],
     "early November 2019"),
])
def test_each_event_shows_its_date_in_a_time_element(fields, datetimes, shown):
    item = soup([event(**fields)], {"p19": "#p19"}).select_one("ol.timeline > li")
    assert [t["datetime"] for t in item.find_all("time")] == datetimes
    assert item.select_one(".timeline__date").get_text() == shown


@pytest.mark.parametrize("paragraph, href, shown, spoken", [
    ("p19", "../wrestling-for-digital-supremacy/#p19", "(¶\u00a019)", "paragraph 19"),
    ("fn:10", "../en-route-to-beijing/#fn:10", "(n.\u00a010)", "note 10"),
])
def test_each_event_links_to_its_passage(paragraph, href, shown, spoken):
    item = soup([event(paragraph=paragraph)], {paragraph: href}).li
    assert item.find("a", class_="timeline__label")["href"] == href
    where = item.find(class_="timeline__where")
    assert where.find(attrs={"aria-hidden": "true"}).get_text() == shown
    assert where.find(class_="visually-hidden").get_text() == spoken


def test_the_edition_timeline_renders_one_item_per_event(events):
    links = {e["paragraph"]: f"#{e['paragraph']}" for e in events}
    items = soup(events, links).select("ol.timeline > li.timeline__event")
    assert len(items) == len(events)
    assert [i.find("a")["href"] for i in items] == [f"#{e['paragraph']}" for e in events]
    noted = [i for i in items if i.find(class_="timeline__note")]
    assert len(noted) == len([e for e in events if e["note"]])


def test_data_is_escaped():
    bad = event(label="<script>alert(1)</script>", note='"&<b>', when="<i>now</i>",
                date="2014-03")
    html = timeline_html([bad], {"p19": '/x?a=1&b="2"'})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    item = BeautifulSoup(html, "html.parser").li
    assert item.find("script") is None
    assert item.a.get_text() == "<script>alert(1)</script>"
    assert item.a["href"] == '/x?a=1&b="2"'
    assert item.find(class_="timeline__note").get_text() == "Editors' note: \"&<b>"
    assert item.time.get_text() == "<i>now</i>"


def test_a_paragraph_without_a_link_stops_the_build():
    with pytest.raises(PluginError) as error:
        timeline_html([event()], {})
    assert str(error.value) == ("timeline: no link for 'p19' ('Roundtable'); "
                                "pass links[id] for every pN and fn:N the timeline cites")
