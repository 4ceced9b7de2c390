"""What a reader does: search for a word of the text and land on its paragraph; search for a
paragraph by its number; take the link of a paragraph."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import WIDTHS

# In the report only in paragraph 12, which on a phone lies below the first screen.
WORD = "Lianyungang"
PAGE, PARAGRAPH = "en-route-to-beijing/", "p12"


@pytest.mark.parametrize("width", WIDTHS)
def test_search_finds_a_word_and_opens_its_paragraph(new_view, base_url, width):
    page = new_view(width, "light").page
    page.goto(base_url)
    _open_search(page)
    # Typed key by key, as a reader does: Material searches on keyup (and when its index is
    # ready), so a value set without keys is searched only if the index was not ready yet.
    page.locator(".md-search__input").press_sequentially(WORD)
    result = page.locator(f".md-search-result__item > a[href^='{base_url}{PAGE}?h=']")
    expect(result).to_be_visible()
    result.click()

    page.wait_for_url(f"{base_url}{PAGE}?h=*")
    marks = page.locator(f"#{PARAGRAPH} mark[data-md-highlight]")
    expect(marks.first).to_have_text(WORD)
    expect(page.locator(f"#{PARAGRAPH} mark").first).to_be_in_viewport()



# The edition's script starts after DOMContentLoaded, so Material may have highlighted the
# words before it: held back here until they are, it still brings them into view.
def test_a_result_whose_words_are_highlighted_before_the_script_starts_opens_at_them(new_view, base_url):
    page = new_view("phone", "light").page
    script = "**/javascripts/edition.min.js"
    page.route(script, lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(f"{base_url}{PAGE}?h={WORD.lower()}")
    marks = page.locator(f"#{PARAGRAPH} mark[data-md-highlight]")
    expect(marks.first).to_have_text(WORD)
    assert page.evaluate("scrollY") == 0 and not page.evaluate("(m) => m.getBoundingClientRect().top < innerHeight",
                                                               marks.first.element_handle())
    page.unroute(script)
    source = page.evaluate("() => [...document.scripts].map((s) => s.textContent).join()")
    assert "edition.min.js" in source                 # the page loads it so (overrides/main.html)
    page.add_script_tag(url=f"{base_url}javascripts/edition.min.js")
    expect(marks.first).to_be_in_viewport()

# Paragraph 15, as a reader who cites it may type it.
@pytest.mark.parametrize("query", ["¶ 15", "¶15", "p15", "15"])
def test_search_finds_a_paragraph_by_its_number(new_view, base_url, query):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    opening = page.evaluate("""() => {
        const p = document.getElementById("p15").cloneNode(true);
        p.querySelectorAll("a.para-num, a.para-cite, a.note-marker, sup").forEach((e) => e.remove());
        return p.textContent.trim().split(/\\s+/).slice(0, 8).join(" ");
    }""")
    _open_search(page)
    page.locator(".md-search__input").press_sequentially(query)
    # The first section found (a page's first result is the page itself) is ¶ 15, and its text
    # begins with the paragraph's words, not with its ¶ and Cite links.
    first = page.locator(".md-search-result__item > a").nth(1)
    expect(first).to_have_attribute("href", f"{base_url}{PAGE}?h=15#p15")
    expect(first.locator("h2")).to_have_text("¶ 15")
    teaser = " ".join(first.locator("p").first.inner_text().split())
    assert teaser.startswith(opening), (teaser[:80], opening)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_paragraphs_link_puts_its_address_in_the_address_bar(views, base_url, width):
    page = views[f"{width}-light"].page
    page.goto(base_url + PAGE)
    link = page.locator(f"#{PARAGRAPH} > a.para-num")
    expect(link).to_be_visible()
    expect(link).to_have_accessible_name(f"Paragraph {PARAGRAPH[1:]}")
    link.click()
    assert page.url == f"{base_url}{PAGE}#{PARAGRAPH}"
    assert page.evaluate("document.querySelector(':target')?.id") == PARAGRAPH
    expect(page.locator(f"#{PARAGRAPH}")).to_be_in_viewport()


# Helper functions


# On a phone the search field hides behind the header's search button.
def _open_search(page: Page) -> None:
    field = page.locator(".md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    expect(field).to_be_visible()
