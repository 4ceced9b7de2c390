"""The reader's own notes (issue 26) in Chromium: words selected by mouse, keyboard (the
browser's caret browsing) and tap are highlighted, noted, linked and quoted; the notes
survive a reload, export as W3C Web Annotations (JSON-LD, held to the Working Group's MUST
assertions) and as CommonMark, import into a fresh profile at the same words, re-anchor when
a paragraph's wording changes (orphans listed, never dropped), import as a teacher's layer
shown apart; bad files are refused and change nothing; a page that never used them loads
none of their code; axe-core finds nothing on pages that show them."""
from __future__ import annotations

import functools
import io
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt
from PIL import Image, ImageChops
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import ROOT, BuiltSite, build_site
from webannotation_musts import failed_musts

from .conftest import CHROMIUM, CHROMIUM_ARGS, LOOPBACK, QuietHandler, axe_result, start_axe
from .test_valid_html import _vnu_messages as vnu_messages

SECTION = "en-route-to-beijing/"
KEY = "edition.readernotes"
# The words the tests note, each in the paragraph that holds it once.
LAND_ROUTE = ("p12", "land-based trade route from Urumqi to Berlin")
PORT = ("p12", "Lianyungang port on the northeast coast")
SCO_2004 = ("p11", "since their inception in 2004")
PERMITS = ("p15", "a permit system for trucks and drivers")
TEACHER_NAME = "Ms Rivera's notes, week 3"


# Fixtures


@pytest.fixture(scope="module")
def caret_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with caret browsing on (F7 in a desktop browser): how a keyboard selects words
    in a page's text. One Playwright serves both browsers."""
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--enable-caret-browsing"])
    yield launched
    launched.close()


@pytest.fixture
def profiles(browser: Browser, caret_browser: Browser) -> Iterator[Callable[..., Page]]:
    """Fresh browser profiles (contexts): each its own storage, clipboard allowed, nothing
    fetched from another host; the test fails on any script error they logged."""
    made: list[tuple[BrowserContext, list[str]]] = []

    def make(width: int = 1280, height: int = 800, touch: bool = False, caret: bool = False) -> Page:
        context = (caret_browser if caret else browser).new_context(
            viewport={"width": width, "height": height}, has_touch=touch,
            permissions=["clipboard-read", "clipboard-write"])
        errors: list[str] = []
        context.route("**/*", lambda route, request: route.continue_()
                      if urlsplit(request.url).hostname in (LOOPBACK, None) else route.abort())
        context.on("weberror", lambda error: errors.append(str(error.error)))
        made.append((context, errors))
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        return page

    yield make
    problems = [error for _, errors in made for error in errors]
    for context, _ in made:
        context.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def citations(site: BuiltSite) -> dict:
    return json.loads((site.path / "cite" / "citations.json").read_text(encoding="utf-8"))


# Helpers


# Selects the words in a paragraph as a DOM range; returns the client rectangles of their
# first and last characters (for a mouse to drag over them).
SELECT = """([id, words, apply]) => {
  const paragraph = document.getElementById(id);
  const text = paragraph.textContent;
  const start = text.indexOf(words);
  if (start < 0 || text.indexOf(words, start + 1) >= 0) throw new Error(`not once in ${id}: ${words}`);
  const end = start + words.length;
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, begun = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!begun && start < seen + length) { range.setStart(node, start - seen); begun = true; }
    if (begun && end <= seen + length) { range.setEnd(node, end - seen); break; }
    seen += length;
  }
  if (apply) { const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range); }
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2,
          width: first.width};
}"""
# Where a note's mark starts in its paragraph's text, and its words.
MARKS = """() => Array.from(document.querySelectorAll("mark.reader-mark"), (mark) => {
  const paragraph = mark.closest("p.para");
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEndBefore(mark);
  return {id: mark.dataset.readerNote, paragraph: paragraph.id, start: range.toString().length, text: mark.textContent};
})"""


# The paragraph of the words a text fragment found: Chromium makes the element holding them
# the :target (the paragraph, or a mark in it).
TARGET = "document.querySelector(':target')?.closest('p.para')?.id"


