"""Every input is untrusted (issue 28): a contributor's change cannot make the edition run a
script, read a file of the build machine or publish a silent mistake. Each case is a tiny
site with one defect and the exact message expected, as in test_errors.py."""
from __future__ import annotations

import json

import pytest
import yaml

from edition.model import addresses, datafile, dates
from helpers import build_in_process, render_page, site_files, tiny_config, tiny_site
from test_bibliography import CITING, GOOD_BIB
from test_schema import ANNOTATION, RELEASE, TERM, WORK

PAGES = {"index.md": "Home.\n", "a.md": "One.\n{#p1}\n"}
NOTE = ANNOTATION.replace("p6", "p1")     # an annotation on the tiny site's ¶ 1
AT = "data/annotations.yml, line 6, annotation 'p1-golden-horn-bay', field 'text': "


def with_text(text: str) -> dict[str, str]:
    """data/annotations.yml with one annotation whose text is `text`."""
    return {"annotations.yml": NOTE.replace("Vladivostok stands on the Golden Horn Bay.", json.dumps(text))}


def built_html(site) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in site.html_files)


# One rule for addresses (hooks/edition/model/addresses.py)

SCRIPT = "uses the scheme 'javascript:', which no link of the edition may use: link with https:, http: or mailto:"
REFUSED = [
    # (address, what the message says)
    ("javascript:alert(1)", SCRIPT),
    ("JaVaScRiPt:alert(1)", SCRIPT),
    ("&#106;avascript:alert(1)", SCRIPT),           # a character reference
    ("&#x6A;avascript&colon;alert(1)", SCRIPT),
    ("java%73cript:alert(1)", SCRIPT),              # percent-encoding
    ("%256Aavascript:alert(1)", SCRIPT),            # twice
    ("java\tscript:alert(1)", SCRIPT),              # white space and controls inside the scheme
    ("\x01javascript:alert(1)", SCRIPT),
    ("java\u200bscript:alert(1)", SCRIPT),          # an invisible character
    (" javascript:alert(1)", SCRIPT),
    ("data:text/html,<script>alert(1)</script>", "uses the scheme 'data:'"),
    ("DATA:text/html;base64,PHNjcmlwdD4=", "uses the scheme 'data:'"),
    ("file:///etc/passwd", "uses the scheme 'file:'"),
    ("vbscript:msgbox", "uses the scheme 'vbscript:'"),
    ("C:\\secret.txt", "uses the scheme 'c:'"),
    ("/etc/passwd", "is an absolute path, outside the site's own files: write the path relative to the page"),
    ("//evil.example/x", "names another host without a scheme: write it with https://"),
    ("\\\\evil.example\\x", "names another host without a scheme"),
    ("../../etc/passwd", "climbs out of the site"),
    ("..%2F..%2Fetc/passwd", "climbs out of the site"),
    ("sub/../../../x", "climbs out of the site"),
]
ALLOWED = ["https://example.org/a?b#c", "http://example.org/", "HTTPS://example.org/", "mailto:editors@example.org",
           "glossary.md#sco", "#p1", "../glossary/#sco", "sub/page.md", "?page=2", ""]


@pytest.mark.parametrize("address, what", REFUSED, ids=[repr(a) for a, _ in REFUSED])
def test_the_rule_refuses_every_other_scheme_and_every_path_out_of_the_site(address, what):
    refused = addresses.refusal(address, page="sub/a.md")
    assert refused is not None and what in str(refused)


@pytest.mark.parametrize("address", ALLOWED)
def test_the_rule_allows_web_and_mail_links_and_paths_inside_the_site(address):
    assert addresses.refusal(address, page="sub/a.md") is None


# Images load: only a file of the site (pages load nothing from another host).
@pytest.mark.parametrize("address, allowed", [("img/map.png", True), ("../img/map.png", True),
                                              ("https://example.org/pixel.png", False),
                                              ("data:image/png;base64,iVBO", False), ("../../x.png", False)])
def test_an_image_is_a_file_of_the_site(address, allowed):
    assert (addresses.refusal(address, image=True, page="sub/a.md") is None) == allowed


