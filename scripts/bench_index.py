#!/usr/bin/env python3
"""Benchmark: the cost of finding index mentions as the text grows (1x, 10x, 50x the report).

    python scripts/bench_index.py [--repeat 5]

Converts the report's section pages, concatenated and repeated, with the edition's Markdown
extension, once with the glossary and entity matcher on and once with it off; the
difference is the index's cost. It should grow linearly with the text: one pass per page,
one matcher for every alias, not one expression per entity per paragraph.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import markdown  # noqa: E402

from edition import indexdata  # noqa: E402
from edition.markdown.extension import EditionExtension  # noqa: E402
from edition.markdown.mentions import Matcher  # noqa: E402
from edition.registry import Registry  # noqa: E402

SECTIONS = ["about-the-author", "executive-summary", "introduction", "en-route-to-beijing",
            "wrestling-for-digital-supremacy", "conclusion"]


def report_text() -> str:
    pages = [(ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8") for name in SECTIONS]
    return "\n\n".join(re.sub(r"^---\n.*?\n---\n", "", page, flags=re.DOTALL) for page in pages)


# Copy k of the text gets its own paragraph and note numbers, as a longer report would.
def repeated(text: str, times: int) -> str:
    copies = []
    for copy in range(times):
        shifted = re.sub(r"\{#p(\d+)\}", lambda m: f"{{#p{int(m.group(1)) + 29 * copy}}}", text)
        shifted = re.sub(r"\[\^(\d+)\]", lambda m: f"[^{int(m.group(1)) + 19 * copy}]", shifted)
        copies.append(shifted)
    return "\n\n".join(copies)


def convert_seconds(text: str, index: indexdata.Index | None, repeat: int) -> float:
    """The best of `repeat` timed conversions, after one untimed run that warms caches."""
    timings = []
    for _ in range(repeat + 1):
        registry = Registry(page="bench.md", in_report=True, scan_mentions=True)
        if index is not None:
            registry.index, registry.matcher = index, Matcher(index.owners)
        md = markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes",
                                           EditionExtension(registry)])
        start = time.perf_counter()
        md.convert(text)
        timings.append(time.perf_counter() - start)
    return min(timings[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per size; the best is kept")
    args = parser.parse_args()
    index = indexdata.load(ROOT / "data/glossary.yml", ROOT / "data/entities.yml", ROOT)
    text = report_text()
    print(f"aliases in the matcher: {len(index.owners)}")
    print(f"{'text':>5} {'words':>8} {'without index s':>16} {'with index s':>13} "
          f"{'index share':>12} {'growth':>7}")
    base = 0.0
    for times in (1, 10, 50):
        sample = repeated(text, times)
        off = convert_seconds(sample, None, args.repeat)
        on = convert_seconds(sample, index, args.repeat)
        base = base or on
        print(f"{times:>4}x {len(sample.split()):>8} {off:>16.4f} {on:>13.4f} "
              f"{(on - off) / on:>11.0%} {on / base:>6.1f}x")
    print("growth: time with the index relative to 1x; linear means about 10x and 50x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
