"""A versioned deployment (two releases deployed by mike into gh-pages, tests/conftest.py's
`released`), in Chromium: Material's version selector shows on every release's pages and
lists both; each page says its version; the 404 page is styled and its links lead into its own
version at any depth, whether the host serves the releases under the public address's path
(/quiet-rivalry/0.2.0/) or at its root, as `mike serve` does (/0.2.0/)."""
from __future__ import annotations

import functools
import io
import subprocess
import tarfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from helpers import PUBLIC_BASE, next_version
from projects import MINIMAL

PREFIX = urlsplit(PUBLIC_BASE).path   # "/quiet-rivalry/"


class Host(SimpleHTTPRequestHandler):
    """The gh-pages branch under `prefix`; a missing page under a release's folder gets that
    release's 404.html, with status 404, as a host that serves each release's own does."""
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        release = self.path[len(self.prefix):].split("/")[0] if self.path.startswith(self.prefix) else ""
        page = Path(self.directory) / release / "404.html"
        if code != 404 or not release or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def published(released, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "--format=tar", "gh-pages"], cwd=released, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.fixture(scope="module", params=[PREFIX, "/"], ids=["public-path", "mike-serve"])
def host(request, published) -> Iterator[str]:
    handler = type("PrefixedHost", (Host,), {"prefix": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(published)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{request.param}"
    server.shutdown()
    server.server_close()


# The released edition (the fixture `released` releases the minimal one) and its versions.
FIRST = str(MINIMAL.work["edition"]["version"])
SECOND = next_version(FIRST)
SECTION = MINIMAL.report_pages[0]    # its first section's folder


def test_the_version_selector_shows_and_lists_every_release(new_view, host):
    first, second = FIRST, SECOND
    for width in ("desktop", "phone"):
        page = new_view(width, "light").page
        for version in (first, second):
            page.goto(f"{host}{version}/{SECTION}/")
            selector = page.locator(".md-header .md-version")
            expect(selector.locator(".md-version__current")).to_have_text(version)
            expect(selector).to_be_visible()
            links = selector.locator(".md-version__link").evaluate_all("links => links.map((a) => a.textContent)")
            assert sorted(links) == sorted([first, second]), links
            expect(page.locator(".edition-version")).to_contain_text(f"version {version}")


@pytest.mark.parametrize("depth", ["nowhere", "no/such/page/", f"{SECTION}/gone/"])
def test_the_404_page_is_styled_in_its_release_at_any_depth(new_view, host, depth):
    page = new_view("phone", "light").page
    for version in (FIRST, SECOND):
        page.goto(f"{host}{version}/")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        response = page.goto(f"{host}{version}/{depth}")
        assert response is not None and response.status == 404
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", name="404 - Not found")).to_be_visible()
        # Material's and the edition's style sheets applied: the header in the palette's colour,
        # as on the release's title page.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
            == header != "rgba(0, 0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.querySelector('.edition-version')).fontSize") != \
            page.evaluate("getComputedStyle(document.body).fontSize")
        expect(page.locator(".edition-version")).to_contain_text(f"version {version}")
        # Its links lead into its own release.
        home = page.locator(".md-header a.md-logo").evaluate("a => a.href")
        assert home == f"{host}{version}/", home
        changelog = page.locator(".edition-version a").evaluate("a => a.href")
        assert changelog == f"{host}{version}/changelog/", changelog
