"""A method no registry has rated says so (issue 25 item 2, issue 26 item 1): the record
names the registries searched without result and the day of the search; `kb check` refuses a
search that contradicts the record's verdicts or a day the calendar lacks, warns when the
search is a year old on the build's day (conftest's NOW in the tests), and the page, the
comparison's data and the open data show it with the registries and the day."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from conftest import record
from test_verdicts import CEBC, NULL_2026, VERSIONS
from verdict_records import A_YEAR_AGO, OVER_A_YEAR_AGO, TODAY, TOMORROW, UNGSINN

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate

SEARCH = {"searched": ["registry/cebc"], "checked": "2026-11-01"}


def alfa(not_rated: dict[str, Any], *verdicts: dict[str, Any]) -> str:
    return record("intervention", versions=VERSIONS, evidence=list(verdicts), not_rated=not_rated)


def project_of(
    make_project: Callable[..., Project], not_rated: dict[str, Any], *verdicts: dict[str, Any]
) -> Project:
    return make_project(
        {"registry/cebc.yaml": CEBC, "intervention/alfa.yaml": alfa(not_rated, *verdicts)}
    )


def problems_of(
    make_project: Callable[..., Project], not_rated: dict[str, Any], *verdicts: dict[str, Any]
) -> list[str]:
    return [p.format() for p in check(project_of(make_project, not_rated, *verdicts))[1]]


def place_of(text: str, not_rated: dict[str, Any], *verdicts: dict[str, Any]) -> str:
    """`line:column` of the first `text` from `not_rated:` on in Alfa's file (a quoted
    date is where its quote is)."""
    lines = alfa(not_rated, *verdicts).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("not_rated:"))
    return next(
        f"{i}:{line.index(text) + 1}"
        for i, line in enumerate(lines, 1)
        if i > start and text in line
    )


def test_a_search_without_result_passes(make_project: Callable[..., Project]) -> None:
    assert problems_of(make_project, SEARCH) == []


def test_a_registry_searched_must_be_a_registry_record(
    make_project: Callable[..., Project],
) -> None:
    search = SEARCH | {"searched": ["registry/cebc", "registry/okand"]}
    assert problems_of(make_project, search) == [
        f"data/intervention/alfa.yaml:{place_of('registry/okand', search)}: error: "
        "hänvisningen 'registry/okand' pekar på en post som inte finns"
    ]


def test_a_registry_searched_without_result_has_no_current_verdict_in_the_record(
    make_project: Callable[..., Project],
) -> None:
    assert problems_of(make_project, SEARCH, NULL_2026) == [
        f"data/intervention/alfa.yaml:{place_of('registry/cebc', SEARCH, NULL_2026)}: error: "
        "registry/cebc står bland registren utan bedömning (not_rated.searched), men posten "
        "har en gällande bedömning från det i evidence (ta bort registret ur "
        "not_rated.searched eller markera bedömningen som ersatt (replaced_by))"
    ]


def test_the_day_of_the_search_is_a_real_day(
    make_project: Callable[..., Project],
) -> None:
    # A day the calendar lacks, as an editor writes it (unquoted).
    no_day = alfa(SEARCH).replace('"2026-11-01"', "2026-02-30")
    project = make_project({"registry/cebc.yaml": CEBC, "intervention/alfa.yaml": no_day})
    at = place_of('"2026-11-01"', SEARCH)
    assert [p.format() for p in check(project)[1]] == [
        f"data/intervention/alfa.yaml:{at}: error: 'checked' ska vara ett datum "
        "(ÅÅÅÅ-MM-DD), inte '2026-02-30'"
    ]


def test_a_search_unchecked_for_a_year_is_a_warning(
    make_project: Callable[..., Project],
) -> None:
    checked = OVER_A_YEAR_AGO.isoformat()
    old = SEARCH | {"checked": checked}
    at = place_of(f'"{checked}"', old)
    assert problems_of(make_project, old) == [
        f"data/intervention/alfa.yaml:{at}: warning: registren "
        f"söktes senast {checked} utan att någon bedömning hittades, för mer än 12 månader "
        "sedan (sök i registren igen och sätt not_rated.checked till dagens datum)"
    ]
    assert problems_of(make_project, SEARCH | {"checked": A_YEAR_AGO.isoformat()}) == []


def test_a_search_is_not_dated_after_the_build_day(make_project: Callable[..., Project]) -> None:
    tomorrow = TOMORROW.isoformat()
    ahead = SEARCH | {"checked": tomorrow}
    at = place_of(f'"{tomorrow}"', ahead)
    assert problems_of(make_project, ahead) == [
        f"data/intervention/alfa.yaml:{at}: error: datumet "
        f"{tomorrow} ligger efter byggets dag, {TODAY.isoformat()} (skriv den dag det hände; "
        "byggets dag är dagens datum, eller dagen i SOURCE_DATE_EPOCH när den är satt)"
    ]


def test_the_page_says_which_registries_were_searched_and_when_and_flags_an_old_search(
    make_project: Callable[..., Project],
) -> None:
    page = generate(project_of(make_project, SEARCH)).files["insatser/alfa.md"]
    glance = page[page.index("I korthet") : page.index("## Upplägg")]
    assert "Inte bedömd av CEBC (sökt 2026-11-01)." in glance
    assert "Inget av registren har bedömt insatsen" not in glance
    assert "Kan vara inaktuell" not in glance
    old = generate(project_of(make_project, SEARCH | {"checked": "2025-01-15"})).files
    assert (
        "Inte bedömd av CEBC (sökt 2025-01-15) (**Kan vara inaktuell**)." in old["insatser/alfa.md"]
    )
    maintenance = old["underhall.md"]
    rows = maintenance[maintenance.index("## Bedömningar att kontrollera") :]
    assert (
        "| Ingen bedömning hittades vid sökningen | "
        '<time datetime="2025-01-15">2025-01-15</time> | inte kontrollerad mot registret på '
        "12 månader |"
    ) in rows
    fresh = generate(project_of(make_project, SEARCH)).files["underhall.md"]
    assert "Ingen bedömning hittades vid sökningen" not in fresh


def test_the_evidence_section_names_the_registries_searched_and_the_day(
    make_project: Callable[..., Project],
) -> None:
    search = SEARCH | {"note": "Sökt på Alfa och Alfa-metoden."}
    files = generate(
        make_project(
            {
                "registry/cebc.yaml": CEBC,
                "registry/ungsinn.yaml": UNGSINN,
                "intervention/alfa.yaml": alfa(search),
            }
        )
    ).files
    page = files["insatser/alfa.md"]
    evidence = page[page.index("{ #evidens }") :]
    assert (
        "Vi sökte efter en bedömning av insatsen i CEBC den 2026-11-01 men hittade ingen. "
        "Sökt på Alfa och Alfa-metoden." in evidence
    )
    # Only the registry not searched is one we have no verdict from without a search.
    assert "Inga bedömningar i våra källor från: Ungsinn." in evidence
    both = SEARCH | {"searched": ["registry/cebc", "registry/ungsinn"]}
    files = generate(
        make_project(
            {
                "registry/cebc.yaml": CEBC,
                "registry/ungsinn.yaml": UNGSINN,
                "intervention/alfa.yaml": alfa(both),
            }
        )
    ).files
    page = files["insatser/alfa.md"]
    # Two or more registries read as a Swedish list, in the evidence and in the opening block.
    assert "insatsen i CEBC och Ungsinn den 2026-11-01 men hittade ingen." in page
    assert "Inte bedömd av CEBC och Ungsinn (sökt 2026-11-01)." in page
    old = generate(project_of(make_project, SEARCH | {"checked": "2025-01-15"})).files
    evidence = old["insatser/alfa.md"][old["insatser/alfa.md"].index("{ #evidens }") :]
    assert (
        "i CEBC den 2025-01-15 men hittade ingen. **Kan vara inaktuell: inte kontrollerad mot "
        "registret på 12 månader.**"
    ) in evidence


def test_the_open_data_give_the_search_its_registries_day_and_flags(
    make_project: Callable[..., Project],
) -> None:
    files = generate(project_of(make_project, SEARCH | {"checked": "2025-01-15"})).files
    method = json.loads(files["data/insatser.json"])["methods"][0]
    assert method["not_rated"] == {
        "searched": ["registry/cebc"],
        "checked": "2025-01-15",
        "note": "",
        "source": None,
        "registry_names": ["CEBC"],
        "flags": ["ej-kontrollerad"],
    }
    assert method["findings"] == []
    row = next(csv.DictReader(io.StringIO(files["data/insatser.csv"])))
    assert (row["not_rated"], row["not_rated_flags"]) == ("CEBC (2025-01-15)", "ej-kontrollerad")
    schema = json.loads(files["data/insatser.schema.json"])
    assert {"searched", "checked", "registry_names", "flags"} <= set(
        schema["$defs"]["EjBedomd"]["properties"]
    )
    package = json.loads(files["data/datapackage.json"])
    columns = [
        field["name"]
        for resource in package["resources"]
        if resource.get("path") == "insatser.csv"
        for field in resource["schema"]["fields"]
    ]
    assert {"not_rated", "not_rated_flags"} <= set(columns)
