"""The glossary and search that knows the field: terms explained on hover and keyboard focus
wherever they appear, synonyms and Norwegian and Danish words that find the right method,
and backlinks on every kind of record."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import record
from playwright.sync_api import Page, expect

from generator.reading.project import Project
from generator.site.engine.generation import generate


def fidelity(**fields: Any) -> str:
    """A term with a second form; it links to Alfa unless `related` says otherwise."""
    return record(
        "term",
        "fidelity",
        title="programtrohet",
        summary="Att en metod används så som den är tänkt.",
        forms=["fidelity"],
        definition={"text": "Görs arbetet så som det är tänkt?", "source": "s1"},
        **fields,
    )


TERM = fidelity()


def test_a_term_has_a_page_with_its_sourced_definition_and_the_glossary_lists_it(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project({"term/fidelity.yaml": TERM})).files
    page = files["ordlista/fidelity.md"]
    assert 'Görs arbetet så som det är tänkt? <sup><a href="#kalla-s1">[1]</a></sup>' in page
    assert '<a href="../../insatser/alfa/">Alfa – föräldraträning</a>' in page
    term = '<a href="fidelity/">programtrohet</a>\n:   Att en metod används'
    assert term in files["ordlista/index.md"]


def test_terms_are_published_with_every_form_to_explain(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project({"term/fidelity.yaml": TERM})).files
    assert '"forms": [\n   "programtrohet",\n   "fidelity"\n  ]' in files["data/ordlista.json"]


def test_backlinks_show_on_terms_and_method_checklists_count_for_stages(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project({"term/fidelity.yaml": TERM})).files
    term_page = files["ordlista/fidelity.md"]
    assert "## Refereras från" not in term_page
    project = make_project(
        {
            "term/fidelity.yaml": fidelity(related=["term/fidelity"]),
            "intervention/alfa.yaml": record(
                "intervention",
                related=["term/fidelity", "process/steg#fraga"],
                checklists=[
                    {
                        "stage": "stage/start",
                        "items": [
                            {
                                "id": "certifierad",
                                "text": "Terapeuterna är certifierade.",
                                "source": "s1",
                            }
                        ],
                    }
                ],
            ),
        }
    )
    files = generate(project).files
    assert (
        '<a href="../../insatser/alfa/">Alfa – föräldraträning</a>'
        in files["ordlista/fidelity.md"].split("## Refereras från")[1]
    )
    assert (
        '<a href="../../insatser/alfa/">Alfa – föräldraträning</a>'
        in files["implementering/start.md"].split("## Refereras från")[1]
    )


def test_keywords_are_search_metadata_shown_on_the_page_but_not_searched_as_text(
    site: Path,
) -> None:
    """The words rank the page as metadata (tests/test_search_first_hit.py); left out of the
    searched text, they never make up a result's excerpt."""
    page = (site / "insatser" / "pmto" / "index.html").read_text(encoding="utf-8")
    meta = page.split('<div class="kb-meta" data-pagefind-ignore="index">')[1]
    words = re.search(r'<span data-pagefind-meta="keywords">([^<]*)</span>', meta)
    assert words is not None
    assert {
        "PMTO",
        "föräldraträning",
        "foreldre",
        "børn",
        "atferd",
        "Parent Management Training",
    } <= set(words.group(1).split(", "))


@pytest.mark.browser
def test_a_term_is_explained_on_keyboard_focus_and_escape_closes_it(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}ebp/")
    term = page.locator(".kb-term__link", has_text="BBIC")
    tooltip = page.get_by_role("tooltip").filter(has_text="Barns behov i centrum")
    expect(tooltip).to_be_hidden()
    term.focus()
    expect(tooltip).to_be_visible()
    expect(term).to_have_accessible_description(
        "Barns behov i centrum: Socialstyrelsens ramverk för handläggning, genomförande och "
        "uppföljning i den sociala barn- och ungdomsvården."
    )
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}ordlista/bbic/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("BBIC")


@pytest.mark.browser
def test_citations_are_left_as_they_are_while_the_text_above_explains_terms(
    page: Page, base_url: str
) -> None:
    """MST's sources name "implementering" in a note; a citation is not the place to explain
    it (nor a publisher's name), so only the method's own text gets explanations."""
    page.goto(f"{base_url}insatser/mst/")
    sources = page.locator("[data-kb-no-terms]")
    expect(sources).to_contain_text("implementering")
    expect(page.locator("article .kb-term").first).to_be_attached()
    expect(sources.locator(".kb-term")).to_have_count(0)


@pytest.mark.browser
def test_a_term_is_explained_on_hover_on_a_hand_written_page(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator(".kb-term__link", has_text="TIBIR").hover()
    expect(page.get_by_role("tooltip").filter(has_text="Tidlig innsats")).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("PMTO", "insatser/pmto/"),
        ("Parent Management Training", "insatser/pmto/"),
        ("atferd", "insatser/pals/"),
        ("foreldre", "insatser/tibir/"),
        ("børn", "insatser/pmto/"),
        ("fidelity", "ordlista/programtrohet/"),
    ],
)
def test_search_finds_methods_by_synonym_and_nordic_word(
    page: Page, search_and_open: Callable[[str, str], None], query: str, address: str
) -> None:
    search_and_open(query, address)
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["ordlista/", "ordlista/programtrohet/", "ebp/"])
def test_glossary_pages_and_explained_terms_have_no_wcag_21_aa_violations(
    page: Page, base_url: str, address: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}{address}")
    if address == "ebp/":
        page.locator(".kb-term__link").first.focus()
    assert wcag_21_aa_report(page) == ""
