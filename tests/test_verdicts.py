"""A verdict a municipality can act on (issue 25, items 2, 3 and 5): it names the registry,
the version of the method rated, the level, when it was made and when we last checked it,
and what the registry found; a replaced verdict stays as history; a finding of no difference
is shown as plainly as one of effect; and a verdict that may be out of date is flagged on
the page, on the maintenance page, in the open data and by `kb check`, counted from the
build's fixed day (SOURCE_DATE_EPOCH, conftest's NOW in the tests), never the wall clock."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import record
from verdict_records import A_YEAR_AGO, OVER_A_YEAR_AGO, TODAY, TOMORROW

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate

# A registry that reviews every second year, with a level for effect and one for none.
CEBC = """
    id: cebc
    title: CEBC
    summary: Ett amerikanskt register.
    reviewed: 2026-11-01
    sources:
      - {id: skala, title: Skalan, url: https://cebc.example/skala}
    name: The California Evidence-Based Clearinghouse for Child Welfare
    publisher: {text: CEBC., source: skala}
    country: us
    url: https://cebc.example/
    rates: {text: Program i barnavården., source: skala}
    scales:
      - id: vetenskaplig
        title: Scientific Rating Scale
        source: skala
        levels:
          - id: niva-1
            title: 1 – Well-Supported by Research Evidence
            text: Flera randomiserade studier.
            shared: stark
            mapping: Skalans högsta nivå.
            source: skala
          - id: niva-4
            title: 4 – Evidence Fails to Demonstrate Effect
            text: Forskningen visar ingen effekt.
            shared: ingen-effekt
            mapping: Registrets nivå för ett nollresultat.
            source: skala
    review:
      kind: interval
      years: 2
      text: Forskningen granskas igen ungefär vartannat år.
      source: skala
"""
VERSIONS = [
    {"id": "individuell", "title": "Individuell Alfa", "source": "s1"},
    {"id": "grupp", "title": "Alfa i grupp", "source": "s1"},
]
# A verdict that stands, made this year and checked recently (before the tests' day).
NULL_2026 = {
    "id": "cebc-2026",
    "registry": "registry/cebc",
    "version": "individuell",
    "rating": "4 – Evidence Fails to Demonstrate Effect",
    "level": "registry/cebc#niva-4",
    "finding": "ingen-skillnad",
    "date": "2026-03",
    "checked": "2026-11-01",
    "source": "s1",
}
# The verdict it replaced.
EFFECT_2019 = NULL_2026 | {
    "id": "cebc-2019",
    "rating": "1 – Well-Supported",
    "level": "registry/cebc#niva-1",
    "finding": "effekt",
    "date": "2019",
    "replaced_by": "cebc-2026",
}


def alfa(*verdicts: dict[str, Any]) -> str:
    return record("intervention", versions=VERSIONS, evidence=list(verdicts))


def problems_of(make_project: Callable[..., Project], *verdicts: dict[str, Any]) -> list[str]:
    project = make_project({"registry/cebc.yaml": CEBC, "intervention/alfa.yaml": alfa(*verdicts)})
    return [p.format() for p in check(project)[1]]


def place_of(text: str, *verdicts: dict[str, Any]) -> str:
    """`line:column` of the first `text` in Alfa's file (as `record` writes it)."""
    lines = alfa(*verdicts).splitlines()
    return next(f"{i}:{line.index(text) + 1}" for i, line in enumerate(lines, 1) if text in line)


def verdict_line(*verdicts: dict[str, Any], number: int = 1) -> str:
    """`line:column` of verdict `number`'s mapping (the first `- {id:` after `evidence:`)."""
    lines = alfa(*verdicts).splitlines()
    start = lines.index("evidence:") + number
    return f"{start + 1}:{lines[start].index('{') + 1}"


def test_a_current_verdict_and_the_one_it_replaced_pass(
    make_project: Callable[..., Project],
) -> None:
    assert problems_of(make_project, EFFECT_2019, NULL_2026) == []


@pytest.mark.parametrize(
    ("field", "value", "text", "expected"),
    [
        (
            "version",
            "gruppmodell",
            "gruppmodell",
            "'gruppmodell' finns inte i postens versions (menade du 'grupp'?)",
        ),
        (
            "replaced_by",
            "cebc-2030",
            "cebc-2030",
            "'cebc-2030' finns inte i postens evidence (menade du 'cebc-2026'?)",
        ),
        (
            "finding",
            "bra",
            "bra",
            "'bra' är inte ett tillåtet värde för 'finding'; tillåtna är "
            "'effekt', 'ingen-skillnad', 'negativ' eller 'otillrackligt'",
        ),
        ("date", "2019-13", "2019-13", "'2019-13' har fel form för 'date'"),
        ("registry", "cebc", "registry: cebc", "'cebc' har fel form för 'registry'"),
    ],
    ids=[
        "unknown-version",
        "unknown-replacement",
        "finding-not-in-vocabulary",
        "bad-date",
        "registry-by-name",
    ],
)
def test_a_verdict_names_a_listed_version_a_known_replacement_and_a_closed_finding(
    make_project: Callable[..., Project], field: str, value: str, text: str, expected: str
) -> None:
    broken = EFFECT_2019 | {field: value}
    place = place_of(text, broken, NULL_2026)
    if text.startswith("registry: "):
        line, column = place.split(":")
        place = f"{line}:{int(column) + len('registry: ')}"
    assert f"data/intervention/alfa.yaml:{place}: error: {expected}" in problems_of(
        make_project, broken, NULL_2026
    )


def test_a_verdicts_day_is_one_the_calendar_has(make_project: Callable[..., Project]) -> None:
    text = alfa(NULL_2026).replace("date: 2026-03,", 'date: "2019-06-31",')
    line, column = next(
        (i, row.index('"2019-06-31"') + 1)
        for i, row in enumerate(text.splitlines(), 1)
        if "2019-06-31" in row
    )
    project = make_project({"registry/cebc.yaml": CEBC, "intervention/alfa.yaml": text})
    assert [p.format() for p in check(project)[1]] == [
        f"data/intervention/alfa.yaml:{line}:{column}: error: '2019-06-31' är inget datum som "
        "finns i kalendern"
    ]


def test_a_verdict_without_date_or_edition_is_an_error_at_the_verdict(
    make_project: Callable[..., Project],
) -> None:
    undated = {k: v for k, v in NULL_2026.items() if k != "date"}
    assert problems_of(make_project, undated) == [
        f"data/intervention/alfa.yaml:{verdict_line(undated)}: error: bedömningen saknar både "
        "date och edition: ange när den gjordes (t.ex. 2018, 2018-05 eller 2018-05-03) eller "
        "utgåvans nummer"
    ]


def test_a_verdict_cannot_replace_itself(make_project: Callable[..., Project]) -> None:
    itself = NULL_2026 | {"replaced_by": "cebc-2026"}
    assert problems_of(make_project, itself) == [
        f"data/intervention/alfa.yaml:{verdict_line(itself)}: error: bedömningen 'cebc-2026' "
        "kan inte ersättas av sig själv (replaced_by)"
    ]


def test_two_verdicts_of_a_method_cannot_share_an_id(make_project: Callable[..., Project]) -> None:
    # replaced_by could not say which of the two it means: the second one is reported.
    again = NULL_2026 | {"version": "grupp"}
    text = alfa(NULL_2026, again).splitlines()
    second = [i for i, line in enumerate(text, 1) if "id: cebc-2026" in line][1]
    column = text[second - 1].index("cebc-2026") + 1
    assert problems_of(make_project, NULL_2026, again) == [
        f"data/intervention/alfa.yaml:{second}:{column}: error: bedömningen 'cebc-2026' finns "
        "redan i posten (ge varje bedömning i evidence ett eget id, t.ex. registrets namn och "
        "året; replaced_by pekar ut en bedömning med dess id)"
    ]


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("checked", TOMORROW.isoformat()),
        ("date", TOMORROW.isoformat()),
        ("date", TOMORROW.strftime("%Y-%m") if TOMORROW.day == 1 else str(TODAY.year + 1)),
    ],
    ids=["checked-tomorrow", "made-tomorrow", "made-in-a-later-month-or-year"],
)
def test_a_verdict_is_neither_made_nor_checked_after_the_build_day(
    make_project: Callable[..., Project], field: str, day: str
) -> None:
    ahead = NULL_2026 | {field: day}
    at = place_of(f'"{day}"', ahead)  # a quoted date is where its quote is
    assert problems_of(make_project, ahead) == [
        f"data/intervention/alfa.yaml:{at}: error: datumet {day} ligger efter byggets dag, "
        f"{TODAY.isoformat()} (skriv den dag det hände; byggets dag är dagens datum, eller "
        "dagen i SOURCE_DATE_EPOCH när den är satt)"
    ]


