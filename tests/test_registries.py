"""Evidence registries are records (issue 25, item 1): each has its scale as ordered levels,
in the registry's own words with a Swedish explanation, every level placed on one shared
scale with the reason for its place, and how often the registry reviews its verdicts again.
A method's rating names its level on the registry's scale, and `kb check` rejects a level
the scale does not have, where it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, record

from generator.checking.check import check
from generator.locale import strings
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.generation import generate
from generator.types.evidence_registry import SHARED_LEVELS, Registry

REGISTRY = """
    id: ungsinn
    title: Ungsinn
    summary: Ett norskt register.
    reviewed: 2026-12-07
    sources:
      - {id: kriterier, title: Kriterier, url: https://ungsinn.example/kriterier}
    name: Ungsinn
    publisher: {text: RKBU Nord., source: kriterier}
    country: "no"
    url: https://ungsinn.example/
    rates: {text: Insatser för barn och unga i Norge., source: kriterier}
    scales:
      - id: v2
        title: Evidensnivåer
        source: kriterier
        levels:
          - id: niva-5
            title: Nivå 5 – sterk dokumentasjon på effekt
            text: Stark dokumentation av effekt.
            shared: stark
            mapping: Skalans högsta nivå.
            source: kriterier
          - id: niva-0
            title: Nivå 0 – uvirksomme tiltak
            text: Insatser som inte är verksamma.
            shared: ingen-effekt
            mapping: Ungsinns nivå för ett nollresultat.
            source: kriterier
    review:
      kind: editions
      text: En uppdatering publiceras som en ny numrerad utgåva.
      source: kriterier
"""


# A version of Alfa for its verdicts to name.
VERSIONS = [{"id": "individuell", "title": "Individuell Alfa", "source": "s1"}]


def rated(level: str, registry: str = "registry/ungsinn") -> str:
    """Alfa, rated by `registry` at `level`."""
    return record(
        "intervention",
        versions=VERSIONS,
        evidence=[
            {
                "id": "ungsinn-2018",
                "registry": registry,
                "version": "individuell",
                "rating": "Nivå 5",
                "level": level,
                "finding": "effekt",
                "date": "2018",
                "checked": "2026-11-01",
                "source": "s1",
            }
        ],
    )


def project_with(
    make_project: Callable[..., Project], level: str, registry: str = "registry/ungsinn"
) -> Project:
    """Ungsinn, a second registry (CEBC, with Ungsinn's scale) and Alfa rated at `level`."""
    return make_project(
        {
            "registry/ungsinn.yaml": REGISTRY,
            "registry/cebc.yaml": REGISTRY.replace("id: ungsinn", "id: cebc", 1),
            "intervention/alfa.yaml": rated(level, registry),
        }
    )


def place_of(project: Project, text: str) -> str:
    """`line:column` of `text` in Alfa's file."""
    lines = (project.data_dir / "intervention" / "alfa.yaml").read_text("utf-8").splitlines()
    return next(f"{i}:{line.index(text) + 1}" for i, line in enumerate(lines, 1) if text in line)


def test_a_level_on_the_registrys_scale_passes(make_project: Callable[..., Project]) -> None:
    project = project_with(make_project, "registry/ungsinn#niva-5")
    assert [p.format() for p in check(project)[1]] == []


def test_a_level_not_on_the_registrys_scale_is_a_swedish_error_where_it_is_written(
    make_project: Callable[..., Project],
) -> None:
    project = project_with(make_project, "registry/ungsinn#niva-3")
    place = place_of(project, "registry/ungsinn#niva-3")
    assert [p.format() for p in check(project)[1]] == [
        f"data/intervention/alfa.yaml:{place}: error: nivån 'niva-3' finns inte på skalan i "
        "registry/ungsinn (menade du 'registry/ungsinn#niva-5'?)"
    ]


def test_a_level_of_another_registry_than_the_rating_names_is_an_error(
    make_project: Callable[..., Project],
) -> None:
    project = project_with(make_project, "registry/ungsinn#niva-5", registry="registry/cebc")
    place = place_of(project, "registry/ungsinn#niva-5")
    assert [p.format() for p in check(project)[1]] == [
        f"data/intervention/alfa.yaml:{place}: error: nivån 'registry/ungsinn#niva-5' hör inte "
        "till registret 'registry/cebc' som bedömningen anger"
    ]


def test_a_level_must_name_a_registry_record(make_project: Callable[..., Project]) -> None:
    project = project_with(
        make_project, "registry/finns-inte#niva-5", registry="registry/finns-inte"
    )
    registry, level = (
        place_of(project, "registry/finns-inte"),
        place_of(project, "registry/finns-inte#niva-5"),
    )
    assert [p.format() for p in check(project)[1]] == [
        f"data/intervention/alfa.yaml:{registry}: error: hänvisningen 'registry/finns-inte' "
        "pekar på en post som inte finns",
        f"data/intervention/alfa.yaml:{level}: error: hänvisningen "
        "'registry/finns-inte#niva-5' pekar på en post som inte finns",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      kind: editions\n",
            "      kind: interval\n",
            "ange years för kind interval, och bara då",
        ),
        (
            REGISTRY[REGISTRY.index("    scales:") : REGISTRY.index("    review:")],
            "",
            "ett register utan skala behöver scale_note som säger varför skalan saknas",
        ),
    ],
    ids=["interval-without-years", "no-scale-no-note"],
)
def test_a_registry_says_how_often_it_reviews_and_why_a_scale_is_missing(
    make_project: Callable[..., Project], old: str, new: str, expected: str
) -> None:
    project = make_project({"registry/ungsinn.yaml": REGISTRY.replace(old, new)})
    assert expected in [p.message for p in check(project)[1]]