DATA_CASES = [
    # (what is wrong, data files, the message expected)
    ("script link", with_text("See [this](javascript:alert(1))."),
     f"{AT}address 'javascript:alert(1)' {SCRIPT}"),
    ("script link in mixed case", with_text("See [this](JaVaScRiPt:alert(1))."),
     f"{AT}address 'JaVaScRiPt:alert(1)' {SCRIPT}"),
    ("script link as character references", with_text("See [this](&#106;avascript:alert(1))."),
     f"{AT}address '&#106;avascript:alert(1)' {SCRIPT}"),
    ("data: link", with_text("See [this](data:text/html,x)."),
     f"{AT}address 'data:text/html,x' uses the scheme 'data:'"),
    ("event handler", with_text('See [this](https://example.org){: onmouseover="alert(1)" }.'),
     f"{AT}attribute onmouseover='alert(1)' would run a script: remove it: text of the edition runs no script"),
    ("href by attribute", with_text('See [this](https://example.org){: href="javascript:alert(1)" }.'),
     f"{AT}address 'javascript:alert(1)' {SCRIPT}"),
    ("script link in an emendation's reason",
     {"emendations.yml": "- where: p1\n  mark: '{++x++}'\n  reason: '[see](vbscript:msgbox)'\n"},
     "data/emendations.yml, line 3, emendation 'p1', field 'reason': address 'vbscript:msgbox' uses the "
     "scheme 'vbscript:'"),
]


@pytest.mark.parametrize("data, message", [c[1:] for c in DATA_CASES], ids=[c[0] for c in DATA_CASES])
def test_a_script_link_in_the_data_stops_the_build(tmp_path, data, message):
    site = tiny_site(tmp_path, PAGES, data)
    assert site.returncode != 0, site.log
    assert message in site.log
    assert not list(site.path.rglob("*.html")), "a page was published"


def test_a_script_link_in_a_bib_url_stops_the_build(tmp_path):
    bib = GOOD_BIB.replace("http://example.org/a", "javascript:alert(1)")
    site = tiny_site(tmp_path, CITING, bib={"report.bib": bib})
    assert site.returncode != 0
    assert f"bib/report.bib: entry 'work', field 'url': address 'javascript:alert(1)' {SCRIPT}" in site.log


# A page's own Markdown is held to the same rule as it renders (markdown/gate.py): the page
# is named, the address taken out of what it renders, and nothing is published.
def test_a_script_link_in_a_page_is_taken_out_and_stops_the_build(tmp_path):
    pages = {**PAGES, "a.md": "One [see](JaVaScRiPt:alert(1)) ![x](../../../etc/hostname).\n{#p1}\n"}
    site = tiny_site(tmp_path, pages)
    assert site.returncode != 0
    assert f"a.md: address 'JaVaScRiPt:alert(1)' {SCRIPT}" in site.log
    assert ("a.md: address '../../../etc/hostname' climbs out of the site: show a file of the site by its "
            "relative path") in site.log
    assert not list(site.path.rglob("*.html"))
    html = render_page("a.md", tmp_path)
    assert '<a>see</a>' in html and "javascript" not in html.lower() and "hostname" not in html


def test_a_link_into_an_annotation_names_it_when_the_page_refuses_it(tmp_path):
    import markdown

    from edition.markdown.context import Current, PageInfo
    from edition.markdown.gate import AddressGate

    current = Current(page=PageInfo("a.md", "a/", None))
    md = markdown.Markdown(extensions=["md_in_html", "attr_list"])
    md.treeprocessors.register(AddressGate(md, current), AddressGate.name, AddressGate.priority)
    html = md.convert('<div id="note-x" markdown="1">\n\n[see](data:text/html,x)\n\n</div>\n')
    assert current.rendered.refused == ["a.md, annotation 'x': address 'data:text/html,x' uses the scheme "
                                        "'data:', which no link of the edition may use: link with https:, "
                                        "http: or mailto:, or to a page of the site by its relative path"]
    assert "data:" not in html


# YAML: no key twice, no alias (hooks/edition/model/datafile.py)

BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True))

YAML_CASES = [
    ("key twice in work.yml",
     {"work.yml": WORK.replace('  version: "0.1.0"\n', '  version: "0.1.0"\n  version: "9.9.9"\n')},
     "data/work.yml, line 13: key 'version' is written twice in one mapping (first at line 12): keep one of "
     "them: YAML would silently keep the last"),
    ("key twice in an entry", {"glossary.yml": TERM + "  term: Another name\n"},
     "data/glossary.yml, line 5: key 'term' is written twice in one mapping (first at line 2)"),
    ("alias bomb", {"annotations.yml": BOMB},
     "data/annotations.yml, line 2: alias '*a' repeats a value anchored elsewhere (line 1): write the value "
     "out: the edition's data files take no anchors (&) or aliases (*)"),
    ("one alias", {"annotations.yml": NOTE + NOTE.replace("- id: p1-golden-horn-bay", "- id: &i p1-other")
                   .replace("author: Editors", "author: *i")},
     "data/annotations.yml, line 10: alias '*i' repeats a value anchored elsewhere (line 7)"),
]


@pytest.mark.parametrize("data, message", [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES])
def test_a_key_twice_or_an_alias_stops_the_build(tmp_path, data, message):
    site = tiny_site(tmp_path, PAGES, data)
    assert site.returncode != 0
    assert message in site.log


