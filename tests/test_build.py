"""Each edition (the real one and the invented minimal one) builds with --strict, without a
warning; the same twice (a test of the code: on the minimal edition)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import REPORT_PAGES, build_site
from projects import MINIMAL

ROOT = Path(__file__).resolve().parent.parent


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_strict_build_has_no_warning(edition_site):
    assert "WARNING" not in edition_site.log and "ERROR" not in edition_site.log, edition_site.log


def test_two_builds_give_the_same_files(minimal_site, tmp_path):
    # The first build started from an empty cache; this one formats no citation itself. The
    # minimal edition has every construct of the text (notes, figure, pull quote, changes).
    again = build_site(MINIMAL.config_file, tmp_path / "again", formats=False)
    assert again.returncode == 0, again.log
    first, second = digest(minimal_site.path), digest(again.path)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_one_h1_per_page_and_toc_lists_the_sections(site):
    for page in ["", *REPORT_PAGES, "changes", "about-this-edition", "about-the-publisher"]:
        assert len(site.page(page).find("article").find_all("h1")) == 1, page
    nav = [link.get_text(" ", strip=True) for link in site.page("").select("nav.md-nav--primary a.md-nav__link")]
    for title in ["About the author", "Executive summary", "Introduction", "En route to Beijing",
                  "Wrestling for digital supremacy", "Conclusion", "Changes to the text"]:
        assert title in nav


def test_nothing_is_loaded_from_another_host(project, edition_site):
    for path in edition_site.html_files:
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
    for page in ["", *project.report_pages]:
        soup = edition_site.page(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                rel = element.get("rel", [])
                if tag == "link" and "stylesheet" not in rel and "icon" not in rel:
                    continue
                assert not element[attribute].startswith(("http:", "https:", "//")), element


def test_changes_page_tabulates_every_change(project, edition_site):
    repairs, emendations = project.data("repairs.yml"), project.data("emendations.yml")
    article = edition_site.page("changes").find("article")
    tables = article.find_all("table")
    assert [len(t.select("tbody tr")) for t in tables] == [len(emendations), len(repairs)]
    assert "|" not in " ".join(p.get_text() for p in article.find_all("p"))
