"""Shared fixtures: small projects in tmp_path (as mkdocs-awesome-nav's tests do), the
real site built once per session, and Debian's Chromium serving it to browser tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import signal
import textwrap
import threading
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import filelock
import pytest
import yaml
from accessibility import SETTLED
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from generator.reading.project import Project
from generator.site.engine.build import build

REPO = Path(__file__).resolve().parent.parent

# The one instant every clock in the tests reads, whatever day the machine and the browser
# believe it is. Python, and every kb and mkdocs a test starts, take it from
# SOURCE_DATE_EPOCH (as a reproducible build does), so that fixtures reviewed on 2026-01-15
# stay within three years and no date in data/ (the registries were last checked on
# 2026-12-07) lies after the build's day, which `kb check` refuses; every browser context
# starts its clock at it (new_context).
NOW = dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC)
os.environ["SOURCE_DATE_EPOCH"] = str(int(NOW.timestamp()))
# The team the site is written for meets in Sweden: "today" on a page is a Swedish day.
TIMEZONE = "Europe/Stockholm"

# Ctrl-C reaches every kb a test starts as it does in a terminal, even when the suite itself
# runs where it is ignored: a shell without job control starts a background job with SIGINT
# ignored, and every program inherits that (Python then installs no handler of its own), so
# the tests that end `kb serve` and `kb cms` with Ctrl-C would wait for it in vain.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The records every test builds on, one of each type a test needs; the minimal project has
# the first four. A field's value is what its YAML says.
BASE: dict[str, dict[str, Any]] = {
    "intervention": {
        "id": "alfa",
        "title": "Alfa – föräldraträning",
        "abbreviation": "ALFA",
        "summary": "En påhittad insats för tester.",
        "reviewed": dt.date(2026, 1, 15),
        "keywords": ["foreldre"],
        "description": "Beskrivning av Alfa.",
        "target_group": {"text": "Föräldrar till barn 3–12 år", "source": "s1"},
        "ages": {"min": 3, "max": 12, "source": "s1"},
        "problems": ["beteendeproblem"],
        "arenas": ["hem"],
        "formats": ["familj"],
        "intensity": {"text": "En timme i veckan", "source": "s1"},
        "duration": {"text": "20–30 träffar", "source": "s1"},
        "training": {"text": "21 seminariedagar", "source": "s1"},
        "related": ["stage/start", "process/steg#fraga"],
        "sources": [
            {"id": "s1", "title": "Källa ett", "year": 2005, "url": "https://example.org/a"}
        ],
    },
    "stage": {
        "id": "start",
        "title": "Utforskning",
        "summary": "Första steget.",
        "reviewed": dt.date(2026, 1, 15),
        "order": 1,
        "framework": "nirn",
        "english_name": "Exploration",
        "fixsen_2005": "Exploration and adoption",
        "description": "Om utforskning.",
        "activities": [
            {"id": "team", "title": "Bilda ett team", "text": "Ett team med 3–5 personer."}
        ],
        "checklist": [{"id": "behov-kartlagt", "text": "Behoven är kartlagda."}],
        "sources": [{"id": "s1", "title": "Källa ett"}],
    },
    "process": {
        "id": "steg",
        "title": "Steg för steg",
        "summary": "En process.",
        "reviewed": dt.date(2026, 1, 15),
        "description": "Om processen.",
        "steps": [
            {"id": "fraga", "title": "Formulera en fråga", "related": ["intervention/alfa"]},
            {"id": "sok", "title": "Sök kunskap"},
        ],
        "sources": [{"id": "s1", "title": "Källa ett"}],
    },
    "curriculum": {
        "id": "kurs",
        "title": "En kurs",
        "summary": "En kurs om EBP.",
        "reviewed": dt.date(2026, 1, 15),
        "audience": "Socionomstudenter",
        "scope": {"text": "7,5 högskolepoäng", "source": "s1"},
        "credits": 7.5,
        "description": "Om kursen.",
        "modules": [
            {
                "id": "modul-1",
                "title": "Fråga",
                "outcomes": ["Kunna formulera en fråga"],
                "links": ["process/steg#fraga", "intervention/alfa", "stage/start#behov-kartlagt"],
            }
        ],
        "sources": [{"id": "s1", "title": "Källa ett"}],
    },
    "term": {
        "id": "begrepp",
        "title": "Begrepp",
        "summary": "Ett begrepp.",
        "reviewed": dt.date(2026, 1, 15),
        "definition": {"text": "Betyder något.", "source": "s1"},
        "related": ["intervention/alfa"],
        "sources": [{"id": "s1", "title": "Källa ett"}],
    },
    "reference": {
        "id": "verk",
        "title": "En rapport",
        "reviewed": dt.date(2026, 1, 15),
        "kind": "rapport",
        "year": 2020,
        "url": "https://example.org/verk",
    },
}


def _scalar(value: object) -> str:
    """A scalar as YAML writes it: plain where YAML reads it back the same in a flow
    collection and after a key, else quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    text = str(value)
    try:
        plain = yaml.safe_load(f"[{text}]") == [text] and yaml.safe_load(f"k: {text}") == {
            "k": text
        }
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _has_items(value: object) -> bool:
    """A list of mappings, which editors write one item a line."""
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _block(data: dict[str, Any], indent: str) -> list[str]:
    """A mapping one field a line, nested values in flow style, but a list of mappings one
    item a line, and an item that holds such a list field by field."""
    lines = []
    for key, value in data.items():
        if value is None:
            continue
        if not _has_items(value):
            lines.append(f"{indent}{key}: {_flow(value)}")
            continue
        lines.append(f"{indent}{key}:")
        for item in value:
            if isinstance(item, dict) and any(_has_items(v) for v in item.values()):
                first, *rest = _block(item, indent + "    ")
                lines += [f"{indent}  - {first.lstrip()}", *rest]
            else:
                lines.append(f"{indent}  - {_flow(item)}")
    return lines


