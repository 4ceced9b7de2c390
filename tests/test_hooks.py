"""The one hook and its features, in memory: order, generated pages (golden files), phrase marks."""
from __future__ import annotations

import ast
from pathlib import Path

import markdown
import pytest

from edition import features
from edition.markdown.context import Current, PageInfo
from edition.markdown.extension import PROCESSORS, EditionExtension
from edition.model.anchors import Anchor
from edition.model.edition import Annotation, Edition, Paragraph, Part
from helpers import ROOT, build_edition, load_project, render_page

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


def generate(order, edition) -> dict[str, str | bytes]:
    found: dict[str, str | bytes] = {}
    for generator in order:
        made = generator(edition)
        assert not made.keys() & found.keys(), "two features make the same file"
        found.update(made)
    return found


# The features that make pages read only the model: in another order, the same files.
def test_generated_files_do_not_depend_on_the_order_of_the_features(edition):
    forward = generate(features.GENERATORS, edition)
    assert generate(tuple(reversed(features.GENERATORS)), edition) == forward
    assert {"changes.md", "bibliography.md", "glossary.md", "entities.md", "teaching.md", "cite.md"} <= set(forward)


# The Markdown processors' order is written once: their priorities, in the extension.
def test_the_processors_order_is_written_in_one_place():
    priorities = [processor.priority for processor in PROCESSORS]
    assert len(set(priorities)) == len(priorities)
    md = markdown.Markdown(extensions=["attr_list", "footnotes", EditionExtension(Current())])
    running = [type(processor) for processor in md.treeprocessors if type(processor) in PROCESSORS]
    assert running == list(PROCESSORS)


# Golden files of the generated pages' Markdown (pytest --update-golden rewrites them).
PAGES = ["changes.md", "bibliography.md", "glossary.md", "entities.md", "teaching.md", "cite.md", "changelog.md",
         "my-notes.md"]


