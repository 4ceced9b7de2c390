"""The offline formats built from a built site: used by the formats hook and scripts/formats.py.

One entry point, so `mkdocs build` and `make pdf` / `make epub` run the same code.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from edition.formats import offline
from edition.formats.offline import Meta

KINDS = ("pdf", "epub")


@dataclass
class Written:
    path: Path
    pages: int | None = None       # for a PDF


@dataclass
class Report:
    files: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self, site_dir: Path) -> list[str]:
        return [f"{item.path.relative_to(site_dir)}: {item.path.stat().st_size // 1024} KiB"
                + (f", {item.pages} pages" if item.pages else "") for item in self.files]


def build(site_dir: Path, meta: Meta, kinds: tuple[str, ...] = KINDS) -> Report:
    """Write the PDFs and/or the EPUB into site_dir/downloads/ from the pages in site_dir."""
    start = time.perf_counter()
    report = Report()
    names = offline.output_names()
    if "pdf" in kinds:
        from edition.formats import pdf

        jobs = pdf.pdf_jobs(site_dir, meta, names)
        for job, (pages, warnings) in zip(jobs, pdf.render_all(jobs)):
            report.files.append(Written(job.out, pages))
            report.warnings += [f"{job.out.name}: {message}" for message in warnings]
    if "epub" in kinds:
        from edition.formats import epub

        out = site_dir / names["epub"]
        epub.write_epub(offline.load_chapters(site_dir, annotations=True), meta, out)
        report.files.append(Written(out))
    report.seconds = time.perf_counter() - start
    return report