def open_section(page: Page, base_url: str, path: str = SECTION) -> None:
    """Opens a page of the text; if the browser keeps notes, waits until they are shown."""
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    if page.evaluate(f"localStorage.getItem('{KEY}') !== null"):
        expect(page.locator(".reader-bar, .reader-problem").first).to_be_attached()


def select(page: Page, words: tuple[str, str]) -> None:
    """Selects the words as a script would (for the tests of what follows a selection)."""
    page.locator(f"#{words[0]}").scroll_into_view_if_needed()
    page.evaluate(SELECT, [words[0], words[1], True])
    expect(page.get_by_role("toolbar", name="Selected words")).to_be_visible()


def drag_over(page: Page, words: tuple[str, str]) -> None:
    """Selects the words with the mouse: pressed before the first letter, released after the last."""
    page.locator(f"#{words[0]}").scroll_into_view_if_needed()
    box = page.evaluate(SELECT, [words[0], words[1], False])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
    assert page.evaluate("getSelection().toString()") == words[1]


def highlight(page: Page, words: tuple[str, str]) -> None:
    select(page, words)
    page.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Highlight").click()
    expect(page.locator("mark.reader-mark", has_text=words[1].split()[0]).first).to_be_visible()


def write_note(page: Page, words: tuple[str, str], text: str) -> None:
    select(page, words)
    page.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Note", exact=True).click()
    page.get_by_label(f"Your note on “{words[1]}”").fill(text)
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".reader-note__text", has_text=text)).to_be_visible()


def marks(page: Page) -> list[dict]:
    """Each note's words as marked, joined over the marks it spans."""
    joined: dict[str, dict] = {}
    for mark in page.evaluate(MARKS):
        if mark["id"] in joined:
            joined[mark["id"]]["text"] += mark["text"]
        else:
            joined[mark["id"]] = mark
    return sorted(joined.values(), key=lambda m: (m["paragraph"], m["start"]))


