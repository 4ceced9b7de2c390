"""The teaching layer: annotations after their paragraphs, questions, the Teaching page, errors."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from edition.markdown.annotations import KINDS
from edition.model import annotations as model_annotations
from edition.model.anchors import Anchor
from helpers import REPORT_PAGES, tiny_site

ROOT = Path(__file__).resolve().parent.parent
NOTES = yaml.safe_load((ROOT / "data/annotations.yml").read_text(encoding="utf-8"))
LETTERS = "abcdefghijklmnopqrstuvwxyz"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def page_of(site, paragraph: str, pages: list[str] = REPORT_PAGES) -> BeautifulSoup:
    return next(site.page(p) for p in pages if site.page(p).find(id=paragraph))


@pytest.mark.content
def test_every_paragraph_has_an_annotation_and_every_section_three_questions(site):
    annotated = {n["paragraph"] for n in NOTES}
    assert annotated == {f"p{n}" for n in range(1, 30)}
    for name in REPORT_PAGES:
        questions = site.page(name).select("section.discussion-questions li")
        assert len(questions) >= 3, name


def test_each_annotation_follows_its_paragraph_and_marks_its_phrase(project, edition_site):
    for note in project.data("annotations.yml"):
        page = page_of(edition_site, note["paragraph"], project.report_pages)
        paragraph = page.find(id=note["paragraph"])
        aside = paragraph.find_next_sibling()
        assert aside.name == "aside" and "annotations" in aside["class"], note["id"]
        element = aside.find(id=f"note-{note['id']}")
        assert element is not None and element["data-kind"] == note["kind"], note["id"]
        if "phrase" in note:
            mark = paragraph.find("mark", attrs={"data-note": f"note-{note['id']}"})
            assert mark is not None and " ".join(mark.get_text().split()) == note["phrase"], note["id"]


# Labels: the paragraph's number and a letter (3a, 3b ...), in the order a reader meets the
# markers: after each phrase in the order of the phrases, then the notes on the whole paragraph.
def test_notes_are_labelled_by_paragraph_in_the_order_of_their_phrases(project, edition_site):
    by_id = {note["id"]: note for note in project.data("annotations.yml")}
    labelled = 0
    for name in project.report_pages:
        page = edition_site.page(name)
        for paragraph in page.select("p.para[id]"):
            markers = paragraph.select("a.note-marker")
            number = paragraph["id"].removeprefix("p")
            assert [m["data-label"] for m in markers] == [f"{number}{LETTERS[i]}" for i in range(len(markers))]
            notes = [m["href"].removeprefix("#note-") for m in markers]
            phrases = [by_id[n]["phrase"] for n in notes if "phrase" in by_id[n]]
            words = " ".join(paragraph.get_text().split())
            assert [words.index(p) for p in phrases] == sorted(words.index(p) for p in phrases), paragraph["id"]
            assert all("phrase" in by_id[n] for n in notes[:len(phrases)]), paragraph["id"]  # then the rest
            after = paragraph.find_next_sibling()  # its notes, if it has any
            notes_after = after is not None and after.name == "aside" and "annotations" in after.get("class", [])
            shown = [n.get_text() for n in after.select(".annotation__number")] if notes_after else []
            assert shown == [m["data-label"] for m in markers], paragraph["id"]
            labelled += len(markers)
    assert labelled == len(by_id)


@pytest.mark.content
def test_introductions_third_paragraph_reads_3a_to_3h_left_to_right(site):
    markers = site.page("introduction").find(id="p3").select("a.note-marker")
    assert [(m["data-label"], m["href"]) for m in markers] == [
        ("3a", "#note-p3-first-multilateralism"), ("3b", "#note-p3-q-multilateralism"),
        ("3c", "#note-p3-border-length"), ("3d", "#note-p3-q-two-thousand-years"),
        ("3e", "#note-p3-komsomol-educated"), ("3f", "#note-p3-tian-zengpei-tour"),
        ("3g", "#note-p3-li-lanqing-title"), ("3h", "#note-p3-li-led-delegation")]


# Every place a note is named gives the label its note shows: its marker, the questions at the
# end of the section, /teaching/, the bibliography's links back, the TEI (n) and the Web
# Annotations (label). (The PDF and the EPUB: tests/test_formats*.py.)
def test_a_note_has_the_same_label_everywhere(project, edition_site):
    notes = project.data("annotations.yml")
    labels = {}
    for name in project.report_pages:
        for note in edition_site.page(name).select("div.annotation[id]"):
            labels[note["id"]] = note.select_one(".annotation__number").get_text()
    assert len(labels) == len(notes) and len(set(labels.values())) == len(notes)  # one label per note
    for name in project.report_pages:
        page = edition_site.page(name)
        for marker in page.select("a.note-marker"):
            assert marker["data-label"] == labels[marker["href"][1:]]
            assert marker["aria-label"] == f"Editors' note {marker['data-label']}"
        for item in page.select("section.discussion-questions li"):
            label = item.select_one(".discussion-questions__on").get_text().rsplit("note ", 1)[1].rstrip(")")
            paragraph = item.select_one(".discussion-questions__on a")["href"].removeprefix("#")
            assert label in {labels[f"note-{n['id']}"] for n in notes
                             if n["paragraph"] == paragraph and n["kind"] == "question"}, label
    named = [(a.get_text(), a["href"]) for page in ("teaching", "bibliography")
             for a in edition_site.page(page).select("a[href*='#note-']")]
    # /teaching/ names every question, /bibliography/ every note that cites a work
    assert {href.split("#")[1] for _, href in named} >= {
        f"note-{n['id']}" for n in notes if n["kind"] == "question" or n.get("cites")}
    assert [text for text, _ in named] == [f"note {labels[href.split('#')[1]]}" for _, href in named]
    tei = etree.parse(str(edition_site.path / project.model.edition.download(".tei.xml")))
    in_tei = {a.get(XML_ID): a.get("n") for a in tei.iter("{http://www.tei-c.org/ns/1.0}annotation")}
    assert in_tei == labels
    collection = json.loads((edition_site.path / "downloads/annotations.jsonld").read_text(encoding="utf-8"))
    assert {item["id"].split("#")[1]: item["label"] for item in collection["first"]["items"]} == labels


# Labelling in the model, on small inputs: (paragraph, phrase) of each note in the file's
# order -> their labels, for the paragraphs "One *two* three[^1] four." (p1) and "Five [six](@key)." (p2).
@pytest.mark.parametrize("notes, labels", [
    ([("p1", "three"), ("p1", "One"), ("p1", "two")], ["1c", "1a", "1b"]),
    ([("p1", "three four"), ("p1", "One two")], ["1b", "1a"]),
    ([("p1", None), ("p1", "four"), ("p1", None), ("p1", "One")], ["1c", "1b", "1d", "1a"]),
    ([("p2", "six"), ("p1", "two"), ("p2", "Five")], ["2b", "1a", "2a"]),
    ([("p1", "two"), ("p2", "six"), ("p1", "One")], ["1b", "2a", "1a"]),
    ([("p1", None)] * 27, [f"1{c}" for c in LETTERS] + ["1aa"]),
], ids=["in the order of the phrases", "across markup and a footnote call",
        "notes on the paragraph last, in file order", "each paragraph apart",
        "a note added to p1 leaves p2 as it was", "past z"])
def test_labels_follow_the_phrases_within_each_paragraph(notes, labels):
    items = [{"id": f"n{i}", "paragraph": p, "kind": "context", "author": "E", "added_in": "0.1.0", "text": "T.",
              **({"phrase": phrase} if phrase else {})} for i, (p, phrase) in enumerate(notes)]
    markdown = {Anchor("p", 1): "One *two* three[^1] four.", Anchor("p", 2): "Five [six](@key)."}
    found = {note.id: note.label for note in model_annotations.labelled(items, markdown)}
    assert [found[f"n{i}"] for i in range(len(notes))] == labels


def test_links_in_annotations_reach_their_targets(project, edition_site):
    """Each ref of a note is a link in its note: to the glossary, the index or the paragraph."""
    checked = 0
    for note in project.data("annotations.yml"):
        page = page_of(edition_site, note["paragraph"], project.report_pages)
        hrefs = [a["href"] for a in page.find(id=f"note-{note['id']}").select(".annotation__meta a")]
        for ref in note.get("refs", []):
            kind, _, name = ref.partition(":")
            if name:
                expected = f"../{'glossary' if kind == 'glossary' else 'entities'}/#{name}"
                assert expected in hrefs, (note["id"], ref, hrefs)
            else:
                assert any(href.endswith(f"#{ref}") for href in hrefs), (note["id"], ref, hrefs)
            checked += 1
    assert checked


def test_teaching_page_lists_every_question_and_the_key_terms(project, edition_site):
    page = edition_site.page("teaching").find("article")
    questions = [n for n in project.data("annotations.yml") if n["kind"] == "question"]
    links = [a["href"] for a in page.find_all("a") if "#note-" in a["href"]]
    assert sorted(h.split("#note-")[1] for h in links) == sorted(q["id"] for q in questions)
    key_terms = page.select("span.key-terms")
    assert key_terms == []  # every placeholder was filled
    assert "Key terms: " in page.get_text() and page.select("a[href^='../glossary/#']")
    path = project.data("teaching.yml")["reading_path"]
    assert [a["href"] for a in page.select("#reading-path ~ ol a")][:len(path)] == \
        [f"../{step['page'].removesuffix('.md')}/" for step in path]


def test_kinds_are_counted(project, edition_site):
    kinds = Counter(n["kind"] for n in project.data("annotations.yml"))
    shown = Counter(e["data-kind"] for p in project.report_pages for e in edition_site.page(p).select(".annotation"))
    assert shown == kinds and set(kinds) <= set(KINDS)


# Bad input, each on a tiny site with one defect.

PAGES = {"index.md": "Home.\n",
         "a.md": "The SCO was founded in 2001.\n{#p1}\n"}
NOTE = ("- id: n1\n  paragraph: p1\n  phrase: founded in 2001\n  kind: context\n"
        "  author: Editors\n  added_in: 0.1.0\n  text: Founded in Shanghai.\n")


@pytest.mark.parametrize(
    "notes, message",
    [
        (NOTE.replace("paragraph: p1", "paragraph: p9"),
         "data/annotations.yml, line 2, annotation 'n1', field 'paragraph': paragraph 'p9' does not exist in the text"),
        (NOTE.replace("founded in 2001", "established in 2001"),
         "annotation 'n1': phrase 'established in 2001' is no longer in p1; the closest words there "
         "now read 'founded in 2001.'"),
        (NOTE.replace("kind: context", "kind: gossip"),
         "annotation 'n1', field 'kind': 'gossip' is not one of context, correction, caveat"),
        (NOTE.replace("  author: Editors\n", ""),
         "annotation 'n1', field 'author': missing: add it, e.g. author: Editors"),
        (NOTE + "  cites: [nobody2020]\n",
         "annotation 'n1', field 'cites[1]': cites 'nobody2020', which is not in bib/"),
        (NOTE + "  refs: [p7]\n", "annotation 'n1', field 'refs[1]': ref 'p7' does not exist"),
        (NOTE.replace("kind: context", "kind: cross-reference"),
         "field 'refs': a cross-reference must say what it points to"),
        (NOTE + "  mood: cheerful\n", "annotation 'n1', field 'mood': unknown field"),
    ],
    ids=["no such paragraph", "phrase edited away", "unknown kind", "missing field", "unknown work",
         "unknown ref", "cross-reference without refs", "unknown field"],
)
def test_bad_annotations_stop_the_build(tmp_path, notes, message):
    site = tiny_site(tmp_path, PAGES, {"annotations.yml": notes})
    assert site.returncode != 0, site.log
    assert message in site.log, site.log


# The reading path (data/teaching.yml) is read and checked by the model: a step must be a
# section of the report (here a.md), whatever page the step names.
@pytest.mark.parametrize("step, message", [
    ("  - page: index.md\n    focus: Start here.\n",
     "data/teaching.yml, line 2, step 'index.md', field 'page': 'index.md' is not a section of the "
     "report: use one of a.md"),
    ("  - page: a.md\n", "data/teaching.yml, line 2, step 'a.md', field 'focus': missing"),
], ids=["not a section", "no focus"])
def test_a_bad_reading_path_step_stops_the_build(tmp_path, step, message):
    site = tiny_site(tmp_path, PAGES, {"annotations.yml": NOTE, "teaching.yml": "reading_path:\n" + step})
    assert site.returncode != 0, site.log
    assert message in site.log, site.log


def test_annotation_markdown_is_rendered_and_raw_html_escaped(tmp_path):
    notes = NOTE.replace("Founded in Shanghai.", "Founded *in Shanghai* <script>alert(1)</script>.")
    site = tiny_site(tmp_path, PAGES, {"annotations.yml": notes})
    assert site.returncode == 0, site.log
    html = (tmp_path / "site/a/index.html").read_text()
    assert "<em>in Shanghai</em>" in html and "<script>alert" not in html
    assert "<script>alert(1)</script>" in BeautifulSoup(html, "html.parser").find(id="note-n1").get_text()
    assert '<mark class="annotated" data-note="note-n1">founded in 2001</mark>' in html
