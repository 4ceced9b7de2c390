#!/usr/bin/env python3
"""Make the edition's PDFs and/or EPUB: a build of the site that makes only those.

    python scripts/formats.py {pdf,epub,all} [--site-dir site] [--config-file mkdocs.yml]

The formats are made from the pages' rendered content, which only a build has, so this runs
`mkdocs build --strict` with EDITION_FORMATS set to the kind asked for (`make pdf`, `make
epub`); `make build` makes both. A build whose pages did not change takes the files from
the cache (.cache/edition/formats/) and lays nothing out. Exits with the build's status.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {"pdf": "pdf", "epub": "epub", "all": "on"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=tuple(SETTINGS))
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    env = {**os.environ, "EDITION_FORMATS": SETTINGS[args.kind], "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(args.config_file), "--site-dir", str(args.site_dir)]
    return subprocess.run(command, env=env, cwd=args.config_file.resolve().parent).returncode


if __name__ == "__main__":
    sys.exit(main())
