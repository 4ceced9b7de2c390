"""A cache on disk for results that cost time and depend only on their inputs.

Entries live in `.cache/edition/<kind>/<key>.json` (`.bin` for bytes, such as a PDF) under
the project (next to Material's own `.cache/`), where `key` is a SHA-256 of everything the
result depends on, so an entry is never stale: changed inputs give a new key. In the
environment, EDITION_CACHE=off turns the cache off (the benchmark measures a cold build that
way) and EDITION_CACHE_DIR=<folder> puts it elsewhere (the tests start from an empty one).
An unreadable entry is ignored and written again. Every entry is written to a temporary file
in its folder and renamed over its name (os.replace, atomic on one file system), so two
builds running at once never read a torn entry: each reads the whole of one or the other's,
and both wrote the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FOLDER = Path(".cache") / "edition"


def enabled() -> bool:
    return os.environ.get("EDITION_CACHE", "on").lower() != "off"


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so ("ab", "c") and ("a", "bc") differ
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Results of one kind, under a project root; does nothing when the cache is off."""

    # `settings`: the edition's (model/settings.py), which already hold the environment's.
    def __init__(self, root: Path, kind: str, settings: Mapping[str, Any] | None = None) -> None:
        if settings is None:
            base, on = Path(os.environ.get("EDITION_CACHE_DIR") or root / FOLDER), enabled()
        else:
            base, on = Path(settings["cache_dir"]), bool(settings["cache"])
        self.folder = base / kind if on else None

    def get(self, entry: str) -> Any | None:
        data = self.get_bytes(entry, ".json")
        try:
            return None if data is None else json.loads(data.decode("utf-8"))
        except ValueError:
            return None

    def put(self, entry: str, value: Any) -> None:
        self.put_bytes(entry, json.dumps(value, ensure_ascii=False).encode("utf-8"), ".json")

    def get_bytes(self, entry: str, suffix: str = ".bin") -> bytes | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{entry}{suffix}").read_bytes()
        except OSError:
            return None

    def put_bytes(self, entry: str, data: bytes, suffix: str = ".bin") -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / f"{entry}{suffix}", data)
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache


def write_atomically(path: Path, data: bytes) -> None:
    """Write aside (a uniquely named file in the same folder) and rename: a reader, or a
    build running at the same time, sees the old file or the new one, never half of one."""
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.",
                                     suffix=".tmp", delete=False) as file:
        file.write(data)
    try:
        os.chmod(file.name, 0o644)       # as a file written by open() would be (umask 022)
        os.replace(file.name, path)
    except OSError:
        os.unlink(file.name)
        raise
