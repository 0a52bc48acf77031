"""A long-running `kb serve` parses again only the record files whose content changed, and
what it reports is the same as a fresh `kb check` would report."""

from collections.abc import Callable

from generator.reading.load import ParseCache, load_data
from generator.reading.project import Project
from generator.types import RECORD_TYPES


def test_only_changed_files_are_parsed_again(make_project: Callable[..., Project]) -> None:
    project = make_project()
    cache: ParseCache = {}
    first, _ = load_data(project.data_dir, project.root, list(RECORD_TYPES), cache=cache)
    alfa = project.data_dir / "intervention" / "alfa.yaml"
    alfa.write_text(
        alfa.read_text(encoding="utf-8").replace("title: Alfa", "title: [Alfa"), encoding="utf-8"
    )
    (project.data_dir / "stage" / "start.yaml").unlink()

    again = load_data(project.data_dir, project.root, list(RECORD_TYPES), cache=cache)

    assert again == load_data(project.data_dir, project.root, list(RECORD_TYPES))
    reused = {doc.path for doc in again[0] if any(doc is old for old in first)}
    assert reused == {"data/curriculum/kurs.yaml", "data/process/steg.yaml"}
    assert {path.name for path in cache} == {"alfa.yaml", "kurs.yaml", "steg.yaml"}
    assert any(p.path == "data/intervention/alfa.yaml" for p in again[1])
