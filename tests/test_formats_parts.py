"""The offline formats' parts, one rule each on small inputs: no build (not marked
`formats`, so `pytest -m "not formats"` keeps them)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from edition.formats import offline, pdf, titlepage
from edition.formats.meta import Meta

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
    pages = {"intro/": offline.SourcePage("intro/", "Intro", ARTICLE)}
    return offline.parse_chapter(pages, "intro", "intro/", "section")


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
    pages = {"x/": offline.SourcePage("x/", "The title", "<p>Text</p>")}
    assert offline.parse_chapter(pages, "x", "x/", "back").article.h1.get_text() == "The title"


def test_pdf_notes_float_where_they_are_called():
    chapter = offline.copy_for([parsed_intro()], annotations=False)[0]
    pdf.float_footnotes(chapter)
    note = chapter.article.find(id="p3").select_one("span.fn")
    assert note["id"] == "fn:7" and note["data-n"] == "7"
    assert note.get_text() == "See http://a.org/x.html [read: b]."
    assert note.find_previous_sibling("sup")["id"] == "fnref:7"
    assert chapter.article.select("div.footnote") == []


def test_the_report_sections_come_from_the_nav():
    nav = [{"Title page": "index.md"}, {"The report": ["a.md", {"Second": "b/index.md"}]},
           {"Apparatus": ["glossary.md"]}]
    urls = {"a.md": "a/", "b/index.md": "b/"}
    assert offline.report_sections(nav, urls.get) == ["a/", "b/"]
    with pytest.raises(Exception, match="no section 'The report'"):
        offline.report_sections([{"Other": ["a.md"]}], urls.get)


def test_the_sections_must_be_the_pages_with_numbered_paragraphs():
    pages = {"a/": offline.SourcePage("a/", "A", '<p class="para" id="p1">x</p>'),
             "b/": offline.SourcePage("b/", "B", '<p class="para" id="p2">y</p>')}
    with pytest.raises(Exception, match=r"numbered paragraphs are \['a/', 'b/'\].*lists \['a/'\]"):
        offline.check_sections(pages, ["a/"])


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
    meta = Meta(title="Russia and China's Quiet Rivalry", author="Niva Yau", description="",
                language="en", site_url=site_url, version="0.2.0", publisher="FPRI",
                published="2020-09", modified=datetime(2020, 9, 1, tzinfo=UTC))
    cover = BeautifulSoup(titlepage.cover(parsed_intro(), meta, titlepage.READERS_COPY), "html.parser")
    text = " ".join(cover.get_text(" ").split())
    assert ("Local preview" in text) == preview
    assert ("Web edition (version 0.2.0)" in text) == (not preview)
    assert site_url in text