def test_a_year_or_month_is_after_the_build_day_only_when_all_of_it_is(
    make_project: Callable[..., Project],
) -> None:
    for day in (str(TODAY.year), TODAY.strftime("%Y-%m"), TODAY.isoformat()):
        assert problems_of(make_project, NULL_2026 | {"date": day}) == []


def test_a_verdict_of_a_registry_with_a_scale_names_its_level(
    make_project: Callable[..., Project],
) -> None:
    levelless = {k: v for k, v in NULL_2026.items() if k != "level"}
    assert problems_of(make_project, levelless) == [
        f"data/intervention/alfa.yaml:{verdict_line(levelless)}: error: bedömningen saknar "
        "level, fast registry/cebc har en skala (ange nivån på registrets skala, t.ex. "
        "level: registry/cebc#niva-1)"
    ]


def test_what_a_verdict_found_agrees_with_its_level(make_project: Callable[..., Project]) -> None:
    # CEBC's level 4 is its level for no effect: it cannot be shown as a finding of effect.
    effect_at_null = NULL_2026 | {"finding": "effekt"}
    line, column = place_of("finding: effekt", effect_at_null).split(":")
    assert problems_of(make_project, effect_at_null) == [
        f"data/intervention/alfa.yaml:{line}:{int(column) + len('finding: ')}: error: "
        "finding 'effekt' stämmer inte med nivån registry/cebc#niva-4, som tillåter: "
        "ingen-skillnad"
    ]


