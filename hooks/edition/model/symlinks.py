"""Symbolic links in the sources that lead outside the project are refused.

MkDocs follows links in docs/ (a linked file is published as an asset, or as a page once the
nav lists it), and the model reads data/ and bib/ through them: a link to a file of the build
machine would publish it. Every link under docs/, data/ and bib/ (and these folders
themselves) must resolve inside the project; links inside it (a shared folder) are followed
as MkDocs follows them, and checked in turn.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def outside(root: Path, folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """(link, where it leads) for every link under `folders` that resolves outside `root`."""
    project = root.resolve()
    seen: set[Path] = set()
    for folder in folders:
        yield from _walk(folder, project, seen)


def _walk(path: Path, project: Path, seen: set[Path]) -> Iterator[tuple[Path, str]]:
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(project):
            yield path, f"{os.readlink(path)}" + (f" ({target})" if str(target) != os.readlink(path) else "")
            return
    if not path.is_dir():
        return
    real = path.resolve()
    if real in seen:      # a folder reached twice (a link to a folder already walked, a loop)
        return
    seen.add(real)
    for child in sorted(path.iterdir()):
        yield from _walk(child, project, seen)
