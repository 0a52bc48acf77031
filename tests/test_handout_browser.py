"""In Chromium, a trainer prints a course's handout: on paper there is the course and its
modules with every link's full address, and none of the site's navigation."""

import io
import re
from collections.abc import Callable
from urllib.parse import urljoin

import pypdf
import pytest
from accessibility import SETTLED
from conftest import REPO, print_page
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HANDOUT = "utbildning/pmto-terapeututbildning/utdelning/"
# The course's facts at the top of its handout, each printed as "Namn: värde".
FACTS = ("Målgrupp:", "Omfattning:", "Högskolepoäng:", "Anordnare:")
# Every bundled course; the one with credits has all four facts.
COURSES = sorted(path.stem for path in (REPO / "data" / "curriculum").glob("*.yaml"))
CREDITED = "ebp-kurs-7-5-hp"


def test_the_course_page_leads_to_its_handout(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}utbildning/pmto-terapeututbildning/")
    page.get_by_role("link", name="Utdelning att skriva ut").click()
    page.wait_for_url(f"{base_url}{HANDOUT}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "PMTO-terapeututbildning (NUBU, Norge)"
    )


def test_the_printed_handout_has_the_course_and_no_navigation(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{HANDOUT}")
    print_page(page, ".kb-copy-link")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="4. Egna familjer och handledning")).to_be_visible()
    expect(page.get_by_text("Arbeta med minst fem familjer")).to_be_visible()


def test_the_handout_has_no_wcag_21_aa_violations(
    page: Page, base_url: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}{HANDOUT}")
    assert wcag_21_aa_report(page) == ""


def test_printed_links_show_their_full_published_address(page: Page, base_url: str) -> None:
    """A bare path such as `/insatser/pmto/#terapeuter-antagna` cannot be typed from paper:
    each link is followed by its full address, at the published site when site_url names it
    (the canonical address), else as the browser resolves it."""
    page.goto(f"{base_url}{HANDOUT}")
    page.wait_for_function(SETTLED)
    # What the browser does when asked to print; emulating print media alone does not.
    page.evaluate('window.dispatchEvent(new Event("beforeprint"))')
    page.emulate_media(media="print")
    printed = page.locator("article a[href]:not(.headerlink)").evaluate_all(
        """links => links.filter(link => link.checkVisibility()).map(link => ({
             href: link.href, text: link.textContent.trim(),
             after: getComputedStyle(link, "::after").content }))"""
    )
    assert printed
    canonical = page.locator('link[rel="canonical"]')
    here = canonical.get_attribute("href") if canonical.count() else page.url
    assert here is not None
    published = urljoin(here, "../../../")
    assert f'" <{published}insatser/pmto/#terapeuter-antagna>"' in [
        link["after"] for link in printed
    ]
    for link in printed:
        address = link["href"].replace(base_url, published, 1)
        assert link["after"] == f'" <{address}>"' or link["text"] == address, link
    assert page.locator("article code", has_text="/insatser/pmto/").first.is_hidden()


def test_on_screen_links_show_no_address(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{HANDOUT}")
    link = page.locator('article a[href$="/insatser/pmto/#terapeuter-antagna"]')
    expect(link).to_have_attribute("data-kb-address", re.compile("^http"))
    assert link.evaluate('link => getComputedStyle(link, "::after").content') == "none"


def printed_text(page: Page) -> list[str]:
    """The lines of text on the paper Chromium prints the page on (its PDF), page by page."""
    page.wait_for_function(SETTLED)
    paper = pypdf.PdfReader(io.BytesIO(page.pdf()))
    return [line.strip() for sheet in paper.pages for line in sheet.extract_text().splitlines()]


@pytest.mark.parametrize("course", COURSES)
def test_each_fact_of_a_printed_course_stands_on_a_line_of_its_own(
    page: Page, base_url: str, course: str
) -> None:
    """The course's facts as the paper shows them: audience, scope, credits and organiser
    each begin a line of their own, never one running into the next ('7,5 hp- Anordnare: …')."""
    page.goto(f"{base_url}utbildning/{course}/utdelning/")
    printed = printed_text(page)
    starting = [fact for line in printed for fact in FACTS if line.startswith(fact)]
    inside = [fact for line in printed for fact in FACTS if fact in line[1:]]
    assert starting[:2] == ["Målgrupp:", "Omfattning:"]
    assert inside == []
    if course == CREDITED:
        assert starting == list(FACTS)
        assert "Högskolepoäng: 7,5 hp" in printed
