"""Roles and costs a municipality can act on (issue 25, item 4): who developed the method, who
holds its licence or coordinates it in each country and who trains in it or gives it are
separate fields under their own headings; each amount carries its ISO 4217 currency, its
price year (or `null` where the source gives none, which the page then says) and what it
covers, and shows so on the method's page, in the comparison's data and in the open data."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate

SOURCES = [{"id": "s1", "title": "Källa ett"}, {"id": "pris", "title": "Prislista"}]
COURSE = {
    "amount": 2500,
    "currency": "SEK",
    "year": 2026,
    "covers": "utbildning per person",
    "note": "Utan moms.",
    "source": "pris",
}
LICENCE = {
    "amount": 500,
    "up_to": 999,
    "currency": "GBP",
    "year": None,
    "covers": "enhetskostnad per barn",
    "source": "pris",
}
ROLES: dict[str, Any] = {
    "developer": {"text": "Utvecklad vid ett universitet i Norge.", "source": "s1"},
    "coordinators": [
        {"country": "no", "text": "Ett nationellt senter i Norge.", "source": "s1"},
        {"country": "se", "text": "Ett kompetenscentrum i Sverige.", "source": "s1"},
    ],
    "providers": [{"text": "En förening utbildar gruppledare.", "source": "s1"}],
}


def alfa(**fields: Any) -> str:
    """Alfa's YAML with `fields`; a price year None is written as editors write it, `null`."""
    return record("intervention", sources=SOURCES, **fields).replace("year: None", "year: null")


def problems_of(make_project: Callable[..., Project], text: str) -> list[str]:
    return [p.format() for p in check(make_project({"intervention/alfa.yaml": text}))[1]]


def place(text: str, found: str, occurrence: int = 0) -> str:
    """`line:column` of `found` (its `occurrence`th line) in a record's text."""
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if found in line]
    line, row = lines[occurrence]
    return f"{line}:{row.index(found) + 1}"


def test_roles_and_amounts_with_their_currencies_and_price_years_pass(
    make_project: Callable[..., Project],
) -> None:
    assert problems_of(make_project, alfa(costs=[COURSE, LICENCE], **ROLES)) == []


def test_a_currency_is_an_iso_4217_code(make_project: Callable[..., Project]) -> None:
    text = alfa(costs=[COURSE | {"currency": "SKR"}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, 'SKR')}: error: 'SKR' är ingen valutakod "
        "enligt ISO 4217; skriv koden med tre versaler, t.ex. SEK, NOK, DKK, EUR, USD eller GBP"
    ]


def test_an_amount_says_its_price_year_or_that_the_source_gives_none(
    make_project: Callable[..., Project],
) -> None:
    undated = {k: v for k, v in COURSE.items() if k != "year"}
    text = alfa(costs=[undated])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, '{amount')}: error: fältet 'year' saknas"
    ]
    text = alfa(costs=[COURSE | {"year": 26}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, '26,')}: error: 'year' måste vara minst 1950"
    ]


def test_an_amount_is_whole_and_not_negative_and_a_range_rises(
    make_project: Callable[..., Project],
) -> None:
    text = alfa(costs=[COURSE | {"amount": -5}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, '-5')}: error: 'amount' måste vara minst 0"
    ]
    text = alfa(costs=[LICENCE | {"up_to": 500}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, '{amount')}: error: up_to (500) ska vara "
        "större än amount (500) i ett spann"
    ]


def test_an_amount_says_what_it_covers(make_project: Callable[..., Project]) -> None:
    text = alfa(costs=[{k: v for k, v in COURSE.items() if k != "covers"}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, '{amount')}: error: fältet 'covers' saknas"
    ]


def test_a_licence_holder_or_coordinator_names_a_nordic_country(
    make_project: Callable[..., Project],
) -> None:
    text = alfa(coordinators=[{"country": "us", "text": "Ett institut.", "source": "s1"}])
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, 'us,')}: error: 'us' är inte ett tillåtet "
        "värde för 'country'; tillåtna är 'se', 'no', 'dk', 'fi' eller 'is' (menade du 'se'?)"
    ]


