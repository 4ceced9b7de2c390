"""Every built page, in every view (desktop and phone width, light and dark palette): no
console error, nothing requested from another host, no axe-core violation, the palette
asked for rendered."""
from __future__ import annotations

import re

import pytest

from .conftest import PALETTES, VIEW_IDS, Visit


def test_every_built_page_is_visited(visits, page_paths):
    assert "" in page_paths and "en-route-to-beijing/" in page_paths
    assert all(len(pages) == len(page_paths) for pages in visits.values())


@pytest.mark.parametrize("view", VIEW_IDS)
def test_no_console_errors(visits, view):
    errors = {v.path: v.console_errors for v in visits[view] if v.console_errors}
    assert errors == {}


@pytest.mark.parametrize("view", VIEW_IDS)
def test_nothing_is_requested_from_another_host(visits, view):
    foreign = {v.path: v.foreign_requests for v in visits[view] if v.foreign_requests}
    assert foreign == {}


@pytest.mark.parametrize("view", VIEW_IDS)
def test_axe_finds_no_violation(visits, view):
    found = {v.path: v.axe_violations for v in visits[view] if v.axe_violations}
    assert found == {}, "\n".join(_describe(path, violations) for path, violations in found.items())


@pytest.mark.parametrize("view", VIEW_IDS)
def test_the_palette_asked_for_renders(visits, view):
    palette = view.split("-")[1]
    for visit in visits[view]:
        assert visit.scheme == PALETTES[palette], visit.path
        assert _is_dark(visit) == (palette == "dark"), (visit.path, visit.background)


def test_the_palette_toggle_switches_and_is_remembered(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + "introduction/")
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto(base_url + "conclusion/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.get_by_title("Switch to light mode").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


# Helper functions


def _is_dark(visit: Visit) -> bool:
    red, green, blue = (int(n) for n in re.findall(r"\d+", visit.background)[:3])
    return (red + green + blue) / 3 < 128


def _describe(path: str, violations: list[dict]) -> str:
    lines = [f"/{path}:"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


def test_the_maps_own_styles_load_on_its_page_only(new_view, base_url):
    page = new_view("desktop", "light").page
    page.goto(base_url + "map-and-timeline/")
    land = page.locator(".place-map__land").first
    # Unstyled, an SVG path is filled black.
    assert land.evaluate("e => getComputedStyle(e).fill") not in ("rgb(0, 0, 0)", "")
    page.goto(base_url + "glossary/")
    assert page.locator('link[href$="placemap.css"]').count() == 0
