"""Every same-site link resolves; every external URL in the text is well formed (on each
edition: the real one and the invented minimal one, tests/projects.py)."""
from __future__ import annotations

import pytest

from linkcheck import Report, check_site, main, url_problem


# Each edition's links, read once for the tests below (every page parsed: seconds).
@pytest.fixture(scope="module")
def site_links(edition_site) -> Report:
    return check_site(edition_site.path)


def test_every_internal_link_and_anchor_resolves(edition_site, site_links):
    assert site_links.broken == []
    # The navigation on every page links to every page: nav and theme links are counted.
    assert site_links.internal_checked > len(edition_site.html_files) ** 2
    print(f"internal links checked: {site_links.internal_checked}")


def test_external_urls_are_well_formed(project, site_links):
    assert site_links.malformed == []
    # Every URL the report's notes print is found among the site's, as printed (the real
    # report's n. 19 has one whose underscores the extraction escaped: 02_ESCAP_ICT_in_CA.pdf).
    printed = project.markdown_urls()
    assert printed and set(printed) <= set(site_links.external), set(printed) - set(site_links.external)


# `make linkcheck`: the command prints every external URL and fails on a broken link.
def test_the_command_reports_every_url_and_fails_on_a_broken_link(tmp_path, capsys):
    (tmp_path / "index.html").write_text(
        '<p id="p1"><a href="https://example.org/report.pdf">a</a> <a href="#p1">b</a></p>')
    assert main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "well formed" in printed and "https://example.org/report.pdf" in printed
    (tmp_path / "index.html").write_text('<a href="#gone">b</a>')
    assert main([str(tmp_path)]) == 1
    assert "BROKEN index.html: #gone" in capsys.readouterr().out


@pytest.mark.parametrize(
    "url, problem",
    [
        ("https://www.unescap.org/a_b.pdf", None),
        ("https://www.unescap.org/a\\_b.pdf", "stray escape"),
        ("ftp://example.org/x", "scheme"),
        ("http:///path-only", "no host"),
        ("https://example.org/a b", "stray escape"),
    ],
)
def test_url_forms(url, problem):
    found = url_problem(url)
    assert (found is None) if problem is None else (problem in found)


def test_broken_links_and_anchors_are_reported(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">anchor</a>'
        '<a href="missing/">file</a><a href="/a/">root</a><link href="x.css" rel="stylesheet">'
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<p id="here">x</p>')
    report = check_site(tmp_path)
    assert report.internal_checked == 6
    assert [line.split(" (")[0] for line in report.broken] == [
        "index.html: a/#gone", "index.html: missing/", "index.html: x.css"]
