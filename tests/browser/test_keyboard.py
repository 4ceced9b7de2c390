"""The keyboard alone: the skip link works, Tab reaches every control on the page, and
each control it reaches is visible, uncovered and marked while it has the focus."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_page, settle

MAX_STOPS = 1500  # a page with more tab stops than this is a bug of its own

# Tags every control a reader can see and should reach with Tab, and returns their count.
# Material's palette switch is a radio button hidden behind its visible label.
TAG_CONTROLS = """() => {
    const controls = [...document.querySelectorAll(
        "a[href], button, input, select, textarea, summary, [tabindex]")].filter(e =>
        e.tabIndex >= 0 && !e.disabled && !e.closest("[inert]") && shown(stand_in(e)));
    controls.forEach((e, i) => e.dataset.kbd = i);
    return controls.length;
}"""
# The focused element: its key and name, and what is wrong with it (hidden, covered or
# without a focus ring).
FOCUSED = """() => {
    const e = document.activeElement, seen = stand_in(e), cover = covering(seen);
    const style = getComputedStyle(seen);
    const problems = [];
    if (!shown(seen)) problems.push("hidden");
    // A shape's middle may lie on a neighbouring shape: only HTML elements are checked.
    if (cover !== null && seen instanceof HTMLElement) problems.push(`covered by ${cover}`);
    if (style.outlineStyle === "none" && style.boxShadow === "none"
        && !e.matches("input[type=text], input[type=search]")) problems.push("unmarked");
    return {
        key: e === document.body ? "body" : (e.dataset.kbd ?? null),
        name: `${e.tagName.toLowerCase()}.${e.getAttribute("class")} "${(e.innerText || e.ariaLabel
               || e.title || "").trim().slice(0, 40)}"`,
        problems,
    };
}"""
# The walk looks at each control at rest: fades and slides would only slow it down.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important }"
HELPERS = """
    window.stand_in = e => e.matches("input.md-option") ? e.nextElementSibling : e;
    window.shown = e => {
        const box = e.getBoundingClientRect();
        return e.checkVisibility({opacityProperty: true, visibilityProperty: true})
            && box.width > 0 && box.height > 0
            && box.right > 0 && box.left < innerWidth;
    };
    // What lies over the middle of the element's first line, if not the element itself.
    window.covering = e => {
        const box = e.getClientRects()[0] ?? e.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        // Material hides a footnote's tooltip a moment after its reference loses the focus.
        if (hit !== null && (e.contains(hit) || hit.contains(e) || hit.closest(".md-tooltip2")))
            return null;
        return hit ? `${hit.tagName.toLowerCase()}.${hit.getAttribute("class")}` : "nothing";
    };
"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_skip_link_is_shown_on_focus_and_skips_to_the_text(views, base_url, width):
    page = views[f"{width}-light"].page
    open_page(page, base_url + "en-route-to-beijing/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_contain_class("md-skip")
    settle(page)
    expect(skip).to_be_visible()
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Enter")
    assert page.url.endswith("#en-route-to-beijing")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null")


def test_every_control_is_reached_and_shown_on_desktop(views, base_url, page_paths):
    problems = {}
    for path in page_paths:
        problems.update(_walk(views["desktop-light"].page, base_url + path))
    assert problems == {}, _report(problems)


@pytest.mark.parametrize("path", ["", "en-route-to-beijing/"])
def test_every_control_is_reached_and_shown_on_a_phone(views, base_url, path):
    problems = _walk(views["phone-light"].page, base_url + path)
    assert problems == {}, _report(problems)


def test_the_menu_opens_from_the_keyboard_on_a_phone(new_view, base_url):
    page = new_view("phone", "light").page
    open_page(page, base_url + "en-route-to-beijing/")
    for _ in range(5):  # the skip link, the logo, then the menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.htmlFor === '__drawer'"):
            break
    expect(page.locator(":focus")).to_have_accessible_name("Navigation")
    page.keyboard.press("Enter")
    settle(page)
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer.get_by_role("link", name="Conclusion")).to_be_in_viewport()


