"""Annotations in a browser (Study view): disclosures, show/hide by kind (remembered), no-JS
reading, print."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import SCREENSHOTS

PAGE = "introduction/?view=study"  # the notes and their toolbar: the Study view
NOTE = "#note-p4-independence-1949"  # a correction on ¶ 4, with a phrase


def test_each_note_is_a_disclosure_by_mouse_and_keyboard(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    button = page.locator(f"{NOTE} button.annotation__toggle")
    body = page.locator(f"{NOTE} .annotation__body")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    expect(page.locator('mark[data-note="note-p4-independence-1949"]')).to_have_class(
        re.compile(r"\bannotated--active\b"))
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#p4").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "annotated-section-desktop.png"))


def test_kinds_can_be_hidden_and_the_choice_is_remembered(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    corrections = page.locator(".annotation--correction")
    expect(corrections.first).to_be_visible()
    page.get_by_role("checkbox", name="Corrections").uncheck()
    expect(corrections.first).to_be_hidden()
    expect(page.locator(".annotation--context").first).to_be_visible()
    page.goto(base_url + "wrestling-for-digital-supremacy/")
    expect(page.locator(".annotation--correction").first).to_be_hidden()
    expect(page.get_by_role("checkbox", name="Corrections")).not_to_be_checked()
    page.get_by_role("button", name="Open all").click()
    bodies = page.locator(".annotation--context .annotation__body")
    expect(bodies.first).to_be_visible()
    page.reload()
    expect(page.locator(".annotation--context .annotation__body").first).to_be_visible()
    page.get_by_role("checkbox", name="Corrections").check()
    page.get_by_role("button", name="Close all").click()
    expect(page.locator(".annotation__body").first).to_be_hidden()


def test_without_javascript_every_note_is_readable_after_its_paragraph(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE)
        expect(page.locator(f"{NOTE}")).to_be_visible()
        expect(page.locator(NOTE).get_by_text("became independent in 1991")).to_be_visible()
        expect(page.locator(".annotation-controls")).to_be_hidden()   # it needs the script
        assert page.evaluate("document.querySelector('#p4').nextElementSibling.matches('aside.annotations')")
    finally:
        context.close()


def test_a_section_prints_as_a_handout(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + PAGE)
    page.get_by_role("button", name="Open all").click()
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".annotation-controls")).to_be_hidden()
    expect(page.locator(f"{NOTE} .annotation__body")).to_be_visible()
    expect(page.locator("#p3 > a.para-num")).to_be_visible()
    # Each paragraph's notes print after it, in the text's column, not in the margin.
    assert page.evaluate("document.querySelector('#p4').nextElementSibling.matches('aside.annotations')")
    assert page.evaluate("getComputedStyle(document.querySelector('#p4 + aside')).float") == "none"
    # A note's address is its printed text already; it is not printed twice.
    assert _after(page, '[id="fn:3"] a[href^="https://www.epochtimes"]') == "none"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "introduction-handout.pdf"), format="A4")
    page.screenshot(path=str(SCREENSHOTS / "introduction-print.png"), full_page=False)
    page.emulate_media(media="screen")


def test_printed_links_show_their_address(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + "bibliography/")
    page.emulate_media(media="print")
    assert "web.archive.org/web/*/https://thediplomat.com" in _after(page, "#yau2019smart a.bib-archive")
    page.emulate_media(media="screen")
    assert _after(page, "#yau2019smart a.bib-archive") == "none"


def _after(page, selector: str) -> str:
    return page.evaluate("s => getComputedStyle(document.querySelector(s), '::after').content", selector)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_nothing_moves_when_the_scripts_fold_the_notes(new_view, base_url, width):
    """The toolbar is in the page and the notes are folded by style before the scripts run:
    no layout shift (it was 0.09 of the screen on a phone when the script added the toolbar)."""
    page = new_view(width, "light").page
    page.add_init_script("""
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value)))
            .observe({type: "layout-shift", buffered: true});
    """)
    page.goto(base_url + PAGE)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    expect(page.locator(".annotation__toggle").first).to_be_visible()   # the script has run
    assert sum(page.evaluate("window.shifts")) < 0.001
