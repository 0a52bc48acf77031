"""Rendering: typed records become Markdown pages, navigation and schema files."""

import json
from collections.abc import Callable

from conftest import record

from generator.checking.check import check
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.rendering import render
from generator.rendering.nav import NAV_LIMIT
from generator.site.engine.generation import generate
from generator.types.intervention import Intervention


def test_every_record_gets_a_page_at_its_stable_address(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project()).files
    for path in [
        "insatser/alfa.md",
        "implementering/start.md",
        "steg.md",
        "utbildning/kurs.md",
        "insatser/index.md",
        "implementering/index.md",
        "utbildning/index.md",
        "redaktorer/falt.md",
    ]:
        assert path in files


def test_links_are_relative_and_point_at_anchors(make_project: Callable[..., Project]) -> None:
    files = generate(make_project()).files
    course = files["utbildning/kurs.md"]
    assert '<a href="../../steg/#fraga">Formulera en fråga</a>' in course
    link = '<a href="../../implementering/start/#behov-kartlagt">Behoven är kartlagda.</a>'
    assert link in course
    assert "### Formulera en fråga { #fraga }" in files["steg.md"].replace("1. ", "")


def test_backlinks_list_the_records_that_point_here(make_project: Callable[..., Project]) -> None:
    page = generate(make_project()).files["insatser/alfa.md"]
    backlinks = page.split("## Refereras från")[1].split("##")[0]
    assert '<li><a href="../../steg/">Steg för steg</a></li>' in backlinks


def test_links_have_the_addresses_of_the_sites_url_scheme(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "use_directory_urls: false\n", encoding="utf-8")
    page = generate(project).files["insatser/alfa.md"]
    assert '<a href="../steg.html">Steg för steg</a>' in page


def test_a_record_lists_the_curricula_that_teach_it_once_with_the_module(
    make_project: Callable[..., Project],
) -> None:
    page = generate(make_project()).files["insatser/alfa.md"]
    courses = page.split("## Används i utbildningar { #utbildningar }")[1].split("##")[0]
    course, module = "../../utbildning/kurs/", "../../utbildning/kurs/#modul-1"
    assert f'<a href="{course}">En kurs</a> – <a href="{module}">Fråga</a>' in courses
    assert "En kurs" not in page.split("## Refereras från")[1].split("##")[0]


def test_facts_cite_their_numbered_source(make_project: Callable[..., Project]) -> None:
    page = generate(make_project()).files["insatser/alfa.md"]
    assert 'Föräldrar till barn 3–12 år <sup><a href="#kalla-s1">[1]</a></sup>' in page
    assert "**Källa ett**{ #kalla-s1 }, 2005. <https://example.org/a>" in page


HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> {: onclick="alert(3)" } '
    "[klick](javascript:alert(4)) [ref]: data:text/html,x"
)


def test_record_text_cannot_inject_markup(make_project: Callable[..., Project]) -> None:
    project = make_project(
        {
            "process/steg.yaml": record(
                "process",
                title=HOSTILE,
                summary=HOSTILE,
                keywords=[HOSTILE],
                description=HOSTILE,
                steps=[
                    {"id": "fraga", "title": HOSTILE, "text": HOSTILE, "questions": [HOSTILE]},
                    {"id": "sok", "title": "Sök"},
                ],
                sources=[{"id": "s1", "title": HOSTILE}],
            )
        }
    )
    rendered = generate(project)
    _, front_matter, body = rendered.files["steg.md"].split("---\n", 2)
    for needle in ["<script", "<img", "{: onclick", "](javascript:", "\n[ref]: data:"]:
        assert needle not in body
    assert "&#123;: onclick" in body
    assert "[klick]\\(javascript:alert(4))" in body  # shown as text, not a link
    assert "<" not in front_matter and '\\"' not in front_matter
    titles = json.dumps(rendered.nav, ensure_ascii=False)
    assert "<script" not in titles and "&lt;script&gt;" in titles


def test_large_sections_keep_record_pages_out_of_the_navigation(
    make_project: Callable[..., Project],
) -> None:
    records, _ = check(make_project())
    alfa = next(r for r in records if r.id == "alfa")
    many = [
        Intervention.model_validate({**alfa.model_dump(), "id": f"m{i}", "related": []})
        for i in range(NAV_LIMIT)
    ]
    rendered = render(KnowledgeBase([*records, *many]), ["index.md"])
    insatser = next(e["Insatser"] for e in rendered.nav if isinstance(e, dict) and "Insatser" in e)
    assert insatser == [
        "insatser/index.md",
        {"Hitta en insats": "hitta.md"},
        {"Jämför insatser": "jamfor.md"},
    ]
    hidden_methods = [path for path in rendered.not_in_nav if path.startswith("insatser/")]
    assert len(hidden_methods) == NAV_LIMIT + 1  # alfa and the many
    assert "insatser/m39.md" in rendered.files


def test_schemas_are_exported_for_every_type(make_project: Callable[..., Project]) -> None:
    files = generate(make_project()).files
    schema = json.loads(files["schemas/intervention.schema.json"])
    assert schema["additionalProperties"] is False
    assert "description" in schema["required"] and "target_group" not in schema["required"]
    assert (
        "| `target_group` | [Uppgift med källa](#intervention-fact) | nej |"
        in files["redaktorer/falt.md"]
    )
