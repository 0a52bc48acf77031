"""Nothing outside the project is read into the site or into a message: links and special
files in data/ (course material included) and in the content folder are refused at their
path, and what they point to is never copied, read or quoted."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import record

from generator.checking.check import check
from generator.diagnostics import DataError
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.tree import write_tree

SECRET = "HEMLIGT-VÄRDE-4711"

COURSE_WITH_MATERIAL = record(
    "curriculum",
    modules=[
        {
            "id": "modul-1",
            "title": "Fråga",
            "outcomes": ["Kunna formulera en fråga"],
            "material": [{"title": "Bildspel", "kind": "bildspel", "file": "kurs/bildspel.pdf"}],
        }
    ],
)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a file that must never reach the site."""
    folder = tmp_path.parent / f"{tmp_path.name}-utanfor"
    folder.mkdir()
    (folder / "hemlig.yaml").write_text(f"id: {SECRET}\ntitle: {SECRET}\n", encoding="utf-8")
    (folder / "hemlig.pdf").write_text(SECRET, encoding="utf-8")
    return folder


def refused(project: Project, *paths: str) -> None:
    """kb check reports each path as refused, kb build and kb generate stop, and the secret
    appears in no message and no file written."""
    _, problems = check(project)
    assert {p.path for p in problems if "läses inte" in p.message} == set(paths), problems
    assert all(SECRET not in p.format() for p in problems)
    for write in (build, write_tree):
        target = project.root.parent / f"{project.root.name}-ut-{write.__name__}"
        with pytest.raises(DataError) as raised:
            write(project, target)
        assert SECRET not in str(raised.value)
        assert not target.exists()


def test_a_record_file_that_is_a_link_is_refused_unread(
    make_project: Callable[..., Project], outside: Path
) -> None:
    project = make_project()
    os.symlink(outside / "hemlig.yaml", project.data_dir / "intervention" / "hemlig.yaml")
    refused(project, "data/intervention/hemlig.yaml")


def test_a_link_to_a_folder_in_data_is_refused(
    make_project: Callable[..., Project], outside: Path
) -> None:
    project = make_project()
    os.symlink(outside, project.data_dir / "term")
    refused(project, "data/term")


@pytest.mark.parametrize("target", ["hemlig.pdf", "/proc/self/environ", "/etc/passwd"])
def test_course_material_that_is_a_link_is_never_copied(
    make_project: Callable[..., Project], outside: Path, target: str
) -> None:
    project = make_project({"curriculum/kurs.yaml": COURSE_WITH_MATERIAL})
    (project.data_dir / "material" / "kurs").mkdir(parents=True)
    os.symlink(outside / target, project.data_dir / "material" / "kurs" / "bildspel.pdf")
    refused(project, "data/material/kurs/bildspel.pdf")


def test_a_material_folder_that_is_a_link_is_never_entered(
    make_project: Callable[..., Project], outside: Path
) -> None:
    project = make_project({"curriculum/kurs.yaml": COURSE_WITH_MATERIAL})
    (outside / "kurs").mkdir()
    (outside / "kurs" / "bildspel.pdf").write_text(SECRET, encoding="utf-8")
    os.symlink(outside, project.data_dir / "material")
    refused(project, "data/material")


def test_a_pipe_in_data_is_refused_without_being_opened(
    make_project: Callable[..., Project],
) -> None:
    """Opening a pipe would wait for a writer for ever."""
    project = make_project()
    os.mkfifo(project.data_dir / "intervention" / "ror.yaml")
    refused(project, "data/intervention/ror.yaml")


@pytest.mark.parametrize("link", ["hemlig.pdf", "."])
def test_links_in_the_content_folder_are_refused(
    make_project: Callable[..., Project], outside: Path, link: str
) -> None:
    project = make_project()
    os.symlink(outside / link, project.content_dir / "extra")
    refused(project, "content/extra")


def test_a_regular_material_file_is_still_copied(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project({"curriculum/kurs.yaml": COURSE_WITH_MATERIAL})
    (project.data_dir / "material" / "kurs").mkdir(parents=True)
    (project.data_dir / "material" / "kurs" / "bildspel.pdf").write_bytes(b"%PDF-1.4")
    build(project, tmp_path / "site")
    assert (tmp_path / "site" / "material" / "kurs" / "bildspel.pdf").read_bytes() == b"%PDF-1.4"
