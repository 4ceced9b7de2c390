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

from edition.markdown.context import Current, PageInfo  # noqa: E402
from edition.markdown.extension import EditionExtension  # noqa: E402
from edition.model import build, settings  # noqa: E402
from edition.model.edition import Edition, Part  # noqa: E402
from edition.model.names import Matcher  # noqa: E402

PAGE = PageInfo("bench.md", "bench/", Part("bench.md", "bench/", "Bench", "section", 1))


def the_edition() -> Edition:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(ROOT / "mkdocs.yml"), hooks=[])
    import edition_hooks

    return build.build(edition_hooks.site(config, get_files(config)), settings.read(config.extra, ROOT))


def report_text(edition: Edition) -> str:
    pages = [(ROOT / "docs" / part.src_uri).read_text(encoding="utf-8") for part in edition.sections]
    return "\n\n".join(re.sub(r"^---\n.*?\n---\n", "", page, flags=re.DOTALL) for page in pages)


# Copy k of the text gets its own paragraph and note numbers, as a longer report would.
def repeated(text: str, times: int) -> str:
    copies = []
    for copy in range(times):
        shifted = renumbered(text, r"\{#p(\d+)\}", "{{#p{}}}", 29 * copy)
        copies.append(renumbered(shifted, r"\[\^(\d+)\]", "[^{}]", 19 * copy))
    return "\n\n".join(copies)


def renumbered(text: str, pattern: str, template: str, offset: int) -> str:
    """The text with each number the pattern captures raised by offset, written by the template."""
    return re.sub(pattern, lambda match: template.format(int(match.group(1)) + offset), text)


def convert_seconds(text: str, edition: Edition, with_index: bool, repeat: int) -> float:
    """The best of `repeat` timed conversions, after one untimed run that warms caches."""
    timings = []
    for _ in range(repeat + 1):
        current = Current(edition, Matcher(edition.aliases) if with_index else None, PAGE)
        md = markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes",
                                           EditionExtension(current)])
        start = time.perf_counter()
        md.convert(text)
        timings.append(time.perf_counter() - start)
    return min(timings[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per size; the best is kept")
    args = parser.parse_args()
    index = the_edition()
    text = report_text(index)
    print(f"aliases in the matcher: {len(index.aliases)}")
    print(f"{'text':>5} {'words':>8} {'without index s':>16} {'with index s':>13} "
          f"{'index share':>12} {'growth':>7}")
    base = 0.0
    for times in (1, 10, 50):
        sample = repeated(text, times)
        off = convert_seconds(sample, index, False, args.repeat)
        on = convert_seconds(sample, index, True, args.repeat)
        base = base or on
        print(f"{times:>4}x {len(sample.split()):>8} {off:>16.4f} {on:>13.4f} "
              f"{(on - off) / on:>11.0%} {on / base:>6.1f}x")
    print("growth: time with the index relative to 1x; linear means about 10x and 50x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