def test_the_old_mixed_owner_field_is_refused_where_it_is_written(
    make_project: Callable[..., Project],
) -> None:
    text = alfa(owner={"text": "Programägare och utbildare.", "source": "s1"})
    assert problems_of(make_project, text) == [
        f"data/intervention/alfa.yaml:{place(text, 'owner')}: error: okänt fält 'owner'"
    ]


def test_the_page_shows_each_role_under_its_heading_the_swedish_coordinator_first(
    make_project: Callable[..., Project],
) -> None:
    page = generate(make_project({"intervention/alfa.yaml": alfa(**ROLES)})).files[
        "insatser/alfa.md"
    ]
    roles = page.split("## Vem står bakom metoden { #roller }")[1].split("\n## ")[0]
    assert roles.index("### Utvecklare och programägare") < roles.index(
        "Utvecklad vid ett universitet i Norge."
    )
    coordinators = roles.split("### Licensinnehavare och nationell samordning")[1]
    assert coordinators.index("- Sverige: Ett kompetenscentrum i Sverige.") < coordinators.index(
        "- Norge: Ett nationellt senter i Norge."
    )
    # A list of plain lines leaves the generator as the HTML Markdown would make of it.
    assert re.search(
        r"### Utbildare och utförare \{ #utbildare \}\n\n(- |<ul>\n<li>)En förening utbildar", roles
    )


def test_a_page_says_when_no_source_names_a_role_in_sweden(
    make_project: Callable[..., Project],
) -> None:
    norwegian = ROLES["coordinators"][:1]
    page = generate(make_project({"intervention/alfa.yaml": alfa(coordinators=norwegian)})).files[
        "insatser/alfa.md"
    ]
    assert "Våra källor anger inte vem som har utvecklat metoden." in page
    assert "Våra källor anger ingen licensinnehavare eller nationell samordnare i Sverige." in page
    assert "Våra källor anger inga utbildare eller utförare." in page


def test_the_page_shows_each_amount_with_its_currency_price_year_and_what_it_covers(
    make_project: Callable[..., Project],
) -> None:
    page = generate(make_project({"intervention/alfa.yaml": alfa(costs=[COURSE, LICENCE])})).files[
        "insatser/alfa.md"
    ]
    costs = page.split('kb-fact-label">Kostnader</span>')[1].split("</div>")[0]
    assert (
        "Utbildning per person: 2 500 SEK (prisår 2026). Utan moms. "
        '<sup><a href="#kalla-pris">[2]</a></sup> '
        "Enhetskostnad per barn: 500–999 GBP (prisår anges inte i källan)."
    ) in costs


def test_the_open_data_give_each_amount_its_currency_price_year_and_shown_line(
    make_project: Callable[..., Project],
) -> None:
    files = generate(
        make_project({"intervention/alfa.yaml": alfa(costs=[COURSE, LICENCE], **ROLES)})
    ).files
    method = json.loads(files["data/insatser.json"])["methods"][0]
    assert method["costs"][1] == LICENCE | {
        "approximate": False,
        "note": "",
        "shown": "Enhetskostnad per barn: 500–999 GBP (prisår anges inte i källan).",
    }
    assert [c["country"] for c in method["coordinators"]] == ["no", "se"]
    assert method["developer"]["source"] == "s1" and method["providers"][0]["source"] == "s1"
    schema = json.loads(files["data/insatser.schema.json"])
    cost = schema["$defs"]["Kostnad"]
    assert {"amount", "currency", "year", "covers", "source"} <= set(cost["required"])
    row = next(csv.DictReader(io.StringIO(files["data/insatser.csv"])))
    assert row["costs"] == (
        "Utbildning per person: 2 500 SEK (prisår 2026). Utan moms.; "
        "Enhetskostnad per barn: 500–999 GBP (prisår anges inte i källan)."
    )
    assert row["coordinators"] == (
        "no: Ett nationellt senter i Norge.; se: Ett kompetenscentrum i Sverige."
    )
    package = json.loads(files["data/datapackage.json"])
    columns = [
        field["name"]
        for resource in package["resources"]
        if resource["path"].endswith(".csv")
        for field in resource["schema"]["fields"]
    ]
    assert {"costs", "cost_note", "developer", "coordinators", "providers"} <= set(columns)
