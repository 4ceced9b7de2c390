"""Every input is untrusted (issue 28): a contributor's change cannot make the edition run a
script, read a file of the build machine or publish a silent mistake. Each case is a tiny
site with one defect and the exact message expected, as in test_errors.py."""
from __future__ import annotations

import json

import pytest
import yaml

from edition.model import addresses, datafile, dates
from helpers import ROOT, build_in_process, render_page, site_files, tiny_config, tiny_site
from test_bibliography import CITING, GOOD_BIB
from test_schema import ANNOTATION, EVENT, RELEASE, TERM, WORK

PAGES = {"index.md": "Home.\n", "a.md": "One.\n{#p1}\n"}
NOTE = ANNOTATION.replace("p6", "p1")     # an annotation on the tiny site's ¶ 1
AT = "data/annotations.yml, line 6, annotation 'p1-golden-horn-bay', field 'text': "


def with_text(text: str) -> dict[str, str]:
    """data/annotations.yml with one annotation whose text is `text`."""
    return {"annotations.yml": NOTE.replace("Vladivostok stands on the Golden Horn Bay.", json.dumps(text))}


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
    ("30 February in the timeline", {"timeline.yml": EVENT.replace("1992-01", "1992-02-30").replace("p3", "p1")}, None,
     "data/timeline.yml, line 2, event 1, field 'date': '1992-02-30' is not a real month or day within year 1992"),
    ("30 February in a bib date", {}, {"report.bib": GOOD_BIB.replace("{2019}", "{2019-02-30}")},
     "bib/report.bib: entry 'work', field 'date': '2019-02-30' is not a real date: February 2019 has 28 days: "
     "write a date (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or XXXX (unknown), e.g. date = {2020-09-01}"),
    ("a bib urldate of month 13", {},
     {"report.bib": GOOD_BIB.replace("date = {2019}", "date = {2019}, urldate = {2020-13-01}")},
     "bib/report.bib: entry 'work', field 'urldate': '2020-13-01' is not a real date: there is no month 13"),
]


