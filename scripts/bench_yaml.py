#!/usr/bin/env python3
"""How fast a hostile data file is refused, and what the strict loader costs on the real data.

An alias bomb ("billion laughs": each level a list of nine aliases of the level before) is
written as data/annotations.yml would be, and read by the edition's one path for data files
(model/schema.py `load`: the strict loader of model/datafile.py, then the JSON Schema); the
time is CPU time, best of ROUNDS. Then every real data file is read by the strict loader and
by PyYAML's plain CSafeLoader (which takes duplicate keys and aliases): the difference is
what refusing them costs a build.

    .venv/bin/python scripts/bench_yaml.py [ROUNDS]
"""
from __future__ import annotations

import itertools
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))


def bomb(levels: int) -> str:
    names = [f"l{n}" for n in range(levels)]
    lines = [f'{names[0]}: &{names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]" for previous, name in itertools.pairwise(names)]
    return "\n".join(lines) + "\n"


def best(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    from edition.model import datafile, schema

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"{'alias bomb':32} {'values it stands for':>22} {'refused in (CPU s)':>20}  message")
    with tempfile.TemporaryDirectory() as folder:
        for levels in (9, 20, 40):
            path = Path(folder) / "annotations.yml"
            path.write_text(bomb(levels), encoding="utf-8")
            problems = schema.Problems()

            def load(path: Path = path, problems: schema.Problems = problems) -> None:
                problems.items.clear()
                schema.load(path, "data/annotations.yml", "annotations", problems)

            seconds = best(load, rounds)
            message = str(problems.items[0]) if problems.items else "NOT REFUSED"
            print(f"{levels:>3} levels, {path.stat().st_size:>6} bytes{'':10} {9 ** levels:>22.2e} "
                  f"{seconds:>20.6f}  {message[:70]}")
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").glob("*.yml"))}
    strict = best(lambda: [datafile.load_yaml(text) for text in texts.values()], rounds)
    plain = best(lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts.values()], rounds)  # noqa: S506
    size = sum(len(text.encode()) for text in texts.values())
    print(f"\nthe {len(texts)} data files ({size // 1024} KiB): strict loader {strict:.4f} s, "
          f"plain CSafeLoader {plain:.4f} s (CPU, best of {rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
