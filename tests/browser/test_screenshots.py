"""A screenshot of each kind of page, at desktop and phone width, for a person to review
(saved in build/screenshots/, named in the run's summary)."""
from __future__ import annotations

import struct

import pytest

from helpers import SCREENSHOTS

from .conftest import WIDTHS, open_page

# Kind of page -> its path; kinds whose page is not built (yet) are left out.
PAGE_KINDS = {
    "title": "",
    "section": "en-route-to-beijing/",
    "bibliography": "bibliography/",
    "glossary": "glossary/",
    "entities": "entities/",
    "map": "map-and-timeline/",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_each_kind_of_page(views, base_url, page_paths, width):
    page = views[f"{width}-light"].page
    kinds = {kind: path for kind, path in PAGE_KINDS.items() if path in page_paths}
    assert {"title", "section"} <= kinds.keys()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in kinds.items():
        open_page(page, base_url + path)
        target = SCREENSHOTS / f"{kind}-{width}.png"
        target.unlink(missing_ok=True)
        page.screenshot(path=target)
        assert _png_width(target.read_bytes()) == WIDTHS[width][0], target


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", ["reading", "study"])
def test_screenshot_of_a_section_in_each_view(new_view, base_url, width, view):
    page = new_view(width, "light").page
    open_page(page, f"{base_url}introduction/?view={view}")
    target = SCREENSHOTS / f"section-{view}-{width}.png"
    target.unlink(missing_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=target)
    assert _png_width(target.read_bytes()) == WIDTHS[width][0], target


# Helper functions


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]