@pytest.mark.parametrize("data, bib, message", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_an_impossible_date_stops_the_build(tmp_path, data, bib, message):
    site = tiny_site(tmp_path, CITING if bib else PAGES, data, bib=bib)
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
# The title page the offline files open with (a page of the report: `printed: true`).
TITLE_PAGE = "---\nprinted: true\n---\n\n# Home\n"
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


# The PDF and EPUB read only the built site and the edition's fonts (formats/fetch.py)

SECRET = b"TOP-SECRET-4f1c9e"


def material_site(project, pages: dict[str, str], data: dict[str, str], monkeypatch):
    """A tiny site in Material, with the data the PDF and EPUB need, built with them on."""
    from test_schema import ENTITY
    pages = {"about-this-edition.md": "# About\n\n## What each page describes\n\nAbout.\n", **pages}
    site_files(project, pages, {"glossary.yml": TERM, "entities.yml": ENTITY, "work.yml": WORK,
                                "annotations.yml": NOTE, **data},
               {"report.bib": GOOD_BIB})
    config = tiny_config(project, pages, report=["a.md"])
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    config.write_text(yaml.safe_dump({**settings, "theme": {"name": "material"}}), encoding="utf-8")
    monkeypatch.setenv("EDITION_FORMATS", "on")
    return build_in_process(config, project / "site")


def leaked(site) -> list[str]:
    return [str(path) for path in site.path.rglob("*") if path.is_file() and SECRET in path.read_bytes()]


SECTION_A = "# A\n\nThe SCO in Bishkek.[^1]\n{#p1}\n\n[^1]: [A title](@work), 2019.\n"


@pytest.mark.parametrize("address, message", [
    ("file://{secret}", "image address 'file://{secret}' is not a file of the site"),
    ("../../../../../../../../..{secret}", "address '../../../../../../../../..{secret}' climbs out of the site"),
], ids=["file address", "climbing path"])
def test_an_annotation_cannot_draw_a_file_of_the_machine_into_the_formats(tmp_path, monkeypatch, address, message):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    address, message = address.format(secret=secret), message.format(secret=secret)
    site = material_site(tmp_path / "project", {"index.md": TITLE_PAGE, "a.md": SECTION_A},
                         with_text(f"A map: ![x]({address})"), monkeypatch)
    assert site.returncode != 0
    assert f"{AT}{message}" in site.log
    assert leaked(site) == []


# The same address written as raw HTML in a page (which the Markdown rules do not see): the
# formats refuse it before any layout, naming the page and the address.
@pytest.mark.parametrize("address, message", [
    ("file://{secret}", "page a/: image address 'file://{secret}' is not a file of the site"),
    ("../../../../../../../../..{secret}", "page a/: address '../../../../../../../../..{secret}' climbs out"),
    ("https://example.org/pixel.png", "page a/: image address 'https://example.org/pixel.png' is not a file"),
], ids=["file address", "climbing path", "another host"])
def test_the_formats_refuse_what_a_page_would_make_them_read(tmp_path, monkeypatch, address, message):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    address, message = address.format(secret=secret), message.format(secret=secret)
    page = SECTION_A + f'\n<img src="{address}" alt="a map">\n'
    site = material_site(tmp_path / "project", {"index.md": TITLE_PAGE, "a.md": page}, {}, monkeypatch)
    assert site.returncode != 0
    assert ("offline formats: the PDF and EPUB read only the built site and the edition's fonts; refused: "
            + message) in site.log
    assert not list(site.path.glob("downloads/*.pdf")) and not list(site.path.glob("downloads/*.epub"))
    assert leaked(site) == []


# WeasyPrint's own reads, whatever the document: the fetcher is the last gate.
@pytest.mark.parametrize("markup", [
    '<img src="file://{secret}">',
    '<img src="{climb}">',
    '<p style="background: url(file://{secret})">x</p>',
    '<a rel="attachment" href="file://{secret}">x</a>',
    '<link rel="stylesheet" href="file://{secret}">',
    '<img src="data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E">',
], ids=["img", "climbing img", "style url", "attachment", "style sheet", "data image"])
def test_the_pdf_reads_nothing_outside_the_site_and_the_fonts(tmp_path, markup):
    from edition.formats import fetch, pdf

    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    climb = "../" * 20 + str(secret).lstrip("/")
    document = f"<!DOCTYPE html><html><body><p>Text.</p>{markup.format(secret=secret, climb=climb)}</body></html>"
    with pytest.raises(fetch.Refused, match="which is not a file of the built site or the edition's fonts"):
        pdf.render(pdf.Job(document, "a4", "a4", str(tmp_path / "site")))


def test_the_fetcher_reads_the_site_and_the_fonts_only(tmp_path):
    from edition.formats import fetch

    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "img/map.png").write_bytes(b"png")
    (site / "img/link.png").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    font = next((ROOT / "hooks/edition/formats/fonts").rglob("*.otf"))
    assert fetch.readable((site / "img/map.png").as_uri(), site) == site / "img/map.png"
    assert fetch.readable(font.as_uri(), site) == font
    for refused in [(site / "img/link.png").as_uri(), (tmp_path / "secret.txt").as_uri(),
                    (site / "img/../../secret.txt").as_uri(), (ROOT / "hooks/edition/formats/pdf.py").as_uri(),
                    "https://example.org/x.png", f"file://example.org{site}/img/map.png"]:
        assert fetch.readable(refused, site) is None, refused


# Symbolic links out of the project (hooks/edition/model/symlinks.py)

LINK_FIX = ("outside the project: refused (the build would read or publish what it points to): put the file "
            "itself in the project, or remove the link")


@pytest.mark.parametrize("link, target", [
    ("docs/secret.txt", "{outside}/secret.txt"),          # published as an asset
    ("docs/b.md", "{outside}/secret.txt"),                # a page, once the nav lists it
    ("docs/more", "{outside}"),                           # a folder
    ("data/glossary.yml", "{outside}/secret.txt"),
    ("bib/report.bib", "../../outside/secret.txt"),     # relative, named as written and resolved
])
def test_a_symbolic_link_out_of_the_project_stops_the_build(tmp_path, link, target):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    project = tmp_path / "project"
    site_files(project, PAGES, {}, {})
    (project / link).symlink_to(target.format(outside=outside))
    site = build_in_process(tiny_config(project, PAGES), project / "site")
    assert site.returncode != 0
    shown = target.format(outside=outside)
    shown += f" ({outside / 'secret.txt'})" if shown.startswith("..") else ""
    assert f"{link}: a symbolic link to {shown}, {LINK_FIX}" in site.log
    assert leaked(site) == []


