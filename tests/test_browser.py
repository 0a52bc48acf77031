"""In Debian's Chromium: a visitor searches in Swedish and reaches the right page; axe-core
finds no WCAG 2.1 AA violations."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("föräldraträning", "insatser/pmto/"),
        ("utforskning", "implementering/utforskning/"),
        ("bbic", "ebp/"),
        ("2005", "implementering/"),
    ],
)
def test_search_reaches_the_right_page(
    page: Page, search_and_open: Callable[[str, str], None], query: str, address: str
) -> None:
    search_and_open(query, address)
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize(
    "address",
    [
        "",
        "insatser/",
        "insatser/pmto/",
        "implementering/utforskning/",
        "ebp/",
        "utbildning/ebp-kurs-7-5-hp/",
    ],
)
def test_pages_have_no_wcag_21_aa_violations(
    page: Page, base_url: str, address: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}{address}")
    assert wcag_21_aa_report(page) == ""


def test_focused_links_and_buttons_keep_their_contrast(
    page: Page, base_url: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}implementering/installation/")
    for target in (
        page.locator("article li > a:not(.kb-term__link)").first,
        page.locator("article .md-button").first,
    ):
        target.focus()
        target.hover()
        assert wcag_21_aa_report(page) == ""
