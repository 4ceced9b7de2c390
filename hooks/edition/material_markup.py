"""The one fix to Material's markup that no template block reaches.

Material for MkDocs 9.8.2's base.html writes its drawer and search toggles, outside every
block, as checkboxes with autocomplete="off" (so that Firefox does not restore them open),
and HTML allows autocomplete on no checkbox (Nu HTML Checker). Rather than copy the whole
template to change two attributes, the build takes them out of each page it writes, and
overrides/main.html closes the toggles with a script instead. If Material's markup changes,
the build says so (a warning, fatal under --strict) so that the fix is looked at again.
"""
from __future__ import annotations

from edition.log import logger

log = logger()

MATERIAL_VERSION = "9.8.2"  # the version this was checked against (tests/browser/test_overrides.py)
TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'
    for name in ("drawer", "search")
)


def without_toggle_autocomplete(html: str, where: str) -> str:
    """The page with its two toggles' autocomplete attribute removed."""
    if 'data-md-toggle="drawer"' not in html:   # not Material's page (a test's other theme)
        return html
    for toggle in TOGGLES:
        if toggle not in html:
            log.warning(f"{where}: Material's toggle markup changed (expected {toggle!r}); "
                        "check hooks/edition/material_markup.py against the installed Material")
            continue
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return html
