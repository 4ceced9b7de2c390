"""Every same-site link resolves; every external URL in the text is well formed."""
from __future__ import annotations

import pytest

from linkcheck import check_site, main, url_problem


def test_every_internal_link_and_anchor_resolves(site, capsys):
    report = check_site(site.path)
    assert report.broken == []
    # The navigation on every page links to every page: nav and theme links are counted.
    assert report.internal_checked > len(site.html_files) ** 2
    print(f"internal links checked: {report.internal_checked}")


def test_external_urls_are_well_formed_and_reported(site, capsys):
    report = check_site(site.path)
    assert report.malformed == []
    assert "https://www.unescap.org/sites/default/files/02_ESCAP_ICT_in_CA.pdf" in report.external
    assert main([str(site.path)]) == 0
    printed = capsys.readouterr().out
    assert all(url in printed for url in report.external)


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