def record(type_name: str, record_id: str = "", /, **fields: Any) -> str:
    """The YAML of a record of `type_name`: BASE's record of the type with the id `record_id`
    and the given fields (a new field goes last, a field given as None is left out). A field
    takes one line, but for a list of mappings, which takes a line per item (and an item
    holding such a list a line per field), as editors write them, so that a test can count
    the line a problem is on."""
    data = {**BASE[type_name], **({"id": record_id} if record_id else {}), **fields}
    return "\n".join(_block(data, "")) + "\n"


MINIMAL = {
    f"{type_name}/{BASE[type_name]['id']}.yaml": record(type_name)
    for type_name in ("intervention", "stage", "process", "curriculum")
}


def write_project(root: Path, files: dict[str, str | None]) -> Project:
    """A small knowledge base under `root`: the repo's mkdocs.yml, one content page, and
    the given data files (None removes a minimal record)."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets", dirs_exist_ok=True)
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


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every worker of it shares (pytest-xdist gives each
    worker a temporary folder of its own inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """The file or folder `name` of this test run, made by `make` once for all the run's
    workers: the first to ask makes it while the others wait for it (a file lock), and a
    worker that asks later finds it made. What a failed `make` left is cleared first, so
    that the next asker starts from nothing, as the first did."""
    return _made_once(run_folder(tmp_path_factory), name, make, wait=True)


def _made_once(shared: Path, name: str, make: Callable[[Path], None], *, wait: bool) -> Path:
    """`made_once` in the folder `shared`; without `wait`, a file another worker is making
    is left to it (filelock.Timeout)."""
    target = shared / name
    with filelock.FileLock(shared / f"{name}.lock", timeout=-1 if wait else 0):
        if not (shared / f"{name}.made").exists():
            if target.is_dir():
                shutil.rmtree(target)
            target.unlink(missing_ok=True)
            make(target)
            (shared / f"{name}.made").touch()
    return target


def all_made_once(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], make: Callable[[str, Path], None]
) -> list[Path]:
    """Each of `names` made once for all the run's workers, as `made_once` makes one; a
    worker that needs them all first makes those no worker has started and only then waits
    for the ones being made, so that it never sits idle while a part is left to make."""
    shared = run_folder(tmp_path_factory)
    for name in names:
        with contextlib.suppress(filelock.Timeout):
            _made_once(shared, name, functools.partial(make, name), wait=False)
    return [_made_once(shared, name, functools.partial(make, name), wait=True) for name in names]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base, built once per test run from the repository's data."""
    return made_once(tmp_path_factory, "real-site", lambda target: build(Project(REPO), target))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Details of violations only: a page's passes are many and of no use to a failing test.
