"""Citing in a browser: the Cite dialog copies a citation; /p/N/ lands on paragraph N;
two released versions are served with Material's version selector listing both."""
from __future__ import annotations

import functools
import subprocess
import tarfile
import threading
from http.server import ThreadingHTTPServer
from io import BytesIO

import pytest
from playwright.sync_api import expect

from helpers import next_version
from projects import MINIMAL

from .conftest import LOOPBACK, QuietHandler


def test_copying_a_paragraphs_citation(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base_url + "en-route-to-beijing/")
        page.locator('a.para-cite[data-cite="p12"]').click()
        dialog = page.get_by_role("dialog", name="Cite ¶ 12")
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Copy APA (7th ed.) citation").click()
        expect(dialog.get_by_role("button", name="Copy APA (7th ed.) citation")).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Yau, N. (2020). Russia and China’s quiet rivalry in Central Asia")
        assert copied.endswith("en-route-to-beijing/#p12")
        dialog.get_by_text("BibTeX").click()
        dialog.get_by_role("button", name="Copy BibTeX").click()
        assert page.evaluate("navigator.clipboard.readText()").startswith("@report{yau2020rivalry-p12,")
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
    finally:
        context.close()


def test_without_javascript_cite_leads_to_the_cite_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "en-route-to-beijing/")
        page.locator('a.para-cite[data-cite="p12"]').click()
        page.wait_for_url(base_url + "cite/#cite-p12")
        expect(page.locator("#cite-p12")).to_contain_text("(Yau, 2020, para. 12)")
    finally:
        context.close()


def test_a_permalink_lands_on_its_paragraph(views, base_url):
    page = views["desktop-light"].page
    page.goto(base_url + "p/12/")
    page.wait_for_url(base_url + "en-route-to-beijing/#p12")
    assert page.evaluate("document.querySelector(':target')?.id") == "p12"


@pytest.fixture(scope="module")
def releases_url(released, tmp_path_factory):
    """The gh-pages branch of the throwaway releases, served on loopback."""
    folder = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=released, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="tar")
    server = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{LOOPBACK}:{server.server_port}/"
    server.shutdown()
    server.server_close()


# The fixture releases the minimal edition (tests/projects.py): its version, then the next.
RELEASED = str(MINIMAL.work["edition"]["version"])
VERSIONS = [next_version(RELEASED), RELEASED]  # newest first, as the fixture releases them


def test_both_releases_are_served_and_the_selector_lists_them(new_view, releases_url):
    page = new_view("desktop", "light").page
    page.goto(releases_url)  # the root sends readers to latest
    page.wait_for_url(f"{releases_url}latest/")
    for version in VERSIONS:
        page.goto(f"{releases_url}{version}/keepers-of-the-timetable/#p5")
        expect(page.locator("#p5")).to_contain_text("secretariat in Varna")
        expect(page.locator(".md-version__current")).to_have_text(version)
        links = page.locator(".md-version__link")
        expect(links).to_have_count(2)
        assert [" ".join(t.split()) for t in links.all_text_contents()] == VERSIONS
