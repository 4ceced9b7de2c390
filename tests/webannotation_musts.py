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
def must_assertions() -> tuple[tuple[str, dict[str, Any]], ...]:
    listing = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    found = []
    for name in listing["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        if schema.get("assertionType", "must") == "must":
            found.append((name, schema))
    return tuple(found)


def failed_musts(annotation: dict[str, Any]) -> list[str]:
    """The titles of the MUST assertions the annotation fails (expected valid, found not)."""
    failures = []
    for name, schema in must_assertions():
        validator = Draft4Validator(schema, registry=registry(), format_checker=Draft4Validator.FORMAT_CHECKER)
        valid = validator.is_valid(annotation)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failures.append(f"{name}: {schema.get('errorMessage', schema.get('title'))}")
    return failures
