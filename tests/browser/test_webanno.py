"""What any annotation tool must do with the edition's Web Annotations: find each one on its
page from its selectors alone (the paragraph by its fragment, the quote in its text) and
land on the same words as the position selector says."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

from helpers import BuiltSite

# Runs in the page: every annotation of the page anchored from its selectors alone.
ANCHOR = """(annotations) => annotations.map((a) => {
  const [quote, position] = a.target.selector;
  const paragraph = document.getElementById(quote.value);
  if (!paragraph) return {id: a.id, problem: `no element #${quote.value}`};
  const text = paragraph.textContent;
  const q = quote.refinedBy;
  const found = text.indexOf(q.prefix + q.exact + q.suffix);
  if (found < 0) return {id: a.id, problem: 'quote with its prefix and suffix not in the paragraph'};
  const start = found + q.prefix.length;
  const p = position.refinedBy;
  if (position.value !== quote.value) return {id: a.id, problem: 'the two selectors name other fragments'};
  if (start !== p.start || start + q.exact.length !== p.end)
    return {id: a.id, problem: `quote at ${start}, position says ${p.start}-${p.end}`};
  if (text.slice(p.start, p.end) !== q.exact) return {id: a.id, problem: 'position selects other words'};
  return {id: a.id, problem: null};
})"""


FILE = "downloads/annotations.jsonld"


@pytest.fixture(scope="module")
def collection(site: BuiltSite) -> dict:
    return json.loads((site.path / FILE).read_text(encoding="utf-8"))


def test_every_annotation_reanchors_from_its_selectors(new_view, base_url, collection):
    site_url = collection["id"].removesuffix(FILE)  # the address the build was made for
    annotations_by_page: dict[str, list[dict]] = defaultdict(list)
    for annotation in collection["first"]["items"]:
        annotations_by_page[annotation["target"]["source"]].append(annotation)
    page = new_view("desktop", "light").page
    problems, anchored = [], 0
    for source, page_annotations in annotations_by_page.items():
        page.goto(base_url + source[len(site_url):])
        for result in page.evaluate(ANCHOR, page_annotations):
            if result["problem"]:
                problems.append(f"{result['id']}: {result['problem']}")
            else:
                anchored += 1
    assert not problems, "\n".join(problems)
    assert anchored == sum(len(a) for a in annotations_by_page.values()) > 100