def stored(page: Page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {"notes": [], "layers": []}


def export(page: Page, base_url: str, button: str) -> str:
    page.goto(base_url + "my-notes/")
    expect(page.get_by_role("heading", name="Your notes")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def import_file(page: Page, base_url: str, label: str, name: str, text: str) -> str:
    if not page.url.endswith("/my-notes/"):
        page.goto(base_url + "my-notes/")
    expect(page.get_by_role("heading", name="Your notes")).to_be_visible()
    message = page.locator(".my-notes__message")
    page.evaluate("document.querySelector('.my-notes__message').replaceChildren()")
    page.get_by_label(label).set_input_files(files=[{"name": name, "mimeType": "application/octet-stream",
                                                     "buffer": text.encode("utf-8")}])
    expect(message).not_to_be_empty()
    return message.inner_text()


OWN = "Import notes into yours (a .jsonld or .md file)"
LAYER = "Add someone else's notes as a layer (a .jsonld or .md file)"


# Selecting, highlighting, noting, reload


def test_a_page_that_never_used_notes_loads_none_of_their_code(profiles, base_url):
    page = profiles()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_section(page, base_url)
    page.mouse.click(400, 400)  # a click in the text: no words selected
    page.wait_for_timeout(300)
    assert not [url for url in requested if "readernotes" in url]
    drag_over(page, LAND_ROUTE)
    expect(page.get_by_role("toolbar", name="Selected words")).to_be_visible()
    loaded = {url.rsplit("/", 1)[1] for url in requested if "readernotes" in url}
    assert {"readernotes-app.js", "readernotes-anchor.js", "readernotes.css"} <= loaded


def test_words_selected_with_the_mouse_are_highlighted_and_noted_and_survive_a_reload(profiles, base_url):
    page = profiles()
    open_section(page, base_url)
    drag_over(page, LAND_ROUTE)
    toolbar = page.get_by_role("toolbar", name="Selected words")
    expect(toolbar).to_be_visible()
    assert toolbar.get_by_role("button").all_inner_texts() == ["Highlight", "Note", "Copy link", "Copy quote"]
    toolbar.get_by_role("button", name="Highlight").click()
    drag_over(page, PORT)
    toolbar.get_by_role("button", name="Note", exact=True).click()
    page.get_by_label(f"Your note on “{PORT[1]}”").fill("The port the report names twice.\nSecond line.")
    page.get_by_role("button", name="Save note").click()
    before = marks(page)
    assert [(m["paragraph"], m["text"]) for m in before] == [LAND_ROUTE, PORT]

    page.reload()
    expect(page.locator("mark.reader-mark").first).to_be_visible()
    assert marks(page) == before
    notes = page.locator("aside.reader-notes[data-paragraph='p12'] .reader-note")
    expect(notes).to_have_count(2)
    expect(notes.nth(0)).to_contain_text("Your highlight")
    expect(notes.nth(1).locator(".reader-note__text")).to_have_text("The port the report names twice.\nSecond line.")
    # The reader's own, in both views: the Reading view hides the editors' notes, not these.
    assert page.evaluate("document.documentElement.dataset.view") == "reading"
    expect(page.locator("aside.annotations").first).to_be_hidden()
    page.get_by_role("button", name="Study view").click()
    expect(notes.nth(1)).to_be_visible()


def test_words_selected_with_the_keyboard_are_noted_edited_and_deleted(profiles, base_url):
    page = profiles(caret=True)
    open_section(page, base_url)
    page.locator("#p12 a.para-cite").focus()
    for _ in range(5):      # through "Cite" to the paragraph's first word
        page.keyboard.press("ArrowRight")
    for _ in range(3):
        page.keyboard.press("Control+Shift+ArrowRight")
    assert page.evaluate("getSelection().toString()") == "By building a"
    toolbar = page.get_by_role("toolbar", name="Selected words")
    expect(toolbar).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Press Tab for Highlight, Note, Copy link and Copy quote")
    page.keyboard.press("Tab")
    expect(toolbar.get_by_role("button", name="Highlight")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Note", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your note on “By building a”")).to_be_focused()
    page.keyboard.type("Typed at the keyboard.")
    page.keyboard.press("Control+Enter")
    entry = page.locator(".reader-note", has_text="Typed at the keyboard.")
    expect(entry).to_be_focused()
    assert [(m["paragraph"], m["text"]) for m in marks(page)] == [("p12", "By building a")]

    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Edit your note on “By building a”")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+a")
    page.keyboard.type("Edited.")
    page.keyboard.press("Enter")   # a new line, not a save
    page.keyboard.press("Control+Enter")
    expect(page.locator(".reader-note__text")).to_have_text("Edited.")
    assert stored(page)["notes"][0]["body"]["value"] == "Edited."
    page.locator(".reader-note").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Delete your note on “By building a”")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    assert stored(page)["notes"] == [] and marks(page) == []
    page.keyboard.press("Enter")
    expect(page.locator(".reader-note__text")).to_have_text("Edited.")
    assert len(stored(page)["notes"]) == 1
    # Escape closes the toolbar and gives the focus back to the paragraph.
    select(page, PORT)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(toolbar).to_be_hidden()
    expect(page.locator("#p12 a.para-num")).to_be_focused()


def test_my_notes_lists_every_note_by_section_in_reading_order_and_edits_and_deletes(profiles, base_url):
    page = profiles()
    open_section(page, base_url)
    write_note(page, PERMITS, "Third.")
    highlight(page, LAND_ROUTE)
    write_note(page, SCO_2004, "First of this section.")
    open_section(page, base_url, "introduction/")
    words = ("p4", page.evaluate("document.getElementById('p4').textContent").split("Cite", 1)[1][:30].strip())
    write_note(page, words, "From the introduction.")
    page.goto(base_url + "my-notes/")
    own = page.locator(".my-notes__own")
    expect(own.locator(".reader-note")).to_have_count(4)
    assert own.locator("h3").all_inner_texts() == ["Introduction", "En route to Beijing"]
    assert own.locator(".reader-note__quote").all_inner_texts() == [words[1], SCO_2004[1], LAND_ROUTE[1], PERMITS[1]]
    assert own.locator(".reader-note__where a").all_inner_texts() == ["¶\u00a04", "¶\u00a011", "¶\u00a012", "¶\u00a015"]
    own.get_by_role("button", name=f"Edit your note on “{SCO_2004[1]}”").click()
    page.get_by_label(f"Your note on “{SCO_2004[1]}”").fill("Edited on My notes.")
    page.get_by_role("button", name="Save note").click()
    expect(own.locator("[data-note-id] .reader-note__text", has_text="Edited on My notes.")).to_be_visible()
    expect(page.locator(".reader-note", has_text="Edited on My notes.")).to_be_focused()
    own.get_by_role("button", name=f"Delete your note on “{PERMITS[1]}”").click()
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    expect(own.locator(".reader-note__quote")).to_have_count(3)
    assert len(stored(page)["notes"]) == 3
    page.get_by_role("button", name="Undo").click()
    expect(own.locator(".reader-note__quote")).to_have_count(4)
    expect(page.locator(".reader-note", has_text="Third.")).to_be_focused()
    open_section(page, base_url)
    expect(page.locator(".reader-note__text", has_text="Edited on My notes.")).to_be_visible()


