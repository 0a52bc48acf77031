"""In Debian's Chromium: a visitor searches in Swedish and reaches the right page; axe-core
finds no WCAG 2.1 AA violations."""

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WCAG_21_AA = {"runOnly": {"type": "tag",
                          "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Keep test output to what failed."""

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


def search(page: Page, base_url: str, query: str) -> None:
    page.goto(base_url)
    page.get_by_role("textbox", name="Sök").click()
    page.keyboard.type(query)


@pytest.mark.parametrize(("query", "address"), [
    ("föräldraträning", "insatser/pmto/"),
    ("utforskning", "implementering/utforskning/"),
    ("bbic", "ebp/"),
    ("2005", "implementering/"),
])
def test_search_reaches_the_right_page(page: Page, base_url: str, query: str,
                                       address: str) -> None:
    search(page, base_url, query)
    result = page.locator(f'.md-search-result__link[href^="{address}"], '
                          f'.md-search-result__link[href^="{base_url}{address}"]').first
    expect(result).to_be_visible(timeout=15_000)
    result.click()
    page.wait_for_url(f"{base_url}{address}**", timeout=10_000)
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("address", ["", "insatser/", "insatser/pmto/",
                                     "implementering/utforskning/", "ebp/",
                                     "utbildning/ebp-kurs-7-5-hp/"])
def test_pages_have_no_wcag_21_aa_violations(page: Page, base_url: str, address: str) -> None:
    page.goto(f"{base_url}{address}")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
