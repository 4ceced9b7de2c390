"""The timeline (data/timeline.yml, read once by the model into `Edition.events`;
hooks/edition/pages/timeline.py): the data against the text, the model's reading of a
file and its message for a bad entry, and the HTML."""
from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.errors import EditionError
from edition.model import apparatus
from edition.model.anchors import Anchor
from edition.model.edition import Event, Paragraph
from edition.model.events import MONTHS
from edition.model.schema import Problems
from edition.model.text import Text
from edition.pages.timeline import timeline_html
from helpers import build_edition


@pytest.fixture(scope="module")
def edition():
    return build_edition()


@pytest.fixture(scope="module")
def events(edition) -> tuple[Event, ...]:
    return edition.events


# The report's passages as written in docs/, from the model: paragraph and note -> its Markdown.
@pytest.fixture(scope="module")
def passages(edition) -> dict[Anchor, str]:
    return {anchor: item.markdown for holder in (edition.paragraphs, edition.notes)
            for anchor, item in holder.items()}


# The data


@pytest.mark.content
def test_the_timeline_is_in_chronological_order(events):
    assert len(events) > 20  # the model holds the file's events (32 in 0.1.0), not none
    assert [e.year for e in events] == sorted(e.year for e in events)
    for year in {e.year for e in events}:
        dates = [e.date for e in events if e.year == year and e.date]
        assert dates == sorted(dates), year


@pytest.mark.content
def test_every_cited_paragraph_and_footnote_exists_in_the_text(events, passages):
    assert len([p for p in passages if p.kind == "p"]) == 29
    assert len([p for p in passages if p.kind == "fn"]) == 19
    missing = [(e.anchor, e.label) for e in events if e.anchor not in passages]
    assert not missing


# A date the cited passage does not print needs an editors' note saying where it comes from.
@pytest.mark.content
def test_a_year_or_month_the_passage_does_not_print_is_explained_in_a_note(events, passages):
    for event in events:
        text, shown = passages[event.anchor], [str(event.year)]
        if event.date:
            shown.append(MONTHS[int(event.date[5:7]) - 1])
        if not all(word in text for word in shown):
            assert event.note, f"{event.label}: {shown} not in {event.anchor}"


@pytest.mark.content
@pytest.mark.parametrize("year, words", [
    (1992, "Tian Zengpei"), (1994, "Li Peng"), (1989, "Tiananmen"), (2004, "working groups"),
    (2012, "Weidong Cloud Education"), (2016, "Tashkent"), (2019, "Memorandum"),
    (2020, "Uzbekistan"),
])
def test_key_events_are_there(events, year, words):
    assert any(e.year == year and words in e.label for e in events)


@pytest.mark.content
def test_the_smgs_date_is_the_reports_with_a_caveat(events):
    smgs = next(e for e in events if "SMGS" in e.label)
    assert (smgs.year, smgs.anchor) == (1957, Anchor("fn", 10))
    assert smgs.note and "1951" in smgs.note


# The model's reading of a file: the exact message for a bad entry, naming the file, the
# event and the field; the events as the model holds them


GOOD = textwrap.dedent("""\
    - year: 1992
      date: 1992-01
      label: Tian Zengpei tours Central Asia
      paragraph: p3
    """)


# The file's checks are its schema's (each defect and its message: tests/test_schema.py),
# then the model's: the passage must be in the text. Here a text of p3 and p20.
def read_events(tmp_path: Path, text: str) -> tuple[tuple[Event, ...], Problems]:
    (tmp_path / "data").mkdir()
    (tmp_path / apparatus.TIMELINE).write_text(textwrap.dedent(text), encoding="utf-8")
    passages = Text(paragraphs={Anchor("p", n): Paragraph(Anchor("p", n), "a.md", "") for n in (3, 20)})
    found, problems = apparatus.Apparatus(), Problems()
    apparatus.read_events(tmp_path, passages, found, problems)
    return found.events, problems


