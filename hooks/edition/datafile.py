"""Reading the edition's YAML data files, with one kind of error message for all of them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError


def read_yaml(path: Path, shown: Path | str) -> Any:
    """The file's data; a syntax error stops the build naming the file and the line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise PluginError(f"{shown}{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from error


def read_list(path: Path, shown: Path | str, what: str = "entries") -> list[dict[str, Any]]:
    """A file that holds a list of mappings ('- key: ...'); an empty file is an empty list."""
    data = read_yaml(path, shown) or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PluginError(f"{shown}: expected a list of {what}, each a mapping ('- key: ...')")
    return data