# A registry whose scale grades how certain a result is, whatever it is (as SBU's GRADE).
GRADE = """
    id: sbu
    title: SBU
    summary: En myndighet som graderar resultatens tillförlitlighet.
    reviewed: 2026-11-01
    sources:
      - {id: grade, title: GRADE, url: https://sbu.example/grade}
    name: Statens beredning för medicinsk och social utvärdering
    publisher: {text: SBU., source: grade}
    country: se
    url: https://sbu.example/
    rates: {text: Insatser i socialtjänsten., source: grade}
    scales:
      - id: grade
        title: Tillförlitlighet enligt GRADE
        source: grade
        certainty: true
        levels:
          - id: hog
            title: Hög tillförlitlighet
            text: Resultatet stämmer.
            shared: stark
            mapping: Den högsta nivån.
            source: grade
          - id: lag
            title: Låg tillförlitlighet
            text: Det är möjligt att resultatet stämmer.
            shared: begransad
            mapping: Den lägsta nivån där resultatet kan läsas.
            source: grade
          - id: mycket-lag
            title: Mycket låg tillförlitlighet
            text: Det går inte att bedöma om resultatet stämmer.
            shared: otillrackligt
            mapping: Resultatet kan inte bedömas.
            source: grade
    review: {kind: unknown, text: Inget intervall.}
"""
# SBU's verdict on ÖPP: limited support (low certainty) that the method makes no difference.
LOW_CERTAINTY_NULL = NULL_2026 | {
    "id": "sbu-2015",
    "registry": "registry/sbu",
    "rating": "Låg tillförlitlighet",
    "level": "registry/sbu#lag",
    "date": "2015",
}


def graded(make_project: Callable[..., Project], *verdicts: dict[str, Any]) -> Project:
    return make_project(
        {
            "registry/sbu.yaml": GRADE,
            "registry/cebc.yaml": CEBC,
            "intervention/alfa.yaml": alfa(*verdicts),
        }
    )


