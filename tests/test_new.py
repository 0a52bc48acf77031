"""`kb new`: editors start from a commented template, marked as a draft, that `kb check`
accepts with a warning for each placeholder left in it."""

import re
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from verdict_records import REGISTRIES, TODAY

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.command.cli import main
from generator.types import RECORD_TYPES


@pytest.mark.parametrize("type_name", list(RECORD_TYPES))
def test_new_record_template_is_a_valid_commented_draft(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, type_name: str
) -> None:
    project = make_project()
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["new", type_name, "ny-post"])
    assert result.exit_code == 0, result.output
    text = (project.data_dir / type_name / "ny-post.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Ny post av typen {type_name}")
    assert "(obligatoriskt)" in text and "TODO" in text
    assert "\ndraft: true\n" in text
    records, problems = check(project)
    assert {p.severity for p in problems} == {"warning"}
    assert {p.path for p in problems} == {f"data/{type_name}/ny-post.yaml"}
    assert "posten är ett utkast och publiceras inte" in {p.message for p in problems}
    assert "ny-post" in {r.id for r in records if r.draft}


def test_new_refuses_unsafe_ids_and_existing_files(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    monkeypatch.chdir(project.root)
    assert CliRunner().invoke(main, ["new", "stage", "../ut"]).exit_code == 2
    result = CliRunner().invoke(main, ["new", "stage", "start"])
    assert result.exit_code == 1 and "finns redan" in result.output


def _strict_check(project: Project) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--strict"])
    return [line for line in result.output.splitlines() if ": error: " in line]


@pytest.mark.parametrize("type_name", list(RECORD_TYPES))
def test_every_example_value_is_reported_until_the_editor_fills_it_in(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, type_name: str
) -> None:
    """Replacing only the TODO texts and removing the draft mark publishes nothing made up:
    each example number, date and choice is an error under --strict, at its place, until the
    editor writes the real value (here: keeps the example) and removes its `!TODO` tag."""
    _examples_are_reported_until_filled_in(make_project(), monkeypatch, type_name)


def _examples_are_reported_until_filled_in(
    project: Project, monkeypatch: pytest.MonkeyPatch, type_name: str
) -> str:
    """The new record's text, once each example is shown to be an error under --strict at
    its place until its `!TODO` tag is removed, and the record valid once it is."""
    monkeypatch.chdir(project.root)
    CliRunner().invoke(main, ["new", type_name, "ny-post"])
    file = project.data_dir / type_name / "ny-post.yaml"
    text = file.read_text(encoding="utf-8").replace("draft: true\n", "draft: false\n")
    text = re.sub(r'"TODO: [^"\n]*"', '"Ifylld uppgift"', text)
    text = text.replace("https://example.org/", "https://www.socialstyrelsen.se/")
    text = text.replace("todo@example.org", "redaktion@socialstyrelsen.se")
    file.write_text(text, encoding="utf-8")
    examples = [
        f"data/{type_name}/ny-post.yaml:{number}:{line.index('!TODO') + 1}: error: exempelvärdet"
        for number, line in enumerate(text.splitlines(), start=1)
        if "!TODO" in line and not line.startswith("#")
    ]

    errors = _strict_check(project)
    assert [e.split(" från kb new")[0].rsplit(" ", 1)[0] for e in errors] == examples

    file.write_text(text.replace("!TODO ", ""), encoding="utf-8")
    assert _strict_check(project) == []
    return text


def test_a_new_method_says_where_it_was_searched_without_a_verdict_by_example(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a project with registries, a new method's search without result names one of
    them and the build's day, both examples to replace (issue 25 item 8)."""
    project = make_project(REGISTRIES)
    text = _examples_are_reported_until_filled_in(project, monkeypatch, "intervention")
    assert (
        f"\nnot_rated:\n  searched:\n    - !TODO registry/cebc\n  checked: !TODO {TODAY}\n" in text
    )
