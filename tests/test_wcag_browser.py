"""WCAG 2.1 AA on every built page, not a sample, in Debian's Chromium: at a desktop's width
(1366 px) and a phone's (390 px) each page passes axe-core (and at the desktop's width pa11y's
HTML_CodeSniffer, WCAG 2 AA), never scrolls sideways, shows
every table whole or scrolling inside its own container with no word cut off, keeps each
glossary tooltip inside the window, and asks nothing of another origin; at 320 px content
reflows (1.4.10). Every page is opened at the phone's width, as a phone would open it, then
narrowed to 320 px, as a person turning a tablet would, and opened again at the desktop's
width; all checks run at each width."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from accessibility import SETTLED, pa11y_issues, pa11y_script
from axe_playwright_python.base import AXE_SCRIPT
from conftest import REPO, WCAG_21_AA, all_made_once, axe_results, made_once, new_context
from playwright.sync_api import Browser, BrowserContext, Page

from generator.checking.check import check
from generator.reading.project import Project
from generator.types.accessibility import Accessibility

pytestmark = pytest.mark.browser

DESKTOP, PHONE, REFLOW = 1366, 390, 320

# What a visitor would see cut off or pushed out of the window, measured in the page.
MEASURE = """async () => {
  // One rendering step after the scripts settled, in which ResizeObservers report.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const root = document.documentElement;
  const window_ = root.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "")
    + [...e.classList].map(c => `.${c}`).join("");
  const scrolls = e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
  const sideways = root.scrollWidth - window_;
  const outside = sideways > 0 ? [...document.body.querySelectorAll("*")].filter(e => {
    const box = e.getBoundingClientRect();
    const parent = e.parentElement;
    return box.width && box.right > window_ + 1
      && (parent === document.body || parent.getBoundingClientRect().right <= window_ + 1);
  }).slice(0, 5).map(name) : [];
  const tables = [];
  for (const table of document.querySelectorAll("article table")) {
    if (!table.getClientRects().length) continue;
    const where = `table ${tables.length + 1} (${table.querySelector("th")?.textContent.trim()})`;
    if (scrolls(table) && table.scrollWidth > table.clientWidth + 1) {
      tables.push(`${where}: scrolls inside itself, its scroll bar below the last row`);
    }
    let container = table.parentElement;
    while (container && container !== document.body && !scrolls(container)) {
      container = container.parentElement;
    }
    const box = table.getBoundingClientRect();
    if ((!container || container === document.body) && box.right > window_ + 1) {
      tables.push(`${where}: reaches past the window without a scroll container`);
    }
    if (container && container !== document.body
        && container.scrollWidth > container.clientWidth + 1 && container.tabIndex < 0) {
      tables.push(`${where}: scrolls, but the keyboard cannot reach it to scroll`);
    }
    for (const cell of table.querySelectorAll("th, td")) {
      if (cell.scrollWidth > cell.clientWidth + 1) {
        tables.push(`${where}: "${cell.textContent.trim().slice(0, 40)}" overflows its cell`);
      }
    }
  }
  const tips = [];
  for (const link of document.querySelectorAll(".kb-term__link")) {
    link.focus();
    const tip = document.getElementById(link.getAttribute("aria-describedby"));
    const box = tip.getBoundingClientRect();
    if (!box.width || box.left < 0 || box.right > window_ || root.scrollWidth > window_) {
      tips.push(`${link.textContent}: tooltip ${Math.round(box.left)}–${Math.round(box.right)}`
        + ` px, page ${root.scrollWidth} px wide`);
    }
    link.blur();
  }
  // Focusing a tooltip's link scrolled it into view: the next width starts at the top again.
  window.scrollTo(0, 0);
  return { sideways, outside, tables, tips };
}"""


@dataclass
class Visit:
    """What one page showed at one width."""

    axe: str = ""
    rules: set[str] = field(default_factory=set)  # the axe-core rules the page violates
    pa11y: list[str] = field(default_factory=list)  # pa11y's errors (the desktop's width)
    sideways: int = 0
    outside: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    # The origins other than the site's that the page asked for anything, and whether it
    # asked the site's own origin for anything (the recording is not blind).
    foreign: set[str] = field(default_factory=set)
    own: bool = False

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "rules": sorted(self.rules), "foreign": sorted(self.foreign)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Visit:
        return cls(**{**data, "rules": set(data["rules"]), "foreign": set(data["foreign"])})


def addresses(site: Path) -> list[str]:
    """Every page of the built site, as the address a visitor opens."""
    return sorted(
        str(path.relative_to(site).as_posix()).removesuffix("index.html")
        for path in site.rglob("*.html")
    )


# The pages are visited in this many parts, which the test run's workers share out between
# them (tests/conftest.py: made_once).
PARTS = 6

# The widths in the order a visit takes them.
WIDTHS = (PHONE, REFLOW, DESKTOP)

Widths = dict[int, dict[str, Visit]]


def sweep_context(browser: Browser) -> BrowserContext:
    """A visitor's browser at the phone's width into whose every page axe-core and pa11y's
    runners are put as it starts, so that no look of the sweep sends them to the page again."""
    context = new_context(browser, viewport={"width": PHONE, "height": 900})
    context.add_init_script(AXE_SCRIPT)
    context.add_init_script(pa11y_script())
    return context


def visit_all(context: BrowserContext, base_url: str, pages: list[str]) -> Widths:
    """Each page at every width, in `context` (sweep_context), which this closes. The phone's
    load is narrowed to 320 px rather than loaded again, since a navigation and the scripts'
    start cost more than the checks; the desktop width gets a load of its own, since on a
    widening the theme lays out its sidebars by script, which a look right after it can
    catch half done."""
    page = context.new_page()
    ours = base_url.rstrip("/")
    requested: set[str] = set()
    page.on("request", lambda request: requested.add(request.url))
    visits: Widths = {width: {} for width in WIDTHS}

    def look(address: str, width: int) -> None:
        measured = page.evaluate(MEASURE)
        found = axe_results(page) if width != REFLOW else None
        origins = {
            f"{url.scheme}://{url.netloc}"
            for url in map(urlsplit, requested)
            if url.scheme in ("http", "https", "ws", "wss")
        }
        visits[width][address] = Visit(
            axe=found.generate_report() if found and found.violations_count else "",
            rules={v["id"] for v in found.response["violations"]} if found else set(),
            pa11y=pa11y_issues(page) if width == DESKTOP else [],
            sideways=measured["sideways"],
            outside=measured["outside"],
            tables=measured["tables"],
            tips=measured["tips"],
            foreign=origins - {ours},
            own=ours in origins,
        )

    try:
        for address in pages:
            requested.clear()
            page.set_viewport_size({"width": PHONE, "height": 900})
            page.goto(f"{base_url}{address}")
            page.wait_for_function(SETTLED)
            look(address, PHONE)
            page.set_viewport_size({"width": REFLOW, "height": 900})
            look(address, REFLOW)
            page.set_viewport_size({"width": DESKTOP, "height": 900})
            page.reload()
            page.wait_for_function(SETTLED)
            look(address, DESKTOP)
    finally:
        context.close()
    return visits


Part = Callable[[int], Widths]

# The file of each part's visits, shared by the run's workers.
PART_FILES = [f"sweep-{part}.json" for part in range(PARTS)]


@pytest.fixture(scope="session")
def visit_part(browser: Browser, base_url: str, site: Path) -> Callable[[str, Path], None]:
    """Visits the pages of the part whose file is `name` and writes what they showed to
    `target`."""

    def visit(name: str, target: Path) -> None:
        part = PART_FILES.index(name)
        visits = visit_all(sweep_context(browser), base_url, addresses(site)[part::PARTS])
        found = {
            str(width): {address: v.as_json() for address, v in pages.items()}
            for width, pages in visits.items()
        }
        target.write_text(json.dumps(found), encoding="utf-8")

    return visit


def read_part(path: Path) -> Widths:
    found = json.loads(path.read_text("utf-8"))
    return {
        int(width): {address: Visit.from_json(data) for address, data in pages.items()}
        for width, pages in found.items()
    }


@pytest.fixture(scope="session")
def sweep_part(
    tmp_path_factory: pytest.TempPathFactory, visit_part: Callable[[str, Path], None]
) -> Part:
    """Part `part` of PARTS of the pages at every width, visited once per test run by
    whichever worker asks first, however many tests read it."""

    def at(part: int) -> Widths:
        name = PART_FILES[part]
        return read_part(made_once(tmp_path_factory, name, functools.partial(visit_part, name)))

    return at


@pytest.fixture(scope="session")
def sweep(
    tmp_path_factory: pytest.TempPathFactory, visit_part: Callable[[str, Path], None]
) -> Callable[[int], dict[str, Visit]]:
    """Every page at a width. A worker that asks before every part is visited visits the
    parts no one has started before it waits for the others."""

    @functools.cache
    def parts() -> list[Widths]:
        return [read_part(path) for path in all_made_once(tmp_path_factory, PART_FILES, visit_part)]

    def at(width: int) -> dict[str, Visit]:
        return {address: visit for part in parts() for address, visit in part[width].items()}

    return at


@pytest.mark.parametrize("part", range(PARTS))
def test_each_part_of_the_sweep_visits_its_pages_at_every_width(
    site: Path, sweep_part: Part, part: int
) -> None:
    """The parts the workers share out cover their pages at each width, and every page
    asked the site for what it shows."""
    visits = sweep_part(part)
    assert list(visits) == list(WIDTHS)
    for width in WIDTHS:
        assert list(visits[width]) == addresses(site)[part::PARTS]
        assert all(visit.own for visit in visits[width].values())


def test_the_sweep_visits_every_built_page(
    site: Path, sweep: Callable[[int], dict[str, Visit]]
) -> None:
    pages = sweep(PHONE)
    assert len(pages) == len(list(site.rglob("*.html"))) > 150
    assert {"", "insatser/", "hitta/", "jamfor/", "404.html"} <= set(pages)


@functools.cache
def declared_shortcomings() -> tuple[set[str], str]:
    """The axe-core rules the accessibility statement declares as known shortcomings, and
    how it says the site was assessed."""
    records, _ = check(Project(REPO))
    statement = next(r for r in records if isinstance(r, Accessibility))
    return statement.declared_axe_rules(), statement.assessment.text


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_page_has_wcag_21_aa_violations_the_statement_does_not_declare(
    sweep: Callable[[int], dict[str, Visit]], width: int
) -> None:
    declared, _ = declared_shortcomings()
    failing = {
        address: visit.axe for address, visit in sweep(width).items() if visit.rules - declared
    }
    assert failing == {}


def test_no_page_has_errors_pa11y_finds(sweep: Callable[[int], dict[str, Visit]]) -> None:
    """pa11y's HTML_CodeSniffer (WCAG 2 AA, errors) finds nothing on any page, a second
    opinion beside axe-core's: it asks, for instance, for a legend in every group of
    choices and a submit button in every form."""
    failing = {address: visit.pa11y for address, visit in sweep(DESKTOP).items() if visit.pa11y}
    assert failing == {}


def test_the_statement_declares_only_shortcomings_that_still_occur(
    sweep: Callable[[int], dict[str, Visit]],
) -> None:
    """The accessibility statement tells the truth about what the tests find, and names this
    sweep (axe-core on every page at both widths) as its method of assessment."""
    declared, assessment = declared_shortcomings()
    found = {
        rule
        for width in (DESKTOP, PHONE)
        for visit in sweep(width).values()
        for rule in visit.rules
    }
    assert declared - found == set(), "the statement declares violations that no longer occur"
    assert "axe-core" in assessment


@pytest.mark.parametrize("width", [DESKTOP, PHONE, REFLOW])
def test_no_page_scrolls_sideways(sweep: Callable[[int], dict[str, Visit]], width: int) -> None:
    wider = {
        address: (f"{visit.sideways} px", visit.outside)
        for address, visit in sweep(width).items()
        if visit.sideways > 0
    }
    assert wider == {}


@pytest.mark.parametrize("width", [DESKTOP, PHONE, REFLOW])
def test_tables_show_every_word_or_scroll_in_their_own_container(
    sweep: Callable[[int], dict[str, Visit]], width: int
) -> None:
    cut = {address: visit.tables for address, visit in sweep(width).items() if visit.tables}
    assert cut == {}
    assert sum(1 for visit in sweep(width).values() if visit.tables == []) > 150


@pytest.mark.parametrize("width", [DESKTOP, PHONE, REFLOW])
def test_a_shown_glossary_tooltip_stays_inside_the_window(
    sweep: Callable[[int], dict[str, Visit]], width: int
) -> None:
    outside = {address: visit.tips for address, visit in sweep(width).items() if visit.tips}
    assert outside == {}


def test_no_page_requests_anything_from_another_origin(
    sweep: Callable[[int], dict[str, Visit]],
) -> None:
    foreign = {address: visit.foreign for address, visit in sweep(DESKTOP).items() if visit.foreign}
    assert foreign == {}
    assert all(visit.own for visit in sweep(DESKTOP).values())


def test_the_checks_see_what_they_look_for(page: Page, base_url: str) -> None:
    """The measurement is not blind: a page made too wide, a table cut inside a cell and a
    tooltip pushed out of the window are each reported."""
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"{base_url}insatser/")
    page.wait_for_function(SETTLED)
    page.add_style_tag(
        content=".md-typeset table td { white-space: nowrap; overflow: hidden;"
        " max-width: 3em }"
        " .md-typeset .kb-term__tip { width: 200vw; max-width: none }"
        " article::after { content: ''; display: block; width: 150vw;"
        " height: 1px }"
    )
    measured = page.evaluate(MEASURE)
    assert measured["sideways"] > 0
    assert any("overflows its cell" in problem for problem in measured["tables"])
    assert measured["tips"]


# A fault of each kind the sweep looks for, drawn at one width only, once for each width: too
# wide for the window, and text too faint to read (axe-core's color-contrast, pa11y's G18).
PLANTED = """document.addEventListener("DOMContentLoaded", () => {
  document.head.insertAdjacentHTML("beforeend", `<style>
    .kb-planted { display: none; width: 150vw; color: #ddd; background: #fff }
    @media (max-width: 350px) { #kb-planted-320 { display: block } }
    @media (min-width: 351px) and (max-width: 1000px) { #kb-planted-390 { display: block } }
    @media (min-width: 1001px) { #kb-planted-1366 { display: block } }
  </style>`);
  for (const width of [320, 390, 1366]) {
    document.body.insertAdjacentHTML("beforeend",
      `<p id="kb-planted-${width}" class="kb-planted">planted fault</p>`);
  }
});"""


def test_the_sweep_finds_a_fault_planted_at_each_width(browser: Browser, base_url: str) -> None:
    """The sweep's look at each width is taken at that width, after the page settled there:
    a page with a fault shown at one width only is reported at that width and no other, by
    every check that runs there."""
    context = sweep_context(browser)
    context.add_init_script(PLANTED)
    visits = visit_all(context, base_url, ["insatser/"])
    for width in WIDTHS:
        seen = visits[width]["insatser/"]
        assert [name for name in seen.outside if "kb-planted" in name] == [
            f"p#kb-planted-{width}.kb-planted"
        ]
        faint = set(re.findall(r"kb-planted-\d+", seen.axe))
        assert faint == (set() if width == REFLOW else {f"kb-planted-{width}"})
        assert ("color-contrast" in seen.rules) == (width != REFLOW)
    pa11y = visits[DESKTOP]["insatser/"].pa11y
    assert {found for issue in pa11y for found in re.findall(r"kb-planted-\d+", issue)} == {
        "kb-planted-1366"
    }


def test_sparing_axe_the_style_sheets_changes_no_outcome(page: Page, base_url: str) -> None:
    """The sweep's axe-core loads the page's media but not its style sheets before each run
    (conftest.WCAG_21_AA): only css-orientation-lock reads them, and it is not among the
    rules the sweep's tags run. Every rule the tags run ends the same with the sheets loaded
    as without, on a page with a table, the glossary's tooltips and the navigation."""
    page.goto(f"{base_url}insatser/")
    every_result = ["violations", "incomplete", "passes", "inapplicable"]
    outcomes = []
    for preload in (True, WCAG_21_AA["preload"]):
        found = axe_results(page, {**WCAG_21_AA, "preload": preload, "resultTypes": every_result})
        outcomes.append(
            {
                kind: {(r["id"], len(r["nodes"])) for r in found.response[kind]}
                for kind in every_result
            }
        )
    ran = {rule for results in outcomes[0].values() for rule, _ in results}
    assert "css-orientation-lock" not in ran
    assert "no-autoplay-audio" in ran
    assert outcomes[0]["passes"]
    assert outcomes[1] == outcomes[0]
