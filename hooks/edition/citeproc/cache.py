"""A cache on disk for results that cost time and depend only on their inputs.

Entries live in `.cache/edition/<kind>/<key>.json` under the project (next to Material's own
`.cache/`), where `key` is a SHA-256 of everything the result depends on, so an entry is
never stale: changed inputs give a new key. In the environment, EDITION_CACHE=off turns the
cache off (the benchmark measures a cold build that way) and EDITION_CACHE_DIR=<folder> puts
it elsewhere (the tests start from an empty one). An unreadable entry is ignored and written
again.
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
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / f"{entry}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, entry: str, value: Any) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed, so a build that stops half-way leaves no torn entry.
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder,
                                             suffix=".tmp", delete=False) as file:
                json.dump(value, file, ensure_ascii=False)
            os.replace(file.name, self.folder / f"{entry}.json")
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache
