"""The Reading and Study views of a section: margin notes beside their paragraphs on a wide
screen (laid out there, each note staying after its paragraph in the page), a quiet text in
the Reading view, the section's questions in both views, the view remembered and set by the
address, every note reached and opened from the keyboard, and axe-core in both views."""
from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from .conftest import VIEW_IDS, VIEWS, axe_result, open_page, settle, start_axe

SECTIONS = ["about-the-author/", "executive-summary/", "introduction/", "en-route-to-beijing/",
            "wrestling-for-digital-supremacy/", "conclusion/"]
PAGE = "en-route-to-beijing/"

# The words of the report's paragraphs and footnotes, and those drawn underlined (by a text
# decoration or a bottom border on the word or an ancestor inside its block). Numbers,
# markers and the ¶ and Cite links are the edition's, not the report's words.
UNDERLINED_WORDS = """() => {
  const skip = "a.para-num, a.para-cite, a.note-marker, a.footnote-backref, .annotations, sup";
  let words = 0, underlined = 0;
  const drawn = (element, block) => {
    for (let e = element; e && e !== block.parentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.textDecorationLine.includes("underline") || parseFloat(style.borderBottomWidth) > 0) return true;
    }
    return false;
  };
  for (const block of document.querySelectorAll("article p.para, article .footnote li")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(skip)) continue;
      const count = (node.textContent.match(/\\S+/g) || []).length;
      words += count;
      if (drawn(node.parentElement, block)) underlined += count;
    }
  }
  return [words, underlined];
}"""

NOTE_BOXES = """() => {
  const text = document.querySelector("article p.para").getBoundingClientRect();
  return Array.from(document.querySelectorAll("article .annotation"), (note) => {
    const aside = note.closest("aside");
    const paragraph = aside.previousElementSibling;
    const box = note.getBoundingClientRect();
    return {id: note.id, left: box.left, top: box.top + scrollY, bottom: box.bottom + scrollY,
            textRight: text.right, paragraphTop: paragraph.getBoundingClientRect().top + scrollY,
            paragraphId: paragraph.id};
  });
}"""


def test_study_view_puts_every_note_in_the_margin_beside_its_paragraph(new_view, base_url):
    page = new_view("desktop", "light").page
    for path in ["introduction/", PAGE, "wrestling-for-digital-supremacy/"]:
        open_page(page, f"{base_url}{path}?view=study")
        notes = page.evaluate(NOTE_BOXES)
        assert notes, path
        previous = None
        for note in notes:
            assert note["left"] >= note["textRight"], note
            beside = abs(note["top"] - note["paragraphTop"]) <= 4
            under = previous is not None and 0 <= note["top"] - previous["bottom"] <= 24
            assert beside or under, (path, note, previous)
            if previous is not None:
                assert note["top"] >= previous["bottom"] - 0.5, (path, "overlap", note, previous)
            previous = note


def test_open_notes_in_the_margin_stack_without_overlap_and_end_within_the_article(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}introduction/?view=study")
    page.get_by_role("button", name="Open all").click()
    settle(page)
    notes = page.evaluate(NOTE_BOXES)
    for previous, note in itertools.pairwise(notes):
        assert note["top"] >= previous["bottom"] - 0.5, ("overlap", previous["id"], note["id"])
        assert note["top"] >= note["paragraphTop"] - 4, note   # never above its paragraph
    article_bottom = page.evaluate("document.querySelector('article').getBoundingClientRect().bottom + scrollY")
    assert notes[-1]["bottom"] <= article_bottom + 0.5, (notes[-1], article_bottom)
    page.get_by_role("button", name="Close all").click()


def test_study_view_keeps_a_measure_of_55_to_85_characters(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}{PAGE}?view=study")
    # Characters per line of the long paragraphs: their text over their lines.
    measures = page.evaluate("""() => Array.from(document.querySelectorAll("article p.para"), (p) => {
        const style = getComputedStyle(p);
        const lines = Math.round(p.getBoundingClientRect().height / parseFloat(style.lineHeight));
        const text = Array.from(p.childNodes)
          .filter((n) => !(n.matches && n.matches("a.para-num, a.para-cite, a.note-marker, sup")))
          .map((n) => n.textContent).join("");
        return lines >= 4 ? text.length / lines : null;
      }).filter(Boolean)""")
    assert measures
    assert all(55 <= m <= 85 for m in measures), measures


