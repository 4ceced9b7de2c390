"""The build's date: the one date the PDFs and EPUB carry (their CreationDate, dcterms:modified,
their zip entries' times), so that two builds of the same commit give the same bytes.

SOURCE_DATE_EPOCH when it is set (the Makefile sets it), else the time of the project's last
commit, else the edition's release date (data/work.yml edition.released). So a plain
`mkdocs build`, `mkdocs gh-deploy` or a host's default build command makes the same files as
`make build` from the same commit.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from edition.errors import EditionError


def build_time(root: Path, released: str | None, environ: Mapping[str, str] = os.environ) -> datetime:
    """SOURCE_DATE_EPOCH, else the last commit's time, else `released` (edition.released)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError:
            raise EditionError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since "
                               "1970-01-01 UTC: set it to one (e.g. `git log -1 --format=%ct`) or unset it") from None
    committed = last_commit_time(root)
    if committed is not None:
        return committed
    if released:
        try:
            day = date.fromisoformat(released)
        except ValueError:
            raise EditionError(f"data/work.yml: edition.released is {released!r}, not a date "
                               "(YYYY-MM-DD): write the day this edition was released") from None
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    raise EditionError("the build needs its date: set SOURCE_DATE_EPOCH, build from a git checkout, "
                       "or give edition.released in data/work.yml")


def last_commit_time(root: Path) -> datetime | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None             # no git on this machine
    if result.returncode or not result.stdout.strip().isdigit():
        return None             # not a checkout (an unpacked archive), or no commit yet
    return datetime.fromtimestamp(int(result.stdout.strip()), tz=UTC)
