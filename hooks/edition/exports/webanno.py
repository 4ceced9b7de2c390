"""The editors' annotations as a W3C Web Annotation collection (JSON-LD).

One `AnnotationCollection` with every annotation of this release: a stable IRI, the
motivation for its kind, the editors as creator, the release date as created, the note as
a `TextualBody`, and a target on the section page of this release, selected by the
paragraph's fragment (#pN) refined by the quoted words (TextQuoteSelector) or by their
position (TextPositionSelector). Positions count Unicode code points in the paragraph
element's text content as the page serves it (`document.getElementById("p12").textContent`),
which is what an annotation tool reads; the quote alone re-anchors if that ever changes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import html

from edition.markup import plain_text
from edition.model.edition import Annotation, Edition, Rendered

FILE = "downloads/annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32  # code points of prefix and suffix kept around a quote


def after_build(edition: Edition, rendered: Rendered, site_dir: Path) -> None:
    if edition.report is None or edition.edition is None:
        return  # a site without data/work.yml (the tests' tiny sites): no edition to describe
    path = site_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection(edition, rendered), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def collection(edition: Edition, rendered: Rendered) -> dict[str, Any]:
    base, (_, info) = release_url(edition), edition.described
    items = []
    for part in edition.sections:
        content = rendered.html.get(part.src_uri)
        if content is None:
            continue
        page = html.fragment_fromstring(content, create_parent="div")
        for annotation in edition.annotations_on(part.src_uri):
            items.append(annotation_item(edition, annotation, base + part.url, page))
    return {
        "@context": CONTEXT,
        "id": base + FILE,
        "type": "AnnotationCollection",
        "label": f"Editors' annotations, {info.title}, version {info.version}",
        "creator": editors(edition),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def release_url(edition: Edition) -> str:
    _, info = edition.described
    return info.url


def editors(edition: Edition) -> dict[str, Any]:
    _, info = edition.described
    return {"id": info.url + "about-this-edition/#editors", "type": "Organization", "name": info.editors}


def annotation_item(edition: Edition, annotation: Annotation, page_url: str,
                    page: html.HtmlElement) -> dict[str, Any]:
    report, _ = edition.described
    paragraph = page.get_element_by_id(annotation.paragraph.id)
    text = paragraph.text_content()
    exact, start = quoted(annotation, paragraph, text)
    fragment = {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                "value": annotation.paragraph.id}
    return {
        "@context": CONTEXT,
        "id": f"{page_url}#{annotation.element_id}",
        "type": "Annotation",
        "label": annotation.label,
        "motivation": annotation.motivation,
        "creator": editors(edition),
        "created": f"{release_date(edition, annotation.added_in)}T00:00:00Z",
        "body": {"type": "TextualBody", "value": plain_text(annotation.text), "format": "text/plain",
                 "language": report.language, "purpose": annotation.motivation},
        "target": {
            "source": page_url,
            "type": "Text",
            "format": "text/html",
            "selector": [
                dict(fragment, refinedBy={"type": "TextQuoteSelector", "exact": exact,
                                          "prefix": text[max(0, start - AFFIX):start],
                                          "suffix": text[start + len(exact):start + len(exact) + AFFIX]}),
                dict(fragment, refinedBy={"type": "TextPositionSelector", "start": start,
                                          "end": start + len(exact)}),
            ],
        },
    }


# The annotated phrase as the page marks it, or the paragraph's own words (after its ¶ and
# Cite links) for a note on the whole paragraph; and where it starts in the text.
def quoted(annotation: Annotation, paragraph: html.HtmlElement, text: str) -> tuple[str, int]:
    marks = paragraph.xpath(".//mark[@data-note=$id]", id=annotation.element_id)
    if marks:
        return marks[0].text_content(), offset_of(paragraph, marks[0])
    links = paragraph.xpath("./a[contains(@class, 'para-num') or contains(@class, 'para-cite')]")
    furniture = sum(len(link.text_content()) + len(link.tail or "") for link in links[:-1])
    furniture += len(links[-1].text_content()) if links else 0
    return text[furniture:], furniture


class _Found(Exception):
    pass


# Code points of text before `target` within `root`, in document order.
def offset_of(root: html.HtmlElement, target: html.HtmlElement) -> int:
    count = 0

    def walk(node: html.HtmlElement) -> None:
        nonlocal count
        if node is target:
            raise _Found
        count += len(node.text or "")
        for child in node:
            walk(child)
            count += len(child.tail or "")

    try:
        walk(root)
    except _Found:
        return count
    raise ValueError("the mark is not inside its paragraph")


def release_date(edition: Edition, version: str) -> str:
    for release in edition.releases:
        if release.version == version:
            return release.date
    _, info = edition.described
    return info.released