def test_a_symbolic_link_inside_the_project_is_followed(tmp_path):
    site_files(tmp_path, PAGES, {}, {})
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/notes.txt").write_text("shared\n", encoding="utf-8")
    (tmp_path / "docs/shared").symlink_to("../shared")
    (tmp_path / "shared/far.txt").symlink_to("/etc/hostname")     # out, through a link in
    site = build_in_process(tiny_config(tmp_path, PAGES), tmp_path / "site")
    assert site.returncode != 0
    assert f"docs/shared/far.txt: a symbolic link to /etc/hostname, {LINK_FIX}" in site.log
    (tmp_path / "shared/far.txt").unlink()
    site = build_in_process(tiny_config(tmp_path, PAGES), tmp_path / "site")
    assert site.returncode == 0, site.log
    assert (tmp_path / "site/shared/notes.txt").read_text(encoding="utf-8") == "shared\n"


# Strict means strict: `--strict -q` fails where `--strict` fails.

@pytest.mark.parametrize("defect", ["missing nav page", "uncited work"])
def test_strict_fails_whatever_the_log_level(tmp_path, defect):
    import subprocess

    from helpers import BUILD_ENV, MKDOCS
    if defect == "missing nav page":      # MkDocs' own warning
        site_files(tmp_path, PAGES, {}, {})
        config = tiny_config(tmp_path, PAGES, nav=["index.md", {"The report": ["a.md"]}, "gone.md"])
    else:                                 # the edition's
        site_files(tmp_path, CITING, {}, {"report.bib": GOOD_BIB + "@online{unused, title = {B}, year = {2020}}\n"})
        config = tiny_config(tmp_path, CITING)
    codes = {}
    for flags in (["--strict"], ["--strict", "-q"], []):
        result = subprocess.run([*MKDOCS, "build", *flags, "-f", str(config), "-d", str(tmp_path / "site")],
                                capture_output=True, text=True, env={**BUILD_ENV, "EDITION_FORMATS": "off"})
        codes[" ".join(flags)] = (result.returncode, result.stdout + result.stderr)
    assert codes["--strict"][0] == codes["--strict -q"][0] == 1
    assert codes[""][0] == 0
    assert "WARNING" not in codes["--strict -q"][1]      # as quiet as asked
    assert "Aborted with 1 warnings in strict mode!" in codes["--strict -q"][1]


# An empty section is named, and what follows from an error is folded under it.

def test_an_empty_or_heading_only_section_is_named(tmp_path):
    pages = {**PAGES, "a.md": "# A\n\n## Only a heading\n", "b.md": "Two.\n{#p2}\n"}
    site = tiny_site(tmp_path, pages, {"annotations.yml": NOTE + NOTE.replace("p1-golden", "p1-other")})
    assert site.returncode != 0
    assert ("a.md: this section of the report has no numbered paragraph (the page is empty, or headings only): "
            "restore its text, each paragraph ending with its id ({#pN}), or take the page out of the nav's "
            "group of the report") in site.log
    assert ("  ... and 2 more that follow from it (until it is fixed), the first: data/annotations.yml, line 2, "
            "annotation 'p1-golden-horn-bay', field 'paragraph': paragraph 'p1' does not exist") in site.log
    assert "1 error in the edition's data" in site.log


def test_the_errors_that_follow_from_a_bad_glossary_are_folded_under_it(tmp_path):
    refs = "".join(NOTE.replace("p1-golden-horn-bay", f"p1-note-{n}") + "  refs: [glossary:sco]\n" for n in range(30))
    site = tiny_site(tmp_path, PAGES, {"glossary.yml": TERM.replace("id: sco", "id: SCO"), "entities.yml": "[]\n",
                                       "annotations.yml": refs})
    assert site.returncode != 0
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR")]
    assert errors[0].startswith("ERROR   -  edition: data/glossary.yml, line 1, term 'SCO', field 'id':")
    assert errors[1].startswith("ERROR   -  edition:   ... and 30 more that follow from it (until it is fixed), "
                                "the first: data/annotations.yml, line 7, annotation 'p1-note-0', field 'refs[1]': "
                                "ref 'glossary:sco' does not exist")
    assert errors[2:] == ["ERROR   -  1 error in the edition's data (listed above)"]


# `mkdocs serve` keeps serving the last good build while the data is broken.

