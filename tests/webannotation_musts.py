"""The W3C Web Annotation Working Group's MUST assertions, run on one annotation.

The assertions are JSON Schemas (draft-04) listed in
tests/conformance/web-annotation/annotations/annotationMusts.test; each `$ref`s the shared
definitions, resolved here from the vendored copies (no network)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITE = Path(__file__).parent / "conformance" / "web-annotation"


@cache
def registry() -> Registry:
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def must_assertions() -> tuple[tuple[str, dict[str, Any], Draft4Validator], ...]:
    """(file, schema, its validator) for every MUST assertion the suite lists."""
    listing = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    found = []
    for name in listing["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        if schema.get("assertionType", "must") == "must":
            validator = Draft4Validator(schema, registry=registry(), format_checker=Draft4Validator.FORMAT_CHECKER)
            found.append((name, schema, validator))
    return tuple(found)


def failed_musts(annotation: dict[str, Any]) -> list[str]:
    """The MUST assertions the annotation fails (expected valid, found not), with their messages."""
    failures = []
    for name, schema, validator in must_assertions():
        if validator.is_valid(annotation) != (schema.get("expectedResult", "valid") == "valid"):
            failures.append(f"{name}: {schema.get('errorMessage', schema.get('title'))}")
    return failures