@pytest.mark.content
@pytest.mark.parametrize("name", PAGES)
def test_generated_page_matches_its_golden_file(edition, name, request):
    made = generate(features.GENERATORS, edition)[name]
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(str(made), encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run pytest --update-golden and review it"
    assert made == golden.read_text(encoding="utf-8"), f"{name} changed: review, then pytest --update-golden"


# One page through the hook, in memory: the ¶ and Cite links, a phrase mark, the title lines.
def test_a_page_renders_in_memory_through_the_hook():
    html = render_page("introduction.md")
    # Left out of Material's search sections (an entry of its own: edition/search.py).
    assert '<p class="para" data-search-exclude="paragraph" id="p3"><a class="para-num" href="#p3"' in html
    cite = '<a aria-label="Cite paragraph 3" class="para-cite cite-open" data-cite="p3" href="../cite/#cite-p3">'
    assert cite in html
    assert 'data-note="note-p3-border-length">3,000-kilometer-long border</mark>' in html
    title_end = html.index("</h1>")
    # The downloads line first when the build makes the formats, then Cite, then the toolbar.
    assert html[title_end:].startswith(('</h1><div class="edition-downloads"', '</h1><div class="page-cite"'))
    assert html.index('class="page-cite"') < html.index('class="annotation-controls"')


# Each page's HTML is taken once, as MkDocs rendered it, with its address and title: every output
# (locators, TEI, Web Annotations, PDF, EPUB) reads it from there, never page.content again.
def test_each_page_is_taken_once_as_rendered():
    import edition_hooks as hooks

    html = render_page("introduction.md")
    rendered = hooks.build.current.rendered
    assert rendered.html == {"introduction.md": html}
    assert rendered.urls["introduction.md"] == "introduction/" and rendered.titles["introduction.md"]


# On the title page the lines come after the title block (title, author, publisher, date),
# where a reader looks for downloads and how to cite; never between the title and the author.
def test_the_title_pages_lines_follow_its_title_block():
    html = render_page("index.md")
    title_end, author = html.index("</h1>"), html.index('class="title-page__author"')
    date = html.index('class="title-page__date"')
    for line in ('class="edition-downloads"', 'class="page-cite"'):
        assert date < html.index(line), f"{line} is not after the title block"
    assert "edition-downloads" not in html[title_end:author] and "page-cite" not in html[title_end:author]


# Phrase marks on the parsed tree: a phrase that crosses emphasis or a note reference is
# marked piece by piece, each piece inside one element, so the marks nest properly.


def marked(source: str, phrase: str | None, markers: bool = False) -> str:
    anchor = Anchor("p", 1)
    part = Part("a.md", "a/", "A", "section", 1, (anchor,))
    note = Annotation("n1", anchor, "context", "Editors", "0.1.0", "Text.", "1a", phrase)
    edition = Edition(None, None, (part,), {anchor: Paragraph(anchor, "a.md", source)}, {}, {}, {}, {}, {},
                      (note,), (), (), (), ())
    current = Current(edition=edition, page=PageInfo("a.md", "a/", part))
    md = markdown.Markdown(extensions=["attr_list", "footnotes", EditionExtension(current)])
    html = md.convert(source + "\n{#p1}\n\n[^1]: A note.\n")
    return html if markers else html.replace(MARKER, "")


MARK = '<mark class="annotated" data-note="note-n1">'
MARKER = ('<a aria-label="Editors\' note 1a" class="note-marker" data-kind="context" data-label="1a" '
          'href="#note-n1"></a>')


# The marker the Reading view shows, written by the build so that nothing moves when the
# page's script runs: after the last piece of the phrase, or at the end of the paragraph.
@pytest.mark.parametrize("source, phrase, expected", [
    ("The SCO was founded in 2001.", "founded in 2001", f"founded in 2001</mark>{MARKER}."),
    ("It was **very *much* founded** then.", "much founded then", f"{MARK} then</mark>{MARKER}."),
    ("The SCO was founded in 2001.", None, f"founded in 2001.{MARKER}</p>"),
], ids=["after the phrase", "after its last piece", "a note on the paragraph"])
def test_each_note_has_its_marker_after_its_phrase(source, phrase, expected):
    html = marked(source, phrase, markers=True)
    assert expected in html and html.count(MARKER) == 1


@pytest.mark.parametrize("source, phrase, expected", [
    ("The SCO was founded in 2001.", "founded in 2001", f"was {MARK}founded in 2001</mark>."),
    ("It was *founded in* 2001.", "founded in 2001",
     f"was <em>{MARK}founded in</em></mark>"),
    ("It was founded[^1] in 2001.", "founded in 2001",
     f"was {MARK}founded</mark><sup"),
    ("It was **very *much* founded** then.", "much founded then",
     f"<em>{MARK}much</mark></em>{MARK} founded</mark></strong>{MARK} then</mark>."),
], ids=["plain", "across emphasis", "across a note reference", "nested emphasis"])
def test_a_phrase_across_markup_is_marked_with_proper_nesting(source, phrase, expected):
    html = marked(source, phrase)
    assert expected.replace("</em></mark>", "</mark></em>") in html
    assert html.count("<mark") == html.count("</mark>")


def test_a_phrase_across_a_note_reference_is_found_without_the_note_number():
    html = marked("It was founded[^1] in 2001.", "founded in 2001")
    assert f'{MARK} in 2001</mark>.' in html and 'href="#fn:1">1</a></sup>' in html


# Each build starts from a new state: MkDocs keeps the hook module for the life of `mkdocs
# serve`, and on_config replaces everything the previous build learnt.
def test_each_build_starts_from_a_new_state():
    import edition_hooks as hooks

    config, _ = load_project(ROOT)
    hooks.on_config(config)
    first = hooks.build
    first.current.rendered.mentions["sco"] = set()
    config, _ = load_project(ROOT)
    hooks.on_config(config)
    assert hooks.build is not first and hooks.build.current.rendered.mentions == {}
    assert hooks.build.current.edition is None


def imported(path: Path) -> list[tuple[str, str]]:
    """(module, name) of each name a Python file imports, anywhere in it: `import a.b` gives
    ("a.b", "a.b"), `from a import b` ("a", "a.b"), `from . import b` ("", ".b")."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            found += [(module, f"{module}.{alias.name}") for alias in node.names]
    return found


# The model imports no feature: features are functions of the model, never the reverse. It
# may use the package's error type and log (edition/errors.py, edition/log.py).
def test_the_model_imports_no_feature():
    allowed = ("edition.model", "edition.errors", "edition.log")
    for path in (ROOT / "hooks/edition/model").glob("*.py"):
        for module, _ in imported(path):
            assert not (module.startswith("edition") and not module.startswith(allowed)), \
                f"{path.name} imports {module}"


# One thin adapter: of the hooks' modules, only the one hook imports MkDocs or Material; the rest
# of hooks/edition/ is a function of the model, whatever builds the site.
def test_only_the_adapter_imports_mkdocs_or_material():
    importing = set()
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if any(module.split(".")[0] in ("mkdocs", "material", "properdocs") for module, _ in imported(path)):
            importing.add(path.relative_to(ROOT).as_posix())
    assert importing == {"hooks/edition_hooks.py"}


# The features write relative links by edition/urls.py's rule, which must be MkDocs' own.
@pytest.mark.parametrize("url, page", [
    ("glossary/", "introduction/"), ("./", "glossary/"), ("", "glossary/"), ("cite/", ""),
    ("cite/citations.json", "introduction/"), ("downloads/a.pdf", "./"), ("entities/", "map-and-timeline/"),
    ("a/b/", "a/c/d/"), ("x.html", "404.html"), ("glossary/", "glossary/"), ("../up/", "a/"),
])
def test_relative_links_are_written_as_mkdocs_writes_them(url, page):
    from mkdocs.utils import get_relative_url

    from edition.urls import relative

    assert relative(url, page) == get_relative_url(url, page)


# The report's facts are in its data only: no title, author or publisher of the report (read
# from data/work.yml, so this test holds none) in the code, style sheets or templates.
def test_no_fact_of_the_report_is_written_in_the_code():
    import re

    import yaml

    report = yaml.safe_load((ROOT / "data/work.yml").read_text(encoding="utf-8"))["report"]
    author = report["author"]
    phrases = [report["title"], report["title_sentence_case"], report["publisher"],
               f"{author['given']} {author['family']}"]
    words = [author["family"], author["given"], report.get("publisher_short") or report["publisher"]]
    facts = re.compile("|".join([*map(re.escape, phrases), *(rf"\b{re.escape(word)}\b" for word in words)]),
                       re.IGNORECASE)
    folders = ["hooks", "overrides", "docs/javascripts", "docs/stylesheets"]
    found = []
    for path in sorted(p for folder in folders for p in (ROOT / folder).rglob("*") if p.is_file()):
        if path.suffix in (".otf", ".ttf", ".pyc", ".png", ".woff2"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if facts.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "facts of the report in the code (put them in data/work.yml):\n" + "\n".join(found)


# Features do not import each other: a module of one feature package (pages/, exports/,
# formats/, markdown/) imports none of another's; what several share lives beside the model
# (markup.py, csl.py, urls.py, citeproc/, placemap/).
def test_features_do_not_import_each_other():
    packages = ("pages", "exports", "formats", "markdown")
    for package in packages:
        for path in (ROOT / "hooks/edition" / package).rglob("*.py"):
            for _, name in imported(path):
                parts = name.split(".")
                assert not (parts[0] == "edition" and len(parts) > 1 and parts[1] in packages
                            and parts[1] != package), f"{path.relative_to(ROOT)} imports {name}"
