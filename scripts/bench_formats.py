#!/usr/bin/env python3
"""Benchmark: what the offline formats (PDF, EPUB) add to a build, in time and in size.

    python scripts/bench_formats.py [--repeat 2]

Builds the edition with `mkdocs build --strict` without the formats (EDITION_FORMATS=off)
and with them, `repeat` times each into temporary folders, and prints the best wall and
CPU time of each (the PDFs are laid out on two cores at once), the size of the site, and
the size (and pages) of each file in downloads/.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1600000000")}


def build_seconds(out: Path, formats: bool) -> tuple[float, float]:
    """Wall time and CPU time (all processes) of one build; CPU time does not depend on
    what else the machine is doing, wall time does."""
    env = {**ENV, "EDITION_FORMATS": "on" if formats else "off"}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"bench_formats: the build failed:\n{result.stderr}")
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return wall, cpu


def size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def pages(path: Path) -> str:
    if path.suffix != ".pdf":
        return ""
    from pypdf import PdfReader

    return f", {len(PdfReader(path).pages)} pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        for formats in (False, True):
            out = Path(tmp) / ("with" if formats else "without")
            wall, cpu = min(build_seconds(out, formats) for _ in range(args.repeat))
            rows[formats] = (wall, cpu, size(out))
        print(f"load average: {os.getloadavg()[0]:.1f} (wall time grows with it, CPU time hardly)")
        for label, (wall, cpu, total) in (("without formats", rows[False]), ("with formats", rows[True])):
            print(f"build {label + ':':17} {wall:6.1f} s wall, {cpu:6.1f} s CPU, site {total / 2**20:5.1f} MiB")
        added = [after - before for before, after in zip(rows[False], rows[True])]
        print(f"the formats add:        {added[0]:6.1f} s wall, {added[1]:6.1f} s CPU, "
              f"{added[2] / 2**20:5.1f} MiB")
        for path in sorted((Path(tmp) / "with" / "downloads").iterdir()):
            print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KiB{pages(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
