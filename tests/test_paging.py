"""Listings stay bounded: a catalogue of many records is split into pages with a pager."""

from collections.abc import Callable

from generator.checking.check import check
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.rendering import render
from generator.rendering.context import PAGE_SIZE, page_paths
from generator.rendering.links import LINKS_PER_PAGE
from generator.types.intervention import Intervention


def many_interventions(project: Project, count: int) -> KnowledgeBase:
    records, _ = check(project)
    alfa = next(r for r in records if r.id == "alfa")
    clones = [
        Intervention.model_validate(
            {**alfa.model_dump(), "id": f"m{i:03}", "title": f"Metod {i:03}", "related": []}
        )
        for i in range(count)
    ]
    return KnowledgeBase([*records, *clones])


def test_page_paths_follow_the_listing() -> None:
    assert page_paths("insatser/index.md", 3) == [
        "insatser/index.md",
        "insatser/sida-2.md",
        "insatser/sida-3.md",
    ]
    assert page_paths("underhall.md", 2) == ["underhall.md", "underhall/sida-2.md"]


def test_a_large_catalogue_is_split_into_linked_pages(make_project: Callable[..., Project]) -> None:
    kb = many_interventions(make_project(), 2 * PAGE_SIZE + 10)
    rendered = render(kb, ["index.md"])
    first, second, third = (rendered.files[p] for p in page_paths("insatser/index.md", 3))
    assert first.count("\n| <a ") == PAGE_SIZE
    assert third.count("\n| <a ") == 11  # 2 × PAGE_SIZE + 10 clones and Alfa
    assert "Sida 1 av 3 · [Nästa sida](sida-2.md)" in first
    assert "[Föregående sida](index.md) · [Nästa sida](sida-3.md)" in second
    assert "**3**" in third and "[1](index.md)" in third
    assert {"insatser/sida-2.md", "insatser/sida-3.md"} <= set(rendered.not_in_nav)
    assert "sida-2" not in str(rendered.nav)


def test_a_small_catalogue_has_no_pager(make_project: Callable[..., Project]) -> None:
    rendered = render(many_interventions(make_project(), 3), ["index.md"])
    assert "kb-pager" not in rendered.files["insatser/index.md"]
    assert "insatser/sida-2.md" not in rendered.files


def test_the_trainers_address_list_is_paged_but_keeps_its_groups(
    make_project: Callable[..., Project],
) -> None:
    rendered = render(many_interventions(make_project(), LINKS_PER_PAGE), ["index.md"])
    first, second = rendered.files["lankar.md"], rendered.files["lankar/sida-2.md"]
    assert first.count("\n| ") - first.count("\n| ---") - first.count("\n| Namn") == LINKS_PER_PAGE
    assert "Sida 2 av 2" in second and "[Föregående sida](../lankar.md)" in second
    assert "## " in second  # rows on a later page still sit under their kind's heading