def test_reading_view_underlines_at_most_5_percent_of_the_report(new_view, base_url):
    page = new_view("desktop", "light").page
    words = underlined = 0
    for path in SECTIONS:
        open_page(page, f"{base_url}{path}?view=reading")
        counted, drawn = page.evaluate(UNDERLINED_WORDS)
        words, underlined = words + counted, underlined + drawn
    assert words > 3000
    print(f"Reading view: {underlined} of {words} words underlined ({underlined / words:.1%})")
    assert underlined / words <= 0.05
    # The same measure sees the Study view's marked phrases: it is not blind.
    open_page(page, f"{base_url}introduction/?view=study")
    counted, drawn = page.evaluate(UNDERLINED_WORDS)
    assert drawn / counted > 0.1


def test_reading_view_shows_markers_not_notes_and_a_marker_shows_its_note(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}introduction/?view=reading")
    note = page.locator("#note-p4-independence-1949")
    expect(note).to_be_hidden()
    expect(page.locator(".annotation-controls input[data-kind]").first).to_be_hidden()
    marker = page.locator('a.note-marker[href="#note-p4-independence-1949"]')
    marker.focus()
    page.keyboard.press("Enter")
    expect(note).to_be_visible()
    expect(note.locator(".annotation__toggle")).to_be_focused()
    expect(note.locator(".annotation__body")).to_be_visible()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_view_follows_the_address_and_survives_a_reload(new_view, base_url, width):
    page = new_view(width, "light").page
    open_page(page, base_url + "introduction/")
    assert page.evaluate("document.documentElement.dataset.view") == "reading"
    switch = page.get_by_role("button", name="Study view")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(page.locator(".annotation").first).to_be_visible()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.view") == "study"
    expect(page.get_by_role("button", name="Study view")).to_have_attribute("aria-pressed", "true")
    open_page(page, base_url + "conclusion/?view=reading")
    assert page.evaluate("document.documentElement.dataset.view") == "reading"
    open_page(page, base_url + "conclusion/")  # the address's choice is remembered too
    assert page.evaluate("document.documentElement.dataset.view") == "reading"
    open_page(page, base_url + "conclusion/?view=study")
    expect(page.locator(".annotation").first).to_be_visible()


def test_study_view_marks_the_phrase_of_the_note_with_the_pointer_or_focus(new_view, base_url):
    page = new_view("desktop", "light").page
    open_page(page, f"{base_url}introduction/?view=study")
    mark = page.locator('mark[data-note="note-p4-independence-1949"]')
    toggle = page.locator("#note-p4-independence-1949 .annotation__toggle")
    background = ("getComputedStyle(document.querySelector('mark[data-note=\"note-p4-independence-1949\"]'))"
                  ".backgroundColor")
    quiet = page.evaluate(background)
    page.locator("#note-p4-independence-1949").hover()
    expect(mark).to_have_class(re.compile(r"\bannotated--hover\b"))
    assert page.evaluate(background) != quiet
    page.mouse.move(0, 0)
    toggle.focus()
    expect(mark).to_have_class(re.compile(r"\bannotated--hover\b"))


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_keyboard_reaches_and_opens_every_note(new_view, base_url, width):
    page = new_view(width, "light").page
    open_page(page, f"{base_url}introduction/?view=study")
    toggles = page.locator(".annotation__toggle")
    expected = toggles.count()
    assert expected > 10
    page.locator("body").focus()
    reached: set[str] = set()
    for _ in range(800):
        page.keyboard.press("Tab")
        found = page.evaluate("document.activeElement.closest('.annotation')?.id || ''")
        if found and page.evaluate("document.activeElement.matches('.annotation__toggle')"):
            reached.add(found)
        if len(reached) == expected:
            break
    assert len(reached) == expected
    for index in range(expected):
        toggle = toggles.nth(index)
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator(f"#{toggle.get_attribute('aria-controls')}")).to_be_visible()


