#!/usr/bin/env python3
"""Benchmark of the edition's speed and weight (issue 7); prints one table.

    python scripts/bench.py [--repeat 3] [--no-lighthouse] [--pages-only]      (or `make bench`)
    python scripts/bench.py --pairs 8 [--keep DIR]


- Build time of the edition with its hooks and of the same Markdown with `hooks: []`: the
  ratio is what the hooks cost. Target: at most 1.5x. The edition is built cold (its cache
  off, so pandoc formats every citation: a fresh clone's first build) and warm (pandoc's
  results read from the cache that a first build wrote: every later build). A third build
  has the pages the hooks generate (bibliography, glossary, ...) as plain Markdown files and
  no hooks: what the theme alone spends on rendering and indexing those pages.
- Build time (cold) with the report's text 1, 10 and 50 times (copies of the report's pages, their
  paragraph, footnote and figure numbers shifted, changes of wording taken as read):
  growth must be linear. Target: 50x the text at most 55x the time.
- Weight of each kind of page, HTML + CSS + JS as a browser loads them, raw and gzipped.
  Target: a section page at most 80 KB gzipped. For comparison, the same title and section
  pages built by Material as it comes (its defaults, no web fonts, none of the edition's
  hooks, styles, scripts or template overrides). And the size of the search index.
- Lighthouse 12.2.3 (npm; mobile, its default) on each kind of page, served gzipped over
  HTTP/1.1 on 127.0.0.1 as a real host would. Target: 100 in all four categories.
- `--pairs N`: the section page and its plain twin measured N times each, one after the
  other (edition, plain, edition, ...), so that both meet the same moments of a shared
  machine; each run's performance score and the measures it is made of, then their medians
  and ranges (the section's target: at least plain Material's). `--keep DIR` keeps each
  run's report and trace (Lighthouse's --save-assets) for reading.

Times are the best of `repeat` builds, in wall and CPU seconds (CPU time of the build's
processes, which does not depend on what else the machine is doing; ratios use it). The
offline formats (PDF, EPUB) are left out (EDITION_FORMATS=off): scripts/bench_formats.py
measures them.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_FORMATS": "off",
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1600000000")}
# The report's sections in reading order, from the nav's group "The report" (where they are written).
REPORT_PAGES = [page.removesuffix(".md") for group in yaml.safe_load(
    (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["nav"]
    if isinstance(group, dict) and "The report" in group for page in group["The report"]]
PAGE_KINDS = {"title": "", "section": "en-route-to-beijing/", "bibliography": "bibliography/",
              "glossary": "glossary/", "entities": "entities/", "changes": "changes/"}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
# Builds the config with the given options replacing the file's (hooks: [] for "off").
BUILD = ("import json, sys; from mkdocs.commands.build import build; "
         "from mkdocs.config import load_config; "
         "build(load_config('mkdocs.yml', **json.loads(sys.argv[1])))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind (best taken)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--pages-only", action="store_true",
                        help="one build, no timings: the pages' weights and Lighthouse scores")
    parser.add_argument("--pairs", type=int, default=0,
                        help="one build; the section page and plain Material's, N runs each, alternating")
    parser.add_argument("--keep", type=Path, help="with --pairs: keep the reports and traces here")
    args = parser.parse_args()
    if args.pairs:
        return paired_runs(args.pairs, args.keep)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        ENV["EDITION_CACHE_DIR"] = str(work / "cache")
        if args.pages_only:
            build_seconds(ROOT, work / "site-on", {})
            rows = []
        else:
            rows = build_rows(work, args.repeat)
        site = work / "site-on"
        weights, index = page_weights(site), search_index_size(site)
        plain_kinds = {"title": "", "section": PAGE_KINDS["section"]}
        plain = plain_site(work)
        weights.update({f"{kind}, plain Material": weight
                        for kind, weight in page_weights(plain, plain_kinds).items()})
        scores = {}
        if not args.no_lighthouse:
            scores = lighthouse_scores(site, work, PAGE_KINDS)
            scores.update({f"{kind}, plain Material": score for kind, score
                           in lighthouse_scores(plain, work / "plain", plain_kinds).items()})
    print_table(rows, weights, index, scores)


# Build times


def build_rows(work: Path, repeat: int) -> list[tuple[str, float, float]]:
    cold = {"EDITION_CACHE": "off"}
    build_seconds(ROOT, work / "site-on", {})   # fills the (empty) cache for the warm builds
    rows = [("edition, cold cache", *best(repeat, ROOT, work / "site-cold", {}, cold)),
            ("edition, warm cache", *best(repeat, ROOT, work / "site-on", {})),
            ("same Markdown, hooks off", *best(repeat, ROOT, work / "site-off", {"hooks": []})),
            ("hooks off, their pages as files", *best(repeat, apparatus_project(work), work / "site-pages",
                                                      {"hooks": []}))]
    for times in (1, 10, 50):
        project = copy_project(work / f"x{times}", times)
        rows.append((f"text x{times}", *best(1 if times > 1 else repeat, project,
                                               work / f"site-x{times}", {}, cold)))
    return rows


def best(repeat: int, project: Path, out: Path, options: dict,
         env: dict | None = None) -> tuple[float, float]:
    runs = [build_seconds(project, out, options, env) for _ in range(repeat)]
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def build_seconds(project: Path, out: Path, options: dict,
                  env: dict | None = None) -> tuple[float, float]:
    options = {"site_dir": str(out), **options}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", BUILD, json.dumps(options)], cwd=project,
                            env={**ENV, **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"bench: the build in {project} failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


# A copy of the project with the pages the hooks generate written into docs/ as they are
# generated (captured by one extra handler of on_files), to be built with no hooks.
CAPTURE = ("import sys; from pathlib import Path; from mkdocs.commands.build import build; "
           "from mkdocs.config import load_config; config = load_config('mkdocs.yml', site_dir=sys.argv[1]); "
           "pages = {}; config.plugins.events['files'].append(lambda files, config: pages.update("
           "{f.src_uri: f.content_string for f in files if f.generated_by and f.src_uri.endswith('.md')}) or files); "
           "build(config); [Path('docs', uri).write_text(text, encoding='utf-8') for uri, text in pages.items()]")


def apparatus_project(work: Path) -> Path:
    project = copy_project(work / "apparatus", 1)
    result = subprocess.run([sys.executable, "-c", CAPTURE, str(work / "site-capture")], cwd=project,
                            env=ENV, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: capturing the generated pages failed:\n{result.stderr[-3000:]}")
    return project


# A copy of the project whose report is `times` times as long: the report's pages again
# under repeat-N/, with paragraph, footnote and figure numbers shifted by 1000 * N (so no
# number is used twice) and the CriticMarkup taken as read (its records name the original).
def copy_project(target: Path, times: int) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".cache", "node_modules", "site", "build", "tests", "__pycache__"))
    for copy in range(1, times):
        for name in REPORT_PAGES:
            text = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
            out = target / "docs" / f"repeat-{copy}" / f"{name}.md"
            out.parent.mkdir(exist_ok=True)
            out.write_text(shifted(text, 1000 * copy), encoding="utf-8")
    return target


def shifted(markdown: str, by: int) -> str:
    markdown = re.sub(r"(\{#p|\[\^|id=\"figure-)(\d+)",
                      lambda m: f"{m.group(1)}{int(m.group(2)) + by}", markdown)
    markdown = re.sub(r"\{~~.*?~>(.*?)~~\}", r"\1", markdown, flags=re.S)
    markdown = re.sub(r"\{\+\+(.*?)\+\+\}", r"\1", markdown, flags=re.S)
    return re.sub(r"\{--.*?--\}", "", markdown, flags=re.S)


# Weights


def page_weights(site: Path, kinds: dict[str, str] = PAGE_KINDS) -> dict[str, dict[str, tuple[int, int]]]:
    """Per kind of page: raw and gzipped bytes of its HTML, its CSS and its JS."""
    weights = {}
    for kind, path in kinds.items():
        page = site / path / "index.html"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        js = re.findall(r'<script src="([^"]+)"', html)
        late = re.search(r'for\(const src of (\[[^\]]*\])\)', html)  # loaded at DOMContentLoaded (overrides/main.html)
        js += json.loads(late.group(1)) if late else []
        worker = re.search(r'"search":\s*"([^"]+)"', html)  # loaded by every page
        js += [worker.group(1)] if worker else []
        weights[kind] = {
            "HTML": sizes([page.read_bytes()]),
            "CSS": sizes([(page.parent / href).read_bytes() for href in css]),
            "JS": sizes([(page.parent / src).read_bytes() for src in js]),
        }
    return weights


def sizes(files: list[bytes]) -> tuple[int, int]:
    return sum(len(data) for data in files), sum(len(gzip.compress(data, 6)) for data in files)


# The plain twin: the same pages under the same name (the report's title, data/work.yml), built
# by Material as it comes.
PLAIN_CONFIG = """site_name: {site_name}
theme:
  name: material
  font: false
  palette:
    - scheme: default
    - scheme: slate
