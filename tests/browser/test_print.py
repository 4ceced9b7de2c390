"""A browser's Print of a section (Chromium's print to PDF, as a reader's Print does): a clean
copy in each view, without the site's furniture, controls or glyphs; underlines only where a
printed note explains them; the Study view a compact handout."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from helpers import SCREENSHOTS

from .conftest import open_page

PAGE = "introduction/"   # the longest section in the Study view
# Pages of the Study view of PAGE printed by Chromium at c33e9f8 (A4 and US Letter alike),
# before the print styles of issue 25: the handout is to take half of them at most.
PAGES_BEFORE = 13
GLYPHS = "▾▸☐☑"

# Every element of the article drawn underlined in print, as [its tag, its class, the note it
# marks]; and the notes that print.
UNDERLINED = """() => {
  const drawn = Array.from(document.querySelectorAll("article *")).filter((e) =>
    getComputedStyle(e).textDecorationLine.includes("underline") && e.checkVisibility());
  return drawn.map((e) => [e.tagName, e.className, e.dataset.note || null]);
}"""
PRINTED_NOTES = """() => Array.from(document.querySelectorAll("article .annotation"))
  .filter((note) => note.checkVisibility()).map((note) => note.id)"""
QUESTIONS = """() => Array.from(document.querySelectorAll("article .annotation--question"), (note) => note.id)"""


def _printed(page, paper: str) -> tuple[int, str]:
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return len(pdf.pages), "\n".join(sheet.extract_text() for sheet in pdf.pages)


@pytest.mark.parametrize("view, open_all", [("reading", False), ("study", False), ("study", True)])
def test_a_section_prints_without_furniture_controls_or_glyphs(new_view, base_url, view, open_all):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}{PAGE}?view={view}")
    if open_all:   # every note open: its button shows ▾ on the screen
        page.get_by_role("button", name="Open all").click()
    # What is on the screen and must not be printed: the download line, the toolbar, the
    # local preview's banner, the Cite links.
    furniture = page.evaluate("""() => [".edition-downloads", ".annotation-controls", ".md-banner", ".page-cite"]
        .map((s) => document.querySelector(s)?.innerText.trim()).filter(Boolean)""")
    assert len(furniture) == 4
    for paper in ("A4", "Letter"):
        _, text = _printed(page, paper)
        flat = " ".join(text.split())
        assert "Introduction" in flat and "Shanghai Cooperation Organization" in flat
        for shown in furniture:
            assert " ".join(shown.split()) not in flat, (paper, shown)
        for control in ("Study view", "Open all", "Close all", "Cite this edition", "Skip to content"):
            assert control not in flat, (paper, control)
        assert not set(GLYPHS) & set(text), (paper, set(GLYPHS) & set(text))
        # The questions print in both views.
        assert "Discussion questions" in flat


def test_the_study_view_prints_as_a_compact_handout(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}{PAGE}?view=study")
    page.emulate_media(media="print")
    notes = page.evaluate(PRINTED_NOTES)
    page.emulate_media(media="null")   # no emulation: page.pdf prints as print
    assert len(notes) > 20
    for paper in ("A4", "Letter"):
        pages, text = _printed(page, paper)
        print(f"Study view of {PAGE} printed on {paper}: {pages} pages (before: {PAGES_BEFORE})")
        assert pages <= PAGES_BEFORE // 2, (paper, pages)
        flat = " ".join(text.split())
        # Each printed note is in the handout, its label and its first words.
        for note in notes:
            head = " ".join(page.locator(f"#{note} .annotation__head").inner_text().split())
            lead = " ".join(page.locator(f"#{note} .annotation__head + p").inner_text().split())
            assert head.lstrip("▸▾ ").split(" on ")[0] in flat, (paper, note)
            assert lead[:40] in flat, (paper, note)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "introduction-study-print.pdf"), format="A4")


@pytest.mark.parametrize("view", ["reading", "study"])
def test_only_phrases_whose_note_is_printed_are_underlined(new_view, base_url, view):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}{PAGE}?view={view}")
    # A reader has hidden the corrections: theirs are not printed, nor underlined.
    if view == "study":
        page.get_by_role("checkbox", name="Corrections").uncheck()
    try:
        page.emulate_media(media="print")
        underlined, printed = page.evaluate(UNDERLINED), set(page.evaluate(PRINTED_NOTES))
        questions = set(page.evaluate(QUESTIONS))   # printed in the list at the end
    finally:
        page.emulate_media(media="null")   # no emulation: page.pdf prints as print
        if view == "study":
            page.get_by_role("checkbox", name="Corrections").check()
    assert all(tag == "MARK" for tag, _, _ in underlined), underlined   # no link, no term
    marked = {note for _, _, note in underlined}
    if view == "reading":
        assert marked == set()
    else:
        assert marked and marked <= printed | questions, marked - printed - questions
        assert not any(note.startswith("note-") and "correction" in page.locator(f"#{note}").get_attribute("class")
                       for note in marked)
