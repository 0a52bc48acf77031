"""Issue 27 item 3, in Debian's Chromium: on a 390 px and a 320 px phone nothing is wider than
the screen in the states a visitor reaches with the most on screen: the finder's results, the
fit assessment and the comparison of four methods, the search's results and the team's
overview. The page never scrolls sideways, and every visible element lies within the screen
or within a box of its own that scrolls sideways and does (a table of four methods)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from accessibility import SETTLED
from conftest import new_context, search_results
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

FOUR = "pmto,mst,tibir,pals"

# What is off the screen: visible elements whose box leaves the screen sideways, unless a
# box around them scrolls sideways and is itself on the screen. The theme's closed
# navigation drawer waits wholly left of the screen and is not counted.
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = element => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const outside = [...document.querySelectorAll("body *")].filter(element => {
    if (!element.checkVisibility()) return false;
    const box = element.getBoundingClientRect();
    if (!box.width || box.right <= 0) return false;
    return (box.left < -0.5 || box.right > width + 0.5) && !scrolls(element);
  });
  return { page: document.documentElement.scrollWidth - width,
           outside: outside.map(element => `${element.tagName}.${element.className}`) };
}"""


def finder(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}hitta/?problem=beteendeproblem")
    # The page comes with the answer to no choice; the finder has answered the address's
    # choice once the page has settled.
    page.wait_for_function(SETTLED)


def fit(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}implementering/val-av-metod/?m={FOUR}")
    table = page.get_by_role("table", name="Metodernas passform, faktor för faktor")
    expect(table.locator("thead th")).to_have_count(5)


def comparison(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}jamfor/?m={FOUR}")
    expect(page.get_by_role("table").locator("thead th")).to_have_count(5)


def search(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search_results(page, "https")


def overview(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}implementering/oversikt/")


STATES: dict[str, Callable[[Page, str], None]] = {
    "finder": finder,
    "fit": fit,
    "comparison": comparison,
    "search": search,
    "overview": overview,
}


@pytest.mark.parametrize("width", [390, 320])
def test_nothing_is_wider_than_a_phone(browser: Browser, base_url: str, width: int) -> None:
    context = new_context(browser, viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for name, reach in STATES.items():
        reach(page, base_url)
        page.wait_for_function(SETTLED)
        found[name] = page.evaluate(OUTSIDE)
    context.close()
    assert found == {name: {"page": 0, "outside": []} for name in STATES}
