"""Citation metadata in every page's <head>, for reference managers and scholarly search
engines: Highwire Press (citation_*), Dublin Core, schema.org JSON-LD and OpenGraph.
All from data/work.yml; a section page is described as a part of the report."""
from __future__ import annotations

import html
import json

from edition.work import Work


def head_tags(work: Work, title: str, url: str, section: bool) -> str:
    report, edition = work.report, work.edition
    author = work.author_name
    name = title if section else report["title"]
    meta = [
        ("citation_title", name),
        ("citation_author", f"{report['author']['family']}, {report['author']['given']}"),
        ("citation_publication_date", str(report["date"]).replace("-", "/")),
        ("citation_publisher", report["publisher"]),
        ("citation_technical_report_institution", report["publisher"]),
        ("citation_language", report["language"]),
        ("citation_public_url", url),
    ]
    if section:
        meta.append(("citation_inbook_title", report["title"]))
    dublin_core = [
        ("DC.title", name),
        ("DC.creator", author),
        ("DC.date", str(report["date"])),
        ("DC.publisher", report["publisher"]),
        ("DC.language", report["language"]),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.identifier", url),
        ("DC.rights", report["copyright"]),
        ("DC.hasVersion", edition["version"]),
    ]
    if section:
        dublin_core.append(("DC.relation.isPartOf", report["title"]))
    tags = [f'<meta name="{key}" content="{html.escape(value)}">' for key, value in meta + dublin_core]
    tags.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    for key, value in (("og:title", name), ("og:type", "article"), ("og:url", url),
                       ("og:site_name", edition["title"]), ("og:description", edition["description"]),
                       ("og:locale", "en_US")):
        tags.append(f'<meta property="{key}" content="{html.escape(value)}">')
    tags.append('<script type="application/ld+json">'
                + json.dumps(json_ld(work, name, url, section), ensure_ascii=False).replace("</", "<\\/")
                + "</script>")
    return "\n".join(tags)


def json_ld(work: Work, name: str, url: str, section: bool) -> dict:
    report = work.report
    described = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": name,
        "author": {"@type": "Person", "givenName": report["author"]["given"],
                   "familyName": report["author"]["family"], "name": work.author_name},
        "publisher": {"@type": "Organization", "name": report["publisher"]},
        "datePublished": str(report["date"]),
        "inLanguage": report["language"],
        "copyrightNotice": report["copyright"],
        "version": work.version,
        "url": url,
    }
    if section:
        described["isPartOf"] = {"@type": "Report", "name": report["title"], "url": work.url,
                                 "version": work.version}
    else:
        described["isPartOf"] = {"@type": "CreativeWorkSeries", "name": report.get("series", report["publisher"])}
    return described
