"""Footnotes keep their printed numbers, on every page, with working links both ways."""
from __future__ import annotations

import pytest

from helpers import REPORT_PAGES, tiny_site


@pytest.mark.content
def test_notes_1_to_19_once_each_in_reading_order(site):
    labels = [li["id"] for page in REPORT_PAGES for li in site.page(page).select("div.footnote li")]
    assert labels == [f"fn:{n}" for n in range(1, 20)]


def test_each_note_shows_its_printed_number_and_links_both_ways(project, edition_site):
    numbers = []
    for page in project.report_pages:
        soup = edition_site.page(page)
        for li in soup.select("div.footnote li"):
            number = li["id"].removeprefix("fn:")
            assert li["value"] == number
            reference = soup.find(id=f"fnref:{number}")
            assert reference is not None, f"{page}: no reference to note {number}"
            assert reference.a.get_text() == number and reference.a["href"] == f"#fn:{number}"
            backlink = li.select_one("a.footnote-backref")
            assert backlink["href"] == f"#fnref:{number}"
            assert number in backlink["title"]
            numbers.append(int(number))
    assert numbers == project.note_numbers


def test_printed_numbers_continue_across_pages(tmp_path):
    # Python-Markdown alone would show "1" for the first note of every page.
    site = tiny_site(tmp_path, {
        "index.md": "Home.\n",
        "one.md": "Text.[^3] More.[^4]\n{#p1}\n\n[^3]: Three.\n\n[^4]: Four.\n",
        "two.md": "Text.[^5]\n{#p2}\n\n[^5]: Five.\n",
    })
    assert site.returncode == 0, site.log
    two = (tmp_path / "site/two/index.html").read_text()
    assert '<sup id="fnref:5"><a aria-label="Note 5" class="footnote-ref" href="#fn:5">5</a></sup>' in two
    assert '<li id="fn:5" value="5">' in two
    one = (tmp_path / "site/one/index.html").read_text()
    assert 'href="#fn:4">4</a>' in one and '<li id="fn:3" value="3">' in one
