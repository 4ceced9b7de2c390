"""Browser tests: the session's build of the edition, served on 127.0.0.1 in a thread and
driven with Playwright in Debian's Chromium (/usr/bin/chromium; no browser is downloaded).

One browser serves the whole session, and one context per view (width x palette) is kept
and reused; every page is visited once per view (`visits`), and the tests read those visits.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, sync_playwright

from helpers import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# No sandbox: CI runs as root. The rest keeps Chromium from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # Belt and braces beside the route in new_view: no host name resolves to the network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOOPBACK = "127.0.0.1"

WIDTHS = {"desktop": (1280, 800), "phone": (360, 780)}  # a small phone (360 CSS px)
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme
VIEWS = [(width, palette) for width in WIDTHS for palette in PALETTES]
VIEW_IDS = [f"{width}-{palette}" for width, palette in VIEWS]


@dataclass
class View:
    """A browser context of one width and palette that records what its pages did."""
    name: str
    context: BrowserContext
    page: Page
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@dataclass
class Visit:
    """What one page did when loaded in one view."""
    path: str
    console_errors: list[str]
    foreign_requests: list[str]
    axe_violations: list[dict]
    scheme: str
    background: str


class QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host would

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site.path))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOOPBACK}:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def page_paths(site: BuiltSite) -> list[str]:
    """Every built page, as a path under the site's root ('' for the title page); not the
    stubs that only redirect to another page."""
    paths = []
    for html in site.html_files:
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue
        relative = html.relative_to(site.path).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="session")
def new_view(browser: Browser) -> Iterator[Callable[[str, str], View]]:
    """Makes a fresh context of a width and palette; all are closed at the session's end."""
    made: list[View] = []

    def make(width: str, palette: str) -> View:
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h},
                                      color_scheme=palette)  # type: ignore[arg-type]
        view = View(f"{width}-{palette}", context, context.new_page())
        context.route("**/*", functools.partial(_only_loopback, view))
        view.page.on("console", lambda m: m.type == "error" and view.console_errors.append(
            f"{m.text} ({m.location.get('url')})"))
        view.page.on("pageerror", lambda error: view.console_errors.append(str(error)))
        made.append(view)
        return view

    yield make
    for view in made:
        view.context.close()


@pytest.fixture(scope="session")
def views(new_view: Callable[[str, str], View]) -> dict[str, View]:
    """One kept context per view, shared by the tests that only read pages."""
    return {name: new_view(width, palette) for name, (width, palette) in zip(VIEW_IDS, VIEWS, strict=True)}


@pytest.fixture(scope="session")
def visits(views: dict[str, View], base_url: str, page_paths: list[str]) -> dict[str, list[Visit]]:
    """Every page loaded once in every view, with its console errors, the requests it made
    to other hosts, axe-core's violations and the palette it rendered. Each view is its own
    renderer process, so a page's four axe-core runs go on at once."""
    found: dict[str, list[Visit]] = {name: [] for name in views}
    for path in page_paths:
        for view in views.values():
            view.console_errors.clear()
            view.foreign_requests.clear()
            open_page(view.page, base_url + path)
            start_axe(view.page)
        for name, view in views.items():
            found[name].append(Visit(
                path=path,
                console_errors=list(view.console_errors),
                foreign_requests=list(view.foreign_requests),
                axe_violations=axe_result(view.page),
                scheme=view.page.evaluate("document.body.dataset.mdColorScheme"),
                background=view.page.evaluate("getComputedStyle(document.body).backgroundColor"),
            ))
    return found


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    settle(page)


# Waits for running CSS transitions (the skip link fades in, panels slide) to end.
def settle(page: Page) -> None:
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
        new Promise(done => setTimeout(done, 1000)),
    ])""")


# axe-core's default rules: all but the experimental ones and target-size (WCAG 2.2).
AXE_OPTIONS = {"resultTypes": ["violations"]}


def start_axe(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    page.evaluate("options => { window.axeResult = axe.run(document, options); }", AXE_OPTIONS)


def axe_result(page: Page) -> list[dict]:
    return page.evaluate("""async () => (await window.axeResult).violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
    }))""")


def _only_loopback(view: View, route: Route, request: Request) -> None:
    url = urlsplit(request.url)
    if url.scheme not in ("http", "https", "ws", "wss") or url.hostname == LOOPBACK:
        route.continue_()
    else:
        view.foreign_requests.append(request.url)
        route.abort()
