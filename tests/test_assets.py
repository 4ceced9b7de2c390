"""What a page loads beside its HTML, made small at build time (hooks/edition/assets.py,
theme_css.py; issue 16): Material's CSS cut to what the site uses, the edition's minified."""
from __future__ import annotations

from pathlib import Path

from edition import assets, theme_css

MATERIAL_CSS = """
:root{--md-admonition-icon--note:url('data:image/svg+xml;x');--md-used:1px;--md-chain:2px;--md-via-chain:var(--md-chain)}
.md-typeset .admonition.note{border-color:var(--md-admonition-icon--note)}
.md-nav__link,.md-tag{color:red}
.md-typeset a:not(.md-unused-inside-not){margin:var(--md-used)}
@media screen{.md-search__unused{top:0}.md-header{left:var(--md-via-chain)}}
[data-md-color-primary=red]{--md-primary:red}[data-md-color-primary=indigo]{--md-primary:blue}
@keyframes spin{to{opacity:1}}
.md-typeset table:not([class]) td>:first-child{margin-top:0}
[dir=rtl] .md-nav__link{margin-right:0}[dir=ltr] .md-nav__link{margin-left:0}
[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}
"""
PAGE = ('<body dir="ltr" data-md-color-primary="indigo"><nav class="md-nav"><a class="md-nav__link">x</a></nav>'
        '<header class="md-header"></header><article class="md-typeset"><p style="color: var(--md-primary)">'
        'A note about admonition</p></article>')


def trimmed(tmp_path: Path, page: str = PAGE, script: str = "") -> str:
    sheet = tmp_path / "assets" / "stylesheets" / "main.0000.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(MATERIAL_CSS, encoding="utf-8")
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text(script, encoding="utf-8")
    theme_css.trim(tmp_path)
    return sheet.read_text(encoding="utf-8")


def test_rules_whose_classes_no_file_names_are_dropped(tmp_path):
    css = trimmed(tmp_path)
    assert ".md-nav__link{color:red}" in css          # the list keeps the selector in use
    assert ".md-tag" not in css and ".md-search__unused" not in css
    assert ".md-header{" in css                       # inside @media, kept
    assert "a:not(.md-unused-inside-not)" in css      # a class under :not() need not be there
    assert "@keyframes spin" in css


def test_a_class_a_script_adds_is_kept(tmp_path):
    css = trimmed(tmp_path, script='el.classList.add("md-search__unused")')
    assert ".md-search__unused{top:0}" in css


def test_palettes_no_page_offers_are_dropped(tmp_path):
    css = trimmed(tmp_path)
    assert "[data-md-color-primary=indigo]" in css and "[data-md-color-primary=red]" not in css


def test_a_writing_direction_no_page_has_is_dropped(tmp_path):
    css = trimmed(tmp_path)
    assert "[dir=ltr] .md-nav__link" in css and "[dir=rtl]" not in css
    assert "[dir=rtl] .md-nav__link" in trimmed(tmp_path / "b", PAGE + '<p dir="rtl">x</p>')


def test_custom_properties_nothing_reads_are_dropped(tmp_path):
    css = trimmed(tmp_path)
    # "admonition" is a word of the page: its rule stays (a word may be a class), and so does
    # the icon the rule reads; without the word both go.
    assert "--md-admonition-icon--note" in css
    assert "--md-used:1px" in css and "--md-via-chain" in css and "--md-chain:2px" in css
    page = PAGE.replace("admonition", "aside")
    css = trimmed(tmp_path / "b", page)
    assert ".admonition" not in css and "--md-admonition-icon--note" not in css
    assert "--md-primary:blue" in css  # read by a page's inline style


def test_a_classless_table_test_goes_when_no_page_has_a_table_with_a_class(tmp_path):
    # Chrome restyles all an element holds when its class changes, because of this test.
    assert ".md-typeset table td>:first-child{margin-top:0}" in trimmed(tmp_path / "a")
    css = trimmed(tmp_path / "b", PAGE + '<table class="x"><tr><td>1</td></tr></table>')
    assert ".md-typeset table:not([class]) td>:first-child{margin-top:0}" in css


def test_the_palette_switching_rule_goes(tmp_path):
    # It restyles every element twice when Material's script starts (issue 16).
    assert "data-md-color-switching" not in trimmed(tmp_path)


def test_two_trims_of_one_site_give_the_same_bytes(tmp_path):
    assert trimmed(tmp_path / "one") == trimmed(tmp_path / "two")


def test_squeeze_keeps_one_line_break_for_each_run_of_white_space():
    assert assets.squeeze('<nav>\n    <a>x</a>  \n\n  <a>y</a>\n</nav>') == "<nav>\n<a>x</a>\n<a>y</a>\n</nav>"
    assert assets.squeeze("<span>a b</span>") == "<span>a b</span>"
