"""The method index behind the finder, the comparison and the open data files: one sourced
entry per method, facets with 'uppgift saknas', and published files that agree."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import record, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verdict_records import REGISTRIES, VERSIONS, verdict

from generator.checking.check import check
from generator.locale import strings
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.rendering.method_index import MISSING, MethodIndex, facets, index_csv, method_index
from generator.site.engine.generation import generate
from generator.types.base import Strict
from generator.types.intervention import Intervention

BANDS = {
    "intensity_band": {"value": "varje-vecka", "source": "s1"},
    "duration_band": {"value": "3-6-manader", "source": "s1"},
    "cost_band": {"value": 2, "source": "s1"},
    "training_countries": [{"country": "se", "source": "s1"}, {"country": "no", "source": "s1"}],
    "versions": VERSIONS,
    "evidence": [
        verdict("ungsinn", "niva-5", "Nivå 5", "2018"),
        verdict("cebc", "niva-1", "Well-supported", "2020"),
    ],
}


def knowledge_base(project: Project) -> KnowledgeBase:
    records, _ = check(project)
    return KnowledgeBase(records)


def alfa_with(
    make_project: Callable[..., Project],
    extra: dict[str, Any] | None = None,
    summary: str = "En påhittad insats för tester.",
) -> KnowledgeBase:
    """A knowledge base whose one method is Alfa, with extra fields."""
    text = record("intervention", summary=summary, **(extra or {}))
    return knowledge_base(make_project({"intervention/alfa.yaml": text, **REGISTRIES}))


def test_each_method_is_one_entry_whose_facts_keep_their_source(
    make_project: Callable[..., Project],
) -> None:
    index = method_index(alfa_with(make_project, BANDS), strings())
    assert index.license == "CC-BY-4.0"
    (entry,) = index.model_dump(mode="json")["methods"]
    assert entry["id"] == "alfa" and entry["url"] == "insatser/alfa/"
    assert entry["ages"] == {"min": 3, "max": 12, "source": "s1"}
    assert entry["target_group"] == {"text": "Föräldrar till barn 3–12 år", "source": "s1"}
    assert entry["training_countries"] == [
        {"country": "se", "source": "s1"},
        {"country": "no", "source": "s1"},
    ]
    assert entry["sources"][0]["url"] == "https://example.org/a"
    assert "description" not in entry


def test_facets_give_every_method_a_code_and_unknown_is_uppgift_saknas(
    make_project: Callable[..., Project],
) -> None:
    kb = alfa_with(make_project)
    (method,) = kb.of_type("intervention")
    assert isinstance(method, Intervention)
    codes = {facet.key: facet.codes(method) for facet in facets(kb, strings())}
    assert codes == {
        "problem": ["beteendeproblem"],
        "arena": ["hem"],
        "form": ["familj"],
        "intensitet": [MISSING],
        "langd": [MISSING],
        "evidens": [MISSING],
        "utbildning": [MISSING],
        "kostnad": [MISSING],
    }


def test_each_entry_carries_the_finder_codes_it_is_filtered_by(
    make_project: Callable[..., Project],
) -> None:
    """The finder filters the published JSON with the codes computed here, so the site
    and the open data can never disagree about which methods an option gives."""
    kb = alfa_with(make_project, BANDS)
    (entry,) = method_index(kb, strings()).model_dump(mode="json")["methods"]
    assert entry["facets"] == {
        "problem": ["beteendeproblem"],
        "arena": ["hem"],
        "form": ["familj"],
        "intensitet": ["varje-vecka"],
        "langd": ["3-6-manader"],
        "evidens": ["effekt", "ungsinn-niva-5", "cebc-well-supported"],
        "utbildning": ["se", "no"],
        "kostnad": ["2"],
    }
    (method,) = kb.of_type("intervention")
    assert isinstance(method, Intervention)
    assert entry["facets"] == {f.key: f.codes(method) for f in facets(kb, strings())}


def test_evidence_options_are_the_ratings_registries_gave(
    make_project: Callable[..., Project],
) -> None:
    kb = alfa_with(make_project, BANDS)
    (method,) = kb.of_type("intervention")
    assert isinstance(method, Intervention)
    evidence = next(f for f in facets(kb, strings()) if f.key == "evidens")
    assert evidence.options == {
        "effekt": "Visar effekt",
        "ingen-skillnad": "Ingen skillnad mot jämförelsen",
        "negativ": "Negativ effekt",
        "otillrackligt": "För lite underlag för att bedöma",
        "cebc-well-supported": "CEBC: Well-supported",
        "ungsinn-niva-5": "Ungsinn: Nivå 5",
        MISSING: "Ingen bedömning i våra källor",
    }
    assert evidence.codes(method) == ["effekt", "ungsinn-niva-5", "cebc-well-supported"]


def test_csv_has_a_row_per_method_and_never_starts_a_cell_with_a_formula(
    make_project: Callable[..., Project],
) -> None:
    kb = alfa_with(make_project, BANDS, summary='=HYPERLINK("https://example.org")')
    rows = list(csv.DictReader(io.StringIO(index_csv(method_index(kb, strings())))))
    assert len(rows) == 1
    row = rows[0]
    assert row["summary"] == '\'=HYPERLINK("https://example.org")'
    assert (row["age_min"], row["age_max"]) == ("3", "12")
    assert row["training_countries"] == "se; no"
    assert row["evidence"] == "Ungsinn: Nivå 5 (2018; effekt); CEBC: Well-supported (2020; effekt)"
    # CEBC reviews every second year: its verdict from 2020 may be out of date.
    assert row["evidence_flags"] == "CEBC: aldre-an-intervallet"
    assert row["findings"] == "effekt" and row["versions"] == "Alfa"
    assert row["cost_band"] == "2" and row["intensity_band"] == "varje-vecka"
    assert row["sources"] == "https://example.org/a"


def test_open_data_files_and_page_are_generated(make_project: Callable[..., Project]) -> None:
    files = generate(make_project()).files
    assert {
        "data/insatser.json",
        "data/insatser.csv",
        "data/insatser.schema.json",
        "oppna-data.md",
        "hitta.md",
        "jamfor.md",
    } <= set(files)
    page = files["oppna-data.md"]
    assert "CC BY 4.0" in page and "[insatser.csv](data/insatser.csv)" in page
    assert "| `training_countries` |" in page and "| `facets` |" in page


def test_the_published_json_validates_against_the_published_schema(site: Path) -> None:
    data = json.loads((site / "data" / "insatser.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "insatser.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    ids = [m["id"] for m in data["methods"]]
    assert {"mst", "pals", "pmto", "tibir", "fit"} <= set(ids)
    data_dir = Path(__file__).resolve().parent.parent / "data" / "intervention"
    assert len(ids) == len(list(data_dir.glob("*.yaml")))


def test_json_and_csv_publish_the_same_methods(site: Path) -> None:
    data = json.loads((site / "data" / "insatser.json").read_text(encoding="utf-8"))
    rows = list(
        csv.DictReader(io.StringIO((site / "data" / "insatser.csv").read_text(encoding="utf-8")))
    )
    assert [r["id"] for r in rows] == [m["id"] for m in data["methods"]]
    assert [r["url"] for r in rows] == [m["url"] for m in data["methods"]]


FORMULA_START = ("=", "+", "-", "@")
cell_texts = st.text(alphabet=st.sampled_from(list("=+-@;,\"' \t\r\nabc|")), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(summary=cell_texts, title=cell_texts, keywords=st.lists(cell_texts, max_size=3))
def test_no_cell_starts_a_formula_whether_a_spreadsheet_splits_on_commas_or_semicolons(
    alfa_index: MethodIndex, summary: str, title: str, keywords: list[str]
) -> None:
    """A Swedish spreadsheet splits on semicolons, where the comma is the decimal sign."""
    first: Strict = alfa_index.methods[0]
    entry = first.model_copy(update={"summary": summary, "title": title, "keywords": keywords})
    text = index_csv(alfa_index.model_copy(update={"methods": [entry]}))
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in row:
                assert not cell.startswith(("\t", "\r")), (delimiter, cell)
                assert not cell.lstrip(' \t\r\n"').startswith(FORMULA_START), (delimiter, cell)


@pytest.fixture(scope="module")
def alfa_index(tmp_path_factory: pytest.TempPathFactory) -> MethodIndex:
    project = write_project(tmp_path_factory.mktemp("alfa"), {})
    return method_index(knowledge_base(project), strings())
