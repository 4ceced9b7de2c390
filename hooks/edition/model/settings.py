"""The edition's settings: `extra: edition:` in mkdocs.yml, then the environment on top.

    extra:
      edition:
        formats: true          # or false, pdf, epub; EDITION_FORMATS=on|off|pdf|epub
        cache: true            # EDITION_CACHE=off: no cache of pandoc's results
        cache_dir: .cache/edition   # EDITION_CACHE_DIR=<folder>: the cache elsewhere
        report_group: The report    # the nav group whose pages are the report's sections

The environment overrides mkdocs.yml, so a benchmark or a test can switch a setting
without editing the file.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from edition.errors import EditionError

DEFAULTS: dict[str, Any] = {
    "formats": True,
    "cache": True,
    "cache_dir": ".cache/edition",
    "report_group": "The report",
}
SWITCH = {"on": True, "off": False, "true": True, "false": False}
# The offline formats a build makes, by the setting's value.
FORMATS: dict[object, tuple[str, ...]] = {True: ("pdf", "epub"), False: (), "pdf": ("pdf",), "epub": ("epub",)}
ENVIRONMENT = {"formats": "EDITION_FORMATS", "cache": "EDITION_CACHE", "cache_dir": "EDITION_CACHE_DIR"}


def read(extra: Mapping[str, Any] | None, root: Path, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    given = dict((extra or {}).get("edition") or {})
    for name in given.keys() - DEFAULTS.keys():
        raise EditionError(f"mkdocs.yml: extra.edition.{name} is not a setting of the edition "
                           f"(settings: {', '.join(DEFAULTS)})")
    settings = {**DEFAULTS, **given}
    for name, variable in ENVIRONMENT.items():
        value = environ.get(variable)
        if value:
            settings[name] = value if name == "cache_dir" else SWITCH.get(value.lower(), value.lower())
    if settings["formats"] not in FORMATS:
        raise EditionError(f"extra.edition.formats (or EDITION_FORMATS) is {settings['formats']!r}: "
                           "write true, false, pdf or epub")
    for name, default in DEFAULTS.items():
        if isinstance(default, bool) and name != "formats" and not isinstance(settings[name], bool):
            raise EditionError(f"mkdocs.yml: extra.edition.{name} is {settings[name]!r}: write true or false")
    settings["cache_dir"] = str(root / settings["cache_dir"])
    return settings


def format_kinds(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The offline formats the settings ask for: ("pdf", "epub"), one of them, or none."""
    return FORMATS[settings["formats"]]
