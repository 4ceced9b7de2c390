#!/usr/bin/env python3
"""Time to read and check every data file by its JSON Schema (hooks/edition/model/schema.py),
beside the time to build the whole model of the edition (which includes it), cold (a new
process: imports, schemas compiled) and warm (the same process again, as `mkdocs serve` rebuilds).

    .venv/bin/python scripts/bench_schema.py [ROUNDS]
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
NAMES = ["annotations", "glossary", "entities", "timeline", "emendations", "repairs",
         "changelog", "teaching", "work", "redirects"]


def load_all_with_schemas() -> int:
    from edition.model import schema

    problems = schema.Problems()
    data = {name: schema.load(ROOT / "data" / f"{name}.yml", f"data/{name}.yml", name, problems)
            for name in NAMES}
    files = [schema.DataFile(ROOT / f"data/{n}.yml", f"data/{n}.yml", n) for n in ("glossary", "entities")]
    schema.check_index(files[0], data["glossary"], files[1], data["entities"], problems)
    return len(problems)


# The whole model of the edition (model/build.py: the nav, the pages' sources, bib/ and every
# data file through the schemas), as the one hook builds it in on_files.
def build_the_model() -> int:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from edition.model import build, settings
    config = load_config(str(ROOT / "mkdocs.yml"), hooks=[])
    import edition_hooks

    build.build(edition_hooks.site(config, get_files(config)), settings.read(config.extra, ROOT))
    return 0


def timed(function_name: str) -> tuple[float, float]:
    function = globals()[function_name]
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--once":  # the cold run, in its own process
        wall, cpu = timed(sys.argv[2])
        print(f"{wall:.4f} {cpu:.4f}")
        return 0
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("problems found in data/ by the schemas:", load_all_with_schemas())
    print(f"{'':28} {'cold wall':>10} {'cold CPU':>10} {'warm wall':>10} {'warm CPU':>10}  (seconds)")
    for label, name in (("JSON Schema (model/schema)", "load_all_with_schemas"),
                        ("the whole model (build.py)", "build_the_model")):
        cold = [tuple(map(float, subprocess.run([sys.executable, __file__, "--once", name], check=True,
                                                capture_output=True, text=True).stdout.split()))
                for _ in range(rounds)]
        warm = [timed(name) for _ in range(rounds)]
        cold_wall, cold_cpu = (min(c[i] for c in cold) for i in (0, 1))
        warm_wall, warm_cpu = (min(w[i] for w in warm) for i in (0, 1))
        print(f"{label:28} {cold_wall:10.3f} {cold_cpu:10.3f} {warm_wall:10.3f} {warm_cpu:10.3f}")
    print(f"best of {rounds}; cold includes importing the modules and compiling the schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
