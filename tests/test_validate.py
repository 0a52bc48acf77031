"""Validation: every problem in every file, at the exact line and column, with a hint."""

from collections.abc import Callable

import pytest
from click.testing import CliRunner
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.command.cli import main


def problems_of(project: Project) -> list[str]:
    return [p.format() for p in check(project)[1]]


def test_the_minimal_project_is_valid(make_project: Callable[..., Project]) -> None:
    records, problems = check(make_project())
    assert problems == []
    assert sorted(r.id for r in records) == ["alfa", "kurs", "start", "steg"]


def test_misspelt_field_is_reported_at_its_key_with_a_suggestion(
    make_project: Callable[..., Project],
) -> None:
    project = make_project(
        {"stage/start.yaml": record("stage", description=None, descripton="Om utforskning.")}
    )
    assert problems_of(project) == [
        "data/stage/start.yaml:1:1: error: fältet 'description' saknas",
        "data/stage/start.yaml:15:1: error: okänt fält 'descripton' (menade du 'description'?)",
    ]


def test_wrong_types_vocabulary_and_dates_are_located(make_project: Callable[..., Project]) -> None:
    project = make_project(
        {
            "curriculum/kurs.yaml": record(
                "curriculum",
                reviewed="förra året",
                credits="många",
                modules=[{"id": "m", "title": "M"}],
            ),
            "intervention/alfa.yaml": None,
            "process/steg.yaml": None,
        }
    )
    found = problems_of(project)
    assert (
        "data/curriculum/kurs.yaml:4:11: error: 'reviewed' ska vara ett datum (ÅÅÅÅ-MM-DD), "
        "inte 'förra året'" in found
    )
    assert (
        "data/curriculum/kurs.yaml:7:10: error: 'credits' ska vara ett tal, inte 'många'" in found
    )


def test_id_must_equal_the_file_name(make_project: Callable[..., Project]) -> None:
    project = make_project({"process/steg.yaml": record("process", "steg-2")})
    assert (
        "data/process/steg.yaml:1:5: error: id 'steg-2' ska vara samma som filnamnet 'steg' "
        "(döp om filen till steg-2.yaml eller ändra id)" in problems_of(project)
    )


def test_broken_references_and_unknown_sources_are_all_reported(
    make_project: Callable[..., Project],
) -> None:
    project = make_project(
        {
            "curriculum/kurs.yaml": record(
                "curriculum",
                scope={"text": "7,5 hp", "source": "s2"},
                modules=[
                    {
                        "id": "m",
                        "title": "M",
                        "links": ["process/steg#frga", "intervention/alfaa", "stage/start"],
                    }
                ],
            )
        }
    )
    assert problems_of(project) == [
        "data/curriculum/kurs.yaml:6:33: error: källan 's2' finns inte i postens sources "
        "(menade du 's1'?)",
        "data/curriculum/kurs.yaml:10:31: error: hänvisningen 'process/steg#frga' pekar på ett "
        "ankare som inte finns i process/steg (menade du 'process/steg#fraga'?)",
        "data/curriculum/kurs.yaml:10:50: error: hänvisningen 'intervention/alfaa' pekar på en "
        "post som inte finns (menade du 'intervention/alfa'?)",
    ]


def test_duplicate_anchor_within_a_record_is_rejected(make_project: Callable[..., Project]) -> None:
    project = make_project(
        {
            "process/steg.yaml": record(
                "process",
                steps=[{"id": "fraga", "title": "Fråga"}, {"id": "fraga", "title": "Fråga igen"}],
            )
        }
    )
    assert any(
        p.startswith("data/process/steg.yaml:8:10: error: ankaret 'fraga' används två")
        for p in problems_of(project)
    )


def test_kb_check_reports_problems_in_all_files_and_exits_1(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            "stage/start.yaml": "id: start\ntitle: [oops\n",
            "process/steg.yaml": "id: steg\ntitle: Steg\ntitel: x\n",
            "intervention/readme.txt": "inte en post",
        }
    )
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("data/stage/start.yaml:2:8: error: ogiltig YAML") for line in lines)
    assert any(
        line.startswith("data/process/steg.yaml:3:1: error: okänt fält 'titel'") for line in lines
    )
    assert any(
        line.startswith("data/intervention/readme.txt:1:1: error: filen är ingen post")
        for line in lines
    )


def test_kb_check_json_format_is_machine_readable(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    project = make_project({"process/steg.yaml": "id: steg\n"})
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {
        "path": "data/process/steg.yaml",
        "line": 1,
        "column": 1,
        "severity": "error",
        "message": "fältet 'title' saknas",
        "hint": "",
    } in report


def _many_terms(count: int) -> dict[str, str]:
    return {f"term/t{i}.yaml": record("term", f"t{i}", title=f"Begrepp {i}") for i in range(count)}


def test_problems_among_many_files_read_the_quick_way_keep_their_exact_place(
    make_project: Callable[..., Project],
) -> None:
    """Files without problems are read without positions; a file whose problem is only found
    by validation (after it was read the quick way) is still located exactly, and so is one
    that loading itself reports, among many clean files, all in one run."""
    project = make_project(
        {
            **_many_terms(40),
            "term/t17.yaml": record(
                "term",
                "t17",
                title="Begrepp 17",
                definition={"text": "Betyder något.", "source": "s2"},
                related=["intervention/alfa", "stage/saknas"],
            ),
            "term/t30.yaml": record("term", "t30", title="Begrepp 30").replace(
                "summary:", "title: Dubbel\nsummary:"
            ),
        }
    )
    assert problems_of(project) == [
        "data/term/t17.yaml:5:44: error: källan 's2' finns inte i postens sources "
        "(menade du 's1'?)",
        "data/term/t17.yaml:6:30: error: hänvisningen 'stage/saknas' pekar på en post som "
        "inte finns",
        "data/term/t30.yaml:3:1: error: nyckeln 'title' förekommer två gånger "
        "(första gången på rad 2)",
    ]