# Helper functions


def _walk(page: Page, url: str) -> dict[str, list[str]]:
    """Tabs through the page from its top round to its start; returns what went wrong: the
    controls that were hidden, covered or unmarked when focused, and those never reached."""
    open_page(page, url)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate(f"() => {{ {HELPERS} }}")
    assert page.evaluate(TAG_CONTROLS) > 0, url
    page.evaluate("document.activeElement.blur()")
    reached: set[str] = set()
    problems: list[str] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus["key"] in reached or focus["key"] == "body" and reached:
            break  # round the page and back to its start
        if focus["key"] is not None:
            reached.add(focus["key"])
        problems += [f"{focus['name']}: {problem}" for problem in focus["problems"]]
    unreached = page.evaluate(
        "reached => [...document.querySelectorAll('[data-kbd]')]"
        ".filter(e => !reached.includes(e.dataset.kbd))"
        ".map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class')} ${e.getAttribute('href') ?? ''}`)",
        sorted(reached))
    problems += [f"{name}: never reached" for name in unreached]
    return {url: problems} if problems else {}


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n    " + "\n    ".join(names) for where, names in problems.items())


def test_the_open_menu_keeps_the_focus_and_escape_closes_it(new_view, base_url):
    page = new_view("phone", "light").page
    open_page(page, base_url + "en-route-to-beijing/")
    _open_menu(page)
    # Past the menu's last control the focus goes to the browser's own (the body, here),
    # then back to the menu's first: never to the page behind.
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => {
            const focused = document.activeElement;
            if (focused === document.body) return "browser";
            return document.querySelector('.md-sidebar--primary').contains(focused)
                ? "menu" : focused.outerHTML.slice(0, 200);
        }""")
        assert where in ("menu", "browser"), where
        reached.add(where)
    assert reached == {"menu", "browser"}
    page.keyboard.press("Escape")
    settle(page)
    assert not page.evaluate("document.getElementById('__drawer').checked")
    expect(page.locator(":focus")).to_have_accessible_name("Navigation")
    assert not page.evaluate("document.querySelector('.md-content').inert")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_a_folded_part_of_the_phone_menu_opens_from_the_keyboard(new_view, base_url, key):
    page = new_view("phone", "light").page
    open_page(page, base_url + "en-route-to-beijing/")
    _open_menu(page)
    _tab_to(page, "document.activeElement.id === '__nav_3_label'")     # "Apparatus"
    page.keyboard.press(key)
    settle(page)
    glossary = page.locator(".md-sidebar--primary").get_by_role("link", name="Glossary")
    expect(glossary).to_be_in_viewport()
    # The focus moved with the part that slid in: to its title, the way back.
    back = page.locator(":focus")
    expect(back).to_have_attribute("for", "__nav_3")
    expect(back).to_be_in_viewport()
    page.keyboard.press("Enter")
    settle(page)
    expect(glossary).not_to_be_in_viewport()
    expect(page.locator(":focus")).to_have_id("__nav_3_label")
    page.keyboard.press(key)
    settle(page)
    _tab_to(page, "document.activeElement.textContent.trim() === 'Glossary'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/")


def test_the_menus_headings_are_no_tab_stops_on_a_wide_screen(views, base_url):
    page = views["desktop-light"].page
    open_page(page, base_url + "en-route-to-beijing/")
    assert page.evaluate("document.getElementById('__nav_3_label').hasAttribute('tabindex')") is False
    assert page.evaluate("document.querySelector('.md-content').inert") is False


def _open_menu(page: Page) -> None:
    _tab_to(page, "document.activeElement.htmlFor === '__drawer'")
    page.keyboard.press("Enter")
    settle(page)
    assert page.evaluate("document.getElementById('__drawer').checked")


def _tab_to(page: Page, condition: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")
