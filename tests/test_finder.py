"""In Debian's Chromium: a social worker starts from the child, not from a method name —
filters the catalogue with words and facets (answered by the site's search index), shares
the filtered list as a link, compares methods side by side (from the published open data),
and is led to the catalogue and the data files without JavaScript or when the index or the
data cannot be loaded."""

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from accessibility import SETTLED
from babel.lists import format_list
from conftest import CHROMIUM, CHROMIUM_ARGS, expect_address, new_context, serve
from playwright.sync_api import Browser, Locator, Page, Request, Route, expect

from generator.locale import LANGUAGE

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
# The finder lists this many methods before "Visa fler", and its link compares the first
# this many of them (kb-finder.js PAGE, COMPARE_MAX).
LISTED, COMPARED = 20, 4

Method = dict[str, Any]


@pytest.fixture(scope="module")
def catalogue(site: Path) -> list[Method]:
    """The methods as the finder loads them: the published index, in the catalogue's (title)
    order. What a filter should show is read from the same data the reader filters."""
    index = json.loads((site / "data" / "insatser.json").read_text(encoding="utf-8"))
    methods: list[Method] = index["methods"]
    return methods


def names(methods: list[Method]) -> list[str]:
    """The methods as `shown` reads them from the table: the first word of each title."""
    return [method["title"].split(" ")[0] for method in methods]


def for_age(methods: list[Method], age: int) -> list[Method]:
    """Methods whose sourced age range covers `age` (a method without one cannot)."""
    return [m for m in methods if m["ages"] and m["ages"]["min"] <= age <= m["ages"]["max"]]


def with_code(methods: list[Method], facet: str, code: str) -> list[Method]:
    return [method for method in methods if code in method["facets"][facet]]


def status(shown_count: int, catalogue: list[Method]) -> str:
    return f"{shown_count} av {len(catalogue)} insatser visas."


def started(page: Page) -> None:
    """Wait until every feature of the page has started (kb-start.js says so): the finder
    has then answered the choices of the page's address."""
    expect(page.locator("html")).to_have_attribute("data-kb-ready", "")


def shown(page: Page) -> list[str]:
    """Abbreviations of the methods the finder lists, once it has answered the current
    choices: a choice marks the results busy at once (in the same event), and the finder
    clears the mark only when the list and the count both answer it."""
    started(page)
    expect(page.locator(".kb-finder-results")).to_have_attribute("aria-busy", "false")
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^(\d+ av \d+ insatser visas\.|Ingen insats stämmer.*)$")
    )
    links = page.locator(".kb-finder-hits a[data-method]")
    return [name.split(" ")[0] for name in links.all_inner_texts()]


def option(page: Page, legend: str, label: str) -> Locator:
    """The checkbox `label` in the fieldset `legend`, whatever count it shows."""
    fieldset = page.get_by_role("group", name=legend)
    return fieldset.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \(\d+\)$"))