# Before each run axe-core loads what its rules marked `preload` read: the page's media
# (no-autoplay-audio, one of these rules) and by default also every style sheet, parsed
# anew, for css-orientation-lock alone, which is experimental and so not among the rules
# these tags run; loading the media only leaves every rule's outcome as it was, and spares
# each run the sheets.
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
    "preload": {"assets": ["media"]},
}


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


# How long a browser test waits for a state the page announces before it fails, for every
# wait and `expect` (Playwright's own default is 5 s for `expect`, 30 s for the rest): a
# bound there only so that a page that never gets there fails, never a measure of speed,
# far above what a page needs on an idle machine since a CI machine may be loaded many times
# over (at a load average of 25 on two cores the finder took more than 5 s to answer).
BROWSER_WAIT_MS = 60_000
expect.set_options(timeout=BROWSER_WAIT_MS)


def new_context(browser: Browser, *, now: dt.datetime = NOW, **options: Any) -> BrowserContext:
    """A Swedish visitor's browser whose clock starts at `now` (NOW unless a test moves it)
    and runs on from there, so that "today" on a page is the day Python's
    SOURCE_DATE_EPOCH gives, and a timestamp taken later is still later. Reduced motion:
    no transition is caught half-way. `options` add to or replace these."""
    context = browser.new_context(
        **{"locale": "sv-SE", "timezone_id": TIMEZONE, "reduced_motion": "reduce", **options}
    )
    context.clock.install(time=now)
    context.set_default_timeout(BROWSER_WAIT_MS)
    return context


@pytest.fixture
def today() -> dt.date:
    """The day every clock in a test believes it is (the browser's in its time zone)."""
    return NOW.astimezone(zoneinfo.ZoneInfo(TIMEZONE)).date()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


def axe_results(page: Page, options: dict[str, Any] = WCAG_21_AA) -> AxeResults:
    """axe-core's WCAG 2.1 AA violations on a page (or what `options` ask of it), as a
    visitor meets it once its scripts have started (tests/accessibility.py: SETTLED): the
    scripts add controls and their labels after the load event. axe-core is put into the
    page unless it has it."""
    page.wait_for_function(SETTLED)
    if not page.evaluate("() => typeof window.axe?.run === 'function'"):
        page.evaluate(AXE_SCRIPT)
    return AxeResults(page.evaluate("options => axe.run(options)", options))


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


# The site's chrome around a page's article, which a printed page leaves out.
SITE_CHROME = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
)


def print_page(page: Page, *hidden: str) -> None:
    """Show `page` as it prints (print media) and expect every element of the site's chrome,
    and of the `hidden` selectors, to be hidden."""
    page.emulate_media(media="print")
    for selector in (*SITE_CHROME, *hidden):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()


def expect_address(page: Page, address: str) -> None:
    """The page's address is `address`, whatever heading fragment the theme's anchor
    tracking (navigation.tracking) has put there: a quarter of a second after the page
    scrolls (to show a control a test uses, or an anchor), the theme sets the fragment to
    the heading above the window's top, so an address read at once may pass and the same
    address read a moment later fail. What the tests check is in the path and the query."""
    expect(page).to_have_url(re.compile(re.escape(address) + r"(#[^#]*)?$"))


def search_results(page: Page, query: str) -> list[str]:
    """Open the header search, type `query` as a visitor does and wait for the answer; the
    results' addresses, in the order shown."""
    box = page.get_by_role("searchbox", name="Sök")
    if not box.is_visible():
        page.get_by_role("button", name="Sök", exact=True).click()
    expect(box).to_be_focused()
    box.fill(query)
    expect(page.locator("#kb-search-results")).to_have_attribute("aria-busy", "false")
    return [
        link.get_attribute("href") or "" for link in page.locator(".kb-search__result > a").all()
    ]


@pytest.fixture
def search_and_open(page: Page, base_url: str) -> Callable[[str, str], None]:
    """Search the site as a visitor does and open the result that leads to `address`."""

    def search_and_open(query: str, address: str) -> None:
        page.goto(base_url)
        search_results(page, query)
        page.locator(f'.kb-search__result > a[href="/{address}"]').first.click()
        page.wait_for_url(f"{base_url}{address}**")

    return search_and_open
