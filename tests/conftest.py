"""Shared fixtures: small projects in tmp_path (as mkdocs-awesome-nav's tests do), the
real site built once per session, and Debian's Chromium serving it to browser tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe, AxeResults
from playwright.sync_api import Browser, Page, expect, sync_playwright

from generator.build import build
from generator.site import Project

REPO = Path(__file__).resolve().parent.parent

# Every test, and every kb and mkdocs it starts, counts review ages from this day (as a
# reproducible build does), so that fixtures reviewed on 2026-01-15 stay within three years
# whatever day the tests run.
os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 11, 23, tzinfo=dt.UTC).timestamp()))

MINIMAL = {
    "intervention/alfa.yaml": """
        id: alfa
        title: Alfa – föräldraträning
        abbreviation: ALFA
        summary: En påhittad insats för tester.
        reviewed: 2026-01-15
        keywords: [foreldre]
        description: Beskrivning av Alfa.
        target_group: {text: Föräldrar till barn 3–12 år, source: s1}
        ages: {min: 3, max: 12, source: s1}
        problems: [beteendeproblem]
        arenas: [hem]
        formats: [familj]
        intensity: {text: En timme i veckan, source: s1}
        duration: {text: 20–30 träffar, source: s1}
        training: {text: 21 seminariedagar, source: s1}
        related: [stage/start, process/steg#fraga]
        sources:
          - {id: s1, title: Källa ett, year: 2005, url: "https://example.org/a"}
    """,
    "stage/start.yaml": """
        id: start
        title: Utforskning
        summary: Första steget.
        reviewed: 2026-01-15
        order: 1
        framework: nirn
        english_name: Exploration
        fixsen_2005: Exploration and adoption
        description: Om utforskning.
        activities:
          - {id: team, title: Bilda ett team, text: Ett team med 3–5 personer.}
        checklist:
          - {id: behov-kartlagt, text: Behoven är kartlagda.}
        sources:
          - {id: s1, title: Källa ett}
    """,
    "process/steg.yaml": """
        id: steg
        title: Steg för steg
        summary: En process.
        reviewed: 2026-01-15
        description: Om processen.
        steps:
          - {id: fraga, title: Formulera en fråga, related: [intervention/alfa]}
          - {id: sok, title: Sök kunskap}
        sources:
          - {id: s1, title: Källa ett}
    """,
    "curriculum/kurs.yaml": """
        id: kurs
        title: En kurs
        summary: En kurs om EBP.
        reviewed: 2026-01-15
        audience: Socionomstudenter
        scope: {text: "7,5 högskolepoäng", source: s1}
        credits: 7.5
        description: Om kursen.
        modules:
          - id: modul-1
            title: Fråga
            outcomes: [Kunna formulera en fråga]
            links: [process/steg#fraga, intervention/alfa, stage/start#behov-kartlagt]
        sources:
          - {id: s1, title: Källa ett}
    """,
}


def write_project(root: Path, files: dict[str, str | None]) -> Project:
    """A small knowledge base under `root`: the repo's mkdocs.yml, one content page, and
    the given data files (None removes a minimal record)."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets",
                    dirs_exist_ok=True)
    (root / "content" / "index.md").write_text("# Start\n\nVälkommen.\n", encoding="utf-8")
    for rel, text in {**MINIMAL, **files}.items():
        path = root / "data" / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return Project(root)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    def make(files: dict[str, str | None] | None = None) -> Project:
        return write_project(tmp_path, files or {})

    return make


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base, built once from the repository's data."""
    target = tmp_path_factory.mktemp("real") / "site"
    build(Project(REPO), target)
    return target


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Details of violations only: a page's passes are many and of no use to a failing test.
WCAG_21_AA = {"runOnly": {"type": "tag",
                          "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Keep test output to what failed."""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A static web server over `site` (by path, so a rebuilt site is served at once); its
    base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Reduced motion, as in every context the tests open: no transition is caught half-way.
    context = browser.new_context(locale="sv-SE", reduced_motion="reduce")
    yield context.new_page()
    context.close()


def axe_results(page: Page) -> AxeResults:
    """axe-core's WCAG 2.1 AA violations on a page."""
    return Axe().run(page, options=WCAG_21_AA)


def axe_report(page: Page) -> str:
    """axe-core's report of WCAG 2.1 AA violations on a page; empty when there are none."""
    results = axe_results(page)
    return results.generate_report() if results.violations_count else ""


@pytest.fixture
def wcag_21_aa_report() -> Callable[[Page], str]:
    return axe_report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is a failure here: a missing dependency must never pass silently."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture
def search_and_open(page: Page, base_url: str) -> Callable[[str, str], None]:
    """Search the site as a visitor does and open the result that leads to `address`."""

    def search_and_open(query: str, address: str) -> None:
        page.goto(base_url)
        page.get_by_role("textbox", name="Sök").click()
        page.keyboard.type(query)
        result = page.locator(f'.md-search-result__link[href^="{address}"], '
                              f'.md-search-result__link[href^="{base_url}{address}"]').first
        expect(result).to_be_visible(timeout=15_000)
        result.click()
        page.wait_for_url(f"{base_url}{address}**", timeout=10_000)

    return search_and_open
