#!/usr/bin/env python3
"""Make the edition's PDF and/or EPUB from a built site, as `mkdocs build` does.

    python scripts/formats.py {pdf,epub,all} [--site-dir site] [--config-file mkdocs.yml]

`make pdf` and `make epub` use it on a site built with EDITION_FORMATS=off; `make build`
makes both through hooks/formats_hooks.py, which runs the same code (edition/formats/build.py).
Exits 1 with a message when the site is missing or a file cannot be made.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from edition.formats import build as formats, offline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("pdf", "epub", "all"))
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").exists():
        print(f"formats: no built site in {args.site_dir}: run `make build` first", file=sys.stderr)
        return 1
    logging.getLogger("mkdocs").setLevel(logging.ERROR)   # loading the config is quiet
    try:
        meta = offline.edition_meta(load_config(str(args.config_file)))
        kinds = formats.KINDS if args.kind == "all" else (args.kind,)
        report = formats.build(args.site_dir, meta, kinds)
    except (MkDocsException, OSError, ImportError) as error:
        print(f"formats: {error}", file=sys.stderr)
        return 1
    for message in report.warnings:
        print(f"formats: warning: {message}", file=sys.stderr)
    print("\n".join(report.lines(args.site_dir)))
    print(f"formats: {args.kind} made in {report.seconds:.1f} s")
    return 1 if report.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
