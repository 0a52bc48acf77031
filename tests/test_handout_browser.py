"""In Chromium, a trainer prints a course's handout: on paper there is the course and its
modules, and none of the site's navigation."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HANDOUT = "utbildning/pmto-terapeututbildning/utdelning/"


def test_the_course_page_leads_to_its_handout(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}utbildning/pmto-terapeututbildning/")
    page.get_by_role("link", name="Utdelning att skriva ut").click()
    page.wait_for_url(f"{base_url}{HANDOUT}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "PMTO-terapeututbildning (NUBU, Norge)")


def test_the_printed_handout_has_the_course_and_no_navigation(page: Page,
                                                              base_url: str) -> None:
    page.goto(f"{base_url}{HANDOUT}")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="4. Egna familjer och handledning")).to_be_visible()
    expect(page.get_by_text("Arbeta med minst fem familjer")).to_be_visible()
    for chrome in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                   ".md-footer", ".kb-copy-link"]:
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()


def test_the_handout_has_no_wcag_21_aa_violations(
        page: Page, base_url: str, wcag_21_aa_report: Callable[[Page], str]) -> None:
    page.goto(f"{base_url}{HANDOUT}")
    assert wcag_21_aa_report(page) == ""
