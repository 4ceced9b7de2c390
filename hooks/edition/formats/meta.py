"""What the offline formats say about the edition: title, author, version, dates, file names.

The one date a file carries (the PDF's CreationDate, the EPUB's dcterms:modified and its zip
entries) is the build's: SOURCE_DATE_EPOCH when it is set (the Makefile sets it), else the
time of the project's last commit, else the edition's release date in data/work.yml. So a
plain `mkdocs build`, `mkdocs gh-deploy` or a host's default build command makes the same
bytes as `make build` from the same commit, and never a date a zip cannot hold (before 1980).
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.model.datafile import read_yaml

DEFAULT_VERSION = "0.1.0"
# The report's publisher and date, when data/work.yml does not give them.
PUBLISHER = "Foreign Policy Research Institute"
PUBLISHED = "2020-09"
DOWNLOADS = "downloads"         # folder of the site that holds the offline files
BASENAME = "yau-2020-quiet-rivalry"
ZIP_EPOCH = datetime(1980, 1, 2, tzinfo=UTC)   # the earliest time a zip entry holds


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    description: str
    language: str
    site_url: str
    version: str
    publisher: str          # the report's, and its date of publication ("2020-09")
    published: str
    modified: datetime      # the build's date (see build_time), so two builds give the same bytes


def edition_meta(config) -> Meta:
    root = Path(config["config_file_path"]).parent
    work = read_work(root)
    report = work.get("report") or {}
    return Meta(
        title=config["site_name"],
        author=config["site_author"] or " ".join(
            (report.get("author") or {}).get(key, "") for key in ("given", "family")).strip(),
        description=" ".join((config["site_description"] or "").split()),
        language=config["theme"].get("language") or "en",
        site_url=config["site_url"] or "",
        version=edition_version(root, config["extra"]),
        publisher=str(report.get("publisher") or PUBLISHER),
        published=str(report.get("date") or PUBLISHED),
        modified=build_time(root, work),
    )


# The edition's version, in one place for every format: data/work.yml (edition.version),
# the description every citation is made from; else extra.version if it is a plain string
# (in mkdocs.yml extra.version is Material's version selector, a mapping); else 0.1.0.
def edition_version(root: Path, extra: dict | None = None) -> str:
    work = read_work(root)
    if work.get("edition", {}).get("version"):
        return str(work["edition"]["version"])
    version = (extra or {}).get("version")
    return version if isinstance(version, str) and version else DEFAULT_VERSION


def read_work(root: Path) -> dict:
    path = root / "data" / "work.yml"
    if not path.exists():
        return {}
    return read_yaml(path, path) or {}


def build_time(root: Path, work: dict | None = None) -> datetime:
    """SOURCE_DATE_EPOCH, else the last commit's time, else data/work.yml edition.released."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return at_least_zip_epoch(datetime.fromtimestamp(int(epoch), tz=UTC))
        except ValueError:
            raise PluginError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since "
                              "1970-01-01 UTC: set it to one (e.g. `git log -1 --format=%ct`) or unset it") from None
    committed = last_commit_time(root)
    if committed is not None:
        return at_least_zip_epoch(committed)
    released = ((work if work is not None else read_work(root)).get("edition") or {}).get("released")
    if released:
        try:
            day = date.fromisoformat(str(released))
        except ValueError:
            raise PluginError(f"data/work.yml: edition.released is {released!r}, not a date "
                              "(YYYY-MM-DD): write the day this edition was released") from None
        return at_least_zip_epoch(datetime(day.year, day.month, day.day, tzinfo=UTC))
    raise PluginError("the offline formats need the build's date: set SOURCE_DATE_EPOCH, build "
                      "from a git checkout, or give edition.released in data/work.yml")


def last_commit_time(root: Path) -> datetime | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None             # no git on this machine
    if result.returncode or not result.stdout.strip().isdigit():
        return None             # not a checkout (an unpacked archive), or no commit yet
    return datetime.fromtimestamp(int(result.stdout.strip()), tz=UTC)


def at_least_zip_epoch(when: datetime) -> datetime:
    return max(when, ZIP_EPOCH)


def output_names() -> dict[str, str]:
    """Site-relative path of every offline file, by kind."""
    return {
        "a4": f"{DOWNLOADS}/{BASENAME}-a4.pdf",
        "letter": f"{DOWNLOADS}/{BASENAME}-letter.pdf",
        "a4-teacher": f"{DOWNLOADS}/{BASENAME}-a4-teachers-copy.pdf",
        "letter-teacher": f"{DOWNLOADS}/{BASENAME}-letter-teachers-copy.pdf",
        "epub": f"{DOWNLOADS}/{BASENAME}.epub",
    }
