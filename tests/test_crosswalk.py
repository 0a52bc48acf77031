"""The evidence crosswalk on a method page: what each registry says, linked and dated, with
disagreement made visible and the registries that have not rated the method named."""

from collections.abc import Callable
from typing import Any

from conftest import record
from verdict_records import REGISTRIES, VERSIONS, verdict

from generator.reading.project import Project
from generator.site.engine.generation import generate

SOURCES = [
    {"id": "s1", "title": "Källa ett"},
    {"id": "ungsinn", "title": "Ungsinn om Alfa", "url": "https://ungsinn.example/alfa"},
    {"id": "cebc", "title": "CEBC om Alfa", "url": "https://cebc.example/alfa"},
]
UNGSINN = verdict(
    "ungsinn", "niva-5", "Nivå 5", "2018", text="Stark dokumentation.", source="ungsinn"
)
CEBC = verdict("cebc", "niva-1", "1 – Well-Supported", "2020-02", text="En studie.", source="cebc")


def evidence_section(
    make_project: Callable[..., Project], ratings: list[dict[str, Any]], **files: str
) -> str:
    alfa = record("intervention", versions=VERSIONS, evidence=ratings, sources=SOURCES)
    project = make_project({"intervention/alfa.yaml": alfa, **REGISTRIES, **files})
    page = generate(project).files["insatser/alfa.md"]
    return page.split("{ #evidens }")[1].split("\n## ")[0]


def test_each_rating_links_to_the_registry_and_its_level_with_date_and_reason(
    make_project: Callable[..., Project],
) -> None:
    section = evidence_section(make_project, [UNGSINN])
    row = next(line for line in section.splitlines() if line.startswith("| ") and "Nivå 5" in line)
    assert "register/ungsinn" in row and "#niva-5" in row
    assert "**Visar effekt**: " in row and "Gäller: Alfa." in row
    assert "Bedömd 2018. Kontrollerad mot registret 2026-11-01." in row
    assert "Registret omprövar: I numrerade utgåvor." in row
    assert "| Stark dokumentation. <sup>" in row and "#kalla-ungsinn" in row
    assert "Flera register" not in section


def test_registries_that_disagree_are_pointed_out(make_project: Callable[..., Project]) -> None:
    section = evidence_section(make_project, [UNGSINN, CEBC])
    assert '!!! info "Flera register har bedömt insatsen"' in section
    assert "2 register har bedömt insatsen" in section
    assert "Bedömd 2020-02." in section and "Registret omprövar: Vart 2:e år." in section


def test_registries_without_a_rating_are_named(make_project: Callable[..., Project]) -> None:
    section = evidence_section(make_project, [UNGSINN])
    assert "Inga bedömningar i våra källor från: CEBC." in section


def test_a_rating_whose_level_is_the_registrys_own_words_is_not_repeated(
    make_project: Callable[..., Project],
) -> None:
    own_words = verdict("ungsinn", "niva-5", "Nivå 5 med dokumentasjonsgrad 3", "2018")
    section = evidence_section(make_project, [own_words])
    assert "(Nivå 5 med dokumentasjonsgrad 3)" in section
    assert "(Nivå 5)" not in evidence_section(make_project, [UNGSINN])
