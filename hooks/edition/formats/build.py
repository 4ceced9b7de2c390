"""The offline formats of one build: the entry point the formats hook calls.

    report = build(pages, sections, meta, site_dir, cache_root)

`pages` are the rendered pages (SourcePage: address, title, content after every hook),
`sections` the report's sections in reading order. Each file (four PDFs, one EPUB) is kept
in the content-hash cache (edition/cache.py) under a key made of everything it depends on:
the pages it prints, the edition's metadata, this package's code, stylesheets and fonts,
and WeasyPrint's version. A build whose pages did not change copies the files from there
and lays nothing out. What is missing is made at once: the PDFs laid out two at a time in
worker processes (layout is CPU-bound Python; the machine is taken to have two cores)
while this process writes the EPUB.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from edition.citeproc.cache import Cache, key, write_atomically
from edition.formats import fetch, offline
from edition.formats.meta import Meta, output_names
from edition.formats.offline import SourcePage

KINDS = ("pdf", "epub")
PDF_FILES = {"a4": ("a4", False), "letter": ("letter", False),
             "a4-teacher": ("a4", True), "letter-teacher": ("letter", True)}
PACKAGE = Path(__file__).parent       # its code, stylesheets and fonts are part of every key
WORKERS = 2


@dataclass
class Written:
    path: Path
    size: int
    pages: int | None = None       # for a PDF
    cached: bool = False


@dataclass
class Report:
    files: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self, site_dir: Path) -> list[str]:
        return [f"{item.path.relative_to(site_dir)}: {item.size // 1024} KiB"
                + (f", {item.pages} pages" if item.pages else "")
                + (" (cached)" if item.cached else "") for item in self.files]


def build(pages: list[SourcePage], sections: list[str], meta: Meta, site_dir: Path,
          cache_root: Path, kinds: tuple[str, ...] = KINDS,
          settings: Mapping[str, Any] | None = None) -> Report:
    """Write the PDFs and/or the EPUB into site_dir/downloads/."""
    start = time.perf_counter()
    names = output_names()
    wanted = [name for name in names if ("epub" if name == "epub" else "pdf") in kinds]
    by_url = {page.url: page for page in pages}
    cache = Cache(cache_root, "formats", settings)
    digest = inputs_digest(by_url, sections, meta)
    report = Report()
    made: dict[str, tuple[bytes, int | None]] = {}
    missing = []
    for name in wanted:
        data, info = cache.get_bytes(key(digest, name)), cache.get(key(digest, name))
        if data is not None and info is not None and len(data) == info.get("size"):
            made[name] = (data, info.get("pages"))
        else:
            missing.append(name)
    if missing:
        fresh = make(missing, offline.parse_parts(by_url, sections), meta, report, site_dir)
        for name, (data, pages_count) in fresh.items():
            made[name] = (data, pages_count)
            if not report.warnings:      # a file made with warnings is made again next time
                cache.put_bytes(key(digest, name), data)
                cache.put(key(digest, name), {"size": len(data), "pages": pages_count})
    for name in wanted:
        data, pages_count = made[name]
        out = site_dir / names[name]
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, data)
        report.files.append(Written(out, len(data), pages_count, cached=name not in missing))
    report.seconds = time.perf_counter() - start
    return report


def make(missing: list[str], chapters: list[offline.Chapter], meta: Meta,
         report: Report, site_dir: Path) -> dict[str, tuple[bytes, int | None]]:
    """Lay out the missing PDFs in worker processes while this one writes the EPUB; they read
    nothing but the built site and the edition's fonts (fetch.py)."""
    from edition.formats import epub, pdf

    fetch.check(chapters, site_dir)
    made: dict[str, tuple[bytes, int | None]] = {}
    documents: dict[bool, str] = {}
    for name in missing:
        if name in PDF_FILES and PDF_FILES[name][1] not in documents:
            teacher = PDF_FILES[name][1]
            parts = fetch.localized(offline.copy_for(chapters, annotations=teacher), site_dir)
            documents[teacher] = pdf.pdf_document(parts, meta, teacher=teacher)
    jobs = {name: pdf.Job(documents[PDF_FILES[name][1]], PDF_FILES[name][0], name, str(site_dir))
            for name in missing if name in PDF_FILES}
    futures: dict[str, Future] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(WORKERS, len(jobs)))) as pool:
        futures = {name: pool.submit(pdf.render, job) for name, job in jobs.items()}
        if "epub" in missing:
            made["epub"] = (epub.epub_bytes(offline.copy_for(chapters, annotations=True), meta), None)
        for name, future in futures.items():
            try:
                data, pages_count, warnings = future.result()
            except fetch.Refused as error:
                raise PluginError(f"offline formats: {output_names()[name]}: {error}") from None
            made[name] = (data, pages_count)
            report.warnings += [f"{output_names()[name]}: {message}" for message in warnings]
    return made


# Everything a file depends on, hashed: the pages it prints (the title page, the sections,
# the apparatus), the metadata, the code, stylesheets and fonts of this package, WeasyPrint.
def inputs_digest(pages: dict[str, SourcePage], sections: list[str], meta: Meta) -> str:
    used = ["", *sections, *(f"{slug}/" for slug in offline.BACK_MATTER)]
    parts: list[str | bytes] = [repr(meta), "\n".join(sections), version("weasyprint"), version("pydyf")]
    for url in used:
        page = pages.get(url)
        parts += [url, page.title, page.content] if page else [url]
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(PACKAGE).as_posix(), hashlib.sha256(path.read_bytes()).digest()]
    return key(*parts)