# Refused outright, before anything is constructed from the nodes, so an alias bomb never
# grows (how fast: scripts/bench_yaml.py).
def test_an_alias_bomb_is_refused_before_it_is_expanded(monkeypatch):
    def constructed(*args, **kwargs):
        raise AssertionError("the loader constructed the data of an alias bomb")
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_object", constructed)
    with pytest.raises(datafile.Refused, match=r"alias '\*a'"):
        datafile.load_yaml(BOMB)


# Dates: real calendar dates, checked in one place (hooks/edition/model/dates.py)

DATE_CASES = [
    ("30 February in work.yml's released",
     {"work.yml": WORK.replace("2026-11-29", "2026-02-30")}, None,
     "data/work.yml, line 13, field 'edition.released': '2026-02-30' is not a real date: February 2026 has "
     "28 days: write a real date, e.g. 2020-09-01"),
    ("month 13 in the report's date", {"work.yml": WORK.replace('"2020-09"', '"2020-13"')}, None,
     "data/work.yml, line 7, field 'report.date': '2020-13' is not a real date: there is no month 13: "
     "write a real date, e.g. 2020-09 or 2020-09-01"),
    ("month 13 in the changelog", {"changelog.yml": RELEASE.replace("2026-11-29", "2026-13-01")}, None,
     "data/changelog.yml, line 2, release '0.1.0', field 'date': '2026-13-01' is not a real date: there is "
     "no month 13"),
    ("30 February in a bib date", {}, {"report.bib": GOOD_BIB.replace("{2019}", "{2019-02-30}")},
     "bib/report.bib: entry 'work', field 'date': '2019-02-30' is not a real date: February 2019 has 28 days: "
     "write a date (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or XXXX (unknown), e.g. date = {2020-09-01}"),
    ("a bib urldate of month 13", {},
     {"report.bib": GOOD_BIB.replace("date = {2019}", "date = {2019}, urldate = {2020-13-01}")},
     "bib/report.bib: entry 'work', field 'urldate': '2020-13-01' is not a real date: there is no month 13"),
]


@pytest.mark.parametrize("data, bib, message", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_an_impossible_date_stops_the_build(tmp_path, data, bib, message):
    site = tiny_site(tmp_path, CITING if bib else PAGES, data, bib=bib or {"report.bib": GOOD_BIB} if bib else None)
    assert site.returncode != 0
    assert message in site.log


@pytest.mark.parametrize("value, forms, problem", [
    ("2024-02-29", ("day",), None), ("2023-02-29", ("day",), "February 2023 has 28 days"),
    ("2020-04-31", ("day",), "April 2020 has 30 days"), ("2020-00", ("month",), "there is no month 0"),
    ("2020-12-00", ("day",), "December 2020 has 31 days"), ("2020", ("year",), None), ("XXXX", dates.ALL, None),
    ("XXXX", ("day",), "is not a date (YYYY-MM-DD)"), ("2020-9-1", ("day",), "is not a date (YYYY-MM-DD)"),
])
def test_the_date_rule(value, forms, problem):
    found = dates.problem(value, forms)
    assert (found is None) if problem is None else (problem in str(found))


# Valid input builds: CRLF line endings and a byte order mark in pages, data and bib/.

# A page's front matter read from CRLF text: the title page is printed text, so its mention
# of the SCO counts (before, it was not read, and the term was "never mentioned").
TERM_PAGES = {"index.md": "---\nprinted: true\n---\n\n# Home\n\nThe SCO met.\n",
              "a.md": "# A\n\nOne.[^1]\n{#p1}\n\n[^1]: [A title](@work), 2019.\n"}


def test_crlf_and_a_byte_order_mark_anywhere_build(tmp_path):
    site_files(tmp_path, TERM_PAGES, {"glossary.yml": TERM, "entities.yml": "[]\n", "annotations.yml": NOTE},
               {"report.bib": GOOD_BIB})
    for path in [*(tmp_path / "docs").glob("*.md"), *(tmp_path / "data").glob("*.yml"), tmp_path / "bib/report.bib"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    site = build_in_process(tiny_config(tmp_path, TERM_PAGES), tmp_path / "site")
    assert site.returncode == 0, site.log
    assert "WARNING" not in site.log, site.log
    page = (tmp_path / "site/a/index.html").read_text(encoding="utf-8")
    assert 'id="p1"' in page and 'id="note-p1-golden-horn-bay"' in page
    glossary = (tmp_path / "site/glossary/index.html").read_text(encoding="utf-8")
    assert '<p>Used in <a href="../">Home</a>.</p>' in glossary
