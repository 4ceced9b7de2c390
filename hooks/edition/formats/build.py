"""The offline formats of one build: the entry point the one hook calls at on_post_build.

    report = write(edition, rendered, site_dir, kinds)

Everything comes from the model (`Edition`: which parts, in which order, the metadata, the
build's date, the file names) and from each page's rendered HTML, taken once by the hook
(`Rendered`). Each file (formats/copies.py: the whole edition's four PDFs and EPUB, each
section's four handouts, the questions sheet's two PDFs) is kept in the content-hash cache
(citeproc/cache.py) under a key made of everything it depends on: the pages it prints (a
handout: its section, its terms, teaching notes and ledger records), the edition's metadata,
the copy's description, this package's code, stylesheets and fonts, and WeasyPrint's
version. A build whose pages did not change copies the files from there and lays nothing
out. What is missing is made at once: the PDFs laid out two at a time in worker processes
(layout is CPU-bound Python; the machine is taken to have two cores) while this process
writes the EPUB.
"""
from __future__ import annotations

import hashlib
import time
from concurrent.futures import Future, ProcessPoolExecutor
from copy import copy as copy_tag
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

from edition.citeproc.cache import Cache, key, write_atomically
from edition.errors import EditionError
from edition.formats import copies, fetch, handouts, offline
from edition.formats.copies import Copy
from edition.formats.meta import Meta, edition_meta
from edition.model.edition import Edition, Entry, Rendered

PACKAGE = Path(__file__).parent       # its code, stylesheets and fonts are part of every key
WORKERS = 2
# What to do about a character no font of the PDFs has (WeasyPrint: ".notdef glyph rendered").
NO_GLYPH = (" (no font of the PDFs has it, hooks/edition/formats/fonts/: for a Chinese, Japanese or "
            "Korean character, run scripts/cjk_font.py; else choose another character)")


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


def write(edition: Edition, rendered: Rendered, site_dir: Path, kinds: tuple[str, ...]) -> Report:
    """Write the PDFs and/or the EPUB (`kinds`) into site_dir/downloads/, or take them from the cache."""
    try:
        return build(edition, rendered, site_dir, copies.wanted(edition, kinds))
    except (ImportError, OSError) as error:
        raise EditionError(f"offline formats: cannot make the PDF and EPUB ({error}); install "
                           "the packages of uv.lock (make does) and the system libraries of "
                           "scripts/system-deps.sh") from error


def build(edition: Edition, rendered: Rendered, site_dir: Path, wanted: tuple[Copy, ...]) -> Report:
    start = time.perf_counter()
    meta = edition_meta(edition)
    parts = [part for _, part in offline.parts(edition)]
    cache = Cache(Path.cwd(), "formats", edition.settings or None)   # settings.cache_dir, absolute
    common = key(repr(meta), version("weasyprint"), version("pydyf"), code_digest())
    terms = handouts.section_terms(edition, rendered)
    keys = {copy.kind: key(common, repr(copy), *page_inputs(rendered, copy.select(parts)),
                           *handouts.inputs(copy, edition, rendered, terms)) for copy in wanted}
    report = Report()
    made: dict[str, tuple[bytes, int | None]] = {}
    missing = []
    for copy in wanted:
        data, info = cache.get_bytes(keys[copy.kind]), cache.get(keys[copy.kind])
        if data is not None and info is not None and len(data) == info.get("size"):
            made[copy.kind] = (data, info.get("pages"))
        else:
            missing.append(copy)
    if missing:
        fresh = make(missing, offline.parse_parts(edition, rendered), meta, report, edition, rendered, terms,
                     site_dir)
        for copy in missing:
            made[copy.kind] = fresh[copy.kind]
            if not report.warnings:      # a file made with warnings is made again next time
                data, pages_count = fresh[copy.kind]
                cache.put_bytes(keys[copy.kind], data)
                cache.put(keys[copy.kind], {"size": len(data), "pages": pages_count})
    for copy in wanted:
        data, pages_count = made[copy.kind]
        out = site_dir / copy.path(edition)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, data)
        report.files.append(Written(out, len(data), pages_count, cached=copy not in missing))
    report.seconds = time.perf_counter() - start
    return report


def make(missing: list[Copy], chapters: list[offline.Chapter], meta: Meta, report: Report,
         edition: Edition, rendered: Rendered, terms: dict[str, tuple[Entry, ...]],
         site_dir: Path) -> dict[str, tuple[bytes, int | None]]:
    """Lay out the missing PDFs in worker processes while this one writes the EPUB; they read
    nothing but the built site and the edition's fonts (fetch.py)."""
    from edition.formats import epub, pdf

    # The PDFs' parts load what they show as files of the site (one base address for a whole
    # document); the EPUB keeps the pages' own addresses. An address outside the site, in any
    # part, stops the build here, before either is made (fetch.localized).
    printed = fetch.localized([replace(chapter, article=copy_tag(chapter.article)) for chapter in chapters], site_dir)
    made: dict[str, tuple[bytes, int | None]] = {}
    # One document per teacher flag, parts and layout (its A4 and Letter files share it).
    documents: dict[tuple[bool, tuple[str, ...] | None, str], str] = {}
    extras = handouts.extras(edition, rendered, terms) if any(c.layout != "book" for c in missing) else None
    jobs = {}
    for copy in missing:
        if copy.format != "pdf":
            continue
        assert copy.size is not None
        which = (copy.teacher, copy.parts, copy.layout)
        if which not in documents and copy.layout == "book":
            documents[which] = pdf.pdf_document(
                offline.copy_for(copy.select(printed), annotations=copy.teacher), meta, teacher=copy.teacher)
        elif which not in documents:
            assert extras is not None
            documents[which] = handouts.document(copy, printed, extras, meta)
        jobs[copy.kind] = pdf.Job(documents[which], copy.size, copy.kind, str(site_dir), meta.running_head,
                                  cover=copy.layout == "book")
    paths = {copy.kind: copy.path(edition) for copy in missing}
    with ProcessPoolExecutor(max_workers=max(1, min(WORKERS, len(jobs)))) as pool:
        futures: dict[str, Future] = {kind: pool.submit(pdf.render, job) for kind, job in jobs.items()}
        for copy in missing:
            if copy.format == "epub":
                parts = offline.copy_for(copy.select(chapters), annotations=copy.teacher)
                made[copy.kind] = (epub.epub_bytes(parts, meta), None)
        for kind, future in futures.items():
            try:
                data, pages_count, warnings = future.result()
            except fetch.Refused as error:
                raise EditionError(f"offline formats: {paths[kind]}: {error}") from None
            made[kind] = (data, pages_count)
            report.warnings += [f"{paths[kind]}: {message}" + (NO_GLYPH if ".notdef" in message else "")
                                for message in warnings]
    return made


# Everything a file depends on, hashed: the metadata, WeasyPrint, the code, stylesheets and
# fonts of this package (code_digest), the copy's description, the pages it prints (a book: the
# title page, the sections, the apparatus; a handout: its section), what a handout adds to them
# (handouts.inputs). A change to one section lays out again the books, that section's
# handouts and the questions sheet, not the other handouts.
def page_inputs(rendered: Rendered, parts: list) -> list[str]:
    return [item for part in parts for item in (part.src_uri, part.url, rendered.titles.get(part.src_uri, ""),
                                                 rendered.html.get(part.src_uri, ""))]


def code_digest() -> str:
    items: list[str | bytes] = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            items += [path.relative_to(PACKAGE).as_posix(), hashlib.sha256(path.read_bytes()).digest()]
    return key(*items)
