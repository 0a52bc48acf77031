"""Issue 27 item 4: what our sources do not say is said, never an empty cell. In the catalogue
(/insatser/) a method without a sourced value reads "Uppgift saknas i våra källor." in that
column, so that "unknown" is never taken for "does not apply"; in the finder (/hitta/) each
"Uppgift saknas" option says beside it which methods it selects."""

from __future__ import annotations

import re
from collections.abc import Callable

from conftest import record

from generator.locale import strings
from generator.reading.project import Project
from generator.site.engine.generation import generate

MISSING = "Uppgift saknas i våra källor."


def catalogue_row(page: str, first: str) -> list[str]:
    """The cells of the catalogue's row whose first cell starts with `first`."""
    (row,) = [line for line in page.splitlines() if line.startswith(f"| {first}")]
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_a_method_our_sources_say_little_about_reads_uppgift_saknas_in_the_catalogue(
    make_project: Callable[..., Project],
) -> None:
    beta = record(
        "intervention", "beta", title="Beta", ages=None, arenas=None, formats=None, duration=None
    )
    page = generate(make_project({"intervention/beta.yaml": beta})).files["insatser/index.md"]
    assert catalogue_row(page, "Insats |")[2:] == ["Ålder", "Arena", "Form", "Längd"]
    assert catalogue_row(page, '<a href="beta/">')[2:] == [MISSING] * 4
    assert catalogue_row(page, '<a href="alfa/">')[2:] == [
        "3–12 år",
        "Hemmet",
        "Familj",
        "20–30 träffar",
    ]


def test_every_uppgift_saknas_option_in_the_finder_says_what_it_selects(
    make_project: Callable[..., Project],
) -> None:
    finder = strings()["finder"]
    page = generate(make_project()).files["hitta.md"]
    options = re.findall(r'<input type="checkbox" name="(\w+)" value="saknas"([^>]*)>', page)
    assert [facet for facet, _ in options] == [
        "problem",
        "arena",
        "form",
        "intensitet",
        "langd",
        "evidens",
        "utbildning",
        "kostnad",
    ]
    for facet, attributes in options:
        hint = f"kb-{facet}-saknas-hint"
        assert f'aria-describedby="{hint}"' in attributes
        text = finder["no_rating_hint"] if facet == "evidens" else finder["missing_hint"]
        assert f'<p id="{hint}" class="kb-hint kb-missing-hint">{text}</p>' in page
    assert finder["missing_hint"].endswith("inte insatser där svaret är nej.")
