"""The model of the edition, built in memory from the real project (no subprocess)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from edition.model.anchors import Anchor
from edition.model.names import Matcher
from helpers import build_edition

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


def nav_report_pages() -> list[str]:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["nav"]
    return next(item["The report"] for item in nav if isinstance(item, dict) and "The report" in item)


def test_sections_come_from_the_nav_in_its_order(edition):
    assert [part.src_uri for part in edition.sections] == nav_report_pages()
    assert [part.number for part in edition.sections] == list(range(1, len(nav_report_pages()) + 1))
    assert edition.part("index.md").kind == "front" and edition.part("about-the-publisher.md").kind == "back"
    assert edition.part("glossary.md").kind == "apparatus" and edition.part("glossary.md").url == "glossary/"


def test_paragraphs_and_notes_in_reading_order_on_their_pages(edition):
    assert list(edition.paragraphs) == [Anchor("p", n) for n in range(1, 30)]
    assert sorted(edition.notes) == [Anchor("fn", n) for n in range(1, 20)]
    reading = [anchor for part in edition.parts for anchor in part.paragraphs]
    assert reading == list(edition.paragraphs)
    assert edition.part_of(Anchor("fn", 9)).src_uri == "en-route-to-beijing.md"
    assert edition.notes[Anchor("fn", 9)].called_in == Anchor("p", 16)
    assert "{#p" not in edition.paragraphs[Anchor("p", 3)].markdown
    assert edition.paragraphs[Anchor("p", 3)].notes == (Anchor("fn", 1),)
    assert [f.part for f in edition.figures.values()] == ["introduction.md", "wrestling-for-digital-supremacy.md"]


def test_works_know_the_notes_and_annotations_that_cite_them(edition):
    assert all(work.csl["id"] == key for key, work in edition.works.items())
    cited = {key for note in edition.notes.values() for key in note.cites}
    assert cited <= set(edition.works)
    for key in cited:
        assert edition.works[key].cited_in_notes == tuple(sorted(
            n.anchor for n in edition.notes.values() if key in n.cites))
    for annotation in edition.annotations:
        for key in annotation.cites:
            assert annotation.id in edition.works[key].cited_in_annotations


def test_annotations_are_labelled_by_paragraph_and_listed_in_reading_order(edition):
    for part in edition.sections:
        on_page = edition.annotations_on(part.src_uri)
        assert [a.paragraph.number for a in on_page] == sorted(a.paragraph.number for a in on_page)
        for paragraph in part.paragraphs:
            labels = [a.label for a in on_page if a.paragraph == paragraph]
            assert labels == [f"{paragraph.number}{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"[:len(labels)]]


def test_every_alias_names_one_entry_and_the_matcher_finds_the_longest(edition):
    owners = {entry.ref for entry in edition.aliases.values()}
    assert owners == {e.ref for e in edition.terms.values()} | {e.ref for e in edition.entities.values()}
    assert all(alias in entry.aliases for alias, entry in edition.aliases.items())
    found = [entry.id for _, _, entry in Matcher(edition.aliases).find("the Silk Road Economic Belt")]
    assert found == [edition.aliases["Silk Road Economic Belt"].id]


def test_the_rest_of_the_data(edition):
    assert edition.report is not None and edition.report.author.family == "Yau"
    assert edition.edition is not None and edition.edition.url.endswith("/")
    assert all(event.anchor.kind in ("p", "fn") for event in edition.events)
    assert [e.where for e in edition.emendations] == [Anchor("fn", 9)]
    released = [release for release in edition.releases if release.released]
    assert edition.repairs and released[0].version == edition.edition.version
    assert all(release.released for release in edition.releases[1:])  # only the first may be unreleased
    sections = {part.src_uri for part in edition.sections}
    assert edition.reading_path and all(step.page in sections and step.focus for step in edition.reading_path)
    assert edition.reading_path[0].page == "executive-summary.md" and edition.reading_path[0].time == "5 minutes"


# Settings: extra.edition in mkdocs.yml, the environment on top.

@pytest.mark.parametrize("extra, environ, expected", [
    ({}, {}, {"formats": True, "cache": True, "cache_dir": "/project/.cache/edition"}),
    ({"edition": {"formats": False, "cache_dir": "tmp/c"}}, {}, {"formats": False, "cache_dir": "/project/tmp/c"}),
    ({"edition": {"formats": False}}, {"EDITION_FORMATS": "on"}, {"formats": True}),
    ({}, {"EDITION_FORMATS": "off", "EDITION_CACHE": "off"}, {"formats": False, "cache": False}),
    ({}, {"EDITION_FORMATS": "pdf", "EDITION_CACHE_DIR": "/elsewhere"}, {"formats": "pdf", "cache_dir": "/elsewhere"}),
])
def test_settings_come_from_mkdocs_yml_and_the_environment_overrides(extra, environ, expected):
    from edition.model import settings
    found = settings.read(extra, Path("/project"), environ)
    assert {name: found[name] for name in expected} == expected


@pytest.mark.parametrize("extra, environ, message", [
    ({"edition": {"colour": "blue"}}, {}, "extra.edition.colour is not a setting of the edition"),
    ({"edition": {"cache": "yes"}}, {}, "extra.edition.cache is 'yes': write true or false"),
    ({}, {"EDITION_FORMATS": "maybe"}, "extra.edition.formats (or EDITION_FORMATS) is 'maybe'"),
])
def test_a_wrong_setting_stops_the_build(extra, environ, message):
    from edition.errors import EditionError
    from edition.model import settings
    with pytest.raises(EditionError, match=re.escape(message)):
        settings.read(extra, Path("/project"), environ)
