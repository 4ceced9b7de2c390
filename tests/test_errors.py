"""Bad input stops the build with a message naming the file, the id and the fix."""
from __future__ import annotations

import pytest

from helpers import build_in_process, site_files, tiny_config, tiny_site

SECTION = ""  # every page but index.md is a section of the report (helpers.tiny_site)
GOOD_NOTE = "Text.[^1]\n{#p1}\n\n[^1]: A note.\n"
RECORDED = """\
- where: p1
  mark: "{++[sic]++}"
  reason: An example.
"""

CASES = [
    # (what is wrong, pages, data files, the message expected)
    ("reference without definition",
     {"a.md": SECTION + "Text.[^7]\n{#p1}\n"}, {},
     "a.md: footnote [^7] (id fn:7) is referenced but never defined"),
    ("definition without reference",
     {"a.md": SECTION + "Text.\n{#p1}\n\n[^7]: Orphan.\n"}, {},
     "a.md: footnote [^7] (id fn:7) is defined but never referenced"),
    ("label that is not a printed number",
     {"a.md": SECTION + "Text.[^note]\n{#p1}\n\n[^note]: Named.\n"}, {},
     "a.md: footnote [^note] (id fn:note) is not a number"),
    ("same note number on two pages",
     {"a.md": SECTION + GOOD_NOTE, "b.md": SECTION + "More.[^1]\n{#p2}\n\n[^1]: Again.\n"}, {},
     "b.md: footnote [^1] (id fn:1) is also defined on a.md"),
    ("duplicate paragraph id on one page",
     {"a.md": SECTION + "One.\n{#p1}\n\nTwo.\n{#p1}\n"}, {},
     "a.md: duplicate paragraph id 'p1', already used on this page"),
    ("duplicate paragraph id across pages",
     {"a.md": SECTION + "One.\n{#p1}\n", "b.md": SECTION + "Two.\n{#p1}\n"}, {},
     "b.md: duplicate paragraph id 'p1', already used on a.md"),
    ("paragraph of the report without an id",
     {"a.md": SECTION + "One.\n{#p1}\n\nForgotten paragraph.\n"}, {},
     "a.md: paragraph without an id ('Forgotten paragraph.')"),
    ("paragraph id not of the form pN",
     {"a.md": SECTION + "One.\n{#p01}\n"}, {},
     "a.md: paragraph id 'p01' is not of the form pN"),
    ("change of wording not recorded",
     {"a.md": SECTION + "One {++[sic]++}.\n{#p1}\n"}, {},
     "a.md: editorial change '{++[sic]++}' in p1 is not recorded in"),
    ("recorded change missing from the text",
     {"a.md": SECTION + "One.\n{#p1}\n"}, {"emendations.yml": RECORDED},
     "the change recorded for p1 ('{++[sic]++}') is not in the text"),
    ("emendation entry without a reason",
     {"a.md": SECTION + "One.\n{#p1}\n"},
     {"emendations.yml": "- where: p1\n  mark: x\n"},
     "data/emendations.yml, line 1, emendation 'p1', field 'reason': missing: add it"),
    ("emendations file that is not YAML",
     {"a.md": SECTION + "One.\n{#p1}\n"}, {"emendations.yml": "- where: [p1\n"},
     "data/emendations.yml, line 2: not valid YAML"),
]


@pytest.mark.parametrize("pages, data, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_stops_the_build(tmp_path, pages, data, message):
    site = tiny_site(tmp_path, {"index.md": "Home.\n", **pages}, data)
    assert site.returncode != 0, site.log
    assert message in site.log
    assert not (tmp_path / "site" / "a" / "index.html").exists(), "a broken edition was published"


def test_the_same_pages_without_the_defect_build(tmp_path):
    site = tiny_site(tmp_path, {
        "index.md": "Home.\n",
        "a.md": SECTION + "One {++[sic]++}.[^1]\n{#p1}\n\n[^1]: A note.\n",
        "b.md": "A page outside the report may have plain paragraphs.\n",
    }, {"emendations.yml": RECORDED}, report=["a.md"])
    assert site.returncode == 0, site.log
    assert '<ins class="critic">[sic]</ins>' in (tmp_path / "site/a/index.html").read_text()


# The edition's CSS and JS are joined into one bundle each (hooks/edition/assets.py): a
# source that mkdocs.yml lists but docs/ lacks is named, as MkDocs would for a plain entry.
def test_a_missing_style_sheet_is_named(tmp_path):
    site_files(tmp_path, {"index.md": "Home.\n", "a.md": GOOD_NOTE}, {}, None)
    config = tiny_config(tmp_path, {"index.md": "", "a.md": ""})
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n- stylesheets/gone.css\n", encoding="utf-8")
    site = build_in_process(config, tmp_path / "site")
    assert site.returncode != 0
    assert ("mkdocs.yml: extra_css lists 'stylesheets/gone.css', which is not in docs/: "
            "add the file or remove the entry") in site.log


# Every problem of the sources is reported in one build, not only the first.
def test_every_problem_is_reported_at_once(tmp_path):
    site = tiny_site(tmp_path, {
        "index.md": "Home.\n",
        "a.md": "One.[^7]\n{#p1}\n\nTwo {++[sic]++}.\n{#p1}\n",
    }, {"emendations.yml": "- where: p9\n  mark: \"{--x--}\"\n  reason: An example.\n"})
    assert site.returncode != 0
    for message in ("a.md: footnote [^7] (id fn:7) is referenced but never defined",
                    "a.md: duplicate paragraph id 'p1', already used on this page",
                    "a.md: editorial change '{++[sic]++}' in p1 is not recorded in",
                    "the change recorded for p9 ('{--x--}') is not in the text"):
        assert message in site.log, site.log


# A page saved in another encoding than UTF-8 is named, with the byte and the fix, and
# the build stops with no traceback (issue 15).
def test_a_page_that_is_not_utf8_is_named_with_its_byte(tmp_path):
    site_files(tmp_path, {"index.md": "Home.\n", "a.md": "x\n"}, {}, None)
    (tmp_path / "docs" / "a.md").write_bytes("Caf\u00e9 in Bishkek.\n{#p1}\n".encode("latin-1"))
    config = tiny_config(tmp_path, {"index.md": "", "a.md": ""})
    site = build_in_process(config, tmp_path / "site")
    assert site.returncode != 0
    assert ("docs/a.md, line 1: not UTF-8: byte 0xE9 at byte 3 of the file (byte 3 of the line, "
            "counting from 0) is not valid UTF-8: save the file as UTF-8") in site.log
    assert "Traceback" not in site.log
