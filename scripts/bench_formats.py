#!/usr/bin/env python3
"""Benchmark: what the offline formats (PDF, EPUB) cost a full build, cold and warm.

    python scripts/bench_formats.py [--root .] [--repeat 1]

Builds the edition with `mkdocs build --strict` into temporary folders: cold (an empty
edition cache: every citation formatted, every PDF laid out), then warm (the same cache
again: a build whose pages did not change), then warm without the formats
(EDITION_FORMATS=off). Prints for each the wall and CPU time (all processes; the PDFs are
laid out two at a time in worker processes), the formats' own wall time from the build's
log ("offline formats in N s"), and the files in downloads/. --root runs the same on
another checkout (to compare with main).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(root: Path, out: Path, cache: Path, formats: bool) -> tuple[float, float, float]:
    """Wall time, CPU time (all processes) and the formats' wall time of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_CACHE_DIR": str(cache),
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1600000000"),
           "EDITION_FORMATS": "on" if formats else "off"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(out)], cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"bench_formats: the build failed:\n{result.stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    found = re.search(r"offline formats in ([\d.]+) s", result.stderr)
    return wall, cpu, float(found.group(1)) if found else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.1f} (wall time grows with it, CPU time hardly)")
    print(f"{'build':28} {'wall s':>7} {'CPU s':>7} {'formats s':>10}")
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            rows = [("cold, with formats", True), ("warm, with formats", True),
                    ("warm, EDITION_FORMATS=off", False)]
            for index, (label, formats) in enumerate(rows):
                out = Path(tmp) / f"site-{index}"
                wall, cpu, share = build(args.root, out, cache, formats)
                print(f"{label:28} {wall:7.1f} {cpu:7.1f} {share:10.1f}")
            for path in sorted((Path(tmp) / "site-0" / "downloads").iterdir()):
                print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KiB")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
