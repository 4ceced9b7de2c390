"""CSL formatting with pandoc's citeproc (the pandoc of the pypandoc_binary wheel).

A `Batch` formats several sets of CSL-JSON items, each in its own style, with any citations
written in its body: the reference list and the citations. One `pandoc lua` process runs the
whole batch (lua/citeproc.lua), so pandoc starts once, not once per style. It is started when
the batch is made and awaited when its results are asked for, so the build goes on meanwhile.
Results are kept in the edition's cache (edition/cache.py), keyed by the pandoc binary, the
script, each style file and each request: a build whose citations have not changed does not
run pandoc at all.
"""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import pypandoc

from edition.citeproc.cache import Cache, key
from edition.errors import EditionError

SCRIPT = Path(__file__).parent / "lua" / "citeproc.lua"
# The CSL styles the edition uses, vendored with their licence (vendor/README.md).
STYLES = Path(__file__).resolve().parents[3] / "vendor" / "csl"
# The pandoc of the pinned wheel, by its path: pypandoc.get_pandoc_path() would run every
# pandoc it finds (one on PATH too) and take the newest, so the output could change with
# what else the machine has installed.
PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"
ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*(?P<html>.*?)\s*</div>', re.DOTALL)


@dataclass(frozen=True)
class Request:
    """`items` formatted in the CSL `style`, with `body` (pandoc Markdown) as the text."""
    items: list[dict[str, Any]]
    style: str
    body: str = ""


class Batch:
    """A running pandoc formatting every request; `results()` is their HTML, in order."""

    def __init__(self, requests: list[Request], cache: Cache | None = None) -> None:
        self.count, self.cache, self.process = len(requests), cache, None
        styles = [style_path(request.style) for request in requests]
        self.key = batch_key(requests, styles)
        cached = cache.get(self.key) if cache else None
        self.cached: list[str] | None = cached if self._valid(cached) else None
        if self.cached is not None:
            return
        self.folder = tempfile.TemporaryDirectory(prefix="edition-citeproc-")
        documents = []
        for number, (request, style) in enumerate(zip(requests, styles, strict=True)):
            references = Path(self.folder.name) / f"references-{number}.json"
            references.write_text(json.dumps(request.items, ensure_ascii=False), encoding="utf-8")
            documents.append({"csl": style, "bibliography": str(references), "markdown": request.body})
        self.input = json.dumps(documents, ensure_ascii=False)
        self.process = subprocess.Popen([str(PANDOC), "lua", str(SCRIPT)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, encoding="utf-8")

    def results(self) -> list[str]:
        if self.cached is not None:  # the cache had every result: pandoc was not started
            return self.cached
        if self.process is None:
            raise RuntimeError("a citeproc batch without cached results started no pandoc")
        output, errors = self.process.communicate(self.input)
        self.folder.cleanup()
        if self.process.returncode != 0:
            raise EditionError(f"pandoc could not format the citations: {errors.strip()}")
        try:
            found = json.loads(output)
        except ValueError:
            found = None
        if not self._valid(found):
            raise EditionError(f"pandoc's citeproc ({SCRIPT.name}) did not give {self.count} formatted "
                               f"documents: {output[:200]!r}")
        if self.cache:
            self.cache.put(self.key, found)
        return found

    def _valid(self, found: object) -> TypeGuard[list[str]]:
        return (isinstance(found, list) and len(found) == self.count
                and all(isinstance(html, str) for html in found))


def style_path(style: str) -> str:
    path = STYLES / f"{style}.csl"
    if not path.is_file():
        raise EditionError(f"CSL style '{style}' is not in {STYLES}: copy its .csl file there "
                           "from the CSL styles repository and record it in vendor/README.md")
    return str(path)


def batch_key(requests: list[Request], styles: list[str]) -> str:
    if not PANDOC.is_file():
        raise EditionError(f"{PANDOC} is missing: install the pinned pypandoc_binary wheel "
                           "(make installs it into .venv from uv.lock)")
    pandoc = PANDOC.stat()
    parts: list[str | bytes] = [f"{pandoc.st_size} {pandoc.st_mtime_ns}", SCRIPT.read_bytes()]
    for request, style in zip(requests, styles, strict=True):
        parts += [Path(style).read_bytes(), json.dumps(request.items, sort_keys=True), request.body]
    return key(*parts)


def entries(html: str) -> list[tuple[str, str]]:
    """(key, HTML) of each reference-list entry, in the style's order."""
    return [(m.group("key"), m.group("html")) for m in ENTRY.finditer(html)]