def test_a_registry_page_shows_its_scale_with_each_levels_place_on_the_shared_scale(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = project_with(make_project, "registry/ungsinn#niva-5")
    page = generate(project).files["register/ungsinn.md"]
    assert "| Registrets nivå | Betydelse | Gemensam skala | Varför där |" in page
    assert (
        '| <span id="niva-0"></span>Nivå 0 – uvirksomme tiltak | Insatser som inte är verksamma.'
    ) in page
    assert "| Ingen effekt | Ungsinns nivå för ett nollresultat. |" in page
    assert "I numrerade utgåvor: En uppdatering publiceras som en ny numrerad utgåva." in page
    cebc = generate(Project(REPO)).files["register/cebc.md"]
    assert "Ungefär vart 2:e år: Forskningen om ett program granskas igen" in cebc
    site = tmp_path / "site"
    build(project, site)  # strict: the section is in the navigation, every link resolves
    html = (site / "register" / "ungsinn" / "index.html").read_text(encoding="utf-8")
    assert 'id="niva-5"' in html and "<th>Gemensam skala</th>" in html
    index = (site / "register" / "index.html").read_text(encoding="utf-8")
    assert "Stark evidens för effekt" in index and "Otillräckligt underlag" in index


def test_the_shared_scale_has_a_swedish_label_for_every_level_in_its_order() -> None:
    assert list(strings()["vocab"]["shared_level"]) == list(SHARED_LEVELS)


def test_every_level_of_every_registry_is_placed_on_the_shared_scale_with_a_reason() -> None:
    records, problems = check(Project(REPO))
    assert [p.format() for p in problems if p.severity == "error"] == []
    registries = {r.id: r for r in records if isinstance(r, Registry)}
    assert set(registries) >= {
        "ungsinn",
        "cebc",
        "blueprints",
        "iv-e",
        "foundations",
        "kasvun-tuki",
        "nji",
        "vidensportalen",
        "metodguiden",
        "sbu",
        "campbell-cochrane",
    }
    for registry in registries.values():
        assert registry.levels() or registry.scale_note, registry.id
        for level in registry.levels():
            assert level.shared in SHARED_LEVELS and level.mapping.strip(), (registry.id, level)
    # Every registry the existing ratings name, by reference and by level, is a record.
    named = {
        ref.partition("/")[2].partition("#")[0]
        for r in records
        for e in getattr(r, "evidence", [])
        for ref in (e.registry, e.level)
        if ref
    }
    assert named <= set(registries)
