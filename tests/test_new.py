"""`kb new`: editors start from a commented template, marked as a draft, that `kb check`
accepts with a warning for each placeholder left in it."""

from collections.abc import Callable

import pytest
from click.testing import CliRunner

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