def test_tapping_the_toolbar_on_a_phone(profiles, base_url):
    page = profiles(width=360, height=740, touch=True)
    open_section(page, base_url)
    select(page, PORT)
    toolbar = page.get_by_role("toolbar", name="Selected words")
    box = toolbar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    toolbar.get_by_role("button", name="Highlight").tap()
    assert [(m["paragraph"], m["text"]) for m in marks(page)] == [PORT]


# Copy link and Copy quote


def test_copy_link_opens_a_fresh_page_at_the_words_highlighted(profiles, base_url, site):
    page = profiles()
    open_section(page, base_url)
    # "Central Asian" is on the page many times: the link must find this one.
    words = ("p14", "Central Asian truck drivers")
    select(page, words)
    page.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link to the words copied.")
    link = page.evaluate("navigator.clipboard.readText()")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert link.startswith(f"{canonical}#p14:~:text=")
    # The build's address is the versioned one; this test's server is elsewhere.
    site_url = canonical.removesuffix(SECTION)
    fresh = profiles()
    fresh.goto(base_url + link.removeprefix(site_url))
    fresh.wait_for_timeout(500)
    assert fresh.evaluate(TARGET) == "p14"
    box = fresh.evaluate(SELECT, [words[0], words[1], False])
    assert 0 < box["y1"] < 800, "the words are not in the window"
    # Highlighted: the words look other than on the same page opened at #p14 alone, and the
    # paragraph's other words the same.
    plain = profiles()
    plain.goto(base_url + SECTION + "#p14")
    plain.wait_for_timeout(500)
    plain.evaluate("(y) => window.scrollTo(0, y)", fresh.evaluate("scrollY"))
    other = ("p14", "with an integrated transport management system")

    def shot(view: Page, what: tuple[str, str]) -> Image.Image:
        box = view.evaluate(SELECT, [what[0], what[1], False])
        clip = {"x": box["x1"] - 1, "y": box["y1"] - 6, "width": box["width"], "height": 12}
        return Image.open(io.BytesIO(view.screenshot(clip=clip))).convert("RGB")

    assert ImageChops.difference(shot(fresh, words), shot(plain, words)).getbbox() is not None
    assert ImageChops.difference(shot(fresh, other), shot(plain, other)).getbbox() is None


def test_copy_quote_gives_the_words_the_paragraph_citation_and_the_cite_dialogs_reference(profiles, base_url,
                                                                                          citations):
    page = profiles()
    open_section(page, base_url)
    select(page, SCO_2004)
    page.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Copy quote").click()
    expect(page.get_by_role("status")).to_have_text("Quotation with its citation copied.")
    quote = page.evaluate("navigator.clipboard.readText()")
    chicago = citations["paragraphs"]["p11"]["styles"][0]
    assert chicago["name"].startswith("Chicago") and chicago["inText"] == "(Yau 2020, para. 11)"
    assert quote == f"“{SCO_2004[1]}” (Yau 2020, para. 11)\n\n{chicago['text']}"
    # The reference is the Cite dialog's, copied from it.
    page.keyboard.press("Escape")
    page.locator('a.para-cite[data-cite="p11"]').click()
    dialog = page.get_by_role("dialog", name="Cite ¶ 11")
    dialog.get_by_role("button", name=f"Copy {chicago['name']} citation").click()
    expect(dialog.get_by_role("button", name=f"Copy {chicago['name']} citation")).to_have_text("Copied")
    assert quote.endswith("\n\n" + page.evaluate("navigator.clipboard.readText()"))
    page.keyboard.press("Escape")
    # In the style the reader chose on My notes.
    page.goto(base_url + "my-notes/")
    apa = citations["paragraphs"]["p11"]["styles"][1]
    page.get_by_label("Citation style of quotations and the Markdown export").select_option(apa["name"])
    open_section(page, base_url)
    select(page, SCO_2004)
    page.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Copy quote").click()
    expect(page.get_by_role("status")).to_have_text("Quotation with its citation copied.")
    assert page.evaluate("navigator.clipboard.readText()") == f"“{SCO_2004[1]}” {apa['inText']}\n\n{apa['text']}"


