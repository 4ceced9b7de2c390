"""Build helpers: the real edition, and tiny sites holding one defect each (as MkDocs' own
tests/base.py lays out a tiny site and asserts the exact messages a build logs)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Builds are reproducible: the sitemap's dates come from SOURCE_DATE_EPOCH. The edition's
# cache (hooks/edition/cache.py) starts empty for each test run, so the first build of the
# edition is a cold one and a second build reads what the first one cached.
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1600000000",
             "EDITION_CACHE_DIR": tempfile.mkdtemp(prefix="edition-test-cache-")}
# The reading order of the report's pages, as in the nav.
REPORT_PAGES = [
    "about-the-author",
    "executive-summary",
    "introduction",
    "en-route-to-beijing",
    "wrestling-for-digital-supremacy",
    "conclusion",
]


@dataclass
class BuiltSite:
    path: Path
    returncode: int
    log: str
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"BuiltSite({self.path}, returncode={self.returncode})"

    def page(self, name: str) -> BeautifulSoup:
        """The built page of `name` ('' for the title page, 'introduction', ...)."""
        if name not in self._soups:
            html = (self.path / name / "index.html").read_text(encoding="utf-8")
            self._soups[name] = BeautifulSoup(html, "html.parser")
        return self._soups[name]

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.path.rglob("*.html"))


def build_site(config_file: Path, out: Path, env: dict[str, str] | None = None) -> BuiltSite:
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(out)],
        capture_output=True, text=True, env=env or BUILD_ENV, cwd=config_file.parent,
    )
    return BuiltSite(out, result.returncode, result.stdout + result.stderr)


def tiny_site(tmp: Path, pages: dict[str, str], data: dict[str, str] | None = None,
              nav: list | None = None, bib: dict[str, str] | None = None) -> BuiltSite:
    """A site with the edition's hooks and Markdown settings, the given pages, data and bib files."""
    config = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    config = {
        "site_name": "tiny",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "mkdocs"},
        "hooks": [str(ROOT / hook) for hook in config["hooks"]],
        "markdown_extensions": config["markdown_extensions"],
        "validation": config["validation"],
        "plugins": [],
    }
    if nav is not None:
        config["nav"] = nav
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for name, content in {**pages}.items():
        path = tmp / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
    for folder, files in (("data", data), ("bib", bib)):
        (tmp / folder).mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            (tmp / folder / name).write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
    return build_site(tmp / "mkdocs.yml", tmp / "site")


def words(text: str) -> list[str]:
    return text.split()


def git(folder: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True,
                          env=env).stdout
