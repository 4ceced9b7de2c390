"""Shared fixtures: the real edition is built once per test session; every test reads it."""
from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks"), str(ROOT / "tests")]

from helpers import SCREENSHOTS, BuiltSite, build_site, git, next_version, release_env  # noqa: E402
from import_report import SOURCE, Block, parse_source  # noqa: E402
from projects import MINIMAL, PROJECTS, Project, make_new_edition  # noqa: E402


# The session fixtures that build the edition are made once per run, not once per pytest-xdist
# worker: the first worker that needs one builds it into a folder all workers share, under a
# lock; the others wait for it and read it (the recipe of pytest-xdist's "How-tos"). So the
# formats' tests need not all run on one worker, and every core works until the run ends.
@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """This run's folder, shared by its workers (without pytest-xdist: the session's own)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@contextmanager
def one_worker_at_a_time(folder: Path, name: str) -> Iterator[Path]:
    """`folder/name`, held by this worker alone until the block ends."""
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder / name


def built_once(shared: Path, name: str, build: Callable[[Path], BuiltSite]) -> BuiltSite:
    """The site `build` makes into shared/name, built by the first worker to ask for it."""
    with one_worker_at_a_time(shared, name) as out:
        log = out.with_suffix(".log")
        if log.exists():
            return BuiltSite(out, 0, log.read_text(encoding="utf-8"))
        built = build(out)
        assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.log}"
        log.write_text(built.log, encoding="utf-8")      # written last: the site is complete
        return built


# The edition built once per run without the PDF and EPUB (EDITION_FORMATS=off): every
# page, link and content test reads it. The formats' tests have their own build (formats_site).
@pytest.fixture(scope="session")
def site(shared_folder: Path) -> BuiltSite:
    return built_once(shared_folder, "site",
                      lambda out: build_site(ROOT / "mkdocs.yml", out, formats=False))


# fontconfig with no font folder: WeasyPrint sees only the fonts print.css names by @font-face.
NO_SYSTEM_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="session")
def formats_env(shared_folder: Path) -> dict[str, str]:
    """The environment of the builds that make the PDFs and EPUB: `mkdocs build` as a user
    types it, without the Makefile's variables (no SOURCE_DATE_EPOCH: the dates are the last
    commit's; the formats on because mkdocs.yml says so). Two variables only keep the test
    apart from the machine, and make it harder: no system font, and an edition cache of its
    own that starts empty (so the first build lays everything out, as on a fresh clone)."""
    with one_worker_at_a_time(shared_folder, "formats-env") as folder:
        fonts = folder / "no-system-fonts.conf"
        if not fonts.exists():
            (folder / "home").mkdir(parents=True)
            fonts.write_text(NO_SYSTEM_FONTS.format(cache=folder / "fontconfig-cache"), encoding="utf-8")
    return {"PATH": "/usr/bin:/bin", "HOME": str(folder / "home"), "FONTCONFIG_FILE": str(fonts),
            "EDITION_CACHE_DIR": str(folder / "cache")}


@pytest.fixture(scope="session")
def formats_site(shared_folder: Path, formats_env: dict[str, str]) -> BuiltSite:
    """The edition with its PDFs and EPUB (tests/test_formats*.py), built cold in the
    environment above: one build serves the formats' tests and the test of a build with no
    environment set."""
    return built_once(shared_folder, "formats-site",
                      lambda out: build_site(ROOT / "mkdocs.yml", out, env=formats_env))


# The invented minimal edition (tests/editions/minimal/, tests/projects.py), built once per
# run as the real one is: without the formats, and with them in the formats' environment.
@pytest.fixture(scope="session")
def minimal_site(shared_folder: Path) -> BuiltSite:
    return built_once(shared_folder, "minimal-site",
                      lambda out: build_site(MINIMAL.config_file, out, formats=False))


@pytest.fixture(scope="session")
def minimal_formats_site(shared_folder: Path, formats_env: dict[str, str]) -> BuiltSite:
    return built_once(shared_folder, "minimal-formats-site",
                      lambda out: build_site(MINIMAL.config_file, out, env=formats_env))


# A test that takes `project` runs once on each edition ([real], [minimal]); `edition_site`
# and `edition_formats_site` are that edition's builds. The gates (links, TEI, Web
# Annotations, EPUB, PDF) take them: the code is held to them on an edition made for the
# tests as well as on this report.
SITES = {"real": ("site", "formats_site"), "minimal": ("minimal_site", "minimal_formats_site")}


@pytest.fixture(scope="session", params=list(PROJECTS))
def project(request: pytest.FixtureRequest) -> Project:
    return PROJECTS[request.param]


@pytest.fixture(scope="session")
def edition_site(project: Project, request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(SITES[project.name][0])


@pytest.fixture(scope="session")
def edition_formats_site(project: Project, request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(SITES[project.name][1])


FORMATS_BUILDS = {"formats_site", "minimal_formats_site", "edition_formats_site"}
BUILDS = {"site", "minimal_site", "edition_site", "released"} | FORMATS_BUILDS


# Markers from what a test needs: browser tests (tests/browser/), the formats' build, and
# the slow fixtures (a build of the whole edition, released versions). `-m "not slow"`
# keeps the in-memory and tiny-site tests, which take seconds.
#
# `make test` runs the tests on every core (pytest-xdist, --dist loadgroup). The tests of a
# costly fixture that workers cannot share form a group that runs on one worker, so the
# fixture is made once: the released versions (a clone whose gh-pages branch one test
# changes and puts back), every page visited in four views (kept in the worker's memory).
COSTLY_FIXTURES = ("released", "visits")


@pytest.hookimpl(tryfirst=True)     # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if fixtures & FORMATS_BUILDS:
            item.add_marker(pytest.mark.formats)
        if fixtures & BUILDS:
            item.add_marker(pytest.mark.slow)
        costly = [name for name in COSTLY_FIXTURES if name in fixtures]
        if costly:
            item.add_marker(pytest.mark.xdist_group(costly[0]))


# pytest-xdist groups a test by writing "@group" into its node id; should that stop working
# (as with pytest 9.2: pytest-xdist issue 1386), every worker would make every costly
# fixture again, unseen. The run stops instead.
class XdistGroupsCheck:
    @pytest.hookimpl(trylast=True)      # after pytest-xdist wrote the groups
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        if not getattr(config.option, "loadgroup", False):
            return
        lost = [item.nodeid for item in items
                if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
        if lost:
            raise pytest.UsageError(
                f"pytest-xdist did not group {len(lost)} tests (the first: {lost[0]}): this "
                "pytest and pytest-xdist do not work together; use the versions uv.lock pins")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(XdistGroupsCheck(), "edition-xdist-groups-check")


@pytest.fixture(scope="session")
def source_blocks() -> list[Block]:
    return parse_source(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def released(tmp_path_factory) -> Path:
    """A throwaway clone of the project (its last commit) made a new edition from the minimal
    one as README.md says (the release is a test of the code: a small edition releases in a
    fraction of the real one's time), with two releases deployed by mike: the edition's
    version, then the next minor version, made as a release is made: the changelog's
    unreleased changes (if any) get its version and a date."""
    repo = tmp_path_factory.mktemp("releases") / "edition"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo)], check=True)
    env = release_env()
    make_new_edition(repo)
    git(repo, "add", "--all", env=env)
    git(repo, "commit", "--quiet", "-m", "A new edition from the minimal one", env=env)
    version = yaml.safe_load((repo / "data/work.yml").read_text())
    first = version["edition"]["version"]
    subprocess.run([sys.executable, "scripts/release.py", first], cwd=repo, env=env, check=True,
                   capture_output=True)
    second = next_version(first)
    work = (repo / "data/work.yml").read_text().replace(f'version: "{first}"', f'version: "{second}"')
    (repo / "data/work.yml").write_text(work)
    changelog = (repo / "data/changelog.yml").read_text()
    released = f'- version: "{second}"\n  date: "2027-01-01"\n'
    if "\n- version: unreleased\n" in f"\n{changelog}":
        changelog = f"\n{changelog}".replace("\n- version: unreleased\n", f"\n{released}", 1)[1:]
    else:
        changelog = f"{released}  summary: A test release.\n{changelog}"
    (repo / "data/changelog.yml").write_text(changelog)
    git(repo, "commit", "--quiet", "-am", second, env=env)
    subprocess.run([sys.executable, "scripts/release.py", second], cwd=repo, env=env, check=True,
                   capture_output=True)
    return repo


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from what the features make now (review the diff)")


# The screenshots the browser tests wrote (tests/browser/), listed at the end of the run.
# Here, not in tests/browser/conftest.py: under pytest-xdist only this conftest is loaded
# by the process that writes the summary.
SESSION_START = time.time()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    taken = sorted(path.name for path in SCREENSHOTS.glob("*.png") if path.stat().st_mtime >= SESSION_START)
    if taken:
        terminalreporter.write_line(f"screenshots for review in {SCREENSHOTS}: {', '.join(taken)}")
