"""The open data are a Frictionless Data Package: `data/datapackage.json` describes every
published data file, with a Table Schema for the CSV file, and frictionless accepts the
package as published."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import REPO
from frictionless import validate

from generator.reading.project import Project
from generator.rendering.data_package import PACKAGE
from generator.site.engine.generation import generate


def published_data(folder: Path) -> Path:
    """The real knowledge base's data files and schemas, written as the site publishes them;
    the site's data folder."""
    rendered = generate(Project(REPO))
    for path in rendered.sources:
        if path.startswith(("data/", "schemas/")) and path.endswith((".json", ".csv")):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rendered.text(path), encoding="utf-8")
    return folder / "data"


def test_frictionless_accepts_the_published_data_package(tmp_path: Path) -> None:
    data = published_data(tmp_path)
    report = validate(str(data / "datapackage.json"))
    assert report.flatten(["type", "note"]) == []
    assert report.valid


def test_the_packages_table_schema_has_the_csv_files_columns_and_every_file_is_described(
    tmp_path: Path,
) -> None:
    data = published_data(tmp_path)
    package = json.loads((tmp_path / PACKAGE).read_text(encoding="utf-8"))
    table = next(r for r in package["resources"] if r["path"] == "insatser.csv")
    header = next(csv.reader(io.StringIO((data / "insatser.csv").read_text(encoding="utf-8"))))
    assert [field["name"] for field in table["schema"]["fields"]] == header
    assert all(field["description"] for field in table["schema"]["fields"])
    # The index as CSV, JSON and its schema, and each section's records.
    published = {"insatser.csv", "insatser.json", "insatser.schema.json"} | {
        path.relative_to(data).as_posix() for path in (data / "poster").glob("*.json")
    }
    described = {r["path"] for r in package["resources"]} | {
        r["jsonSchema"] for r in package["resources"] if "jsonSchema" in r
    }
    assert published <= described
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
