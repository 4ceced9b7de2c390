"""Reading and checking the edition's data files, one mechanism and one message for all.

Every file in data/ has a JSON Schema (Draft 2020-12) in schemas/. `load` reads the YAML,
validates it and adds every problem it finds to the build's `Problems`, each naming the
file, the line, the entry, the field, what is wrong and how to fix it:

    data/annotations.yml, line 123, annotation 'p6-golden-horn-bay', field 'kind':
    'corection' is not one of context, correction, caveat, cross-reference, question: use one of them

Beside the JSON Schema keywords the schemas carry a few annotations of ours: `x-entries`
(what an entry is called, which field names it, which fields are unique in the file),
`x-form`, `x-fix` and `x-what` (the words of the messages, see messages.py), and `x-date`
(the forms a date takes; that it is a real date is dates.py's rule). What JSON
Schema cannot say (one field against another, one entry against the previous) is in
checks.py, as small named functions that `load` runs on a file that passed its schema.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml
from jsonschema import Draft202012Validator, ValidationError, validators

from edition.errors import EditionError
from edition.model import checks, dates
from edition.model.datafile import Loader, Refused
from edition.model.messages import Finding, findings

SCHEMAS = Path(__file__).parent / "schemas"
LIMIT = 50  # problems listed in one build; past that a count (the first ones show the pattern)


class Logger(Protocol):
    def error(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str | None
    field: str | None
    what: str
    fix: str
    follows: str | None = None  # a file whose problems cause this one (folded under them)

    def __str__(self) -> str:
        where = [self.file, f"line {self.line}" if self.line else "", self.entry or "",
                 f"field '{self.field}'" if self.field else ""]
        return f"{', '.join(part for part in where if part)}: {self.what}: {self.fix}"


class Problems:
    """The data problems of one build, reported all together at the end of loading."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.items: list[Problem] = []
        self.limit = limit

    def add(self, file: str, line: int | None, entry: str | None, field: str | None,
            what: str, fix: str, follows: str | None = None) -> None:
        self.items.append(Problem(file, line, entry, field, what, fix, follows))

    def __len__(self) -> int:
        return len(self.items)

    def has(self, file: str) -> bool:
        """Whether a problem is in `file` (a data file that did not load, a page)."""
        return any(problem.file == file for problem in self.items)

    def report(self, log: Logger) -> None:
        """Log each problem (up to the limit) and stop the build; nothing when there are none.

        A problem that follows from problems of another file (a ref to the glossary, when the
        glossary did not load) is folded under the first of them, counted, not listed."""
        if not self.items:
            return
        causes = {problem.file for problem in self.items}
        listed = [problem for problem in self.items if problem.follows not in causes]
        folded: dict[str, list[Problem]] = {}
        for problem in self.items:
            if problem.follows in causes:
                folded.setdefault(problem.follows, []).append(problem)
        for problem in listed[:self.limit]:
            log.error(str(problem))
            under = folded.pop(problem.file, [])
            if under:
                log.error(f"  ... and {len(under)} more that follow from it (until it is fixed), the "
                          f"first: {under[0]}")
        if len(listed) > self.limit:
            log.error(f"... and {len(listed) - self.limit} more")
        count = len(listed)
        raise EditionError(f"{count} error{'s' if count != 1 else ''} in the edition's data (listed above)")


@dataclass(frozen=True)
class DataFile:
    """A data file as the messages name it, and the schema it follows."""

    path: Path
    shown: str        # as messages name it: data/annotations.yml
    schema_name: str  # schemas/<schema_name>.schema.json


# Reading


# YAML reads 2020-09-01 as a date; JSON Schema and the edition want the text as written.
# The strict loader of datafile.py: no key twice in a mapping, no alias.
class _Loader(Loader):
    pass


# The ignore: types-PyYAML wants a constructor typed on a loader class, and construct_yaml_str is
# typed on SafeConstructor, which CSafeLoader is at run time (a gap in the stubs).
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)  # type: ignore[type-var]


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file as text; a file that is not UTF-8 (or cannot be read) is a problem, not a traceback."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(shown, None, None, None, f"cannot be read ({error.strerror})",
                     "check that the file exists and is readable")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        problems.add(shown, data.count(b"\n", 0, error.start) + 1, None, None,
                     f"not UTF-8: byte 0x{data[error.start]:02X} at byte {error.start} of the file "
                     f"(byte {error.start - line_start} of the line, counting from 0) is not valid UTF-8",
                     "save the file as UTF-8 (in the editor: save with encoding UTF-8)")
        return None


def load(path: Path, shown: str, schema_name: str, problems: Problems) -> Any:
    """The file's data, checked against its schema; None if it cannot be read or parsed.

    Every problem goes to `problems`; invalid data is still returned (callers decide). An
    empty file is an empty list (or mapping), as the loaders have always read it.
    """
    text = read_text(path, shown, problems)
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except Refused as error:
        problems.add(shown, error.line, None, None, error.problem, error.fix)
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        problems.add(shown, mark.line + 1 if mark else None, None, None, f"not valid YAML: {problem}",
                     "correct the syntax there (text holding ': ' or starting with a quote needs quotes)")
        return None
    schema, validator = _schema(schema_name)
    if data is None:  # an empty file (or one of comments only): no entries
        data = {"array": [], "object": {}}.get(schema.get("type", ""))
    # dict.fromkeys: jsonschema reports each missing field of an entry once per missing field
    found = list(dict.fromkeys(f for error in validator.iter_errors(data) for f in findings(error)))
    found += _duplicates(data, schema)
    if not found:
        found = list(checks.run(schema_name, data))
    _add(problems, DataFile(path, shown, schema_name), text, found)
    return data