@pytest.mark.parametrize("entry, message", [
    ("- {year: 2021, label: Tour, paragraph: p3}\n",
     "data/timeline.yml, line 5, event 2, field 'year': 2021 is above 2020: "
     "give a year from 1800 to 2020 as a whole number, e.g. year: 1992"),
    ("- {year: 1993, label: Tour, paragraph: p7}\n",
     "data/timeline.yml, line 5, event 2, field 'paragraph': 'p7' is not in the text: "
     "use an existing pN or fn:N"),
])
def test_a_bad_event_stops_the_build_with_a_message(tmp_path, entry, message):
    events, problems = read_events(tmp_path, GOOD + entry)
    assert [str(problem) for problem in problems.items] == [message]
    with pytest.raises(EditionError, match="1 error in the edition's data"):
        problems.report(logging.getLogger("test"))


def test_reading_keeps_dates_as_written_and_puts_text_on_one_line(tmp_path):
    events, problems = read_events(tmp_path, """\
        - year: 2016
          date: 2016-06-22
          label: >-
            Xi   visits
            Tashkent
          paragraph: p20
        """)
    assert not problems.items
    assert events == (Event(2016, "Xi visits Tashkent", Anchor("p", 20), "2016-06-22"),)


# The HTML


def soup(events: tuple[Event, ...] | list[Event], links: dict[Anchor, str]) -> BeautifulSoup:
    return BeautifulSoup(timeline_html(events, links), "html.parser")


def event(**fields) -> Event:
    return Event(**{"year": 2014, "label": "Roundtable", "anchor": Anchor("p", 19), **fields})


P19 = Anchor("p", 19)


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
    item = soup([event(**fields)], {P19: "#p19"}).select_one("ol.timeline > li")
    assert [t["datetime"] for t in item.find_all("time")] == datetimes
    assert item.select_one(".timeline__date").get_text() == shown


@pytest.mark.parametrize("paragraph, href, shown, spoken", [
    ("p19", "../wrestling-for-digital-supremacy/#p19", "(¶\u00a019)", "paragraph 19"),
    ("fn:10", "../en-route-to-beijing/#fn:10", "(n.\u00a010)", "note 10"),
])
def test_each_event_links_to_its_passage(paragraph, href, shown, spoken):
    anchor = Anchor.parse(paragraph)
    item = soup([event(anchor=anchor)], {anchor: href}).li
    assert item.find("a", class_="timeline__label")["href"] == href
    where = item.find(class_="timeline__where")
    assert where.find(attrs={"aria-hidden": "true"}).get_text() == shown
    assert where.find(class_="visually-hidden").get_text() == spoken


def test_the_edition_timeline_renders_one_item_per_event(events):
    links = {e.anchor: f"#{e.anchor.id}" for e in events}
    items = soup(events, links).select("ol.timeline > li.timeline__event")
    assert len(items) == len(events)
    assert [i.find("a")["href"] for i in items] == [f"#{e.anchor.id}" for e in events]
    noted = [i for i in items if i.find(class_="timeline__note")]
    assert len(noted) == len([e for e in events if e.note])


def test_data_is_escaped():
    bad = event(label="<script>alert(1)</script>", note='"&<b>', when="<i>now</i>",
                date="2014-03")
    html = timeline_html([bad], {P19: '/x?a=1&b="2"'})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    item = BeautifulSoup(html, "html.parser").li
    assert item.find("script") is None
    assert item.a.get_text() == "<script>alert(1)</script>"
    assert item.a["href"] == '/x?a=1&b="2"'
    assert item.find(class_="timeline__note").get_text() == "Editors' note: \"&<b>"
    assert item.time.get_text() == "<i>now</i>"


def test_a_paragraph_without_a_link_stops_the_build():
    with pytest.raises(EditionError) as error:
        timeline_html([event()], {})
    assert str(error.value) == ("timeline: no link for 'p19' ('Roundtable'); "
                                "pass links[id] for every pN and fn:N the timeline cites")
