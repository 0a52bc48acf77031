"""An editor's remark (`editor_note`) is for the editors: it is never published, not on a
page, in the search index, in the open data or in the generated tree."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.tree import write_tree

REPO = Path(__file__).resolve().parent.parent
NOTE = "Hemlig redaktörsanteckning 4711"
NOTED = {
    "intervention/alfa.yaml": record(
        "intervention",
        editor_note=f"{NOTE} om insatsen",
        sources=[{"id": "s1", "ref": "reference/verk"}],
    ),
    "reference/verk.yaml": record(
        "reference", title="[En rapport om Alfa]", editor_note=f"{NOTE} om verket"
    ),
    "process/steg.yaml": record("process", editor_note=f"{NOTE} om processen"),
}


def texts(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every text file under `folder` with its content, whitespace collapsed (a note is
    wrapped in YAML and may be rewrapped on a page)."""
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {
            ".html",
            ".json",
            ".csv",
            ".md",
            ".xml",
            ".yml",
            ".txt",
            ".js",
        }:
            yield path, " ".join(path.read_text(encoding="utf-8").split())


def test_an_editors_note_is_valid_on_every_record_and_never_published(
    make_project: Callable[..., Project], tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = make_project(NOTED)
    records, problems = check(project)
    assert problems == []
    assert {r.editor_note for r in records if r.editor_note} == {
        f"{NOTE} om insatsen",
        f"{NOTE} om verket",
        f"{NOTE} om processen",
    }
    site = tmp_path_factory.mktemp("noted") / "site"
    build(project, site)
    tree = tmp_path_factory.mktemp("noted-tree")
    write_tree(project, tree)
    assert "En rapport om Alfa" in (site / "insatser" / "alfa" / "index.html").read_text("utf-8")
    for folder in (site, tree):
        leaks = [path for path, text in texts(folder) if NOTE in text]
        assert leaks == []


def test_no_editors_note_of_the_knowledge_base_is_published(site: Path) -> None:
    records, _ = check(Project(REPO))
    notes = {" ".join(r.editor_note.split()) for r in records if r.editor_note}
    assert notes, "the knowledge base keeps its editors' remarks in editor_note"
    for path, text in texts(site):
        assert not [note for note in notes if note in text], path


def test_reference_titles_carry_no_editors_remark(site: Path) -> None:
    for path, text in texts(site / "referenser"):
        assert "återges inte i våra källor" not in text, path
