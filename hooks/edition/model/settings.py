"""The edition's settings: `extra: edition:` in mkdocs.yml, then the environment on top.

    extra:
      edition:
        formats: true          # EDITION_FORMATS=off: no PDF or EPUB in this build
        cache: true            # EDITION_CACHE=off: no cache of pandoc's results
        cache_dir: .cache/edition   # EDITION_CACHE_DIR=<folder>: the cache elsewhere
        report_group: The report    # the nav group whose pages are the report's sections
        require_sources: true  # a correction or caveat must cite a work of bib/

The environment overrides mkdocs.yml, so a benchmark or a test can switch a setting
without editing the file.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

DEFAULTS: dict[str, Any] = {
    "formats": True,
    "cache": True,
    "cache_dir": ".cache/edition",
    "report_group": "The report",
    "require_sources": True,
}
ENVIRONMENT = {"formats": "EDITION_FORMATS", "cache": "EDITION_CACHE", "cache_dir": "EDITION_CACHE_DIR"}


def read(extra: Mapping[str, Any] | None, root: Path, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    given = dict((extra or {}).get("edition") or {})
    for name in given.keys() - DEFAULTS.keys():
        raise PluginError(f"mkdocs.yml: extra.edition.{name} is not a setting of the edition "
                          f"(settings: {', '.join(DEFAULTS)})")
    settings = {**DEFAULTS, **given}
    for name, variable in ENVIRONMENT.items():
        value = environ.get(variable)
        if value:
            settings[name] = value if name == "cache_dir" else value.lower() != "off"
    for name, default in DEFAULTS.items():
        if isinstance(default, bool) and not isinstance(settings[name], bool):
            raise PluginError(f"mkdocs.yml: extra.edition.{name} is {settings[name]!r}: write true or false")
    settings["cache_dir"] = str(root / settings["cache_dir"])
    return settings
