"""Patches to WeasyPrint 70 (the pinned version): notes on their call's page, PDF/UA-1, and
names kept whole.

Notes. When a line does not fit at the foot of a page and orphans or widows forbid breaking
before it, WeasyPrint 70 (layout/block.py, _linebox_layout) moves the page's last notes to
the next page to make room for that line, whichever line called them: so note 8, called
in the middle of a page, was printed at the foot of the next one. The patch turns that off
(`report = False`): such a line goes to the next page by the orphans and widows rules,
and a note only moves with the line that calls it (footnote-policy: line in print.css).

PDF/UA-1. WeasyPrint writes the tag tree, /Lang, the document title and XMP metadata with
pdfuaid:part 1 for the `pdf/ua-1` variant. Three things it leaves out, made here:

- Running heads and folios (the @page margin boxes) are drawn as marked content that no
  structure element owns. PDF/UA (ISO 14289-1, 7.8) wants page furniture marked as
  pagination artifacts, so a screen reader does not read the running head on every page:
  the text of a margin box is written inside `/Artifact <</Type /Pagination>> BDC`.
- A note (span.fn, laid out at the foot of the page by `float: footnote`) is tagged as a
  Span; it becomes a Note with an ID (7.9 requires the ID).
- Page labels: the viewer shows the printed folio ("9"), and "Cover" for the cover.

Names. Hyphenation broke names as readily as words ("Kazakh-stan", "Ji-ang", "Organiz-
ation"), and CSS cannot tell a name from a word. The patch gives WeasyPrint's line breaking
a hyphenation dictionary (pyphen) that finds no hyphenation point in a word beginning with a
capital letter: every name, and the first word of some sentences, a small cost. (URLs written
as text are kept whole by print.css, hyphens.py marks them.)

They patch WeasyPrint's drawing, tagging and line breaking in the process that lays out the PDFs (a worker
of edition/formats/build.py), checking first that the WeasyPrint there is the version they
were written for; tests/test_formats.py reads the structure back from every PDF.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from edition.model.anchors import Anchor

WEASYPRINT = "70.0"      # the version whose internals these patches know
NOTE_CLASS = "fn"        # the class of a note's span (edition/formats/pdf.py)
_patched = False


def patch_weasyprint() -> None:
    global _patched
    if _patched:
        return
    import pydyf
    import weasyprint
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import block
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf import tags
    from weasyprint.text import line_break

    if weasyprint.__version__ != WEASYPRINT:
        raise RuntimeError(f"edition/formats/patches.py was written for WeasyPrint {WEASYPRINT}, "
                           f"not {weasyprint.__version__}: check its patches against the new "
                           "version, then change WEASYPRINT")
    draw_context, marked, build_tree = (draw.draw_stacking_context, pdf_stream.Stream.marked,
                                        tags._build_box_tree)

    # Drawing: a margin box's text goes into a pagination artifact, not a tagged span.
    def draw_stacking_context(stream, context) -> None:
        if not isinstance(context.box, boxes.MarginBox):
            return draw_context(stream, context)
        stream.in_margin = getattr(stream, "in_margin", 0) + 1
        try:
            return draw_context(stream, context)
        finally:
            stream.in_margin -= 1

    @contextmanager
    def marked_or_artifact(self, box, tag) -> Iterator[None]:
        if self._tags is None or not getattr(self, "in_margin", 0):
            with marked(self, box, tag):
                yield
            return
        self.begin_marked_content("Artifact", pydyf.Dictionary({"Type": "/Pagination"}))
        try:
            yield
        finally:
            self.end_marked_content()

    # Tagging: margin boxes own no structure (their text is an artifact now); a note's span
    # is a Note with its id.
    def build_box_tree(box, parent, pdf, page_number, nums, annotations, page_tags):
        if isinstance(box, boxes.MarginBox):
            return
        if getattr(box, "link_annotation", None) and box.element is not None:
            box.link_annotation["Contents"] = pydyf.String(link_description(box.element))
        note = (box.element is not None and box.element_tag == "span"
                and NOTE_CLASS in (box.element.get("class") or "").split()
                and isinstance(box, boxes.BlockBox))
        for element in build_tree(box, parent, pdf, page_number, nums, annotations, page_tags):
            if note and element["S"] == "/Span":
                element["S"] = "/Note"
                element["ID"] = pydyf.String(f"{box.element.get('id')}-p{page_number + 1}")
            yield element

    line_break.pyphen = names_whole(line_break.pyphen)
    patch_footnote_reporting(block)
    draw.draw_stacking_context = draw_stacking_context
    pdf_stream.Stream.marked = marked_or_artifact
    tags._build_box_tree = build_box_tree
    _patched = True


# A link's alternate description (PDF/UA-1 7.18.5: its annotation's /Contents), which
# WeasyPrint sets to the link's target ("chapter-introduction", "fn:7"): the link's title,
# else what a ¶ or note number stands for ("Note 7"), else its words, else its address.
def link_description(link) -> str:
    href = link.get("href") or ""
    title, target = " ".join((link.get("title") or "").split()), href.removeprefix("#")
    if title:
        return title
    if Anchor.is_valid(target, ("p", "fn")):
        return Anchor.parse(target, ("p", "fn")).spoken.capitalize()
    return " ".join("".join(link.itertext()).split()) or href


# The pyphen module as WeasyPrint's line breaking uses it (language_fallback, Pyphen), with
# dictionaries that leave a word beginning with a capital letter whole.
def names_whole(pyphen: Any) -> Any:
    import types

    class Dictionary(pyphen.Pyphen):
        def iterate(self, word: str):
            return iter(()) if word[:1].isupper() else super().iterate(word)

    return types.SimpleNamespace(language_fallback=pyphen.language_fallback, Pyphen=Dictionary)


REPORTING = "report = not context.in_column and can_break_now and not could_break_before"


def patch_footnote_reporting(block) -> None:
    """_linebox_layout, recompiled with its footnote reporting for overflowing lines off."""
    import inspect
    import textwrap

    source = textwrap.dedent(inspect.getsource(block._linebox_layout))
    if source.count(REPORTING) != 1:
        raise RuntimeError("edition/formats/patches.py: WeasyPrint's _linebox_layout changed; "
                           "check the footnote patch against it")
    namespace: dict = {}
    exec(compile(source.replace(REPORTING, "report = False"), block.__file__, "exec"),
         block.__dict__, namespace)
    block._linebox_layout = namespace["_linebox_layout"]


def finish(document, pdf, cover: bool = True) -> None:
    """Page labels: "Cover" on the cover, then the printed folio (pages count from the cover);
    without a cover (a handout), the folio from 1."""
    import pydyf

    labels = [0, pydyf.Dictionary({"P": pydyf.String("Cover")}), 1, pydyf.Dictionary({"S": "/D", "St": 2})]
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(
        labels if cover else [0, pydyf.Dictionary({"S": "/D", "St": 1})])})