def test_serve_keeps_the_last_good_build_while_the_data_is_broken(tmp_path):
    import socket
    import subprocess
    import time
    import urllib.request

    from helpers import BUILD_ENV, MKDOCS
    site_files(tmp_path, CITING, {"annotations.yml": NOTE}, {"report.bib": GOOD_BIB})
    config = tiny_config(tmp_path, CITING)
    config.write_text(config.read_text(encoding="utf-8") + "watch:\n- data\n- bib\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"

    def page() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/a/", timeout=10) as response:
            return response.read().decode()

    def wait_for(condition) -> None:
        for _ in range(300):
            try:
                if condition():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(log.read_text(encoding="utf-8"))

    with log.open("w") as output:
        server = subprocess.Popen([*MKDOCS, "serve", "--strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  cwd=tmp_path,
                                  stdout=output, stderr=output, env={**BUILD_ENV, "EDITION_FORMATS": "off"})
    try:
        wait_for(lambda: "Golden Horn" in page())
        (tmp_path / "data/annotations.yml").write_text(NOTE.replace("kind: context", "kind: corection"),
                                                       encoding="utf-8")
        wait_for(lambda: "still serving the last good build" in log.read_text(encoding="utf-8"))
        assert "Golden Horn" in page()          # served at once, the last good build
        shown = log.read_text(encoding="utf-8")
        assert ("data/annotations.yml, line 3, annotation 'p1-golden-horn-bay', field 'kind': 'corection' is "
                "not one of") in shown
        (tmp_path / "data/annotations.yml").write_text(NOTE.replace("Golden Horn", "Zolotoy Rog"), encoding="utf-8")
        wait_for(lambda: "Zolotoy Rog" in page())
        # A warning, which --strict (make serve) counts: the new site is written whole, and served.
        (tmp_path / "bib/report.bib").write_text(GOOD_BIB + "@online{unused, title = {B}, year = {2020}}\n",
                                                 encoding="utf-8")
        (tmp_path / "data/annotations.yml").write_text(NOTE.replace("Golden Horn", "Amur Bay"), encoding="utf-8")
        wait_for(lambda: "Amur Bay" in page()
                 and "which --strict counts as errors: serving it" in log.read_text(encoding="utf-8"))
        assert "entry 'unused' is cited by no footnote" in log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


# Loopback means loopback (edition.model.citable.local_address, scripts/release.py)

LOCAL = ["http://localhost.:8000/", "http://LOCALHOST/", "http://[::ffff:127.0.0.1]:8000/", "http://0.0.0.0/",
         "http://127.5.6.7/", "http://[::1]/", "http://[::]/", "http://10.1.2.3/", "http://172.16.0.1/",
         "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.1.1/", "http://[fe80::1]/",
         "http://[fc00::1]/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
         "http://%6Cocalhost/", "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/",
         "http://preview.localhost/", "http://printer.local/", "http://100.64.0.1/"]
PUBLIC = ["https://edition.example.org/quiet-rivalry/", "https://example.org./", "http://172.32.0.1/",
          "https://8.8.8.8/", "https://[2606:4700::1111]/", "https://cafe.example/"]


@pytest.mark.parametrize("url", LOCAL)
def test_every_form_of_a_local_address_is_refused_as_a_release_address(url):
    import release
    from edition.model.citable import loopback
    assert loopback(url)
    problem = release.address_problem(url)
    assert problem is not None and "address, not a public one: a release names its address" in problem


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_is_taken(url):
    import release
    from edition.model.citable import loopback
    assert not loopback(url) and release.address_problem(url) is None


# The project is the repository that holds the edition: an edition kept in a folder of another's
# repository (tests/editions/minimal) may link to the repository's files; nothing may lead into
# .git, whose config can hold a remote's token.
def test_an_edition_inside_a_repository_may_link_to_it_but_not_into_git(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/config").write_bytes(SECRET)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/notes.txt").write_text("shared\n", encoding="utf-8")
    edition = tmp_path / "editions/small"
    site_files(edition, PAGES, {}, {})
    (edition / "docs/shared").symlink_to("../../../shared")
    site = build_in_process(tiny_config(edition, PAGES), edition / "site")
    assert site.returncode == 0, site.log
    assert (edition / "site/shared/notes.txt").read_text(encoding="utf-8") == "shared\n"
    (edition / "docs/config.txt").symlink_to("../../../.git/config")
    site = build_in_process(tiny_config(edition, PAGES), edition / "site")
    assert site.returncode != 0
    assert f"docs/config.txt: a symbolic link to ../../../.git/config ({tmp_path / '.git/config'}), {LINK_FIX}" \
        in site.log
    assert leaked(site) == []
