"""Every built page validates with the Nu HTML Checker (vnu.jar of the npm package vnu-jar,
package-lock.json, run with the machine's Java): no error."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages of the checker that current HTML allows; each is matched exactly.
KNOWN_FALSE_POSITIVES: set[str] = set()


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
    assert VNU.is_file(), f"{VNU} is missing: run npm ci (make test does)"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True, text=True, check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(result.stderr)["messages"]
