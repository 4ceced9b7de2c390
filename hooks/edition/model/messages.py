"""Plain-English messages for JSON Schema errors: what is wrong and how to fix it.

Each jsonschema `ValidationError` becomes one or more `Finding`s: where in the data (a path
of keys and indexes), what is wrong, and the fix. The schemas give the words: `x-form`
(the expected form, "a paragraph id like p12"), `x-fix` (the fix), `x-what` (what is
wrong, for the conditional rules) and the standard `examples`. `schema.py` then turns
each finding's path into a file, a line, an entry and a field.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema._utils import Unset  # the type the stubs give a field a hand-made error leaves out
from jsonschema.exceptions import ValidationError

from edition.model import dates

Path = tuple[str | int, ...]

# How a value's kind is named in a message.
KINDS = {"string": "text", "array": "a list", "object": "a mapping of fields (key: value)",
         "integer": "a whole number", "number": "a number", "boolean": "true or false",
         "null": "empty"}


@dataclass(frozen=True)
class Finding:
    """One thing wrong in one data file, before it is given a line."""

    path: Path           # where in the data: keys and list indexes (from 0)
    what: str
    fix: str
    name: str | None = None  # a field that is missing: it has no node of its own
    key: bool = False        # point at the key's line (an unknown field), not its value's
    earlier: Path | None = None  # for "used twice": where it was first used


def findings(error: ValidationError) -> Iterator[Finding]:
    """The findings one validation error stands for (one per missing or unknown field)."""
    path, schema = tuple(error.absolute_path), error.schema
    rule, expected, value = error.validator, error.validator_value, error.instance
    if isinstance(rule, Unset) or isinstance(expected, Unset) or isinstance(value, Unset):
        # A validator always sets them; only a ValidationError made by hand can lack them.
        raise ValueError(f"a validation error without its rule, rule value or instance: {error.message}")
    if not isinstance(schema, dict):
        schema = {}
    if rule == "required":
        for name in expected:
            if isinstance(value, dict) and name not in value:
                yield _missing(path, schema, name)
    elif rule == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                yield Finding((*path, name), "unknown field", _fields_fix(str(name), allowed), key=True)
    elif rule == "x-date":  # schema.py: a date that is not a real one; the message says why
        yield Finding(path, error.message, f"write a real date, e.g. {dates.example(tuple(expected))}")
    elif rule in ("anyOf", "oneOf") and (within := [e for e in error.context or [] if e.validator != "type"]):
        for inner in within:  # the instance had the right kind for one branch: say what is wrong in it
            yield from findings(inner)
    else:
        yield Finding(path, _what(rule, expected, value, schema), _fix(rule, expected, schema, error.message))


def _missing(path: Path, schema: dict[str, Any], name: str) -> Finding:
    if "x-what" in schema:  # a conditional rule ("a correction needs field 'cites'")
        return Finding(path, schema["x-what"], schema.get("x-fix", "add it"), name=name)
    examples = schema.get("properties", {}).get(name, {}).get("examples")
    fix = f"add it, e.g. {name}: {examples[0]}" if examples else "add it"
    return Finding(path, "missing", fix, name=name)


def _fields_fix(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}the fields are {', '.join(allowed)}"


def _what(rule: str, expected: Any, value: Any, schema: dict[str, Any]) -> str:
    if "x-what" in schema:
        return str(schema["x-what"])
    shown = show(value)
    if rule == "enum":
        return f"{shown} is not one of {', '.join(map(str, expected))}"
    if rule == "const":
        return f"{shown} is not {expected}"
    if rule in ("pattern", "anyOf", "oneOf"):
        return f"{shown} is not {schema.get('x-form', 'in the expected form')}"
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(KINDS[k] for k in kinds)
        if value is None or isinstance(value, (list, dict)):
            return f"is {kind_of(value)}, not {wanted}"
        return f"{shown} is {kind_of(value)}, not {wanted}"
    if rule == "minItems":
        return "is an empty list" if not value else f"has {_items(len(value))}, not at least {expected}"
    if rule == "maxItems":
        return f"has {_items(len(value))}, not at most {expected}"
    if rule == "minLength":
        return "is empty"
    if rule in ("minimum", "exclusiveMinimum"):
        return f"{shown} is below {expected}"
    if rule in ("maximum", "exclusiveMaximum"):
        return f"{shown} is above {expected}"
    return f"{shown}: {rule} {expected!r} does not hold"


def _fix(rule: str, expected: Any, schema: dict[str, Any], message: str) -> str:
    if "x-fix" in schema:
        return str(schema["x-fix"])
    examples = schema.get("examples")
    example = f", e.g. {examples[0]}" if examples else ""
    if rule in ("enum", "const"):
        return "use one of them"
    if rule == "pattern":
        return f"write {schema.get('x-form', 'it in the expected form')}{example}"
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return f"write {schema.get('x-form', KINDS[kinds[0]])}{example}"
    if rule == "minLength":
        return f"write the text{example} or leave the field out"
    if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is None or high is None:
            return "change the number"
        return f"give a number from {low} to {high}"
    if rule == "minItems":
        return f"list at least {expected}{example}"
    return f"see the rule in hooks/edition/model/schemas ({message})"


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def show(value: Any) -> str:
    """A value as a message quotes it: text in quotes (cut when long), lists by their kind."""
    if isinstance(value, str):
        text = " ".join(value.split()) or value  # folded lines as one; blank text as it is
        return repr(text if len(text) <= 60 else text[:59] + "…")
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return str(value).lower() if isinstance(value, bool) else str(value)


def kind_of(value: Any) -> str:
    for kind, python in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                         ("array", list), ("object", dict)):
        if isinstance(value, python):
            return KINDS[kind]
    return "empty" if value is None else type(value).__name__
