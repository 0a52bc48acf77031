"""Checklists in the generated pages: stable ids for marks and links, method items on both the
method's and the stage's page, and located errors for an editor's mistakes."""

import json
from collections.abc import Callable

from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate


def alfa(stage: str = "stage/start", second: str = "handledning-bokad") -> str:
    """Alfa with a checklist for `stage` (on line 20) whose second item (on line 23) has the
    id `second`."""
    return record(
        "intervention",
        checklists=[
            {
                "stage": stage,
                "items": [
                    {
                        "id": "terapeuter-anmalda",
                        "text": "Terapeuterna är anmälda till utbildningen.",
                        "source": "s1",
                    },
                    {"id": second, "text": "Handledning är bokad.", "source": "s1"},
                ],
            }
        ],
    )


def problems_of(project: Project) -> list[str]:
    return [p.format() for p in check(project)[1]]


def test_a_stage_item_is_keyed_and_anchored_by_its_id_not_its_text(
    make_project: Callable[..., Project],
) -> None:
    original = generate(make_project()).files["implementering/start.md"]
    reworded = generate(
        make_project(
            {
                "stage/start.yaml": record(
                    "stage",
                    checklist=[
                        {
                            "id": "behov-kartlagt",
                            "text": "Vi har kartlagt behoven hos barnen i kommunen.",
                        }
                    ],
                )
            }
        )
    ).files["implementering/start.md"]
    for page, text in [
        (original, "Behoven är kartlagda."),
        (reworded, "Vi har kartlagt behoven hos barnen i kommunen."),
    ]:
        assert '<div class="kb-checklist" data-checklist="start" markdown>' in page
        assert f'<span id="behov-kartlagt" data-item="behov-kartlagt">{text}</span>' in page


def test_method_items_are_on_the_method_page_and_in_a_file_the_stage_page_loads(
    make_project: Callable[..., Project],
) -> None:
    files = generate(make_project({"intervention/alfa.yaml": alfa()})).files
    method = files["insatser/alfa.md"].split("## Implementering { #implementering }")[1]
    assert '<div class="kb-checklist" data-checklist="alfa:start" markdown>' in method
    heading = '### <a href="../../implementering/start/">Utforskning</a> { #checklista-start }'
    assert heading in method
    assert (
        '<span id="terapeuter-anmalda" data-item="terapeuter-anmalda">Terapeuterna är '
        'anmälda till utbildningen.</span> <sup><a href="#kalla-s1">[1]</a></sup>'
    ) in method
    stage = files["implementering/start.md"]
    assert "terapeuter-anmalda" not in stage
    assert '<div class="kb-method-checklists" data-stage="start" hidden></div>' in stage
    assert json.loads(files["data/implementering/alfa.json"]) == {
        "id": "alfa",
        "title": "Alfa – föräldraträning",
        "url": "insatser/alfa/",
        "checklists": [
            {
                "stage": "start",
                "id": "alfa:start",
                "previous": [],
                "items": [
                    {
                        "id": "terapeuter-anmalda",
                        "text": "Terapeuterna är anmälda till utbildningen.",
                        "previous": [],
                    },
                    {"id": "handledning-bokad", "text": "Handledning är bokad.", "previous": []},
                ],
            }
        ],
    }
    index = json.loads(files["data/implementering.json"])
    assert index["methods"] == [
        {
            "id": "alfa",
            "title": "Alfa – föräldraträning",
            "abbreviation": "ALFA",
            "url": "insatser/alfa/",
            "previous": [],
            "stages": ["start"],
            "file": "data/implementering/alfa.json",
        }
    ]
    assert [stage["checklist"] for stage in index["stages"]] == ["start"]


def test_checklist_ui_text_reaches_the_page_as_json_from_the_locale_file(
    make_project: Callable[..., Project],
) -> None:
    stage = generate(make_project()).files["implementering/start.md"]
    tools = stage.split('<div class="kb-checklist-tools" data-scope="stage" data-ui=\'')[1]
    assert tools.startswith("{") and "Ej p\\u00e5b\\u00f6rjat" in tools.split("'")[0]


def test_a_duplicate_method_item_id_is_rejected_at_its_line_and_column(
    make_project: Callable[..., Project],
) -> None:
    project = make_project({"intervention/alfa.yaml": alfa(second="terapeuter-anmalda")})
    assert problems_of(project) == [
        "data/intervention/alfa.yaml:23:14: error: ankaret 'terapeuter-anmalda' används två "
        "gånger i posten (varje steg, modul, aktivitet och checklistpunkt behöver ett eget id)"
    ]


def test_a_method_checklist_must_name_an_existing_stage(
    make_project: Callable[..., Project],
) -> None:
    missing = make_project({"intervention/alfa.yaml": alfa(stage="stage/strat")})
    assert problems_of(missing) == [
        "data/intervention/alfa.yaml:20:12: error: hänvisningen 'stage/strat' pekar på en post "
        "som inte finns (menade du 'stage/start'?)"
    ]


def test_a_method_checklist_cannot_point_at_another_kind_of_record(
    make_project: Callable[..., Project],
) -> None:
    wrong_type = make_project({"intervention/alfa.yaml": alfa(stage="process/steg")})
    assert problems_of(wrong_type) == [
        "data/intervention/alfa.yaml:20:12: error: 'process/steg' har fel form för 'stage'"
    ]
