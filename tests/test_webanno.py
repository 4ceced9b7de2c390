"""The editors' annotations as W3C Web Annotations, on each edition (the real one and the
invented minimal one): every one passes the Working Group's MUST assertions, and the
assertions do catch a broken annotation."""
from __future__ import annotations

import copy
import json

import pytest

from helpers import BuiltSite
from projects import Project
from webannotation_musts import failed_musts

FILE = "downloads/annotations.jsonld"


@pytest.fixture(scope="module")
def collection(edition_site: BuiltSite) -> dict:
    return json.loads((edition_site.path / FILE).read_text(encoding="utf-8"))


def test_the_collection_holds_every_annotation(project: Project, collection):
    items = collection["first"]["items"]
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["total"] == len(items) == len(project.data("annotations.yml"))
    assert len({item["id"] for item in items}) == len(items)


def test_every_annotation_passes_the_must_assertions(collection):
    failures = {item["id"]: failed_musts(item) for item in collection["first"]["items"]}
    assert not {key: value for key, value in failures.items() if value}


@pytest.mark.parametrize("breakage, assertion", [
    (lambda a: a.pop("target"), "3.1-targetKeyFound"),
    (lambda a: a.update(bodyValue="also a body"), "3.2.5-notBodyBodyValue"),
    (lambda a: a.update(created="the day of the release"), "3.3.1-annotationCreatedValidated"),
    (lambda a: a.update(id="not an IRI"), "3.1-annotationIdValidated"),
    (lambda a: a.update({"@context": "http://example.org/other"}), "3.1-annotationContextValidated"),
])
def test_the_must_assertions_catch_a_broken_annotation(collection, breakage, assertion):
    annotation = copy.deepcopy(collection["first"]["items"][0])
    breakage(annotation)
    assert any(assertion in failure for failure in failed_musts(annotation))


def test_motivations_follow_the_kinds(project: Project, collection):
    motivations = {item["id"].rsplit("#", 1)[-1]: item["motivation"] for item in collection["first"]["items"]}
    expected = {"context": "commenting", "question": "questioning", "correction": "editing",
                "caveat": "assessing", "cross-reference": "linking"}
    kinds = {f"note-{note['id']}": note["kind"] for note in project.data("annotations.yml")}
    assert set(motivations.values()) <= set(expected.values())
    assert {key: expected[kind] for key, kind in kinds.items()} == motivations


def test_targets_are_section_pages_selected_by_fragment(collection):
    for item in collection["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert quote["type"] == position["type"] == "FragmentSelector"
        assert quote["value"] == position["value"] and quote["value"].startswith("p")
        assert quote["refinedBy"]["type"] == "TextQuoteSelector" and quote["refinedBy"]["exact"]
        assert position["refinedBy"]["end"] - position["refinedBy"]["start"] == len(quote["refinedBy"]["exact"])
