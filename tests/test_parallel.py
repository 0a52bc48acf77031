"""Work shared with a second core gives exactly the results of doing it in one process."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable

import pytest
from conftest import record
from hypothesis import given
from hypothesis import strategies as st

from generator import parallel
from generator.checking.check import check
from generator.reading.load import load_data
from generator.reading.project import Project
from generator.rendering.context import relative
from generator.rendering.generated_addresses import generated_addresses
from generator.site.engine.generation import generate
from generator.types import RECORD_TYPES


@pytest.fixture
def small_lists_in_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)


def test_both_halves_come_back_in_order(small_lists_in_two: None) -> None:
    results = parallel.split_map(lambda n: (n * n, os.getpid()), range(10))
    assert [square for square, _ in results] == [n * n for n in range(10)]
    # On a machine with two cores the second half was done by another process.
    assert len({pid for _, pid in results}) == (2 if parallel.can_fork() else 1)


def test_a_child_shares_its_own_work_as_the_parent_does(small_lists_in_two: None) -> None:
    """kb build generates in a child, whose loading and rendering are shared again."""
    child = parallel.Child(lambda send: send(parallel.split_map(lambda n: n * n, range(10))))
    try:
        assert child.receive() == [n * n for n in range(10)]
    finally:
        child.close()


def test_an_error_in_the_second_half_is_raised_here(small_lists_in_two: None) -> None:
    def fail_on_eight(n: int) -> int:
        if n == 8:
            raise ValueError("åtta")
        return n

    with pytest.raises(ValueError, match="åtta"):
        parallel.split_map(fail_on_eight, range(10))


def test_loading_in_two_gives_the_same_documents_and_problems(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {f"term/t{i}.yaml": f"id: t{i}\ntitle: Begrepp\n{'x: 1' * (i % 3)}\n" for i in range(12)}
    )
    one = load_data(project.data_dir, project.root, list(RECORD_TYPES))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    two = load_data(project.data_dir, project.root, list(RECORD_TYPES))
    assert [(d.path, d.data) for d in one[0]] == [(d.path, d.data) for d in two[0]]
    assert one[1] == two[1]


def test_files_read_before_and_files_to_parse_load_alike_in_one_process_and_two(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files whose cache entry is known are finished in this process, the rest are parsed
    in two; the documents come back in the order of the files all the same."""
    project = make_project(
        {f"term/t{i}.yaml": f"id: t{i}\ntitle: Begrepp {i}\n" for i in range(12)}
    )
    documents, _ = load_data(project.data_dir, project.root, list(RECORD_TYPES))
    known = {d.digest: d.kept for d in documents if d.digest}
    for i in (1, 4, 5, 9):  # changed since: to be parsed again, the last with an error
        broken = "title: [\n" if i == 9 else f"title: Ändrat {i}\n"
        (project.data_dir / "term" / f"t{i}.yaml").write_text(
            f"id: t{i}\n{broken}", encoding="utf-8"
        )
    one = load_data(project.data_dir, project.root, list(RECORD_TYPES), known=known)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    two = load_data(project.data_dir, project.root, list(RECORD_TYPES), known=known)
    assert [(d.path, d.data) for d in two[0]] == [(d.path, d.data) for d in one[0]]
    terms = [d.data for d in two[0] if d.record_type == "term"]
    assert [term and term["title"] for term in terms][:6] == [
        "Begrepp 0",
        "Ändrat 1",
        "Begrepp 10",
        "Begrepp 11",
        "Begrepp 2",
        "Begrepp 3",
    ]
    assert two[1] == one[1]
    assert [problem.path for problem in two[1]] == ["data/term/t9.yaml"]


# Folders and files never share a name in a tree, so folders here never end in .md.
_FOLDER = st.sampled_from(["a", "b", "insatser", "sida-2"])


@given(
    st.lists(_FOLDER, max_size=3),
    st.lists(_FOLDER, max_size=3),
    st.sampled_from(["index.md", "p.md", "a.json"]),
    st.sampled_from(["index.md", "p.md"]),
)
def test_relative_links_are_those_of_relpath(
    source: list[str], target: list[str], source_file: str, target_file: str
) -> None:
    from_page, to_page = "/".join([*source, source_file]), "/".join([*target, target_file])
    assert relative(from_page, to_page) == posixpath.relpath(
        to_page, posixpath.dirname(from_page) or "."
    )


def test_a_project_with_problems_checks_alike_in_one_process_and_two(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large check finds each file's markup and the site's own addresses in a second
    process while this one validates; the problems are the same, in the same order."""
    project = make_project(
        {
            "term/fel.yaml": "id: fel\ntitle: [\n",
            "stage/oversikt.yaml": record("stage", "oversikt", order=2),
            "process/lank.yaml": record("process", "lank", summary="Se [här](javascript:x)."),
        }
    )
    alone = [p.format() for p in check(project, taken=generated_addresses)[1]]
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    assert [p.format() for p in check(project, taken=generated_addresses)[1]] == alone
    assert [line.split(" (")[0] for line in alone] == [
        "data/process/lank.yaml:3:10: warning: länken går till 'javascript:x', som inte är "
        "en fullständig webbadress, och visas som text; länkar i posttext går till adresser "
        "som börjar med https://",
        "data/stage/oversikt.yaml:1:5: error: posten skulle få adressen "
        "/implementering/oversikt/, men där har webbplatsen redan en egen sida",
        "data/term/fel.yaml:2:8: error: ogiltig YAML: hakparentesen '[' stängs aldrig",
    ]


def test_pages_rendered_in_two_are_the_pages_rendered_in_one(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    alone = generate(project)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    two = generate(project)
    assert (two.files, two.nav, two.not_in_nav) == (alone.files, alone.nav, alone.not_in_nav)
