"""Build helpers: the real edition, and tiny sites holding one defect each (as MkDocs' own
tests/base.py lays out a tiny site and asserts the exact messages a build logs)."""
from __future__ import annotations

import logging
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
# What the browser tests write for a person to look at (listed at the end of a run).
SCREENSHOTS = ROOT / "build" / "screenshots"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Builds are reproducible: the sitemap's dates come from SOURCE_DATE_EPOCH. The edition's
# cache (hooks/edition/cache.py) starts empty for each test run, so the first build of the
# edition is a cold one and a second build reads what the first one cached.
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1600000000",
             "EDITION_CACHE_DIR": tempfile.mkdtemp(prefix="edition-test-cache-")}
GENERATED_PAGES = ("changes.md", "bibliography.md", "glossary.md", "entities.md", "teaching.md",
                   "map-and-timeline.md", "cite.md", "changelog.md", "claims.md", "my-notes.md")
# The report's sections in reading order, as the nav gives them (its group "The report",
# the one place they are written): "introduction", ...
REPORT_PAGES = [
    page.removesuffix(".md") for group in yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["nav"]
    if isinstance(group, dict) and "The report" in group for page in group["The report"]
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


def build_site(config_file: Path, out: Path, formats: bool = True,
               env: dict[str, str] | None = None) -> BuiltSite:
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(out)],
        capture_output=True, text=True, cwd=config_file.parent,
        env=env or {**BUILD_ENV, "EDITION_FORMATS": "on" if formats else "off"},
    )
    return BuiltSite(out, result.returncode, result.stdout + result.stderr)


def tiny_site(tmp: Path, pages: dict[str, str], data: dict[str, str] | None = None,
              nav: list | None = None, bib: dict[str, str] | None = None,
              report: list[str] | None = None) -> BuiltSite:
    """A site with the edition's hooks and Markdown settings, the given pages, data and bib files.

    Without a `nav`, the nav holds index.md, then the group "The report" (whose pages are
    the report's sections, as in the edition's nav): the pages `report` names, by default
    every page but index.md, then the other pages."""
    config_file = tiny_config(tmp, pages, nav, report)
    site_files(tmp, pages, data, bib)
    return build_in_process(config_file, tmp / "site")


# The tiny site's mkdocs.yml (see tiny_site), written into `tmp`; its path.
def tiny_config(tmp: Path, pages: dict[str, str], nav: list | None = None,
                report: list[str] | None = None) -> Path:
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
        # The pages the hook generates, which a tiny site's nav does not list.
        "not_in_nav": "\n".join(f"/{name}" for name in GENERATED_PAGES),
    }
    if nav is None:
        sections = report if report is not None else [name for name in pages if name != "index.md"]
        others = [name for name in pages if name not in sections and name != "index.md"]
        nav = (["index.md"] if "index.md" in pages else []) + [{"The report": sections}] + others
    config["nav"] = nav
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp / "mkdocs.yml"


def site_files(tmp: Path, pages: dict[str, str], data: dict[str, str] | None,
               bib: dict[str, str] | None) -> None:
    for name, content in {**pages}.items():
        path = tmp / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
    for folder, files in (("data", data), ("bib", bib)):
        (tmp / folder).mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            (tmp / folder / name).parent.mkdir(parents=True, exist_ok=True)  # data/claims/a.yml
            (tmp / folder / name).write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")


# `mkdocs build --strict` in this process: a tiny site builds in a fraction of a second
# instead of the seconds a new Python process takes to import MkDocs. What the build logs
# is kept as the command would print it ("WARNING -  ..."), with the error that stopped it.
def build_in_process(config_file: Path, out: Path) -> BuiltSite:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    records: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: records.append(f"{record.levelname:<7} -  {record.getMessage()}")
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    saved = {name: os.environ.get(name) for name in ("SOURCE_DATE_EPOCH", "EDITION_CACHE_DIR")}
    os.environ.update({name: BUILD_ENV[name] for name in saved})
    returncode = 0
    try:
        build(load_config(str(config_file), site_dir=str(out), strict=True))
    except (MkDocsException, SystemExit) as error:
        records.append(f"Error: {error}")
        returncode = 1
    finally:
        logger.removeHandler(handler)
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    return BuiltSite(out, returncode, "\n".join(records))


def words(text: str) -> list[str]:
    return text.split()


def git(folder: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True,
                          env=env).stdout


# In memory, without a subprocess (as mkdocs-autorefs' tests/helpers.py builds its pages):
# the model of a project, and one page rendered by the edition's Markdown.


def load_project(root: Path, **overrides):
    """The project's MkDocs config (no hooks loaded) and its files."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(root / "mkdocs.yml"), hooks=[], **overrides)
    return config, get_files(config)


def build_edition(root: Path = ROOT, **settings):
    import edition_hooks
    from edition.model import build
    from edition.model import settings as edition_settings

    config, files = load_project(root)
    given = edition_settings.read(config.extra, root, {})
    return build.build(edition_hooks.site(config, files), {**given, **settings})


def render_page(src_uri: str, root: Path = ROOT) -> str:
    """One page of a project rendered in memory by the one hook, as `mkdocs build` would."""
    from mkdocs.structure.pages import Page

    import edition_hooks as hooks

    config, files = load_project(root)
    config.plugins._current_plugin = "edition"  # File.generated() names the plugin at work
    config = hooks.on_config(config)
    files = hooks.on_files(files, config=config)
    page = Page(None, files.get_file_from_path(src_uri), config)
    page.read_source(config)
    page.markdown = hooks.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    page.render(config, files)
    return hooks.on_page_content(page.content or "", page=page, config=config, files=files)


def handout_sections(pages: list[str]) -> list[tuple[str, str]]:
    """(slug, src_uri) of each section, as the handouts' names take them: "introduction"."""
    return [(page.rsplit("/", 1)[-1], f"{page}.md") for page in pages]


# The release after a version (x.y.z -> x.(y+1).0).
def next_version(version: str) -> str:
    major, minor, _ = (int(part) for part in version.split("."))
    return f"{major}.{minor + 1}.0"


# A release must name a public address (scripts/release.py refuses a loopback one).
PUBLIC_BASE = "https://edition.example.org/quiet-rivalry/"


def release_env() -> dict[str, str]:
    """What scripts/release.py runs with in the tests: a committer, a public address, no PDF."""
    identity = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@127.0.0.1",
                "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@127.0.0.1"}
    # The clone's builds share the session's edition cache (pandoc's results), not a cold one.
    return {**os.environ, **identity, "EDITION_FORMATS": "off", "SOURCE_DATE_EPOCH": "1600000000",
            "EDITION_BASE_URL": PUBLIC_BASE, "EDITION_CACHE_DIR": BUILD_ENV["EDITION_CACHE_DIR"]}
