"""Every paragraph of the report has a stable id pN and a ¶ link to itself."""
from __future__ import annotations

import re

from edition.model.anchors import Anchor
from helpers import REPORT_PAGES


def report_paragraphs(site):
    for page in REPORT_PAGES:
        article = site.page(page).find("article")
        for paragraph in article.find_all("p", recursive=False):
            yield page, paragraph


def test_every_paragraph_has_a_well_formed_unique_id_in_reading_order(site):
    ids = []
    for page, paragraph in report_paragraphs(site):
        assert paragraph.get("id"), f"{page}: paragraph without id: {paragraph.get_text()[:60]!r}"
        assert Anchor.is_valid(paragraph["id"], ("p",)), f"{page}: bad id {paragraph['id']!r}"
        ids.append(paragraph["id"])
    assert len(ids) == len(set(ids)), "duplicate paragraph ids"
    numbers = [int(i[1:]) for i in ids]
    assert numbers == sorted(numbers), "paragraph numbers out of reading order"
    assert numbers == list(range(1, 30))


def test_each_paragraph_links_to_itself_with_a_readable_number(site):
    for page, paragraph in report_paragraphs(site):
        number = paragraph["id"][1:]
        link = paragraph.find("a", class_="para-num")
        assert link is paragraph.contents[0], f"{page}: ¶ link is not first in p{number}"
        assert link["href"] == f"#p{number}"
        shown = link.find_all(class_=lambda c: c != "visually-hidden")
        visible = "".join(s.get_text() for s in shown) + link.contents[-1]
        assert " ".join(visible.split()) == f"¶ {number}"
        spoken = "".join(t for t in link.find_all(string=True) if not t.find_parent(attrs={"aria-hidden": "true"}))
        assert spoken == f"Paragraph {number}"


def test_pull_quotes_are_neither_numbered_nor_headings(site):
    for page in REPORT_PAGES:
        soup = site.page(page)
        toc = soup.select_one("nav.md-nav--secondary")
        for quote in soup.select("aside.pull-quote"):
            assert quote.get("aria-hidden") == "true"
            assert not quote.find(id=True) and not quote.find(re.compile("^h[1-6]$"))
            if toc is not None:
                assert quote.get_text(strip=True)[:30] not in toc.get_text()
