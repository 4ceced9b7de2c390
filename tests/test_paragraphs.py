"""Every paragraph of the report has a stable id pN and a ¶ link to itself (on each edition)."""
from __future__ import annotations

import re

from edition.model.anchors import Anchor


def report_paragraphs(site, project):
    for page in project.report_pages:
        article = site.page(page).find("article")
        for paragraph in article.find_all("p", recursive=False):
            yield page, paragraph


def test_every_paragraph_has_a_well_formed_unique_id_in_reading_order(project, edition_site):
    ids = []
    for page, paragraph in report_paragraphs(edition_site, project):
        assert paragraph.get("id"), f"{page}: paragraph without id: {paragraph.get_text()[:60]!r}"
        assert Anchor.is_valid(paragraph["id"], ("p",)), f"{page}: bad id {paragraph['id']!r}"
        ids.append(paragraph["id"])
    assert len(ids) == len(set(ids)), "duplicate paragraph ids"
    numbers = [int(i[1:]) for i in ids]
    assert numbers == sorted(numbers), "paragraph numbers out of reading order"
    assert numbers == list(range(1, len(project.paragraph_ids) + 1))


def test_each_paragraph_links_to_itself_with_a_readable_number(project, edition_site):
    for page, paragraph in report_paragraphs(edition_site, project):
        number = paragraph["id"][1:]
        link = paragraph.find("a", class_="para-num")
        assert link is paragraph.contents[0], f"{page}: ¶ link is not first in p{number}"
        assert link["href"] == f"#p{number}"
        shown = link.find_all(class_=lambda c: c != "visually-hidden")
        visible = "".join(s.get_text() for s in shown) + link.contents[-1]
        assert " ".join(visible.split()) == f"¶ {number}"
        spoken = "".join(t for t in link.find_all(string=True) if not t.find_parent(attrs={"aria-hidden": "true"}))
        assert spoken == f"Paragraph {number}"


def test_pull_quotes_are_neither_numbered_nor_headings(project, edition_site):
    quotes = 0
    for page in project.report_pages:
        soup = edition_site.page(page)
        toc = soup.select_one("nav.md-nav--secondary")
        for quote in soup.select("aside.pull-quote"):
            assert quote.get("aria-hidden") == "true"
            assert not quote.find(id=True) and not quote.find(re.compile("^h[1-6]$"))
            if toc is not None:
                assert quote.get_text(strip=True)[:30] not in toc.get_text()
            quotes += 1
    assert quotes, "no pull quote to check"