@pytest.mark.parametrize("view", ["reading", "study"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_nothing_moves_after_the_first_paint(new_view, base_url, view, width):
    page = new_view(width, "light").page
    page.add_init_script("""
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value)))
            .observe({type: "layout-shift", buffered: true});
    """)
    page.goto(f"{base_url}{PAGE}?view={view}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert sum(page.evaluate("window.shifts")) < 0.001


@pytest.mark.parametrize("view_id", VIEW_IDS)
def test_axe_finds_no_violation_in_the_study_view(new_view, base_url, view_id):
    width, palette = dict(zip(VIEW_IDS, VIEWS, strict=True))[view_id]
    page = new_view(width, palette).page
    for path in ["introduction/", PAGE]:
        open_page(page, f"{base_url}{path}?view=study")
        page.get_by_role("button", name="Open all").click()
        settle(page)
        start_axe(page)
        assert axe_result(page) == [], path


# Each paragraph's notes: [the aside's name, the tag and id of the element before it, and
# whether the first control after the paragraph's own (in the page's order, which is the
# order of Tab: no positive tabindex) is in these notes].
NOTES_IN_ORDER = """() => Array.from(document.querySelectorAll("article aside.annotations"), (aside) => {
    const before = aside.previousElementSibling;
    const controls = Array.from(document.querySelectorAll("article :is(a[href], button, input)"))
      .filter((e) => e.checkVisibility({visibilityProperty: true}));
    const next = controls.find((e) => before.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING
                                      && !before.contains(e));
    return [aside.getAttribute("aria-label"), before.tagName, before.id, Boolean(next && aside.contains(next))];
})"""


@pytest.mark.parametrize("view", ["reading", "study"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_note_follows_its_paragraph_in_the_page(new_view, base_url, view, width):
    page = new_view(width, "light").page
    for path in SECTIONS:
        open_page(page, f"{base_url}{path}?view={view}")
        assert page.locator("[tabindex]:not([tabindex='0'], [tabindex='-1'])").count() == 0, path
        asides = page.evaluate(NOTES_IN_ORDER)
        assert asides, path
        for label, tag, paragraph, tab_reaches_them_next in asides:
            number = re.search(r"¶\s*(\d+)$", label).group(1)
            assert (tag, paragraph) == ("P", f"p{number}"), (path, label)
            # Tab goes from the paragraph to its notes, not back up the page.
            if view == "study":
                assert tab_reaches_them_next, (path, label)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_sections_questions_show_in_the_default_view(new_view, base_url, width):
    page = new_view(width, "light").page
    shown = 0
    for path in SECTIONS:
        open_page(page, f"{base_url}{path}")
        page.evaluate("localStorage.removeItem('edition.view')")   # a reader who never chose
        open_page(page, f"{base_url}{path}")
        assert page.evaluate("document.documentElement.dataset.view") == "reading"
        questions = page.locator("section.discussion-questions li")
        for index in range(questions.count()):
            expect(questions.nth(index)).to_be_visible()
            shown += 1
    assert shown == page.evaluate("""async (paths) => {
        let count = 0;
        for (const path of paths) {
          const html = await (await fetch(path)).text();
          count += new DOMParser().parseFromString(html, "text/html")
            .querySelectorAll("section.discussion-questions li").length;
        }
        return count;
    }""", [f"{base_url}{path}" for path in SECTIONS])
    assert shown >= 12


# Each paragraph's markers as drawn: the label each shows (its ::after), and where it is.
MARKERS_DRAWN = """() => Array.from(document.querySelectorAll("article p.para[id]"), (paragraph) => [
  paragraph.id,
  Array.from(paragraph.querySelectorAll("a.note-marker"), (marker) => {
    const box = marker.getBoundingClientRect();
    return {label: marker.dataset.label, shown: getComputedStyle(marker, "::after").content,
            drawn: marker.getClientRects().length > 0, top: box.top + scrollY, left: box.left,
            height: box.height};
  }),
]).filter(([, markers]) => markers.length)"""


@pytest.mark.parametrize("view", ["reading", "study"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_markers_read_in_the_order_of_their_labels(new_view, base_url, view, width):
    """Left to right, line by line, a paragraph's markers read 3a, 3b, 3c … as drawn, in both
    views and at both widths: no reader hunts for a note."""
    page = new_view(width, "light").page
    seen = 0
    for path in SECTIONS:
        open_page(page, f"{base_url}{path}?view={view}")
        for paragraph, markers in page.evaluate(MARKERS_DRAWN):
            number = paragraph.removeprefix("p")
            assert [m["label"] for m in markers] == [f"{number}{chr(ord('a') + i)}" for i in range(len(markers))]
            for marker in markers:
                assert marker["drawn"] and marker["shown"] == f'"{marker["label"]}"', (path, marker)
            for before, after in itertools.pairwise(markers):
                same_line = abs(after["top"] - before["top"]) < before["height"] / 2
                assert (after["left"] > before["left"]) if same_line else after["top"] > before["top"], \
                    (path, before["label"], after["label"])
            seen += len(markers)
    assert seen >= 40
