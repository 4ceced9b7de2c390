"""Glossary terms show their definition by mouse, keyboard and touch (WCAG 2.2, 1.4.13)."""
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


def test_first_tap_shows_it_second_tap_opens_the_glossary(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
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
        term.tap()
        page.wait_for_url(base_url + "glossary/#sco")
    finally:
        context.close()
