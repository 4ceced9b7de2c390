"""Shared fixtures: the real edition is built once per test session; every test reads it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks"), str(ROOT / "tests")]

from helpers import BuiltSite, build_site  # noqa: E402
from import_report import SOURCE, Block, parse_source  # noqa: E402


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.log}"
    return built


@pytest.fixture(scope="session")
def source_blocks() -> list[Block]:
    return parse_source(SOURCE.read_text(encoding="utf-8"))
