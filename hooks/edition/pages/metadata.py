"""Each page's <head> metadata, for reference managers, scholarly search and link previews.

What a page describes depends on its kind (model/citable.py): a page of the report, the
edition itself, or an editors' page. Every vocabulary on a page says the same thing:
- Highwire Press (citation_*), read by Google Scholar and Zotero, only on the report's pages
  and the edition's: one citation_title, the report's real author, the year (Scholar wants a
  full date or a year; the report gives a month), the PDF (in a build that makes it), and
  ONE item-type signal
  (citation_technical_report_institution). Editors' pages have none: they are not papers.
- Dublin Core 1.1 element names (DC.*) and DCTERMS.* whose value is a URI. DC.type carries
  the edition statement on the report's pages (Zotero reads it as the report type).
- schema.org JSON-LD: the report's sections as parts (hasPart/isPartOf) of the report as read
  in this edition; the edition with isBasedOn, version and editor; an editors' page as a
  WebPage of the edition.
- OpenGraph, with the title card (pages/titlecard.py) as og:image.
The page's description (page.meta, printed by Material) comes from `description()`.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

from edition.model import citable
from edition.model.edition import Edition, Part
from edition.pages import titlecard

DC_ELEMENTS = "http://purl.org/dc/elements/1.1/"
DC_TERMS = "http://purl.org/dc/terms/"


# What the hook calls


def head(edition: Edition, part: Part, title: str | None = None) -> str:
    """The tags for the page's <head>; `title` is the page's (generated pages' parts lack it)."""
    if edition.report is None or edition.edition is None:
        return ""
    title = title or part.title
    kind = citable.page_kind(part)
    url = citable.address(edition, part.url)
    tags = []
    if kind in ("report", "edition"):
        tags += highwire(edition, url if kind == "report" else citable.address(edition))
    tags += dublin_core(edition, part, kind, title, url)
    tags += opengraph(edition, part, kind, title, url)
    data = json_ld(edition, part, kind, title, url)
    tags.append('<script type="application/ld+json">'
                + json.dumps(data, ensure_ascii=False, indent=None).replace("</", "<\\/") + "</script>")
    return "\n".join(tags)


def downloads(edition: Edition) -> dict[str, str | bytes]:
    """The title card every page names as its image."""
    if edition.report is None or edition.edition is None:
        return {}
    return {citable.CARD_PATH: titlecard.draw(edition)}


def description(edition: Edition, part: Part, title: str | None = None) -> str:
    """One sentence or two on what this page is (Material prints it as the page's description)."""
    info, report = edition.edition, edition.report
    assert info is not None and report is not None
    title = title or part.title
    work = f"{report.author.name}'s report \u201c{report.title}\u201d ({report.publisher}, {report.date[:4]})"
    if part.kind == "front":
        return " ".join(info.description.split())
    if part.kind == "section":
        opening = first_sentence(edition, part)
        return (f"{title}, section {part.number} of {work}, in the annotated online edition "
                f"(version {info.version}){': ' + opening if opening else '.'}")
    if part.kind == "back":
        return f"{title}: the publisher's page printed with {work}, in the annotated online edition."
    return (f"{title}: a page by the editors of the annotated online edition of {work}, "
            f"version {info.version} ({info.released}).")


# Highwire Press and Dublin Core


def highwire(edition: Edition, url: str) -> list[str]:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    fields = [
        ("citation_title", report.title),
        ("citation_author", report.author.inverted),
        ("citation_publication_date", report.date[:4]),
        ("citation_technical_report_institution", report.publisher),
        ("citation_language", report.language),
        # The same abstract on every page of the report: they describe one item.
        ("citation_abstract", " ".join(info.description.split())),
        ("citation_public_url", url),
        ("author", report.author.name),  # the W3 author; Material prints none (mkdocs.yml)
    ]
    if citable.pdf_made(edition):  # Zotero attaches it, Scholar indexes its full text
        fields.insert(-1, ("citation_pdf_url", citable.address(edition, citable.pdf_path(edition))))
    return [meta("name", key, value) for key, value in fields]


def dublin_core(edition: Edition, part: Part, kind: str, title: str, url: str) -> list[str]:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    if kind == "editors":
        fields = [("DC.title", title), ("DC.date", info.released), ("DC.publisher", info.editors)]
    else:
        fields = [("DC.title", report.title), ("DC.creator", report.author.inverted),
                  ("DC.date", report.date), ("DC.publisher", report.publisher),
                  ("DC.type", citable.edition_statement(edition)), ("DC.rights", report.copyright)]
    fields += [("DC.format", "text/html"), ("DC.identifier", url), ("DC.language", report.language)]
    tags = [f'<link rel="schema.DC" href="{DC_ELEMENTS}">', f'<link rel="schema.DCTERMS" href="{DC_TERMS}">']
    tags += [meta("name", key, value) for key, value in fields]
    # Which edition the page belongs to, by its address (DCTERMS: the value is a URI).
    tags.append(meta("name", "DCTERMS.isPartOf", citable.address(edition)))
    return tags


# OpenGraph


def opengraph(edition: Edition, part: Part, kind: str, title: str, url: str) -> list[str]:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    shown = report.title if part.kind == "front" else f"{title} \u2013 {report.title}"
    fields = [
        ("og:title", shown),
        ("og:type", "website" if kind == "editors" else "article"),
        ("og:url", url),
        ("og:site_name", info.title),
        ("og:description", description(edition, part, title)),
        ("og:locale", "en_US"),
        ("og:image", citable.address(edition, citable.CARD_PATH)),
        ("og:image:type", "image/png"),
        ("og:image:width", str(titlecard.WIDTH)),
        ("og:image:height", str(titlecard.HEIGHT)),
        ("og:image:alt", titlecard.alt_text(edition)),
    ]
    return [meta("property", key, value) for key, value in fields]


# schema.org


def json_ld(edition: Edition, part: Part, kind: str, title: str, url: str) -> dict[str, Any]:
    info = edition.edition
    assert info is not None
    if kind == "editors":
        return {"@context": "https://schema.org", "@type": "WebPage", "name": title, "url": url,
                "inLanguage": edition.report.language if edition.report else "en",
                "author": editors(edition), "datePublished": info.released, "version": info.version,
                "isPartOf": {"@id": citable.address(edition)}}
    described = report_as_read(edition)
    if kind == "edition":
        return described
    if part.kind == "section":
        section = {"@context": "https://schema.org", "@type": "CreativeWork", "name": title, "url": url,
                   "position": part.number, "author": described["author"],
                   "inLanguage": described["inLanguage"], "isPartOf": described}
        return section
    described["url"] = url
    return described


# The report as read in this edition, in schema.org: the same item as the citation_* tags.
def report_as_read(edition: Edition) -> dict[str, Any]:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    author = {"@type": "Person", "name": report.author.name, "givenName": report.author.given,
              "familyName": report.author.family}
    publisher = {"@type": "Organization", "name": report.publisher,
                 "location": {"@type": "Place", "name": report.place}}
    return {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": citable.address(edition),
        "name": report.title,
        "author": author,
        "publisher": publisher,
        "datePublished": report.date,
        "inLanguage": report.language,
        "url": citable.address(edition),
        "version": info.version,
        "editor": editors(edition),
        "dateModified": info.released,
        "copyrightNotice": report.copyright,
        "isBasedOn": {"@type": "Report", "name": report.title, "author": author, "publisher": publisher,
                      "datePublished": report.date,
                      **({"isPartOf": {"@type": "CreativeWorkSeries", "name": report.series}}
                         if report.series else {})},
        "hasPart": [{"@type": "CreativeWork", "name": section.title, "position": section.number,
                     "url": citable.address(edition, section.url)} for section in edition.sections],
        **({"encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf",
                         "contentUrl": citable.address(edition, citable.pdf_path(edition))}}
           if citable.pdf_made(edition) else {}),
    }


def editors(edition: Edition) -> dict[str, str]:
    assert edition.edition is not None
    return {"@type": "Organization", "name": edition.edition.editors}


# Helper functions


def meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(value)}">'


MARKUP = re.compile(r"\[\^\d+\]|\{[~+-]{2}(?:[^~]*?~>)?|[~+-]{2}\}|[*_`]|\{#[^}]*\}")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# The opening sentence of the section's first paragraph, as plain text, for its description.
def first_sentence(edition: Edition, part: Part) -> str:
    if not part.paragraphs:
        return ""
    text = LINK.sub(r"\1", edition.paragraphs[part.paragraphs[0]].markdown)
    text = " ".join(MARKUP.sub("", text).split())
    match = re.match(r"(.{40,240}?[.!?])(\s|$)", text)
    return match.group(1) if match else text[:200].rsplit(" ", 1)[0] + " \u2026"