def test_a_null_or_negative_result_of_any_certainty_stands_on_a_scale_of_certainty(
    make_project: Callable[..., Project],
) -> None:
    harmful = LOW_CERTAINTY_NULL | {
        "id": "sbu-2016",
        "finding": "negativ",
        "level": "registry/sbu#hog",
    }
    project = graded(make_project, LOW_CERTAINTY_NULL, harmful)
    assert [p.format() for p in check(project)[1]] == []
    # It stands with what it found, not as limited support for an effect.
    method = json.loads(generate(project).files["data/insatser.json"])["methods"][0]
    assert [v["shared"] for v in method["evidence"]] == ["ingen-effekt", "negativ"]


def test_a_result_too_uncertain_to_read_is_insufficient_on_a_scale_of_certainty(
    make_project: Callable[..., Project],
) -> None:
    very_low = LOW_CERTAINTY_NULL | {"level": "registry/sbu#mycket-lag"}
    line, column = place_of("finding: ingen-skillnad", very_low).split(":")
    assert [p.format() for p in check(graded(make_project, very_low))[1]] == [
        f"data/intervention/alfa.yaml:{line}:{int(column) + len('finding: ')}: error: "
        "finding 'ingen-skillnad' stämmer inte med nivån registry/sbu#mycket-lag, som "
        "tillåter: otillrackligt"
    ]


def test_a_verdict_older_than_the_registrys_interval_or_unchecked_for_a_year_is_a_warning(
    make_project: Callable[..., Project],
) -> None:
    # The month before the one two years back has ended more than two years ago.
    month = dt.date(TODAY.year - 2, TODAY.month, 1) - dt.timedelta(days=1)
    date, checked = month.strftime("%Y-%m"), OVER_A_YEAR_AGO.isoformat()
    old = NULL_2026 | {"date": date, "checked": checked}
    at = place_of(f'"{checked}"', old)  # a quoted date is where its quote is
    assert problems_of(make_project, old) == [
        f"data/intervention/alfa.yaml:{place_of(date, old)}: warning: bedömningen från "
        f"{date} är äldre än registrets omprövningsintervall (2 år): registret kan ha bedömt "
        "insatsen igen (läs registrets sida; finns en nyare bedömning, lägg till den och skriv "
        "dess id i replaced_by här, annars sätt checked till dagens datum)",
        f"data/intervention/alfa.yaml:{at}: warning: bedömningen "
        f"kontrollerades senast {checked} mot registrets sida, för mer än 12 månader sedan "
        "(läs bedömningen på registrets sida och sätt checked till dagens datum)",
    ]


def test_an_old_verdict_read_at_the_registry_after_its_interval_is_flagged_but_no_warning(
    make_project: Callable[..., Project],
) -> None:
    # CEBC re-reviews every two years: a 2020 verdict ran out at the end of 2022. Read on the
    # registry's page after that and found still current, the editor has nothing left to do.
    read_after = NULL_2026 | {"date": "2020", "checked": "2026-11-01"}
    assert problems_of(make_project, read_after) == []
    page = generated(make_project, read_after)["insatser/alfa.md"]
    assert "**Kan vara inaktuell: äldre än registrets omprövningsintervall.**" in page, (
        "the reader is still told that the registry is behind its own cycle"
    )
    # Read on the day it ran out is not after: the registry may have judged it since.
    read_on_due = NULL_2026 | {"date": "2020", "checked": "2022-12-31"}
    assert [p.split(": warning: ")[1][:30] for p in problems_of(make_project, read_on_due)] == [
        "bedömningen från 2020 är äldre",
        "bedömningen kontrollerades sen",
    ]


def test_a_verdict_counts_as_old_only_when_every_day_its_date_can_mean_is(
    make_project: Callable[..., Project],
) -> None:
    # The month two years back ends two years before this month ends, after the tests' day.
    two_years_back = f"{TODAY.year - 2}-{TODAY.month:02d}"
    assert problems_of(make_project, NULL_2026 | {"date": two_years_back}) == []
    assert problems_of(make_project, NULL_2026 | {"checked": A_YEAR_AGO.isoformat()}) == []
    # A replaced verdict is history: it is never stale.
    assert problems_of(make_project, EFFECT_2019, NULL_2026) == []


