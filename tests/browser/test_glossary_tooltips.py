"""Glossary terms show their definition by mouse, keyboard and touch (WCAG 2.2, 1.4.13), with
a link to the term's entry; Escape and a close button dismiss it."""
from __future__ import annotations

from playwright.sync_api import expect

TERM = 'article a.gloss-term[href$="#sco"]'
PAGE = "introduction/"


def test_hover_shows_the_definition_and_leaving_hides_it(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    popup = page.locator(".gloss-popup")
    expect(popup).to_be_hidden()
    page.locator(TERM).hover()
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("Shanghai Cooperation Organization")
    popup.hover()  # the definition itself can be hovered without it vanishing
    page.wait_for_timeout(600)
    expect(popup).to_be_visible()
    page.mouse.move(5, 5)
    expect(popup).to_be_hidden()


def test_keyboard_focus_shows_it_and_escape_dismisses_it(new_view, base_url):
    page = new_view("desktop", "dark").page
    page.goto(base_url + PAGE)
    term = page.locator(TERM)
    # Tab to the term as a keyboard user would.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", TERM):
            break
    expect(term).to_be_focused()
    popup = page.locator(".gloss-popup")
    expect(popup).to_be_visible()
    expect(term).to_have_accessible_description(
        page.locator("#gloss-tip-sco").text_content().strip())
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    expect(term).to_be_focused()   # the focus stays where the reader was
    # Its link and close button are for the pointer: Tab goes on in the text, not into them.
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.gloss-popup')")


def test_the_definition_links_to_its_entry_and_its_button_closes_it(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    term = page.locator(TERM)
    term.hover()
    popup = page.locator(".gloss-popup")
    expect(popup).to_be_visible()
    link = popup.get_by_role("link", name="Glossary entry", include_hidden=True)
    expect(link).to_have_attribute("href", term.evaluate("a => a.href"))
    close = popup.get_by_role("button", name="Close", include_hidden=True)
    for target in (link, close):   # targets of 24 x 24 px (WCAG 2.2, 2.5.8)
        box = target.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
    close.click()
    expect(popup).to_be_hidden()
    assert not page.evaluate("document.activeElement.closest('.gloss-popup')")
    term.hover()   # shown again, its link followed
    popup.get_by_role("link", name="Glossary entry", include_hidden=True).click()
    page.wait_for_url(base_url + "glossary/#sco")


def test_first_tap_shows_it_second_tap_opens_the_glossary(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE)
        term = page.locator(TERM)
        term.scroll_into_view_if_needed()
        term.tap()
        popup = page.locator(".gloss-popup")
        expect(popup).to_be_visible()
        assert page.url == base_url + PAGE
        page.locator("article h1").tap()  # a tap elsewhere closes it
        expect(popup).to_be_hidden()
        term.tap()
        expect(popup).to_be_visible()
        popup.get_by_role("button", name="Close", include_hidden=True).tap()   # its close button
        expect(popup).to_be_hidden()
        assert page.url.startswith(base_url + PAGE)   # still on the page
        term.tap()
        expect(popup).to_be_visible()
        term.tap()
        page.wait_for_url(base_url + "glossary/#sco")
    finally:
        context.close()
