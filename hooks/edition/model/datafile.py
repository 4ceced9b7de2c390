"""Reading the edition's YAML data files, with one kind of error message for all of them.

One loader reads every data file: PyYAML's safe loader (libyaml), made stricter. A key
written twice in one mapping is an error (YAML keeps the last one silently: a second
`version:` would rename every citation), and so is an alias (`*name`): the data never
needs one, and an alias bomb ("billion laughs") would otherwise grow into billions of
values. Aliases are refused on the composed nodes, before anything is constructed or
checked, so a hostile file fails as fast as libyaml reads it (scripts/bench_yaml.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.errors import EditionError


class Refused(yaml.YAMLError):
    """Valid YAML that the edition's data files do not take: a key written twice, an alias."""

    def __init__(self, problem: str, line: int | None, fix: str) -> None:
        super().__init__(problem)
        self.problem, self.line, self.fix = problem, line, fix


# libyaml's parser, when PyYAML was built with it (the wheels are), is ten times faster than
# the pure-Python one: with the annotations and index data it saves most of a second a build.
class Loader(yaml.CSafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream

    def construct_document(self, node: yaml.Node) -> Any:
        if "&" in self.text and "*" in self.text:  # no anchor, no alias: nothing to walk
            _refuse_aliases(node, self.text)
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        _refuse_duplicate_keys(self, node)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> Any:
    """The data of a YAML text, by the edition's strict loader (see the module's notes)."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader


def read_yaml(path: Path, shown: Path | str) -> Any:
    """The file's data; a syntax error stops the build naming the file and the line."""
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except Refused as error:
        where = f", line {error.line}" if error.line else ""
        raise EditionError(f"{shown}{where}: {error.problem}: {error.fix}") from error
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


# Helper functions


# A key written twice in one mapping (scalar keys, compared as YAML reads them: 1 and "1" differ).
def _refuse_duplicate_keys(loader: Loader, node: yaml.MappingNode) -> None:
    first: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        line = key_node.start_mark.line + 1
        if key in first:
            raise Refused(f"key '{key}' is written twice in one mapping (first at line {first[key]})",
                          line, "keep one of them: YAML would silently keep the last")
        first[key] = line


# libyaml composes an alias as the very node it names, so a node met twice is an alias. The
# walk stops at the first one; an alias bomb's nodes are few (each level repeats the last).
def _refuse_aliases(root: yaml.Node, text: str) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            name, line = _first_alias(text)
            raise Refused(f"alias '*{name}' repeats a value anchored elsewhere (line {node.start_mark.line + 1})",
                          line, "write the value out: the edition's data files take no anchors (&) "
                          "or aliases (*)")
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


# The first alias of the text, for the message (read only when the file is refused).
def _first_alias(text: str) -> tuple[str, int | None]:
    for token in yaml.scan(text, Loader=yaml.CSafeLoader):
        if isinstance(token, yaml.AliasToken):
            return str(token.value), token.start_mark.line + 1
    return "", None
