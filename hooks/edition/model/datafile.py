"""Reading the edition's YAML data files, with one kind of error message for all of them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.errors import EditionError

# libyaml's parser, when PyYAML was built with it (the wheels are), is ten times faster than
# the pure-Python one: with the annotations and index data it saves most of a second a build.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of a YAML text, by the fastest safe loader PyYAML has."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


def read_yaml(path: Path, shown: Path | str) -> Any:
    """The file's data; a syntax error stops the build naming the file and the line."""
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise EditionError(f"{shown}{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from error


def read_list(path: Path, shown: Path | str, what: str = "entries") -> list[dict[str, Any]]:
    """A file that holds a list of mappings ('- key: ...'); an empty file is an empty list."""
    data = read_yaml(path, shown) or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise EditionError(f"{shown}: expected a list of {what}, each a mapping ('- key: ...')")
    return data