# Export and import


def make_notes(page: Page, base_url: str) -> None:
    open_section(page, base_url)
    highlight(page, LAND_ROUTE)
    write_note(page, PORT, "A port; see also ¶ 13. *Not* Markdown: # [x](y) <b>")
    write_note(page, SCO_2004, "Check the date.\n\n> Not a quote.\n1. not a list")
    write_note(page, PERMITS, "Permits: six routes.")


def test_the_json_ld_export_passes_the_must_assertions_and_imports_into_a_fresh_profile(profiles, base_url):
    page = profiles()
    make_notes(page, base_url)
    open_section(page, base_url)
    made = marks(page)
    exported = json.loads(export(page, base_url, "Export as Web Annotations (JSON-LD)"))
    items = exported["first"]["items"]
    assert exported["type"] == "AnnotationCollection" and exported["total"] == len(items) == 4
    assert {key: failed_musts(item) for key, item in enumerate(items) if failed_musts(item)} == {}
    assert [item["target"]["selector"][0]["value"] for item in items] == ["p11", "p12", "p12", "p15"]  # reading order
    assert {item["motivation"] for item in items} == {"highlighting", "commenting"}

    fresh = profiles()
    message = import_file(fresh, base_url, OWN, "my-notes.jsonld", json.dumps(exported))
    assert message == "my-notes.jsonld: 4 notes added."
    open_section(fresh, base_url)
    expect(fresh.locator("mark.reader-mark").first).to_be_visible()
    assert marks(fresh) == made
    assert sorted(stored(fresh)["notes"], key=lambda n: n["id"]) == sorted(stored(page)["notes"], key=lambda n: n["id"])
    # The same file again adds nothing.
    assert import_file(fresh, base_url, OWN, "my-notes.jsonld", json.dumps(exported)) \
        == "my-notes.jsonld: 0 notes added, 4 already here."
    assert len(stored(fresh)["notes"]) == 4


def test_the_markdown_export_is_commonmark_with_a_working_link_per_note_and_imports_back(profiles, base_url, citations):
    page = profiles()
    make_notes(page, base_url)
    markdown = export(page, base_url, "Export as Markdown")
    tokens = MarkdownIt("commonmark").parse(markdown)
    links = [child.attrs["href"] for token in tokens if token.type == "inline" for child in token.children
             if child.type == "link_open"]
    assert len(links) == 4
    html = MarkdownIt("commonmark").render(markdown)
    assert html.count("<blockquote>") == 4 and "<h2>En route to Beijing</h2>" in html
    assert "<p>A port; see also ¶ 13. *Not* Markdown: # [x](y) &lt;b&gt;</p>" in html
    assert "<p>Check the date.</p>\n<p>&gt; Not a quote.\n1. not a list</p>" in html
    for words in (LAND_ROUTE, PORT, SCO_2004, PERMITS):
        assert f"<blockquote>\n<p>{words[1]}</p>\n</blockquote>" in html
    chicago = citations["paragraphs"]["p11"]["styles"][0]
    assert f"· {chicago['inText']} {chicago['text']}" in markdown.replace("\\", "")
    # Each link opens its section at its paragraph, the words found there.
    canonical = page.evaluate("document.querySelector('link[rel=canonical]').href")
    site_url = canonical.removesuffix("my-notes/")
    for link, words in zip(links, (SCO_2004, LAND_ROUTE, PORT, PERMITS), strict=True):
        assert link.startswith(f"{site_url}{SECTION}#{words[0]}:~:text=")
        page.goto(base_url + link.removeprefix(site_url))
        page.wait_for_timeout(300)
        assert page.evaluate(TARGET) == words[0], link

    fresh = profiles()
    assert import_file(fresh, base_url, OWN, "my-notes.md", markdown) == "my-notes.md: 4 notes added."
    mine, theirs = stored(page)["notes"], stored(fresh)["notes"]
    assert sorted((n["id"], n.get("body", {}).get("value"), n["target"]["selector"][0]["refinedBy"]["exact"])
                  for n in theirs) == \
        sorted((n["id"], n.get("body", {}).get("value"), n["target"]["selector"][0]["refinedBy"]["exact"])
               for n in mine)
    open_section(page, base_url)
    open_section(fresh, base_url)
    assert marks(fresh) == marks(page)
    assert import_file(fresh, base_url, OWN, "my-notes.md", markdown) == "my-notes.md: 0 notes added, 4 already here."


