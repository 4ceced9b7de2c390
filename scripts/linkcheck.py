#!/usr/bin/env python3
"""Check the links of a built edition.

    python scripts/linkcheck.py [SITE_DIR]            # offline: internal links, URL forms
    python scripts/linkcheck.py [SITE_DIR] --online   # also request every external URL

Offline (the default, and what the tests use): every same-site href/src of every page,
navigation and theme included, must reach a file, and its #fragment an id in that file;
every external URL in the edition's text must be well formed. The report lists each
external URL with the pages that cite it. --online (never in CI) requests each external
URL with a timeout and retries and prints its status.
"""
from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data"}


@dataclass
class Page:
    path: Path
    soup: BeautifulSoup
    ids: set[str] = field(default_factory=set)


@dataclass
class Report:
    internal_checked: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)  # url -> pages citing it
    malformed: list[str] = field(default_factory=list)


def load_pages(site: Path) -> dict[Path, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # str(): bs4 types every attribute as text or a list; id and name are never lists.
        ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
        ids |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
        pages[path] = Page(path, soup, ids)
    return pages


def check_site(site: Path, base_path: str = "/") -> Report:
    """base_path: the path of site_url, which root-relative links (as on 404.html) start with."""
    site = site.resolve()
    pages = load_pages(site)
    report = Report()
    for page in pages.values():
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in page.soup.find_all(tag_name, attrs={attribute: True}):
                check_link(site, base_path, pages, page, str(tag[attribute]), report)
        article = page.soup.find("article") or page.soup
        for link in article.find_all("a", href=True):
            href = str(link["href"])  # href and src are single-valued: text, never a list
            if urlsplit(href).scheme in ("http", "https"):
                report.external.setdefault(href, []).append(relative(site, page.path))
    for url, cited_on in sorted(report.external.items()):
        problem = url_problem(url)
        if problem:
            report.malformed.append(f"{url} ({problem}) on {', '.join(sorted(set(cited_on)))}")
    return report


def check_link(
    site: Path, base_path: str, pages: dict[Path, Page], page: Page, target: str, report: Report
) -> None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return  # another host: listed, not followed, by the offline check
    report.internal_checked += 1
    where = f"{relative(site, page.path)}: {target}"
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            report.broken.append(f"{where} (outside the site's base path {base_path})")
            return
        resolved = (site / unquote(parts.path[len(base_path):])).resolve()
    elif parts.path:
        resolved = (page.path.parent / unquote(parts.path)).resolve()
    else:
        resolved = page.path
    if parts.path:
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if site not in resolved.parents and resolved != site:
            report.broken.append(f"{where} (leaves the site)")
            return
        if not resolved.is_file():
            report.broken.append(f"{where} (no file {relative(site, resolved)})")
            return
    fragment = unquote(parts.fragment)
    if fragment and resolved.suffix == ".html" and fragment not in pages[resolved].ids:
        report.broken.append(f"{where} (no id '{fragment}' in {relative(site, resolved)})")


def url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http(s)"
    if not parts.hostname or "." not in parts.hostname:
        return "no host name"
    if any(character in url for character in ("\\", " ", '"', "<", ">")):
        return "stray escape, space or bracket"
    return None


def relative(site: Path, path: Path) -> str:
    return str(path.relative_to(site)) if site in path.parents else str(path)


# Online mode: never in CI.


def request_status(url: str, timeout: float, retries: int) -> str:
    last = ""
    for attempt in range(retries + 1):
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "edition-linkcheck/1.0"})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return str(response.status)
        except urllib.error.HTTPError as error:
            return str(error.code)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            last = f"error: {error}"
            time.sleep(2**attempt)
    return last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--base-path", default="/", help="the path part of site_url")
    parser.add_argument("--online", action="store_true", help="request every external URL")
    parser.add_argument("--timeout", type=float, default=15)
    parser.add_argument("--retries", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here; run `make build` first", file=sys.stderr)
        return 2
    report = check_site(args.site, args.base_path)
    print(f"internal links checked: {report.internal_checked}, broken: {len(report.broken)}")
    for line in report.broken:
        print(f"  BROKEN {line}")
    print(f"external URLs in the text: {len(report.external)}, malformed: {len(report.malformed)}")
    for line in report.malformed:
        print(f"  MALFORMED {line}")
    for url, cited_on in sorted(report.external.items()):
        status = request_status(url, args.timeout, args.retries) if args.online else "well formed"
        print(f"  {status:<12} {url}  ({', '.join(sorted(set(cited_on)))})")
    return 1 if report.broken or report.malformed else 0


if __name__ == "__main__":
    sys.exit(main())
