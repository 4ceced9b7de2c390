"""The offline formats' parts, one rule each on small inputs: no build (not marked
`formats`, so `pytest -m "not formats"` keeps them)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from edition.errors import EditionError
from edition.formats import copies, handouts, offline, pdf, titlepage
from edition.formats.meta import Meta
from edition.model.anchors import Anchor
from edition.model.edition import Annotation, Edition, Part, Rendered

ARTICLE = "\n".join([
    '<h1 id="intro">Intro<a class="headerlink" href="#intro">#</a></h1>',
    '<div class="edition-downloads" data-search-exclude><a href="x.pdf">Download PDF</a></div>',
    '<div class="page-cite"><a class="cite-open" href="../cite/#cite-edition">Cite this edition</a></div>',
    '<p class="para" id="p3"><a class="para-num" href="#p3"><span aria-hidden="true">¶ </span>'
    '<span class="visually-hidden">Paragraph </span>3</a>'
    '<a class="para-cite cite-open" href="../cite/#cite-p3">Cite</a>'
    'The <mark class="annotated" data-note="note-a">SCO</mark> was founded.'
    '<sup id="fnref:7"><a class="footnote-ref" href="#fn:7">7</a></sup></p>',
    '<aside class="annotations" aria-label="Editors\' annotations on ¶ 3"><div class="annotation" id="note-a">'
    '<p class="annotation__head"><span class="annotation__number">A1</span> Context</p></div></aside>',
    '<section class="discussion-questions"><h2 id="dq">Discussion questions</h2></section>',
    '<div class="footnote"><ol><li id="fn:7" value="7"><p>See <a href="http://a.org/x.html">http://a.org/x.html</a>'
    '<ins class="critic">[read: b]</ins>.&#160;'
    '<a class="footnote-backref" href="#fnref:7">&#8617;</a></p></li></ol></div>',
    '<div class="gloss-tips" hidden><span id="gloss-tip-sco">tip</span></div>',
])


def parsed_intro() -> offline.Chapter:
    rendered = Rendered(html={"intro.md": ARTICLE}, titles={"intro.md": "Intro"})
    return offline.parse_chapter(rendered, "section", Part("intro.md", "intro/", "Intro", "section", 1))


@pytest.mark.parametrize("annotations", [False, True])
def test_cleaning_keeps_the_text_and_drops_the_browser_furniture(annotations):
    chapter = offline.copy_for([parsed_intro()], annotations=annotations)[0]
    article = chapter.article
    text = article.get_text()
    assert "Download PDF" not in text and "#" not in text and "tip" not in text and "↩" not in text
    assert "Cite" not in text
    assert article.find(id="p3").get_text().startswith("¶\u00a03The SCO")
    assert bool(article.select(".annotations, .discussion-questions")) == annotations
    assert bool(article.select("mark")) == annotations
    assert "x.html [read: b]" in text
    if annotations:
        assert article.select_one("sup.annotation-ref a")["href"] == "#note-a"


def test_each_file_gets_its_own_copy_of_the_parsed_page():
    original = parsed_intro()
    offline.copy_for([original], annotations=False)
    assert original.article.select(".annotations") and original.article.select(".headerlink")


def test_a_page_without_a_heading_gets_its_title():
    rendered = Rendered(html={"x.md": "<p>Text</p>"}, titles={"x.md": "The title"})
    chapter = offline.parse_chapter(rendered, "back", Part("x.md", "x/", "x.md", "apparatus", None))
    assert chapter.article.h1.get_text() == "The title" and chapter.slug == "x"


def test_pdf_notes_float_where_they_are_called():
    chapter = offline.copy_for([parsed_intro()], annotations=False)[0]
    pdf.float_footnotes(chapter)
    note = chapter.article.find(id="p3").select_one("span.fn")
    assert note["id"] == "fn:7" and note["data-n"] == "7"
    assert note.get_text() == "See http://a.org/x.html [read: b]."
    assert note.find_previous_sibling("sup")["id"] == "fnref:7"
    assert chapter.article.select("div.footnote") == []


def edition_of(*parts: Part) -> Edition:
    return Edition(None, None, parts, {}, {}, {}, {}, {}, {}, (), (), (), (), ())


P1, P2 = Anchor("p", 1), Anchor("p", 2)
TITLE = Part("index.md", "./", "Title page", "front", None)
GLOSSARY = Part("glossary.md", "glossary/", "Glossary", "apparatus", None)


# The files print the model's sections (the nav's group `report_group` names), in its order,
# between the title page and the apparatus the edition has; no other page of the site.
def test_the_files_print_the_models_sections_in_order():
    second = Part("b.md", "b/", "B", "section", 1, (P1,))
    first = Part("a.md", "a/", "A", "section", 2, (P2,))
    other = Part("how.md", "how/", "How", "apparatus", None)
    parts = offline.parts(edition_of(TITLE, second, first, other, GLOSSARY))
    assert [(role, part.src_uri) for role, part in parts] == [
        ("title", "index.md"), ("section", "b.md"), ("section", "a.md"), ("back", "glossary.md")]


def test_the_sections_must_be_the_pages_with_numbered_paragraphs():
    stray = Part("b.md", "b/", "B", "apparatus", None, (P2,))
    with pytest.raises(EditionError, match=r"numbered paragraphs are \['a.md', 'b.md'\].*lists \['a.md'\]"):
        offline.parts(edition_of(TITLE, Part("a.md", "a/", "A", "section", 1, (P1,)), stray))


@pytest.mark.parametrize("page, href, expected", [
    ("introduction/", "#p4", offline.Target("introduction", "p4")),
    ("introduction/", "../glossary/#sco", offline.Target("glossary", "sco")),
    ("glossary/", "../wrestling-for-digital-supremacy/#p18", offline.Target("wrestling-for-digital-supremacy", "p18")),
    ("", "changes/", offline.Target("changes", "")),
    ("about-this-edition/", "../#copyright", offline.Target("title", "copyright")),
    ("bibliography/", "report.bib", "http://example.org/ed/bibliography/report.bib"),
    ("entities/", "../map-and-timeline/#places", "http://example.org/ed/map-and-timeline/#places"),
    ("introduction/", "https://www.unescap.org/x.pdf", "https://www.unescap.org/x.pdf"),
])
def test_links_resolve_inside_the_file_or_to_the_web_edition(page, href, expected):
    chapters = [offline.Chapter(slug, path, "back", slug, None) for slug, path in
                [("title", ""), ("introduction", "introduction/"), ("glossary", "glossary/"),
                 ("changes", "changes/"), ("wrestling-for-digital-supremacy", "wrestling-for-digital-supremacy/")]]
    assert offline.resolver(chapters, "http://example.org/ed/")(page, href) == expected


@pytest.mark.parametrize("site_url, preview", [("http://127.0.0.1:8000/", True),
                                               ("https://edition.example.org/quiet-rivalry/0.2.0/", False)])
def test_a_copy_built_for_this_machine_says_it_is_a_local_preview(site_url, preview):
    meta = Meta(title="Salt Roads of the Upper Valley", author="Ada Okafor", description="",
                language="en", site_url=site_url, version="0.2.0", publisher="Institute of Valley Studies",
                published="2021-03", modified=datetime(2021, 3, 1, tzinfo=UTC), series="Occasional Papers",
                date="March 2021", running_head="Okafor, Salt Roads of the Upper Valley", example=(1, "a/#p1"))
    cover = BeautifulSoup(titlepage.cover(meta, titlepage.READERS_COPY), "html.parser")
    text = " ".join(cover.get_text(" ").split())
    assert ("Local preview" in text) == preview
    assert ("Web edition (version 0.2.0)" in text) == (not preview)
    assert site_url in text and f"¶ 1 is {site_url}a/#p1" in text
    assert [cover.select_one(f".cover__{name}").get_text() for name in ("series", "author", "date")] == [
        "Occasional Papers", "Ada Okafor", "March 2021"]     # the model's, not the title page's words


# The running head is the report's author and title (the model's), written as a CSS string.
def test_the_running_head_is_written_as_a_css_string():
    css = pdf.page_css(pdf.Job("", "letter", "letter", "", running_head='Okafor, "Salt" \\ Roads'))
    assert 'content: "Okafor, \\"Salt\\" \\\\ Roads";' in css and "size: letter;" in css


# Handouts


QUESTIONS = ('<h1 id="a">A</h1><p class="para" id="p1"><a class="para-num" href="#p1">¶ 1</a>'
             '<mark class="annotated" data-note="note-q">Salt</mark> moved.</p>'
             '<aside class="annotations" aria-label="Editors\' annotations on ¶ 1"><div class="annotation" id="note-q">'
             '<p class="annotation__head"><span class="annotation__number">1a</span> Question</p></div></aside>'
             '<section class="discussion-questions"><h2 id="discussion-questions">Discussion questions</h2><ol>'
             '<li>Why salt? <span class="discussion-questions__on">(<a href="#p1">¶ 1</a>'
             '<span class="discussion-questions__note">, note 1a</span>)</span></li></ol></section>')


# A student's handout has the questions, each with its ¶, but neither the notes nor their labels.
@pytest.mark.parametrize("annotations, questions, printed", [
    (False, False, "¶ 1Salt moved."),
    (False, True, "¶ 1Salt moved.Discussion questionsWhy salt? (¶ 1)"),
    (True, True, "¶ 1Salt1a moved.1a QuestionDiscussion questionsWhy salt? (¶ 1, note 1a)"),
])
def test_a_students_handout_keeps_the_questions_without_the_notes(annotations, questions, printed):
    rendered = Rendered(html={"a.md": QUESTIONS}, titles={"a.md": "A"})
    chapter = offline.parse_chapter(rendered, "section", Part("a.md", "a/", "A", "section", 1, (P1,)))
    article = offline.copy_for([chapter], annotations=annotations, questions=questions)[0].article
    assert article.get_text().removeprefix("A").replace("\u00a0", " ") == printed


@pytest.mark.parametrize("sections, questions, expected", [
    ([("intro", "intro.md")], True, [
        ("handout-intro-a4", "-intro-students-handout-a4.pdf"),
        ("handout-intro-letter", "-intro-students-handout-letter.pdf"),
        ("handout-intro-a4-teacher", "-intro-teachers-handout-a4.pdf"),
        ("handout-intro-letter-teacher", "-intro-teachers-handout-letter.pdf"),
        ("questions-a4", "-discussion-questions-a4.pdf"),
        ("questions-letter", "-discussion-questions-letter.pdf")]),
    ([("intro", "intro.md")], False, [
        ("handout-intro-a4", "-intro-students-handout-a4.pdf"),
        ("handout-intro-letter", "-intro-students-handout-letter.pdf"),
        ("handout-intro-a4-teacher", "-intro-teachers-handout-a4.pdf"),
        ("handout-intro-letter-teacher", "-intro-teachers-handout-letter.pdf")]),
    ([], True, []),
])
def test_each_section_has_its_handouts_named_after_its_page(sections, questions, expected):
    made = copies.handouts(sections, questions=questions)
    assert [(copy.kind, copy.suffix) for copy in made] == expected
    assert all(copy.parts == ("intro.md",) for copy in made if copy.layout == "handout")


def test_two_sections_of_one_name_would_give_two_handouts_one_name():
    edition = edition_of(TITLE, Part("report/intro.md", "report/intro/", "I", "section", 1, (P1,)),
                         Part("annex/intro.md", "annex/intro/", "J", "section", 2, (P2,)))
    with pytest.raises(EditionError, match="report/intro.md and annex/intro.md both end in 'intro'"):
        copies.sections(edition)


# The key of a teacher's handout names the note that explains a record: the handout prints it.
def test_the_key_names_the_note_that_explains_a_record():
    record = BeautifulSoup(
        '<div class="claim" id="p1-salt"><p><strong><a href="../a/#p1">¶ 1</a></strong>, “Salt” (name)</p>'
        "<p>The report states: salt moved. <strong>Verdict: confirmed.</strong></p>"
        '<p>The editors\' note <a href="../a/#note-q">1a</a>: Salt moved by river.</p></div>', "html.parser").div
    note = Annotation("q", P1, "context", "Editors", "0.1.0", "Salt moved by river.", "1a")
    part = handouts.key_part([record], handouts.Extras(notes={"p1-salt": note}, claims_path="claims/"))
    text = " ".join(part.article.get_text(" ").split())
    assert "Explained by the editors' note 1a , after ¶ 1 above." in text and "by river" not in text
    assert part.article.select_one('a[href="../a/#note-q"]') is not None


# The PDFs' CJK font (a subset made by scripts/cjk_font.py) has every such character of the sources.
def test_the_pdfs_cjk_font_has_every_cjk_character_of_the_sources():
    from fontTools.ttLib import TTFont

    from cjk_font import OUT, ROOT, cjk_characters

    cmap = TTFont(str(OUT)).getBestCmap()
    assert [char for char in cjk_characters(ROOT) if ord(char) not in cmap] == []
    assert "\u4e00" not in "".join(cjk_characters(ROOT)) and ord("\u4e00") not in cmap   # only what is used
