"""The maps of places in a browser: no name overlaps another (their drawn boxes), names are
not underlined, the five Central Asian states are shaded and named, every place is reached
by the keyboard and is listed as text too."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import SCREENSHOTS

from .conftest import open_page

PAGE = "map-and-timeline/"
STATES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
LABEL_BOXES = """map => Array.from(
    document.querySelectorAll(`#${map} ~ .place-map-wrap svg .place-map__label,
                               svg[aria-labelledby^="${map}"] .place-map__label`),
    (label) => {
      const b = label.getBoundingClientRect();
      return [label.textContent, b.left, b.top, b.right, b.bottom];
    })"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("map_id", ["map-eurasia", "map-central-asia"])
def test_no_label_overlaps_another(new_view, base_url, width, map_id):
    page = new_view(width, "light").page
    open_page(page, base_url + PAGE)
    # A phone shows the map whole, its names too small to read (a fraction of a pixel apart
    # there, as fonts do not scale evenly), and enlarges it to be read: read it so.
    for zoom in page.get_by_role("checkbox", name="Enlarge the map").all():
        if zoom.is_visible():
            zoom.check()
    boxes = page.evaluate(LABEL_BOXES, map_id)
    assert len(boxes) > 10
    for i, (name, *a) in enumerate(boxes):
        for other, *b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{name} overlaps {other} on {map_id}"


def test_the_map_shows_borders_the_five_states_and_a_legend(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, base_url + PAGE)
    for map_id in ["map-eurasia", "map-central-asia"]:
        svg = page.locator(f'svg[aria-labelledby^="{map_id}"]')
        expect(svg.locator("path.place-map__border")).to_have_count(1)
        shaded = svg.locator("path.place-map__state")
        assert sorted(shaded.evaluate_all("paths => paths.map(p => p.dataset.state)")) == STATES
        fill = shaded.first.evaluate("p => getComputedStyle(p).fill")
        assert fill not in ("none", "rgba(0, 0, 0, 0)"), fill
    names = page.locator('svg[aria-labelledby^="map-central-asia"] .place-map__label').all_text_contents()
    assert set(STATES) <= set(names)
    legend = page.get_by_role("list", name="Legend of the maps")
    expect(legend).to_contain_text("The five Central Asian states")
    expect(legend).to_contain_text("Border between countries")
    # The larger-scale map's area is outlined on the map of Eurasia.
    expect(page.locator('svg[aria-labelledby^="map-eurasia"] rect.place-map__inset')).to_have_count(1)


def test_no_name_on_the_maps_is_underlined(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, base_url + PAGE)
    lines = page.locator("svg.place-map a").evaluate_all(
        "links => links.map(a => getComputedStyle(a.querySelector('text')).textDecorationLine)")
    assert lines and set(lines) == {"none"}
    page.locator("svg.place-map a").first.focus()
    assert page.locator("svg.place-map a").first.evaluate(
        "a => getComputedStyle(a.querySelector('text')).textDecorationLine") == "none"


def test_every_place_is_reached_by_the_keyboard_and_listed_as_text(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, base_url + PAGE)
    on_maps = page.locator("svg.place-map a").evaluate_all(
        "links => links.map(a => a.querySelector('title').textContent)")
    listed = page.locator("p.place-list a").all_text_contents()
    assert sorted(on_maps) == sorted(listed)
    page.locator("svg.place-map").first.scroll_into_view_if_needed()
    page.locator("h2#places").evaluate("h => h.setAttribute('tabindex', '-1')")
    page.locator("h2#places").focus()
    reached = set()
    for _ in range(len(on_maps) + 20):
        page.keyboard.press("Tab")
        title = page.evaluate("document.activeElement.closest('svg.place-map')"
                              " ? document.activeElement.querySelector('title')?.textContent : null")
        if title:
            reached.add(title)
    assert reached == set(on_maps)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for map_id in ["map-eurasia", "map-central-asia"]:
        target = SCREENSHOTS / f"{map_id}.png"
        page.locator(f'svg[aria-labelledby^="{map_id}"]').screenshot(path=str(target))