def test_age_and_facets_narrow_the_list_and_options_show_counts(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    at_nine = for_age(catalogue, 9)
    at_school = with_code(at_nine, "arena", "skola")
    assert {"PMTO", "Komet", "Connect"} <= set(names(at_nine))
    assert {"PALS", "TIBIR"} <= set(names(at_school))
    page.goto(f"{base_url}hitta/")
    expect(page.get_by_role("status")).to_have_text(status(len(catalogue), catalogue))
    page.get_by_label("Ålder i år").fill("9")
    assert shown(page) == names(at_nine)
    expect(option(page, "Arena", "Skolan")).to_have_accessible_name(f"Skolan ({len(at_school)})")
    option(page, "Arena", "Skolan").check()
    expect(page.get_by_role("status")).to_have_text(status(len(at_school), catalogue))
    assert shown(page) == names(at_school)
    expect(option(page, "Form", "Familj")).to_have_accessible_name(
        f"Familj ({len(with_code(at_school, 'form', 'familj'))})"
    )


def test_a_visitor_can_find_the_methods_whose_registries_found_no_effect_or_too_little(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    too_little = with_code(catalogue, "evidens", "otillrackligt")
    assert "Trygghetscirkeln" in names(too_little)
    page.goto(f"{base_url}hitta/")
    # Every finding is an option, with its count, before the registries' own ratings.
    for label, code in (
        ("Visar effekt", "effekt"),
        ("Ingen skillnad mot jämförelsen", "ingen-skillnad"),
        ("Negativ effekt", "negativ"),
        ("För lite underlag för att bedöma", "otillrackligt"),
    ):
        expect(option(page, "Bedömning i evidensregister", label)).to_have_accessible_name(
            f"{label} ({len(with_code(catalogue, 'evidens', code))})"
        )
    option(page, "Bedömning i evidensregister", "För lite underlag för att bedöma").check()
    expect_address(page, f"{base_url}hitta/?evidens=otillrackligt")
    assert shown(page) == names(too_little)


def test_words_and_facets_combine_and_a_hit_shows_title_and_excerpt(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    page.goto(f"{base_url}hitta/")
    page.get_by_label("Sök bland insatserna").fill("foreldre")
    found = shown(page)
    # The word is a search word of several methods, and any of them may come first.
    own = {method["title"]: method for method in catalogue if "foreldre" in method["keywords"]}
    assert len(own) >= 2 and len(found) < len(catalogue)
    hit = page.locator(".kb-finder-hits li").first
    expect(hit.get_by_role("link")).to_have_text(
        re.compile("^(" + "|".join(re.escape(title) for title in own) + ")$")
    )
    expect(hit.locator("mark").first).to_contain_text("foreldre", ignore_case=True)
    at_school = set(names(with_code(catalogue, "arena", "skola"))) & set(found)
    expect(option(page, "Arena", "Skolan")).to_have_accessible_name(f"Skolan ({len(at_school)})")
    option(page, "Arena", "Skolan").check()
    assert set(shown(page)) == at_school
    expect_address(page, f"{base_url}hitta/?q=foreldre&arena=skola")


# Words typed in the finder that Pagefind alone ranks another method's page above the one
# whose abbreviation or search word they are ("mi" begins "MindSpring", "SIG" "Signs").
OWN_WORDS = {
    "MI": "motiverande-samtal",
    "SIG": "sociala-insatsgrupper",
    "Steg för steg": "foraldrastegen",
}


@pytest.mark.parametrize(("words", "method"), OWN_WORDS.items())
def test_a_methods_abbreviation_or_search_word_puts_it_first_as_in_the_header_search(
    page: Page, base_url: str, words: str, method: str
) -> None:
    page.goto(f"{base_url}hitta/")
    page.get_by_label("Sök bland insatserna").fill(words)
    shown(page)
    expect(page.locator(".kb-finder-hits a[data-method]").first).to_have_attribute(
        "data-method", method
    )


def test_the_catalogue_comes_twenty_at_a_time_and_the_focus_goes_to_the_first_new_one(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    """The page lists the first twenty itself; 'Visa fler' continues from the index."""
    assert len(catalogue) > LISTED
    page.goto(f"{base_url}hitta/")
    assert shown(page) == names(catalogue)[:LISTED]
    more = page.get_by_role("button", name="Visa fler insatser")
    for listed in range(LISTED, len(catalogue), LISTED):
        more.click()
        assert shown(page) == names(catalogue)[: listed + LISTED]
        expect(page.locator(".kb-finder-hits a[data-method]").nth(listed)).to_be_focused()
    expect(more).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text(status(len(catalogue), catalogue))


def test_results_sit_beside_the_facets_on_a_desktop(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}hitta/?alder=9")
    shown(page)
    form, results = (
        page.locator(selector).bounding_box()
        for selector in ("form.kb-finder", ".kb-finder-results")
    )
    assert form and results and results["x"] >= form["x"] + form["width"]
    assert results["y"] < 800
    expect(page.get_by_role("group", name="Arena")).to_be_visible()


def test_on_a_phone_the_facets_fold_and_the_results_are_in_the_first_screen(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    at_nine = for_age(catalogue, 9)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}hitta/?alder=9&arena=skola")
    assert shown(page) == names(with_code(at_nine, "arena", "skola"))
    told = page.get_by_role("status").bounding_box()
    assert told and told["y"] + told["height"] <= 844
    arena = page.locator("details.kb-facet-group", has_text="Arena")
    expect(arena.locator("summary")).to_have_text("Arena (1)")
    expect(option(page, "Arena", "Skolan")).to_be_hidden()
    arena.locator("summary").click()
    option(page, "Arena", "Skolan").uncheck()
    expect(page.get_by_role("status")).to_have_text(status(len(at_nine), catalogue))


def test_choices_are_made_with_the_keyboard_and_announced(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    crime = with_code(catalogue, "problem", "kriminalitet")
    assert {"MST", "FFT", "TFCO"} <= set(names(crime))
    page.goto(f"{base_url}hitta/")
    expect(page.get_by_role("status")).to_have_text(status(len(catalogue), catalogue))
    # The options are enabled, and so can take the focus, once the finder has started.
    expect(option(page, "Problem eller behov", "Kriminalitet")).to_be_enabled()
    option(page, "Problem eller behov", "Kriminalitet").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_have_text(status(len(crime), catalogue))
    expect(page.get_by_role("status")).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_have_text(status(len(catalogue), catalogue))


def test_no_method_matches_says_so(page: Page, base_url: str, catalogue: list[Method]) -> None:
    assert for_age(catalogue, 30) == []
    page.goto(f"{base_url}hitta/?alder=30")
    expect(page.get_by_role("status")).to_contain_text("Ingen insats stämmer")
    assert shown(page) == []


def test_the_filter_lives_in_the_url_and_a_shared_link_restores_it(
    page: Page, browser: Browser, base_url: str, catalogue: list[Method]
) -> None:
    chosen = with_code(
        with_code(for_age(catalogue, 14), "utbildning", "no"), "evidens", "ungsinn-niva-3"
    )
    assert names(chosen) == ["MST"]
    page.goto(f"{base_url}hitta/")
    page.get_by_label("Ålder i år").fill("14")
    option(page, "Utbildning ges i", "Norge").check()
    option(page, "Bedömning i evidensregister", "Ungsinn: Nivå 3").check()
    expect_address(page, f"{base_url}hitta/?alder=14&evidens=ungsinn-niva-3&utbildning=no")
    assert shown(page) == names(chosen)

    colleague = new_context(browser).new_page()
    colleague.goto(page.url)
    expect(colleague.get_by_label("Ålder i år")).to_have_value("14")
    expect(option(colleague, "Utbildning ges i", "Norge")).to_be_checked()
    assert shown(colleague) == names(chosen)
    colleague.context.close()


def test_unknown_values_can_be_chosen_as_uppgift_saknas(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    without_length = with_code(catalogue, "langd", "saknas")
    assert "Välkommen" in names(without_length) and "MST" not in names(without_length)
    page.goto(f"{base_url}hitta/?langd=saknas")
    assert len(without_length) > 1
    assert shown(page) == names(without_length)[:LISTED]
    without_both = with_code(without_length, "kostnad", "saknas")
    expect(
        option(page, "Kostnadsnivå (Foundations skala)", "Uppgift saknas")
    ).to_have_accessible_name(f"Uppgift saknas ({len(without_both)})")


def test_the_shown_methods_can_be_compared(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    at_school = with_code(for_age(catalogue, 9), "arena", "skola")
    assert len(at_school) >= 2
    first = at_school[:COMPARED]
    page.goto(f"{base_url}hitta/?alder=9&arena=skola")
    assert shown(page) == names(at_school)[:LISTED]
    page.get_by_role("link", name="Jämför de insatser som visas").click()
    page.wait_for_url(f"{base_url}jamfor/?m={'%2C'.join(m['id'] for m in first)}")
    assert visible_columns(page) == names(first)


@pytest.fixture(scope="module")
def no_script_browser(browser: Browser) -> Iterator[Browser]:
    """A browser with JavaScript turned off as a visitor turns it off, from the parser on:
    Playwright's own switch only stops scripts, and a page's noscript stays undrawn."""
    off = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--blink-settings=scriptEnabled=false"]
    )
    yield off
    off.close()


@pytest.fixture
def no_script_page(no_script_browser: Browser) -> Iterator[Page]:
    context = new_context(no_script_browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


def fallback_links(page: Page) -> dict[str, str]:
    """The links of the fallback for readers without JavaScript: text -> resolved address."""
    fallback = page.locator(".kb-no-js")
    expect(fallback).to_be_visible()
    return dict(
        zip(
            fallback.locator("a").all_inner_texts(),
            fallback.locator("a").evaluate_all("links => links.map(a => a.href)"),
            strict=True,
        )
    )


def test_without_javascript_the_finder_leads_to_the_catalogue_and_the_data(
    no_script_page: Page, base_url: str, catalogue: list[Method]
) -> None:
    """The page shows the options and the catalogue's first methods, but its controls,
    which need the script, stay disabled."""
    no_script_page.goto(f"{base_url}hitta/?alder=14")
    expect(no_script_page.locator(".kb-no-js")).to_contain_text("Filtret behöver JavaScript")
    expect(no_script_page.get_by_label("Ålder i år")).to_be_disabled()
    expect(option(no_script_page, "Arena", "Skolan")).to_be_disabled()
    links = no_script_page.locator(".kb-finder-hits a[data-method]")
    assert [name.split(" ")[0] for name in links.all_inner_texts()] == names(catalogue)[:LISTED]
    assert fallback_links(no_script_page) == {
        "Katalogen över insatser": f"{base_url}insatser/",
        "Öppna data som CSV": f"{base_url}data/insatser.csv",
        "Öppna data som JSON": f"{base_url}data/insatser.json",
    }


# The theme's arrow on a group's summary, as the page draws it.
ARROWS = """summaries => summaries.map(
  summary => getComputedStyle(summary, "::after").transform)"""


def test_without_javascript_on_a_wide_screen_the_groups_arrows_point_open(
    no_script_page: Page, base_url: str
) -> None:
    """A wide screen shows every group's options without the script, and each arrow points
    as an open group's does (a group opened by its summary)."""
    no_script_page.set_viewport_size({"width": 1366, "height": 768})
    no_script_page.goto(f"{base_url}hitta/")
    expect(option(no_script_page, "Arena", "Skolan")).to_be_visible()
    summaries = no_script_page.locator(".kb-facet-group > summary")
    drawn = summaries.evaluate_all(ARROWS)
    summaries.first.click()
    expect(no_script_page.locator(".kb-facet-group").first).to_have_attribute("open", "")
    opened = summaries.first.evaluate(f"summary => ({ARROWS})([summary])[0]")
    assert drawn == [opened] * summaries.count()
    assert opened != "none"


def visible_columns(page: Page) -> list[str]:
    """Abbreviations of the methods compared, once the methods have been loaded."""
    expect(page.locator("form.kb-compare-form")).to_be_visible()
    headers = page.locator("th:not([hidden]) a[data-method]")
    return [name.split(" ")[0] for name in headers.all_inner_texts()]


def test_comparison_shows_the_chosen_methods_side_by_side(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}jamfor/?m=pmto,mst")
    assert visible_columns(page) == ["MST", "PMTO"]
    expect(page.get_by_text("Jämförelsen är ingen rangordning")).to_be_visible()
    row = page.locator("tr", has_text="Bedömning i Ungsinn")
    expect(row.locator("td:not([hidden])")).to_have_text(
        [
            "Bedömning i Ungsinn",
            "Visar effekt: Nivå 3 (2014-05-15) källa",
            "Visar effekt: Nivå 5 (2018-11-13, utgåva 2) källa",
        ]
    )
    # What the registries found comes first, before the registries' own words, and before
    # the registries searched without a verdict, if any.
    findings = page.locator("tr", has_text="Vad registren fann")
    found_first = re.compile(r"^Visar effekt(;|$)")
    expect(findings.locator("td:not([hidden])")).to_have_text(
        ["Vad registren fann", found_first, found_first]
    )

    page.get_by_role("checkbox", name="TIBIR").check()
    expect_address(page, f"{base_url}jamfor/?m=mst%2Cpmto%2Ctibir")
    assert visible_columns(page) == ["MST", "PMTO", "TIBIR"]
    page.get_by_role("checkbox", name="PALS").check()
    page.get_by_role("checkbox", name="MST").uncheck()
    assert visible_columns(page) == ["PALS", "PMTO", "TIBIR"]


def test_comparison_names_the_registries_searched_without_a_verdict(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    """Every registry Komet's and PMTO's records list as searched, by name in a Swedish list
    ("A, B och C", CLDR's rule, as on the method's page), and the day of the search."""
    searched = {method["id"]: method["not_rated"] for method in catalogue}

    def not_rated(method_id: str) -> str:
        names = format_list(searched[method_id]["registry_names"], locale=LANGUAGE)
        return f"Inte bedömd av {names} (sökt {searched[method_id]['checked']})"

    assert "Ungsinn" in searched["komet"]["registry_names"]
    assert searched["pmto"], "PMTO has verdicts and registries searched without one"
    page.goto(f"{base_url}jamfor/?m=pmto,komet")
    assert visible_columns(page) == ["Komet", "PMTO"]
    findings = page.locator("tr", has_text="Vad registren fann")
    expect(findings.locator("td:not([hidden])")).to_have_text(
        ["Vad registren fann", not_rated("komet"), f"Visar effekt; {not_rated('pmto')}"]
    )


def test_comparison_takes_at_most_four_and_asks_for_two(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}jamfor/?m=mst")
    expect(page.get_by_role("status")).to_have_text("Välj minst två insatser.")
    for name in ["PALS", "PMTO", "TIBIR"]:
        page.get_by_role("checkbox", name=name, exact=True).check()
    expect(page.get_by_role("status")).to_have_text("Jämför MST, PALS, PMTO, TIBIR.")


def test_without_javascript_the_comparison_leads_to_the_method_pages(
    no_script_page: Page, base_url: str
) -> None:
    no_script_page.goto(f"{base_url}jamfor/?m=pmto,mst")
    expect(no_script_page.get_by_text("Jämförelsen är ingen rangordning")).to_be_visible()
    expect(no_script_page.get_by_text("Jämförelsen behöver JavaScript")).to_be_visible()
    assert f"{base_url}insatser/" in fallback_links(no_script_page).values()


def test_when_the_data_cannot_be_loaded_the_comparison_says_so_in_swedish(
    page: Page, base_url: str
) -> None:
    page.route("**/data/insatser.json", lambda route: route.abort())
    page.goto(f"{base_url}jamfor/?m=pmto,mst")
    expect(page.get_by_role("status")).to_have_text(re.compile("^Insatserna kunde inte hämtas"))
    expect(page.get_by_role("status")).to_have_attribute("aria-live", "polite")
    expect(page.locator("form.kb-compare-form")).to_be_hidden()
    assert f"{base_url}insatser/" in fallback_links(page).values()


def with_instant_navigation(page: Page, base_url: str, site: Path) -> None:
    """Material navigates instantly only to addresses in its sitemap, which lists pages only
    when the site has a public address (site_url); this site is built without one, so the
    browser is given the sitemap a published site has, with this server's addresses."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    urls = "".join(
        f"<url><loc>{base_url}{'' if rel == '.' else rel + '/'}</loc></url>" for rel in pages
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    page.route(
        "**/sitemap.xml", lambda route: route.fulfill(body=body, content_type="application/xml")
    )


def test_finder_and_comparison_work_under_instant_navigation(
    page: Page, base_url: str, site: Path
) -> None:
    """Material swaps pages without reloading: the scripts run again for each page, and the
    search index's script and the data file are fetched once."""
    with_instant_navigation(page, base_url, site)
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: (
            fetched.append(request.url)
            if request.url.endswith(("/insatser.json", "/pagefind.js"))
            else None
        ),
    )
    page.goto(f"{base_url}insatser/")
    page.evaluate("window.kbSamePage = true")
    page.get_by_role("link", name="Hitta en insats").first.click()
    page.wait_for_url(f"{base_url}hitta/")
    catalogue = page.request.get(f"{base_url}data/insatser.json").json()["methods"]
    at_school = with_code(catalogue, "arena", "skola")
    assert 2 <= len(at_school) <= LISTED
    first = at_school[:COMPARED]
    option(page, "Arena", "Skolan").check()
    expect(page.get_by_role("status")).to_have_text(status(len(at_school), catalogue))
    page.get_by_role("link", name="Jämför de insatser som visas").click()
    page.wait_for_url(f"{base_url}jamfor/?m={'%2C'.join(m['id'] for m in first)}")
    assert visible_columns(page) == names(first)
    page.go_back()
    expect(page.get_by_role("status")).to_have_text(status(len(at_school), catalogue))
    assert shown(page) == names(at_school)
    assert page.evaluate("window.kbSamePage") is True
    assert sorted(fetched) == [f"{base_url}data/insatser.json", f"{base_url}pagefind/pagefind.js"]


@pytest.mark.parametrize(
    ("address", "ready"),
    [
        ("hitta/", ".kb-finder-hits li"),
        ("hitta/?alder=9&arena=skola", ".kb-finder-hits li"),
        ("hitta/?q=foreldre", ".kb-finder-hits mark"),
        ("jamfor/", "form.kb-compare-form"),
        ("jamfor/?m=pmto,mst", ".kb-compare-results"),
        ("oppna-data/", "h1"),
    ],
)
def test_finder_and_comparison_have_no_wcag_21_aa_violations(
    page: Page, base_url: str, address: str, ready: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    """Checked once the methods are loaded and the form and table are shown."""
    page.goto(f"{base_url}{address}")
    expect(page.locator(ready).first).to_be_visible()
    assert wcag_21_aa_report(page) == ""


def test_the_data_is_found_when_the_site_is_served_under_a_sub_path(
    page: Page, site: Path, catalogue: list[Method]
) -> None:
    """The data file's address is relative to the page, so the finder and the comparison
    work wherever the site is published."""
    at_school = with_code(catalogue, "arena", "skola")
    with serve(site.parent) as url:
        page.goto(f"{url}{site.name}/hitta/?arena=skola")
        expect(page.get_by_role("status")).to_have_text(status(len(at_school), catalogue))
        page.goto(f"{url}{site.name}/jamfor/?m=pmto,mst")
        assert visible_columns(page) == ["MST", "PMTO"]


# --- What the finder loads, and when ------------------------------------------------------

INDEX = "/pagefind/"


def test_a_shared_link_holds_back_the_unfiltered_list_until_the_finder_answers(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    """The page comes with the list for no choice; opened from a link with choices, it says
    that the methods are being fetched and shows no list until the finder has answered the
    link's choices, from the first moment the page is drawn (the finder's script held)."""
    held: list[Route] = []
    page.route("**/assets/kb-finder.js", lambda route: held.append(route))
    with page.expect_request("**/assets/kb-finder.js"):
        page.goto(f"{base_url}hitta/?arena=skola")
    results = page.locator(".kb-finder-results")
    expect(results).to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("status")).to_have_text("Hämtar insatserna …")
    for held_back in (".kb-finder-hits", ".kb-finder-compare", ".kb-finder-more"):
        expect(results.locator(held_back)).to_be_hidden()
    held[0].continue_()
    assert shown(page) == names(with_code(catalogue, "arena", "skola"))
    expect(page.locator(".kb-finder-hits")).to_be_visible()


def test_the_search_index_is_fetched_only_once_the_visitor_chooses(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    """Before any choice the page is its own answer: the options' counts, the catalogue's
    first methods and its count come with the page, and nothing of the search index is
    fetched; the first choice fetches it."""
    requested: list[str] = []

    def note(request: Request) -> None:
        requested.append(request.url)

    page.on("request", note)
    page.goto(f"{base_url}hitta/")
    started(page)
    expect(page.get_by_role("status")).to_have_text(status(len(catalogue), catalogue))
    assert shown(page) == names(catalogue)[:LISTED]
    at_school = with_code(catalogue, "arena", "skola")
    expect(option(page, "Arena", "Skolan")).to_have_accessible_name(f"Skolan ({len(at_school)})")
    before = list(requested)
    assert before and not [url for url in before if INDEX in url]
    assert f"{base_url}data/insatser.json" not in before

    option(page, "Arena", "Skolan").check()
    expect(page.get_by_role("status")).to_have_text(status(len(at_school), catalogue))
    after = requested[len(before) :]
    assert f"{base_url}pagefind/pagefind.js" in after
    assert all(INDEX in url or "/assets/" in url for url in after), after


def test_the_reader_is_told_while_the_index_loads_and_can_go_on_choosing(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    held: list[Route] = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(f"{base_url}hitta/")
    with page.expect_request("**/pagefind/pagefind.js"):
        option(page, "Arena", "Skolan").check()
    expect(page.get_by_role("status")).to_have_text("Hämtar insatserna …")
    expect(page.locator(".kb-finder-results")).to_have_attribute("aria-busy", "true")
    page.get_by_label("Ålder i år").fill("9")
    held[0].continue_()
    expected = with_code(for_age(catalogue, 9), "arena", "skola")
    assert shown(page) == names(expected)
    expect(page.get_by_role("status")).to_have_text(status(len(expected), catalogue))


def test_before_any_choice_the_link_compares_the_catalogues_first_methods(
    page: Page, base_url: str, catalogue: list[Method]
) -> None:
    page.goto(f"{base_url}hitta/")
    first = catalogue[:COMPARED]
    page.get_by_role("link", name="Jämför de insatser som visas").click()
    page.wait_for_url(f"{base_url}jamfor/?m={'%2C'.join(m['id'] for m in first)}")
    assert visible_columns(page) == names(first)


def test_when_the_index_cannot_be_loaded_the_reader_is_told_in_swedish(
    page: Page, base_url: str
) -> None:
    """The status line says so and leads to the catalogue and the open data; the list,
    which no longer answers the choices, is emptied."""
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(f"{base_url}hitta/")
    option(page, "Arena", "Skolan").check()
    expect(page.get_by_role("status")).to_have_text(re.compile("^Insatserna kunde inte hämtas"))
    expect(page.locator(".kb-finder-results")).to_have_attribute("aria-busy", "false")
    expect(page.locator(".kb-finder-hits li")).to_have_count(0)
    links = page.locator(".kb-finder-failed a")
    expect(links.first).to_be_visible()
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert f"{base_url}insatser/" in hrefs and f"{base_url}data/insatser.csv" in hrefs


# Every layout shift the page makes without the visitor's input, summed (the Layout
# Instability API's cumulative layout shift), from the start of the page's load.
OBSERVE_SHIFTS = """window.kbShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.kbShifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });"""
# What the shifts add up to once the browser has drawn two more frames after the page
# announced that it has settled, so that the last shift is reported.
CUMULATIVE = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(
  () => resolve(window.kbShifts.reduce((sum, value) => sum + value, 0)))))"""
# Google's threshold for a "good" cumulative layout shift.
GOOD_CLS = 0.1


@pytest.mark.parametrize("address", ["hitta/", "hitta/?alder=9&arena=skola"])
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_finder_does_not_shift_its_layout_while_it_loads(
    browser: Browser, base_url: str, address: str, width: int, height: int
) -> None:
    context = new_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(OBSERVE_SHIFTS)
    page.goto(f"{base_url}{address}")
    page.wait_for_function(SETTLED)
    shift = page.evaluate(CUMULATIVE)
    context.close()
    assert shift < GOOD_CLS