def report_at(problems: Problems, file: DataFile, where: tuple[str | int, ...], what: str,
              fix: str, follows: str | None = None) -> None:
    """One problem found outside the schema (an unknown paragraph, a work not in bib/),
    at a place in the file's data (keys and indexes from 0), in the one format; `follows`
    names a file whose problems may cause it (Problems.report folds it under them)."""
    _add_again(problems, file, [Finding(tuple(where), what, fix)], follows)


def check_index(glossary: DataFile, terms: Any, entities: DataFile, names: Any,
                problems: Problems) -> None:
    """Ids and aliases across the glossary and the entities (see checks.index); run it on
    the data of two files that loaded without problems."""
    in_glossary, in_entities = checks.index(terms, names)
    _add_again(problems, glossary, in_glossary)
    _add_again(problems, entities, in_entities)


# Helper functions


# Problems found after loading: the file is read again for the lines (only when there are some).
def _add_again(problems: Problems, file: DataFile, found: list[Finding], follows: str | None = None) -> None:
    if found:
        _add(problems, file, file.path.read_text(encoding="utf-8"), found, follows)


# `x-date: [forms]`: a date of those forms is a real one (dates.py); its form is the pattern's to check.
def _real_date(validator: Any, forms: list[str], instance: Any, schema: dict[str, Any]) -> Any:
    if isinstance(instance, str) and dates.well_formed(instance, tuple(forms)):
        what = dates.problem(instance, tuple(forms))
        if what:
            yield ValidationError(what)


_Validator = validators.extend(Draft202012Validator, {"x-date": _real_date})


@cache
def _schema(name: str) -> tuple[dict[str, Any], Draft202012Validator]:
    # Each schema is checked against the metaschema by the tests (tests/test_schema.py), not each build.
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema, _Validator(schema)


# Ids, versions ... named twice in one file (JSON Schema's uniqueItems compares whole items).
def _duplicates(data: Any, schema: dict[str, Any]) -> list[Finding]:
    config = schema.get("x-entries", {})
    at = _at(config)
    entries = (data.get(at[0]) if isinstance(data, dict) else None) if at else data
    if not isinstance(entries, list):
        return []
    found = []
    for field in config.get("unique", []):
        first: dict[Any, int] = {}
        for index, entry in enumerate(entries):
            value = entry.get(field) if isinstance(entry, dict) else None
            if not isinstance(value, (str, int)):
                continue
            if value in first:
                found.append(Finding((*at, index, field), f"'{value}' is used twice",
                                     f"give each {config.get('noun', 'entry')} its own {field}",
                                     earlier=(*at, first[value], field)))
            first.setdefault(value, index)
    return found


def _add(problems: Problems, file: DataFile, text: str, found: list[Finding], follows: str | None = None) -> None:
    if not found:
        return
    root = _compose(text)
    config = _schema(file.schema_name)[0].get("x-entries", {})
    for finding in sorted(found, key=lambda f: _line(root, f.path, f.key) or 0):
        what = finding.what
        if finding.earlier is not None:
            what += f" (first at line {_line(root, finding.earlier, False)})"
        entry, field = _entry_and_field(root, config, finding.path, finding.name)
        problems.add(file.shown, _line(root, finding.path, finding.key), entry, field, what, finding.fix, follows)


@lru_cache(maxsize=16)
def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


# The line of the node at a path of keys and indexes (the deepest that exists).
def _line(node: yaml.Node | None, path: tuple[str | int, ...], key: bool) -> int | None:
    if node is None:
        return None
    for depth, part in enumerate(path):
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if p[0].value == str(part)), None)
            if pair and key and depth == len(path) - 1:
                return int(pair[0].start_mark.line) + 1
            child = pair[1] if pair else None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


# "annotation 'p6-golden-horn-bay'" (or "event 3") and the field within it ("refs[2]").
def _entry_and_field(root: yaml.Node | None, config: dict[str, Any], path: tuple[str | int, ...],
                     name: str | None) -> tuple[str | None, str | None]:
    at = _at(config)
    entry = None
    rest = path + ((name,) if name else ())
    if config and rest[:len(at)] == at and len(rest) > len(at) and isinstance(rest[len(at)], int):
        index = int(rest[len(at)])
        item = _node(root, (*at, index))
        names = [_node(item, (key,)) for key in config.get("keys", [])]
        scalars = [node.value for node in names if isinstance(node, yaml.ScalarNode)]
        entry = f"{config['noun']} '{scalars[0]}'" if scalars else f"{config['noun']} {index + 1}"
        rest = rest[len(at) + 1:]
    field = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    return entry, field or None


# Where the entries are: the top of the file, or the key x-entries.at ("reading_path").
def _at(config: dict[str, Any]) -> tuple[str, ...]:
    return (config["at"],) if config.get("at") else ()


# The node at a path of keys and indexes, None if there is none.
def _node(node: yaml.Node | None, path: tuple[str | int, ...]) -> yaml.Node | None:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node
