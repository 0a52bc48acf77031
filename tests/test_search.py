"""Search in the header, answered by the Pagefind index that `kb build` writes: in Debian's
Chromium, a visitor finds Swedish words with and without å, ä and ö, abbreviations, years,
synonyms and Norwegian and Danish words, with a record's own search words ranking it first;
a visitor who does not search downloads no index."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, search_results, serve
from playwright.sync_api import Page, expect
from test_nginx import nginx

from generator.reading.project import Project
from generator.site.engine.build import build

pytestmark = pytest.mark.browser


def test_kb_build_writes_the_search_index_of_every_searchable_page(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] > 100
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search").exists()  # the theme's index is gone


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("föräldraträning", "insatser/pmto/"),
        ("öppenvård", "insatser/mst/"),
        ("återkoppling", "insatser/fit/"),
        ("årskurs", "insatser/pals/"),
        ("oppenvard", "insatser/mst/"),  # without diacritics
        ("aterkoppling", "insatser/fit/"),
        ("foraldratraning", "insatser/pmto/"),
        ("bbic", "ramverk/bbic/"),
        ("2005", "implementering/"),
        ("utforskning", "implementering/utforskning/"),
    ],
)
def test_search_finds_swedish_words_with_and_without_diacritics_abbreviations_and_years(
    page: Page, base_url: str, query: str, address: str
) -> None:
    page.goto(base_url)
    assert f"/{address}" in search_results(page, query)[:5]


def test_results_show_title_and_excerpt_and_lead_to_the_page(
    page: Page, base_url: str, search_and_open: Callable[[str, str], None]
) -> None:
    page.goto(base_url)
    search_results(page, "öppenvård")
    result = page.locator(".kb-search__result").filter(
        has=page.get_by_role("link", name="MST – Multisystemisk terapi", exact=True)
    )
    expect(result.locator("mark").first).to_contain_text("öppenvård")
    expect(page.locator(".kb-search__status")).to_have_text(re.compile(r"^\d+ träffar$"))
    search_and_open("bbic", "ordlista/bbic/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("BBIC")
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_a_visitor_who_does_not_search_downloads_no_index(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}insatser/pmto/")
    page.get_by_role("link", name="Implementering", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Implementering")
    assert not [url for url in requested if "/pagefind/" in url]
    search_results(page, "tibir")
    assert [url for url in requested if url.endswith("/pagefind/pagefind.js")]


def test_keyboard_opens_search_escape_closes_it_and_focus_returns(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}insatser/")
    dialog = page.get_by_role("dialog", name="Sök på webbplatsen")
    box = page.get_by_role("searchbox", name="Sök")
    for keys in ("/", "s", "Control+k"):
        page.keyboard.press(keys)
        expect(dialog).to_be_visible()
        expect(box).to_be_focused()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
    button = page.get_by_role("button", name="Sök", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    box.fill("mst")
    expect(page.get_by_role("list", name="Sökträffar").get_by_role("link").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".kb-search__result > a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()


def test_a_shortcut_pressed_right_after_escape_opens_search_again(
    page: Page, base_url: str
) -> None:
    """Escape, then "s" at once, as a quick visitor does: the closed dialog's field may still
    hold the focus until the browser's next frame, and that is not typing."""
    page.goto(f"{base_url}insatser/")
    dialog = page.get_by_role("dialog", name="Sök på webbplatsen")
    for _ in range(5):
        page.keyboard.press("/")
        page.keyboard.press("Escape")
        page.keyboard.press("s")
        expect(dialog).to_be_visible()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()


def test_more_results_come_ten_at_a_time_and_the_focus_goes_to_the_first_new_one(
    page: Page, base_url: str
) -> None:
    page.goto(base_url)
    first = search_results(page, "barn")
    count = int(page.locator(".kb-search__status").inner_text().split(" ")[0])
    assert len(first) == 10 < count
    more = page.get_by_role("button", name="Visa fler träffar")
    links = page.locator(".kb-search__result > a")
    while more.is_visible():
        shown = links.count()
        more.click()
        expect(page.locator("#kb-search-results")).to_have_attribute("aria-busy", "false")
        expect(links).to_have_count(min(shown + 10, count))
        expect(links.nth(shown)).to_be_focused()
    expect(links).to_have_count(count)
    assert [link.get_attribute("href") for link in links.all()[:10]] == first


def test_a_query_without_answer_says_so(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert search_results(page, "xyzzyqq") == []
    expect(page.locator(".kb-search__status")).to_have_text(
        "Inga träffar för ”xyzzyqq”. Pröva ett annat eller kortare ord."
    )


def test_printouts_address_lists_and_redirects_are_not_search_results(
    page: Page, base_url: str
) -> None:
    page.goto(base_url)
    found = search_results(page, "EBP kurs högskolepoäng")
    found += search_results(page, "Länkar för utbildare adresser")
    assert found
    assert not [
        url for url in found if "/utdelning/" in url or url.startswith(("/lankar/", "/underhall/"))
    ], found


def test_open_search_has_no_wcag_21_aa_violations(
    page: Page, base_url: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(base_url)
    search_results(page, "föräldraträning")
    assert wcag_21_aa_report(page) == ""


def test_record_text_in_a_result_stays_text(
    make_project: Callable[..., Project], tmp_path: Path, page: Page
) -> None:
    """An excerpt is the page's text; markup an editor wrote there is shown, never run."""
    payload = '<img src=x onerror="window.kbPwned=1">'
    project = make_project(
        {
            "intervention/alfa.yaml": MINIMAL["intervention/alfa.yaml"].replace(
                "description: Beskrivning av Alfa.", f"description: 'Zyxord {payload} zyxord.'"
            )
        }
    )
    build(project, tmp_path / "site")
    with serve(tmp_path / "site") as url:
        page.goto(url)
        assert search_results(page, "zyxord") == ["/insatser/alfa/"]
        expect(page.locator(".kb-search__excerpt")).to_contain_text("onerror")
        expect(page.locator(".kb-search__excerpt img")).to_have_count(0)
        assert page.evaluate("window.kbPwned") is None


def test_search_works_from_the_documented_nginx_configuration(page: Page, site: Path) -> None:
    """Pagefind's index, WebAssembly and worker load from a real web server with the sample
    configuration's headers (nosniff, framing) as they do from the test server."""
    with nginx(site) as base:
        page.goto(base)
        assert "/insatser/pmto/" in search_results(page, "föräldraträning")
