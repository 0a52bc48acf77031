"""In Chromium, a trainer copies permanent addresses: "Kopiera länk" puts the full address on
the clipboard and says so, the link page filters its addresses, and both pass axe-core."""

from collections.abc import Callable, Iterator

import pytest
from conftest import new_context
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def trainer(browser: Browser) -> Iterator[Page]:
    """A visitor whose browser lets the site write to and read from the clipboard."""
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def clipboard(page: Page) -> str:
    text = page.evaluate("navigator.clipboard.readText()")
    assert isinstance(text, str), text
    return text


def test_copy_link_beside_a_step_copies_its_full_address(trainer: Page, base_url: str) -> None:
    trainer.goto(f"{base_url}ebp/")
    button = trainer.get_by_role("button", name="Kopiera länk till 2. Formulera en fråga")
    button.click()
    expect(trainer.get_by_role("status").filter(has_text="Länken är kopierad")).to_have_text(
        f"Länken är kopierad: {base_url}ebp/#fraga"
    )
    assert clipboard(trainer) == f"{base_url}ebp/#fraga"


def test_copy_link_works_from_the_keyboard_for_a_checklist_item(
    trainer: Page, base_url: str
) -> None:
    trainer.goto(f"{base_url}implementering/utforskning/")
    button = trainer.get_by_role(
        "button",
        name="Kopiera länk till Ett implementeringsteam är utsett och har mandat "
        "och tid från ledningen.",
    )
    button.focus()
    trainer.keyboard.press("Enter")
    expect(trainer.locator(".kb-link-status")).to_contain_text("#team-utsett")
    assert clipboard(trainer) == f"{base_url}implementering/utforskning/#team-utsett"


def test_copy_link_beside_the_title_copies_the_page_address(trainer: Page, base_url: str) -> None:
    trainer.goto(f"{base_url}utbildning/ebp-kurs-7-5-hp/#uppfoljning")
    trainer.locator("h1").get_by_role("button", name="Kopiera länk").click()
    expect(trainer.locator(".kb-link-status")).not_to_be_empty()
    assert clipboard(trainer) == f"{base_url}utbildning/ebp-kurs-7-5-hp/"


def test_a_method_item_copies_its_address_on_the_method_page(trainer: Page, base_url: str) -> None:
    trainer.goto(f"{base_url}insatser/pmto/")
    trainer.locator("#terapeuter-antagna + .kb-copy-link").click()
    expect(trainer.locator(".kb-link-status")).not_to_be_empty()
    assert clipboard(trainer) == f"{base_url}insatser/pmto/#terapeuter-antagna"


def test_the_link_page_filters_addresses_and_copies_one(trainer: Page, base_url: str) -> None:
    trainer.goto(f"{base_url}lankar/")
    rows = trainer.locator(".kb-link-index tbody tr")
    total = rows.count()
    trainer.get_by_label("Filtrera adresserna").fill("formulera en fråga")
    visible = trainer.locator(".kb-link-index tbody tr:visible")
    expect(visible).to_have_count(1)
    expect(trainer.locator("#kb-link-filter-count")).to_have_text(f"1 av {total} adresser visas.")
    visible.get_by_role("button", name="Kopiera länk").click()
    expect(trainer.locator(".kb-link-status")).to_have_text(
        f"Länken är kopierad: {base_url}ebp/#fraga"
    )
    assert clipboard(trainer) == f"{base_url}ebp/#fraga"


@pytest.mark.parametrize("address", ["lankar/", "utbildning/ebp-kurs-7-5-hp/"])
def test_link_page_and_course_page_have_no_wcag_21_aa_violations(
    trainer: Page, base_url: str, address: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    trainer.goto(f"{base_url}{address}")
    expect(trainer.locator(".kb-copy-link").first).to_be_visible()
    trainer.locator(".kb-copy-link").first.click()
    assert wcag_21_aa_report(trainer) == ""
