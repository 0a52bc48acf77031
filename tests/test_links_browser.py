"""In Chromium, a trainer copies permanent addresses: "Kopiera länk" puts the full address on
the clipboard and says so, the link page filters its addresses (on all of the list's pages),
and both pass axe-core."""

import re
from collections.abc import Callable, Iterator

import pytest
from conftest import new_context, serve, write_project
from playwright.sync_api import Browser, Page, Route, expect

from generator.rendering import links
from generator.site.engine.build import build

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


# Rows per page of the link list in the site below, so that its few addresses take pages.
FEW = 4


@pytest.fixture(scope="module")
def paged_list(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal knowledge base built with its link list a few rows a page, served."""
    folder = tmp_path_factory.mktemp("paged-links")
    (folder / "project").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(links, "LINKS_PER_PAGE", FEW)
        build(write_project(folder / "project", {}), folder / "site")
    with serve(folder / "site") as url:
        yield url


def rows_of(page: Page, url: str) -> list[tuple[str, str]]:
    """A page of the list as built: each row's name and where its link leads."""
    page.goto(url)
    rows = page.locator(".kb-link-index tbody tr")
    return list(
        zip(
            rows.locator("td:first-child").all_inner_texts(),
            rows.locator("a[href]").evaluate_all("links => links.map(a => a.href)"),
            strict=True,
        )
    )


def test_the_filter_on_one_page_of_the_list_finds_addresses_on_all_its_pages(
    trainer: Page, paged_list: str
) -> None:
    """The list's pages as built, then the filter on its second page: while it fetches the
    other pages it says so, and then it shows every matching row of every page, in the
    list's order, each leading where it leads on its own page."""
    pages = [f"{paged_list}lankar/"] + [f"{paged_list}lankar/sida-{n}/" for n in range(2, 4)]
    listed = [row for url in pages for row in rows_of(trainer, url)]
    assert len(listed) > 2 * FEW
    word = "alfa"
    matching = [row for row in listed if word in row[0].lower()]
    assert matching and len(matching) < len(listed)

    held: list[Route] = []
    trainer.route(f"{paged_list}lankar/", lambda route: held.append(route))
    trainer.goto(pages[1])
    count = trainer.locator("#kb-link-filter-count")
    with trainer.expect_request(pages[0]):
        trainer.get_by_label("Filtrera adresserna").fill(word)
    expect(count).to_have_text("Hämtar adresserna på listans alla sidor …")
    expect(trainer.locator(".kb-link-index")).to_have_attribute("aria-busy", "true")
    held[0].continue_()
    expect(count).to_have_text(f"{len(matching)} av {len(listed)} adresser visas.")
    visible = trainer.locator(".kb-link-index tbody tr:visible")
    shown = list(
        zip(
            visible.locator("td:first-child").all_inner_texts(),
            visible.locator("a[href]").evaluate_all("links => links.map(a => a.href)"),
            strict=True,
        )
    )
    assert shown == matching
    expect(visible.first.get_by_role("button", name="Kopiera länk")).to_be_visible()

    trainer.get_by_label("Filtrera adresserna").fill("")
    expect(count).to_have_text(f"{FEW} av {len(listed)} adresser visas.")


def test_when_the_other_pages_cannot_be_fetched_the_filter_says_it_filters_this_page(
    trainer: Page, paged_list: str
) -> None:
    trainer.route(f"{paged_list}lankar/sida-*/", lambda route: route.abort())
    trainer.goto(f"{paged_list}lankar/")
    trainer.get_by_label("Filtrera adresserna").fill("alfa")
    expect(trainer.locator("#kb-link-filter-count")).to_have_text(
        re.compile(
            r"^Listans andra sidor kunde inte hämtas, så filtret gäller bara den här sidan: "
            rf"\d av {FEW} adresser visas\.$"
        )
    )
    expect(trainer.locator(".kb-link-index")).to_have_attribute("aria-busy", "false")