# A teacher's layer; files refused


def test_a_teachers_file_imported_as_a_layer_shows_apart_and_can_be_hidden(profiles, base_url):
    teacher = profiles()
    open_section(teacher, base_url)
    write_note(teacher, LAND_ROUTE, "Ask: why Berlin?")
    teacher.goto(base_url + "my-notes/")
    teacher.get_by_label("Name of your notes in the files you export").fill(TEACHER_NAME)
    teacher.get_by_label("Name of your notes in the files you export").press("Tab")
    shared = export(teacher, base_url, "Export as Web Annotations (JSON-LD)")
    assert json.loads(shared)["label"] == TEACHER_NAME

    student = profiles()
    open_section(student, base_url)
    write_note(student, PORT, "My own note.")
    assert import_file(student, base_url, LAYER, "rivera.jsonld", shared) == \
        f"rivera.jsonld: the layer {TEACHER_NAME}, 1 note added."
    expect(student.get_by_role("heading", name=f"Layer: {TEACHER_NAME}")).to_be_visible()
    open_section(student, base_url)
    layer = student.get_by_role("complementary", name=f"{TEACHER_NAME} on ¶\u00a012")
    own = student.get_by_role("complementary", name="Your notes on ¶\u00a012")
    expect(layer).to_contain_text(f"Note from {TEACHER_NAME}")
    expect(layer).to_contain_text("Ask: why Berlin?")
    expect(own).to_contain_text("My own note.")
    expect(own).not_to_contain_text("Berlin?")
    assert len(stored(student)["notes"]) == 1       # the teacher's notes are not the student's
    expect(student.locator("mark.reader-mark--layer").first).to_be_visible()
    # Hidden from the bar over the text; still hidden after a reload.
    student.get_by_label(f"{TEACHER_NAME} (1)").uncheck()
    expect(layer).to_have_count(0)
    expect(student.locator("mark.reader-mark--layer")).to_have_count(0)
    student.reload()
    expect(own).to_be_visible()
    expect(layer).to_have_count(0)
    student.get_by_label(f"{TEACHER_NAME} (1)").check()
    expect(layer).to_be_visible()
    # The same file again: no second layer, no second note.
    assert import_file(student, base_url, LAYER, "rivera.jsonld", shared) == \
        f"rivera.jsonld: the layer {TEACHER_NAME}, 0 notes added, 1 already here."
    assert [len(layer["notes"]) for layer in stored(student)["layers"]] == [1]


BAD_FILES = [
    ("broken.jsonld", '{"type": "AnnotationCollection", "first": ', "it is not valid JSON"),
    ("package.json", '{"name": "left-pad", "version": "1.3.0"}',
     'it is JSON, but not W3C Web Annotations (no "type": "AnnotationCollection", "AnnotationPage" or "Annotation")'),
    ("notes.md", "# Shopping\n\n- milk\n", "it holds no notes in the form My notes exports"),
    ("empty.json", "   ", "the file is empty"),
]


