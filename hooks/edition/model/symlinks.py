"""Symbolic links in the sources that lead outside the project are refused.

MkDocs follows links in docs/ (a linked file is published as an asset, or as a page once the
nav lists it), and the model reads data/ and bib/ through them: a link to a file of the build
machine would publish it. Every link under docs/, data/ and bib/ (and these folders
themselves) must resolve inside the project; links inside it (a shared folder) are followed
as MkDocs follows them, and checked in turn. The project is the repository that holds the
edition (the nearest folder above mkdocs.yml with a .git), so an edition kept inside another's
repository (tests/editions/minimal) may share its style sheets and scripts; nothing inside
.git (a remote's address may hold a token) is ever a target.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def project_of(root: Path) -> Path:
    """The repository that holds the edition whose mkdocs.yml is in `root`, else `root`."""
    root = root.resolve()
    return next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), root)


def outside(root: Path, folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """(link, where it leads) for every link under `folders` that resolves outside the
    project of `root` (project_of), or into its .git."""
    project = project_of(root)
    seen: set[Path] = set()
    for folder in folders:
        yield from _walk(folder, project, seen)


def _walk(path: Path, project: Path, seen: set[Path]) -> Iterator[tuple[Path, str]]:
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(project) or target.is_relative_to(project / ".git"):
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
