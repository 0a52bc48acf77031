"""A method page answers first what a social worker asks first: who the method is for, at
what ages, in what format, and what the registries say, dated; details and sources follow."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import record
from playwright.sync_api import Page, expect
from verdict_records import REGISTRIES, VERSIONS, verdict

from generator.reading.project import Project
from generator.site.engine.generation import generate

RATED = [
    verdict("ungsinn", "niva-5", "Nivå 5", "2018", text="Stark dokumentation.", source="ungsinn"),
    verdict("cebc", "niva-4", "4 – Evidence Fails to Demonstrate Effect", "2025", source="cebc")
    | {"finding": "ingen-skillnad"},
]


def method_page(make_project: Callable[..., Project], **fields: Any) -> str:
    """The page of Alfa with three sources and `fields` (rated by no registry unless they
    hold `evidence`)."""
    alfa = record(
        "intervention",
        target_group={"text": "Föräldrar till barn med beteendeproblem", "source": "s1"},
        formats=["familj", "grupp"],
        sources=[
            {"id": "s1", "title": "Källa ett"},
            {"id": "ungsinn", "title": "Ungsinn om Alfa", "url": "https://ungsinn.example/alfa"},
            {"id": "cebc", "title": "CEBC om Alfa", "url": "https://cebc.example/alfa"},
        ],
        **({"versions": VERSIONS} | fields),
    )
    project = make_project({"intervention/alfa.yaml": alfa, **REGISTRIES})
    return generate(project).files["insatser/alfa.md"]


def at_a_glance(page: str) -> str:
    return page.split("{ #i-korthet }")[1].split("\n## ")[0]


def test_target_group_ages_format_and_dated_verdicts_come_first(
    make_project: Callable[..., Project],
) -> None:
    page = method_page(make_project, evidence=RATED)
    top = at_a_glance(page)
    assert "Föräldrar till barn med beteendeproblem" in top
    assert "3–12 år" in top
    assert "Familj, Grupp" in top
    # A finding of no difference reads as plainly, and as high up, as one of effect.
    assert (
        "Ungsinn: Visar effekt – Nivå 5 (2018); CEBC: Ingen skillnad mot jämförelsen – "
        "4 – Evidence Fails to Demonstrate Effect (2025)."
    ) in top
    assert "[Bedömningarna med motivering och källa](#evidens)" in top
    headings = [
        page.index(f"{{ #{anchor} }}") for anchor in ("i-korthet", "fakta", "om", "evidens")
    ]
    assert headings == sorted(headings)
    assert page.index("{ #i-korthet }") < page.index("## Källor")


def test_a_method_no_registry_has_rated_says_so_at_the_top(
    make_project: Callable[..., Project],
) -> None:
    top = at_a_glance(method_page(make_project))
    assert "Inget av registren har bedömt insatsen enligt våra källor." in top
    assert "(#evidens)" in top


def test_the_first_screen_of_pmto_shows_who_it_is_for_and_the_verdicts(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}insatser/pmto/")
    glance = page.locator(".kb-facts").first
    for label in ("Målgrupp", "Ålder", "Form", "Evidensregistren"):
        expect(glance.locator(".kb-fact-label", has_text=label)).to_be_in_viewport()
    verdicts = glance.locator(".kb-fact", has_text="Evidensregistren")
    expect(verdicts).to_contain_text("Ungsinn: Visar effekt – Nivå 5 (2018-11-13, utgåva 2)")
    verdicts.get_by_role("link", name="Bedömningarna med motivering och källa").click()
    expect(page.locator("#evidens")).to_be_in_viewport()


def test_the_method_pages_of_the_real_site_put_the_summary_before_the_details(site: Path) -> None:
    for method in (site / "insatser").iterdir():
        html = method / "index.html"
        if method.is_dir() and 'id="evidens"' in (text := html.read_text(encoding="utf-8")):
            assert (
                text.index('id="i-korthet"')
                < text.index('id="fakta"')
                < text.index('id="om"')
                < text.index('id="evidens"')
            ), method.name


def test_the_cost_level_is_shown_with_its_source_beside_the_costs(
    make_project: Callable[..., Project],
) -> None:
    page = method_page(make_project, cost_band={"value": 2, "source": "cebc"})
    costs = page.split('kb-fact-label">Kostnader</span>')[1].split("</div>")[0]
    assert "Våra källor anger inga kostnader ännu." in costs
    assert (
        "Kostnadsnivå i Foundations Guidebooks femgradiga skala: 2 – 100–499 £ i "
        'enhetskostnad. <sup><a href="#kalla-cebc">[3]</a></sup>'
    ) in costs