@pytest.mark.parametrize("name, text, reason", BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_a_malformed_or_foreign_file_is_refused_and_changes_nothing(profiles, base_url, name, text, reason):
    page = profiles()
    open_section(page, base_url)
    write_note(page, PORT, "Kept.")
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    for label in (OWN, LAYER):
        message = import_file(page, base_url, label, name, text)
        assert message.startswith(f"{name} was not imported: {reason}")
        assert message.endswith("Nothing was changed.")
        expect(page.get_by_role("alert")).to_contain_text(reason)
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_a_file_with_one_bad_note_among_good_ones_imports_none(profiles, base_url):
    page = profiles()
    make_notes(page, base_url)
    exported = json.loads(export(page, base_url, "Export as Web Annotations (JSON-LD)"))
    del exported["first"]["items"][2]["target"]
    fresh = profiles()
    message = import_file(fresh, base_url, OWN, "mixed.jsonld", json.dumps(exported))
    assert message.startswith("mixed.jsonld was not imported: item 3: annotation urn:uuid:")
    assert "has no target with a source" in message
    assert fresh.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_notes_the_browser_cannot_store_or_read_are_not_lost(profiles, base_url):
    page = profiles()
    # The storage is full: the note shows, the reader is told and can download it.
    page.add_init_script("""Storage.prototype.setItem = function (key) {
        if (key === "edition.readernotes") throw new DOMException("full", "QuotaExceededError"); }""")
    open_section(page, base_url)
    highlight(page, LAND_ROUTE)
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text(
        "Your browser did not store the change (QuotaExceededError: its storage for this site is full)")
    # A second change: the first, still unstored, stays with it.
    highlight(page, PORT)
    assert [(m["paragraph"], m["text"]) for m in marks(page)] == [LAND_ROUTE, PORT]
    with page.expect_download() as download:
        problem.get_by_role("button", name="Download your notes").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [item["target"]["selector"][0]["refinedBy"]["exact"] for item in saved["first"]["items"]] \
        == [LAND_ROUTE[1], PORT[1]]
    # Stored notes it cannot read are never written over.
    other = profiles()
    open_section(other, base_url)
    other.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    other.reload()
    expect(other.get_by_role("alert")).to_contain_text("could not be read")
    select(other, PORT)
    other.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Highlight").click()
    expect(other.get_by_role("alert")).to_contain_text("nothing is changed")
    # A note that cannot be kept stays in its editor, for the reader to copy.
    select(other, PORT)
    other.get_by_role("toolbar", name="Selected words").get_by_role("button", name="Note", exact=True).click()
    other.get_by_label(f"Your note on “{PORT[1]}”").fill("Words worth keeping.")
    other.get_by_role("button", name="Save note").click()
    expect(other.get_by_label(f"Your note on “{PORT[1]}”")).to_have_value("Words worth keeping.")
    expect(other.get_by_label(f"Your note on “{PORT[1]}”")).to_be_focused()
    assert other.evaluate(f"localStorage.getItem('{KEY}')") == "{not json"


# Re-anchoring in a later release whose wording changed


CHANGES = [  # (printed, the later release's), all in ¶ 14
    ("In 2014, the SCO finalized", "In 2014, the Shanghai Cooperation Organisation finalized"),  # before the quotes
    ("for up to three days at each crossing", "for up to four days at each crossing"),         # inside a quote
    ("training courses on export and import procedures", "workshops for customs officers"),       # a quote gone
]
KEPT = ("p14", "Central Asian truck drivers and their cargo")            # after the change: moved
CHANGED = ("p14", "stranded at borders for up to three days at each crossing")  # one word changed
GONE = ("p14", "training courses on export and import procedures")       # no longer there
UNTOUCHED = PERMITS                                                       # another paragraph


@pytest.fixture(scope="module")
def releases_url(site: BuiltSite, tmp_path_factory) -> Iterator[str]:
    """Two releases on one address, as mike serves them: /v1/ the edition as built, /v2/ the
    same with words of ¶ 14 changed."""
    work = tmp_path_factory.mktemp("reanchor")
    project = work / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".cache", "build", "tests", "__pycache__"))
    page = project / "docs" / "en-route-to-beijing.md"
    text = page.read_text(encoding="utf-8")
    for printed, later in CHANGES:
        assert text.count(printed) == 1
        text = text.replace(printed, later)
    page.write_text(text, encoding="utf-8")
    # The editors' data that quotes those words follows them, as it would in a real release
    # (the build stops on a claim whose words are gone: model/claims.py).
    for data in (project / "data").rglob("*.yml"):
        quoted = data.read_text(encoding="utf-8")
        if any(printed in quoted for printed, _ in CHANGES):
            for printed, later in CHANGES:
                quoted = quoted.replace(printed, later)
            data.write_text(quoted, encoding="utf-8")
    later = build_site(project / "mkdocs.yml", work / "site" / "v2", formats=False)
    assert later.returncode == 0, later.log
    shutil.copytree(site.path, work / "site" / "v1")
    server = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(QuietHandler, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{LOOPBACK}:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_notes_reanchor_in_a_release_whose_words_changed_and_orphans_are_listed(profiles, releases_url):
    page = profiles()
    open_section(page, releases_url + "v1/")
    for words in (KEPT, CHANGED, GONE, UNTOUCHED):
        write_note(page, words, f"On {words[1][:20]}")
    first = {m["text"]: m for m in marks(page)}
    assert set(first) == {KEPT[1], CHANGED[1], GONE[1], UNTOUCHED[1]}

    open_section(page, releases_url + "v2/")
    expect(page.locator("mark.reader-mark").first).to_be_visible()
    later = {m["id"]: m for m in marks(page)}
    by_words = {m["text"]: m for m in later.values()}
    # Moved by the words before it, the same words; one word changed inside it: the new words.
    kept = by_words[KEPT[1]]
    assert kept["id"] == first[KEPT[1]]["id"] and kept["start"] == first[KEPT[1]]["start"] + len(
        "Shanghai Cooperation Organisation") - len("SCO")
    changed = by_words[CHANGED[1].replace("three", "four")]
    assert changed["id"] == first[CHANGED[1]]["id"]
    assert by_words[UNTOUCHED[1]] == first[UNTOUCHED[1]]
    # Gone: listed with its words after its paragraph, and on My notes, never dropped.
    assert first[GONE[1]]["id"] not in later
    orphan = page.locator(".reader-note--orphan")
    expect(orphan).to_have_count(1)
    expect(orphan).to_contain_text(f"Your note on “{GONE[1]}” (its words are no longer in the text)")
    page.goto(releases_url + "v2/my-notes/")
    lost = page.get_by_role("heading", name="Notes whose words were not found")
    expect(lost).to_be_visible()
    expect(page.locator(".my-notes__own .reader-note--orphan .reader-note__quote")).to_have_text(GONE[1])
    assert len(stored(page)["notes"]) == 4
    # The first release still shows every note at its words.
    open_section(page, releases_url + "v1/")
    assert {m["text"] for m in marks(page)} == set(first)


# Accessibility and valid HTML


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_showing_notes_have_no_axe_violations_and_valid_html(profiles, base_url, scheme, tmp_path):
    page = profiles()
    page.emulate_media(color_scheme=scheme)
    open_section(page, base_url)
    write_note(page, PORT, "A note.")
    theirs = stored(page)["notes"][0] | {"id": "urn:uuid:00000000-0000-4000-8000-000000000002"}
    shared = json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                         "id": "urn:uuid:00000000-0000-4000-8000-000000000001", "label": TEACHER_NAME,
                         "first": {"type": "AnnotationPage", "items": [theirs]}})
    import_file(page, base_url, LAYER, "layer.jsonld", shared)
    expect(page.get_by_role("heading", name=f"Layer: {TEACHER_NAME}")).to_be_visible()
    pages = [tmp_path / "my-notes.html"]
    pages[0].write_text(page.content(), encoding="utf-8")
    start_axe(page)
    assert axe_result(page) == []
    open_section(page, base_url)
    expect(page.locator("mark.reader-mark--layer")).to_be_visible()
    select(page, LAND_ROUTE)
    pages.append(tmp_path / "section.html")
    pages[1].write_text(page.content(), encoding="utf-8")
    start_axe(page)
    assert axe_result(page) == []
    # The pages as drawn, notes, layer and toolbar in them, are valid HTML.
    errors = [m for m in vnu_messages([str(path) for path in pages]) if m["type"] == "error"]
    assert errors == [], [(m["url"].rsplit("/", 1)[1], m.get("lastLine"), m["message"]) for m in errors]
