"""The evidence crosswalk on a method page: what each registry says, linked and dated, with
disagreement made visible and the registries that have not rated the method named."""

from collections.abc import Callable
from typing import Any

from conftest import record

from generator.reading.project import Project
from generator.site.engine.generation import generate

SOURCES = [
    {"id": "s1", "title": "Källa ett"},
    {"id": "ungsinn", "title": "Ungsinn om Alfa", "url": "https://ungsinn.example/alfa"},
    {"id": "cebc", "title": "CEBC om Alfa", "url": "https://cebc.example/alfa"},
]
UNGSINN = {
    "registry": "ungsinn",
    "rating": "Nivå 5",
    "year": 2018,
    "text": "Stark dokumentation.",
    "source": "ungsinn",
}
CEBC = {
    "registry": "cebc",
    "rating": "Promising",
    "year": 2020,
    "text": "En studie.",
    "source": "cebc",
}


def evidence_section(make_project: Callable[..., Project], ratings: list[dict[str, Any]]) -> str:
    alfa = record("intervention", evidence=ratings, sources=SOURCES)
    page = generate(make_project({"intervention/alfa.yaml": alfa})).files["insatser/alfa.md"]
    return page.split("{ #evidens }")[1].split("\n## ")[0]


def test_each_rating_links_to_the_registry_with_year_and_reason(
    make_project: Callable[..., Project],
) -> None:
    section = evidence_section(make_project, [UNGSINN])
    assert (
        "| [Ungsinn (Norge)](<https://ungsinn.example/alfa>) | Nivå 5 | 2018 | "
        "Stark dokumentation. <sup>[[2]](#kalla-ungsinn)</sup> |"
    ) in section
    assert "Flera register" not in section


def test_registries_that_disagree_are_pointed_out(make_project: Callable[..., Project]) -> None:
    section = evidence_section(make_project, [UNGSINN, CEBC])
    assert '!!! info "Flera register har bedömt insatsen"' in section
    assert "2 register har bedömt insatsen" in section
    assert "| [CEBC (USA)](<https://cebc.example/alfa>) | Promising | 2020 |" in section


def test_registries_without_a_rating_are_named(make_project: Callable[..., Project]) -> None:
    section = evidence_section(make_project, [UNGSINN])
    assert (
        "Inga bedömningar i våra källor från: Metodguiden (Sverige), CEBC (USA), "
        "Blueprints (USA), Foundations Guidebook (Storbritannien), Vidensportalen "
        "(Danmark), Kasvun tuki (Finland)."
    ) in section
    assert "Ungsinn" not in section.split("Inga bedömningar")[1]


def test_a_rating_that_cites_the_bibliography_links_to_the_works_address(
    make_project: Callable[..., Project],
) -> None:
    alfa = record(
        "intervention",
        evidence=[UNGSINN],
        sources=[SOURCES[0], {"id": "ungsinn", "ref": "reference/ungsinn-alfa"}, SOURCES[2]],
    )
    work = record(
        "reference",
        "ungsinn-alfa",
        title="Ungsinn: Alfa",
        kind="oversikt",
        year=2018,
        url="https://ungsinn.example/alfa",
    )
    page = generate(
        make_project({"intervention/alfa.yaml": alfa, "reference/ungsinn-alfa.yaml": work})
    ).files["insatser/alfa.md"]
    assert "| [Ungsinn (Norge)](<https://ungsinn.example/alfa>) | Nivå 5 | 2018 |" in page
