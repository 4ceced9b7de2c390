"""What each page of the edition describes, and the citable works as CSL items.

Three kinds of page (docs/about-this-edition.md, "What each page describes"):
- `report`: the title page and every page of the report's text (front, section, back). Each
  describes ONE item, the same everywhere: the report as read in this edition, a report by
  its author (data/work.yml) whose type says "Annotated online edition, version X.Y.Z",
  at the page's address in this release, with the PDF. It is /cite/'s recommended citation;
  a paragraph (#p12, /p/12/) is that item with the paragraph's address.
- `edition`: About this edition and /cite/: the edition itself, its editors, release,
  version and licence, based on the report.
- `editors`: every other page (glossary, index of names, map, bibliography, changes, ...):
  a web page by the edition's editors, part of the edition; never the report, never by its author.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from edition.model.anchors import Anchor
from edition.model.edition import Edition, Part
from edition.model.settings import format_kinds

PageKind = Literal["report", "edition", "editors"]

# The pages that describe the edition itself.
EDITION_PAGES = ("about-this-edition.md", "cite.md")
# The reader's PDF (A4) every report page attaches, after the edition's file name: the formats
# feature writes it under this name (formats/copies.py names its reader's A4 copy by it).
READERS_PDF = "-a4.pdf"
# The title card every page shows as its image (pages/metadata.py draws it at build time).
CARD_PATH = "assets/edition-card.png"


def loopback(url: str) -> bool:
    """Whether an address is this machine's or a local network's (a local preview), not a public one."""
    return local_address(url) is not None


def local_address(url: str) -> str | None:
    """What kind of non-public address `url` names ('loopback', 'private', ...), or None.

    The host is read as a browser reads it (percent-decoded, NFKC, any case, trailing dot
    dropped; IPv4 in any of its forms, 127.1 and 0x7f000001 too; IPv6, IPv4-mapped included),
    and judged by the standard library's `ipaddress`: a public address is a global one.
    Names that never leave the machine or the local network count too (localhost and
    *.localhost, RFC 6761; *.local, mDNS; *.internal and home.arpa, private by reservation)."""
    host = unicodedata.normalize("NFKC", unquote(urlsplit(url).hostname or "")).lower().rstrip(".")
    if not host:
        return "empty"
    if host in LOCAL_NAMES or host.endswith((".localhost", ".localdomain")):
        return "loopback"
    if host.endswith(LOCAL_SUFFIXES):
        return "local network"
    address = _ip(host)
    if address is None:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, local in (("loopback", address.is_loopback), ("unspecified", address.is_unspecified),
                        ("link-local", address.is_link_local), ("private", address.is_private),
                        ("multicast", address.is_multicast)):
        if local:
            return kind
    return None if address.is_global else "reserved"


LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
LOCAL_SUFFIXES = (".local", ".internal", ".home.arpa")


# An IP address as browsers parse hosts: IPv6, or IPv4 in dotted, short (127.1), hex or octal form.
def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fx.]+", host) and re.search(r"[0-9]", host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def pdf_made(edition: Edition) -> bool:
    """Whether this build writes the PDF (extra.edition.formats; never under `mkdocs serve`)."""
    return "formats" in edition.settings and "pdf" in format_kinds(edition.settings)


def pdf_path(edition: Edition) -> str:
    """The reader's PDF (A4): "downloads/<file_name>-a4.pdf"."""
    assert edition.edition is not None
    return edition.edition.download(READERS_PDF)


def page_kind(part: Part) -> PageKind:
    if part.printed:
        return "report"
    return "edition" if part.src_uri in EDITION_PAGES else "editors"


def address(edition: Edition, path: str = "") -> str:
    """The absolute address of a site path in this release ("" is the title page)."""
    assert edition.edition is not None
    return edition.edition.url + ("" if path in ("", "./") else path)


def edition_statement(edition: Edition) -> str:
    """'Annotated online edition, version 0.1.0': the type every reader shows."""
    assert edition.edition is not None
    return f"{edition.edition.medium}, version {edition.edition.version}"


def year_month(date: str) -> list[int]:
    return [int(part) for part in date.split("-")[:3]]


# CSL-JSON items


def report_item(edition: Edition) -> dict[str, Any]:
    """The report as its publisher published it."""
    report = edition.report
    assert report is not None
    item: dict[str, Any] = {
        "id": report.id,
        "type": "report",
        "author": [{"family": report.author.family, "given": report.author.given}],
        "title": report.title_sentence_case,
        "publisher": report.publisher,
        "publisher-place": report.place,
        "issued": {"date-parts": [year_month(report.date)]},
        "language": report.language,
    }
    if report.series:
        item["collection-title"] = report.series
    return item


def edition_item(edition: Edition, url: str | None = None) -> dict[str, Any]:
    """The report as read in this edition: what the report pages describe and /cite/ recommends.

    The edition statement is the report's `genre` (Zotero's report type, RIS M3, biblatex
    `type`), so every reader keeps it; the URL is this release's."""
    item = report_item(edition)
    item.update({"id": f"{item['id']}-edition", "genre": edition_statement(edition),
                 "URL": url or address(edition)})
    return item


def paragraph_item(edition: Edition, anchor: Anchor) -> dict[str, Any]:
    part = edition.part_of(anchor)
    item = edition_item(edition, f"{address(edition, part.url)}#{anchor.id}")
    assert edition.report is not None
    item["id"] = f"{edition.report.id}-{anchor.id}"
    return item


def editors_page_item(edition: Edition, part: Part, title: str) -> dict[str, Any]:
    """An editors' page: a web page of the edition, dated by this release, with no author."""
    info = edition.edition
    assert info is not None
    return {
        "id": f"edition-{part.src_uri.removesuffix('.md').replace('/', '-')}",
        "type": "webpage",
        "title": title,
        "container-title": info.title,
        "version": info.version,
        "issued": {"date-parts": [year_month(info.released)]},
        "URL": address(edition, part.url),
        "language": edition.report.language if edition.report else "en",
    }
