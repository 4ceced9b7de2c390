"""The templates in overrides/ are copies of Material's with the edition's fixes marked
"edition:". They must be re-copied when Material is upgraded, or the edition would keep an
old theme's markup under a new theme's styles and scripts."""
from __future__ import annotations

from importlib.metadata import version

from .conftest import ROOT

COPIED = ["base.html", "partials/search.html", "partials/nav-item.html", "partials/header.html"]


def test_the_overrides_were_made_for_the_installed_material():
    for name in COPIED:
        header = (ROOT / "overrides" / name).read_text(encoding="utf-8").splitlines()[1]
        assert f"Material for MkDocs {version('mkdocs-material')}" in header, name
