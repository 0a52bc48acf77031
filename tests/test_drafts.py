"""Drafts: a record marked `draft: true`, or still holding what `kb new` wrote, is reported,
and a draft reaches no reader: no page, no finder entry, no open data; only the editorial
team's maintenance page lists it."""

from __future__ import annotations

import json
from collections.abc import Callable

from conftest import MINIMAL
from running_kb import kb_here

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate

DRAFT = """
    id: beta
    title: Beta – halvfärdig
    summary: En insats som skrivs.
    reviewed: 2026-01-15
    draft: true
    description: TODO skriv beskrivningen
    sources:
      - {id: s1, title: Källa ett, url: "https://example.org/"}
"""


def test_every_placeholder_and_the_draft_mark_are_located_warnings(
    make_project: Callable[..., Project],
) -> None:
    project = make_project({"intervention/beta.yaml": DRAFT})
    _, problems = check(project)
    _, from_the_cache = check(project)  # the file unchanged: read from .kb/cache this time
    assert [p.format() for p in from_the_cache] == [p.format() for p in problems]
    assert [p.format() for p in problems] == [
        "data/intervention/beta.yaml:5:1: warning: posten är ett utkast och publiceras inte "
        "(ta bort raden draft: true när posten är klar)",
        "data/intervention/beta.yaml:6:14: warning: platshållaren 'TODO skriv beskrivningen' "
        "från kb new står kvar (skriv in den riktiga uppgiften eller ta bort fältet)",
        "data/intervention/beta.yaml:8:37: warning: platshållaren 'https://example.org/' från "
        "kb new står kvar (skriv in den riktiga uppgiften eller ta bort fältet)",
    ]


def test_strict_check_fails_on_an_unedited_template(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    assert kb_here(project, "new", "intervention", "gamma").returncode == 0
    assert kb_here(project, "check").returncode == 0
    strict = kb_here(project, "check", "--strict")
    assert strict.returncode == 1
    assert "data/intervention/gamma.yaml:10:1: error: posten är ett utkast" in strict.stderr


def test_a_published_record_may_not_link_to_a_draft(make_project: Callable[..., Project]) -> None:
    draft = DRAFT.replace("TODO skriv beskrivningen", "Om Beta.").replace(
        'url: "https://example.org/"', "year: 2020"
    )
    process = MINIMAL["process/steg.yaml"].replace(
        "related: [intervention/alfa]", "related: [intervention/beta]"
    )
    _, problems = check(
        make_project({"intervention/beta.yaml": draft, "process/steg.yaml": process})
    )
    errors = [p.format() for p in problems if p.severity == "error"]
    assert errors == [
        "data/process/steg.yaml:7:54: error: 'intervention/beta' är ett utkast och publiceras "
        "inte, så länken skulle inte leda någonstans (publicera intervention/beta först (ta "
        "bort draft: true där) eller ta bort hänvisningen)"
    ]


def test_a_draft_has_no_page_no_finder_entry_no_open_data_but_is_listed_for_editors(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project({"intervention/beta.yaml": DRAFT})).files
    assert "insatser/beta.md" not in files
    assert "beta" not in {m["id"] for m in json.loads(files["data/insatser.json"])["methods"]}
    assert "Beta" not in files["data/insatser.csv"] and "Beta" not in files["insatser/index.md"]
    maintenance = files["underhall.md"]
    assert "## Utkast" in maintenance
    assert "| Beta – halvfärdig | Insatser | `data/intervention/beta.yaml` |" in maintenance
