#!/usr/bin/env python3
"""What the reader's own notes (issue 26) cost a page: bytes transferred, gzipped, by a
section page in Chromium, for a reader who never uses them and for one who selects words.

    python scripts/bench_readernotes.py BEFORE_SITE AFTER_SITE [PAGE]

Each site (a built `site/` folder, e.g. one built before the feature and one after) is
served gzipped on 127.0.0.1 as a real host would (scripts/bench.py's GzipHandler); Debian's
Chromium loads PAGE (default: a section, en-route-to-beijing/) in a fresh profile and waits
until the network is idle; every response's encoded body and headers are counted. Then, in
the AFTER site, words of the text are selected: what that loads is the feature's cost to a
reader who uses it. Prints bytes per file, the totals and their difference.
"""
from __future__ import annotations

import functools
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import GzipHandler  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
SELECT_WORDS = """() => {
  const paragraph = document.querySelector("article p.para");
  const range = document.createRange();
  range.selectNodeContents(paragraph.lastChild.nodeType === 3 ? paragraph.lastChild : paragraph);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def transferred(page: Page, base: str, action=None) -> dict[str, int]:
    """Bytes of each response (encoded body + headers) while the page loads (or the action runs)."""
    sizes: dict[str, int] = {}

    def count(request) -> None:
        response = request.response()
        if response is None:
            return
        measured = request.sizes()
        sizes[request.url.removeprefix(base)] = measured["responseBodySize"] + measured["responseHeadersSize"]

    page.on("requestfinished", count)
    if action is None:
        page.goto(base + PAGE, wait_until="networkidle")
    else:
        action()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)
    page.remove_listener("requestfinished", count)
    return sizes


def show(title: str, sizes: dict[str, int]) -> int:
    total = sum(sizes.values())
    print(f"\n{title}: {total:,} bytes in {len(sizes)} responses")
    for url, size in sorted(sizes.items()):
        print(f"  {size:>8,}  {url}")
    return total


def main(before: Path, after: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        totals = []
        for name, site in (("before", before), ("after", after)):
            server, base = serve(site)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            totals.append(show(f"{name} ({site}), {PAGE} never used", transferred(page, base)))
            if name == "after":
                used = transferred(page, base, lambda page=page: page.evaluate(SELECT_WORDS))
                show("after, on the first selection of words (the feature's code)", used)
            context.close()
            server.shutdown()
        browser.close()
    print(f"\nDifference for a reader who never uses the notes: {totals[1] - totals[0]:+,} bytes")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    PAGE = sys.argv[3] if len(sys.argv) == 4 else "en-route-to-beijing/"
    main(Path(sys.argv[1]), Path(sys.argv[2]))