def generated(make_project: Callable[..., Project], *verdicts: dict[str, Any]) -> dict[str, str]:
    project = make_project({"registry/cebc.yaml": CEBC, "intervention/alfa.yaml": alfa(*verdicts)})
    return generate(project).files


def test_the_page_shows_a_null_finding_first_and_the_replaced_verdict_as_history(
    make_project: Callable[..., Project],
) -> None:
    page = generated(make_project, EFFECT_2019, NULL_2026)["insatser/alfa.md"]
    glance = page[page.index("I korthet") : page.index("## Upplägg")]
    assert (
        "CEBC: Ingen skillnad mot jämförelsen – 4 – Evidence Fails to Demonstrate Effect "
        "(2026-03)" in glance
    )
    assert "Well-Supported" not in glance
    current = page[page.index("{ #evidens }") : page.index("Tidigare bedömningar")]
    assert "**Ingen skillnad mot jämförelsen**: " in current and "cebc" in current
    assert "#niva-4" in current
    assert "Gäller: Individuell Alfa." in current
    assert "Bedömd 2026-03. Kontrollerad mot registret 2026-11-01." in current
    assert "Registret omprövar: Vart 2:e år." in current
    history = page[page.index("Tidigare bedömningar") :]
    assert "**Visar effekt**: 1 – Well-Supported." in history
    assert "Ersatt av 4 – Evidence Fails to Demonstrate Effect (2026-03)." in history


def test_a_stale_verdict_is_flagged_on_the_page_and_the_maintenance_page(
    make_project: Callable[..., Project],
) -> None:
    old = NULL_2026 | {"date": "2020", "checked": "2025-01-15"}
    files = generated(make_project, old)
    page = files["insatser/alfa.md"]
    assert "(**Kan vara inaktuell**)" in page
    assert (
        "**Kan vara inaktuell: äldre än registrets omprövningsintervall, inte kontrollerad "
        "mot registret på 12 månader.**"
    ) in page
    maintenance = files["underhall.md"]
    rows = maintenance[maintenance.index("## Bedömningar att kontrollera") :]
    assert "4 – Evidence Fails to Demonstrate Effect (2020)" in rows
    assert '<time datetime="2025-01-15">2025-01-15</time>' in rows
    assert "äldre än registrets omprövningsintervall, inte kontrollerad" in rows
    fresh = generated(make_project, NULL_2026)["underhall.md"]
    assert "Ingen gällande bedömning behöver kontrolleras." in fresh


def test_the_open_data_give_each_verdict_its_shared_level_standing_and_flags(
    make_project: Callable[..., Project],
) -> None:
    old = NULL_2026 | {"checked": "2025-01-15"}
    files = generated(make_project, EFFECT_2019, old)
    method = json.loads(files["data/insatser.json"])["methods"][0]
    replaced, current = method["evidence"]
    assert (replaced["current"], replaced["shared"], replaced["flags"]) == (False, "stark", [])
    assert (current["current"], current["shared"], current["flags"]) == (
        True,
        "ingen-effekt",
        ["ej-kontrollerad"],
    )
    assert current["registry_name"] == "CEBC" and current["version"] == "individuell"
    assert method["findings"] == ["ingen-skillnad"]
    assert method["facets"]["evidens"] == [
        "ingen-skillnad",
        "cebc-4-evidence-fails-to-demonstrate-effect",
    ]
    row = next(csv.DictReader(io.StringIO(files["data/insatser.csv"])))
    assert (
        row["evidence"]
        == "CEBC: 4 – Evidence Fails to Demonstrate Effect (2026-03; ingen-skillnad)"
    )
    assert row["findings"] == "ingen-skillnad"
    assert row["evidence_flags"] == "CEBC: ej-kontrollerad"
    schema = json.loads(files["data/insatser.schema.json"])
    verdict = schema["$defs"]["Bedomning"]["properties"]
    assert {"registry", "version", "level", "shared", "date", "checked", "finding", "flags"} <= set(
        verdict
    )
