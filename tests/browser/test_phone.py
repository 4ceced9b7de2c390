"""On a phone (360 CSS px wide): nothing overflows the screen sideways on any page, the maps
fit it and enlarge to a readable size, a section's title and first words are on the first
screen; and at every width every marker and control is a target of 24 x 24 px at least
(WCAG 2.2, 2.5.8)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import WIDTHS, open_page
from .test_views import SECTIONS

# The targets of a section: the notes' and footnotes' markers, the ¶ and Cite links, the
# annotations' toolbar (a checkbox with its label is one target), the notes' buttons.
TARGETS = ("a.note-marker, a.footnote-ref, a.para-num, a.para-cite, .page-cite a, .annotation-controls > button, "
           ".annotation-controls > label, .annotation__toggle, .place-map-zoom label, .gloss-popup a, "
           ".gloss-popup button")
SMALL_TARGETS = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter((e) => e.checkVisibility({visibilityProperty: true}))
  .map((e) => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([html, box]) => `${html}: ${box.width.toFixed(1)} x ${box.height.toFixed(1)}`)"""
COUNT = "(selector) => document.querySelectorAll(selector).length"


def test_nothing_overflows_a_phone_on_any_page(new_view, base_url, page_paths):
    page = new_view("phone", "light").page
    width = WIDTHS["phone"][0]
    for path in page_paths:
        open_page(page, base_url + path)
        views = ["study", "reading"] if page.locator(".view-switch").count() else [None]
        for view in views:
            if view:
                open_page(page, f"{base_url}{path}?view={view}")
            if view == "study":
                page.get_by_role("button", name="Open all").click()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, view)


@pytest.mark.parametrize("view", ["reading", "study"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_marker_and_control_is_a_target_of_24_px(new_view, base_url, width, view):
    page = new_view(width, "light").page
    seen = 0
    for path in SECTIONS:
        open_page(page, f"{base_url}{path}?view={view}")
        assert page.evaluate(SMALL_TARGETS, TARGETS) == [], (path, view)
        seen += page.evaluate(COUNT, TARGETS)
    assert seen > 200


@pytest.mark.parametrize("view", ["reading", "study"])
def test_a_sections_title_and_first_words_are_on_a_phones_first_screen(browser, base_url, view):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        for path in SECTIONS:
            open_page(page, f"{base_url}{path}?view={view}")
            expect(page.locator("article h1")).to_be_in_viewport(ratio=1)
            first_line = page.evaluate("""() => {
                const paragraph = document.querySelector("article p.para");
                const range = document.createRange();
                range.selectNodeContents(paragraph);
                return range.getClientRects()[0].bottom;
            }""")
            assert first_line <= 640, (path, view, first_line)
    finally:
        context.close()


def test_the_maps_fit_a_phone_and_enlarge_to_be_read(new_view, base_url):
    page = new_view("phone", "light").page
    open_page(page, base_url + "map-and-timeline/")
    width = WIDTHS["phone"][0]
    maps = page.locator("svg.place-map")
    assert maps.count() == 2
    for index in range(2):
        svg = maps.nth(index)
        assert svg.bounding_box()["width"] <= width
        wrap = page.locator(".place-map-wrap").nth(index)
        zoom = wrap.get_by_role("checkbox", name="Enlarge the map")
        zoom.check()
        # Its names are drawn 10 px high at least; the map scrolls in its box, not the page.
        assert svg.bounding_box()["width"] >= 900
        smallest = svg.evaluate("""svg => Math.min(...Array.from(svg.querySelectorAll(".place-map__label"),
                                                                   (label) => label.getBoundingClientRect().height))""")
        assert smallest >= 10, smallest
        scroller = wrap.locator(".place-map-scroll")
        assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        zoom.uncheck()
        assert svg.bounding_box()["width"] <= width
    # A wide screen shows the map whole and readable, without the control.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("checkbox", name="Enlarge the map").first).to_be_hidden()
    page.set_viewport_size({"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]})