plugins:
  - search
markdown_extensions:
  - footnotes
  - attr_list
  - md_in_html
"""


def plain_site(work: Path) -> Path:
    project = work / "plain"
    (project / "docs").mkdir(parents=True)
    title = yaml.safe_load((ROOT / "data" / "work.yml").read_text(encoding="utf-8"))["report"]["title"]
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG.format(site_name=json.dumps(title)), encoding="utf-8")
    for page in ROOT.joinpath("docs").glob("*.md"):
        shutil.copy(page, project / "docs" / page.name)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                             str(project / "site")], cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: the plain Material build failed:\n{result.stderr[-3000:]}")
    return project / "site"


def search_index_size(site: Path) -> tuple[int, int]:
    return sizes([(site / "search" / "search_index.json").read_bytes()])


# Lighthouse


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the site as a real host would: keep-alive, gzip, a day's caching."""
    protocol_version = "HTTP/1.1"

    def send_head(self) -> BinaryIO | None:  # as the base class's: its file, or our gzipped bytes
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        for name, value in (("Content-Type", self.guess_type(str(path))),
                            ("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "max-age=86400")):
            self.send_header(name, value)
        self.end_headers()
        return BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse_scores(site: Path, work: Path, kinds: dict[str, str]) -> dict[str, dict[str, int]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scores = {}
    try:
        for kind, path in kinds.items():
            if (site / path / "index.html").exists():
                url = f"http://127.0.0.1:{server.server_port}/{path}"
                scores[kind] = lighthouse(url, work / f"lighthouse-{kind}.json")
    finally:
        server.shutdown()
    return scores


def lighthouse(url: str, report: Path) -> dict[str, int]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
         f"--output-path={report}", "--only-categories=performance,accessibility,best-practices,seo"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(category["score"] * 100) for name, category in categories.items()}


# Paired runs of the section page and its plain twin

MEASURES = {"FCP": "first-contentful-paint", "SI": "speed-index", "LCP": "largest-contentful-paint",
            "TBT": "total-blocking-time", "TTI": "interactive"}


def paired_runs(pairs: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        ENV["EDITION_CACHE_DIR"] = str(work / "cache")
        build_seconds(ROOT, work / "site-on", {})
        sites = {"section": work / "site-on", "section, plain Material": plain_site(work)}
        out = keep or work / "reports"
        out.mkdir(parents=True, exist_ok=True)
        servers = {kind: ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
                   for kind, site in sites.items()}
        for server in servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in sites}
        print(f"load average at the start: {os.getloadavg()[0]:.2f}")
        print(f"{'run':<30} {'perf':>5} {'FCP':>6} {'SI':>6} {'LCP':>6} {'TBT':>6} {'TTI':>6}  load")
        try:
            for number in range(1, pairs + 1):
                for kind, server in servers.items():
                    url = f"http://127.0.0.1:{server.server_port}/{PAGE_KINDS['section']}"
                    name = "plain" if "plain" in kind else "edition"
                    run = lighthouse_measures(url, out / f"{name}-{number}.json")
                    runs[kind].append(run)
                    print(f"{kind + ' ' + str(number):<30} {run['perf']:5.0f} " +
                          " ".join(f"{run[m]:6.0f}" for m in MEASURES) + f"  {os.getloadavg()[0]:.2f}",
                          flush=True)
        finally:
            for server in servers.values():
                server.shutdown()
        print(f"\nmedian [range] of {pairs} runs (ms but perf)")
        for kind, values in runs.items():
            cells = []
            for measure in ("perf", *MEASURES):
                column = sorted(run[measure] for run in values)
                cells.append(f"{measure} {statistics.median(column):.0f} [{column[0]:.0f}-{column[-1]:.0f}]")
            print(f"  {kind:<24} " + "  ".join(cells))
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


def lighthouse_measures(url: str, report: Path) -> dict[str, float]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
         f"--output-path={report}", "--only-categories=performance", "--save-assets"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return {"perf": data["categories"]["performance"]["score"] * 100,
            **{name: data["audits"][audit]["numericValue"] for name, audit in MEASURES.items()}}


# Report


def print_table(rows: list[tuple[str, float, float]], weights: dict, index: tuple[int, int],
                scores: dict[str, dict[str, int]]) -> None:
    if rows:
        print_builds(rows)
    print("\nWeight per page (KB, raw / gzip)   HTML           CSS            JS             all")
    for kind, parts in weights.items():
        total = tuple(sum(part[i] for part in parts.values()) for i in (0, 1))
        cells = "  ".join(f"{raw / 1024:6.1f} /{gz / 1024:5.1f}" for raw, gz in [*parts.values(), total])
        print(f"  {kind:<32} {cells}")
    print("  target: section page <= 80 KB gzipped in all")
    if "section" in weights and "section, plain Material" in weights:
        ours, plain = (sum(part[1] for part in weights[k].values()) for k in ("section", "section, plain Material"))
        print(f"  target: section page <= plain Material's + 10 KB gzipped: "
              f"{ours / 1024:.1f} KB against {plain / 1024:.1f} + 10 KB")
    print(f"\nSearch index: {index[0] / 1024:.1f} KB raw, {index[1] / 1024:.1f} KB gzipped")
    if scores:
        print("\nLighthouse 12.2.3, mobile         perf  a11y  best   SEO")
        for kind, score in scores.items():
            print(f"  {kind:<32} {score['performance']:5d} {score['accessibility']:5d}"
                  f" {score['best-practices']:5d} {score['seo']:5d}")


def print_builds(rows: list[tuple[str, float, float]]) -> None:
    print("Build (EDITION_FORMATS=off)            wall s   CPU s")
    for name, wall, cpu in rows:
        print(f"  {name:<34} {wall:8.2f} {cpu:7.2f}")
    cpu_of = {name: cpu for name, _, cpu in rows}
    off = cpu_of["same Markdown, hooks off"]
    ratios = [
        ("hooks overhead, cold (CPU)", cpu_of["edition, cold cache"] / off, "  (target <= 1.5x)"),
        ("hooks overhead, warm (CPU)", cpu_of["edition, warm cache"] / off, "  (target <= 1.5x)"),
        ("their pages alone, no hooks (CPU)", cpu_of["hooks off, their pages as files"] / off, ""),
        ("text x10 / x1 (CPU)", cpu_of["text x10"] / cpu_of["text x1"], ""),
        ("text x50 / x1 (CPU)", cpu_of["text x50"] / cpu_of["text x1"], "  (target <= 55x)"),
    ]
    for name, ratio, target in ratios:
        print(f"  {name:<34} {ratio:8.2f}x{target}")


if __name__ == "__main__":
    main()
