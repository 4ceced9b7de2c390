"""The search index: every numbered paragraph of the report is one entry of its own (titled
¶ N, at the page's #pN, its text the paragraph's words), and no longer part of Material's
sections; the separator cuts "p15" and "¶15" to the number. The browser's search is tested in
tests/browser/test_reading.py."""
from __future__ import annotations

import copy
import json
import re

from helpers import REPORT_PAGES, words


def _index(site) -> dict:
    return json.loads((site.path / "search" / "search_index.json").read_text(encoding="utf-8"))


def _paragraph_words(paragraph) -> str:
    paragraph = copy.copy(paragraph)   # the site's pages are shared by every test
    for element in paragraph.select("a.para-num, a.para-cite, a.note-marker, sup"):
        element.decompose()
    return " ".join(words(paragraph.get_text()))


def test_each_paragraph_is_one_entry_with_its_words(site):
    entries = {entry["location"]: entry for entry in _index(site)["docs"]}
    seen = 0
    for name in REPORT_PAGES:
        for paragraph in site.page(name).select("article p.para[id]"):
            entry = entries[f"{name}/#{paragraph['id']}"]
            assert entry["title"] == f"¶ {paragraph['id'][1:]}"
            text = re.sub(r"</?p>", "", entry["text"])
            assert " ".join(words(text.replace("&amp;", "&"))) == _paragraph_words(paragraph), paragraph["id"]
            seen += 1
    assert seen >= 25


def test_no_other_entry_repeats_a_paragraph_or_starts_with_its_links(site):
    docs = _index(site)["docs"]
    paragraph_entries = [doc for doc in docs if re.search(r"#p\d+$", doc["location"])]
    others = [doc for doc in docs if doc not in paragraph_entries]
    for entry in paragraph_entries:
        opening = re.sub(r"</?p>", "", entry["text"])[:150]   # longer than a note quotes
        assert not any(opening in doc["text"] for doc in others), entry["location"]
    # The ¶ and Cite links ("¶ Paragraph 15Cite…" before) and "Cite this edition" under each title.
    assert not any(re.match(r"(<p>)?(¶|Cite this edition)", doc["text"]) for doc in docs)


def test_the_separator_cuts_a_paragraph_number_from_its_sign(site):
    separator = re.compile(_index(site)["config"]["separator"])
    for query in ("¶ 15", "¶15", "p15", "15"):
        assert [token for token in separator.split(query) if token] == ["15"], query
    assert [token for token in separator.split("Bishkek–Osh pipeline") if token] == ["Bishkek–Osh", "pipeline"]
