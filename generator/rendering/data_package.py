"""The open data described as a Frictionless Data Package (`data/datapackage.json`), so that
tools that read data packages (frictionless, CKAN, spreadsheets' importers) find every file,
its format, its licence and, for the CSV file, a Table Schema of its columns.

The Table Schema is made from the declarations that make the CSV file: its columns are
`CSV_COLUMNS` (generator/rendering/method_index.py), each described by the index field of the
same name, so a column added to the CSV is described here without an edit.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from typing import Any, get_args

from generator.locale import label
from generator.rendering.method_index import CSV_COLUMNS, IndexEntry

PACKAGE = "data/datapackage.json"


def _column_type(column: str) -> str:
    """The Table Schema type of a CSV column: that of the index field of the same name where
    it is a date or a whole number, else text (lists, facts and verdicts are written as text,
    and a column the CSV derives from a field, such as `age_min`, holds what it is given)."""
    info = IndexEntry.model_fields.get(column)
    kinds = set(get_args(info.annotation) or [info.annotation]) - {type(None)} if info else set()
    if kinds == {dt.date}:
        return "date"
    if kinds == {int}:
        return "integer"
    return "string"


def _column(column: str, t: dict[str, Any]) -> dict[str, str]:
    info = IndexEntry.model_fields.get(column)
    description = info.description if info and info.description else None
    return {
        "name": column,
        "type": _column_type(column),
        "description": description or label(t["data_package"]["columns"], column),
    }


def _json_resource(name: str, path: str, schema: str, description: str) -> dict[str, Any]:
    """A JSON file in the package, with the JSON Schema it follows (paths from data/)."""
    here = posixpath.dirname(PACKAGE)
    return {
        "name": name,
        "path": posixpath.relpath(path, here),
        "type": "json",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "description": description,
        "jsonSchema": posixpath.relpath(schema, here),
    }


def data_package(
    t: dict[str, Any],
    json_file: str,
    csv_file: str,
    schema: str,
    records: list[tuple[str, str, str]],
) -> str:
    """The descriptor: the index as CSV (with its Table Schema) and as JSON, and each
    section's records as JSON (`records`: the section's name, its file and its schema)."""
    here = posixpath.dirname(PACKAGE)
    text = t["data_package"]
    descriptor = {
        "name": "kunskapsbank",
        "title": text["title"],
        "description": t["open_data"]["intro"],
        "licenses": [
            {"name": "CC-BY-4.0", "path": t["open_data"]["license_url"], "title": text["license"]}
        ],
        "resources": [
            {
                "name": "insatser",
                "path": posixpath.relpath(csv_file, here),
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": t["open_data"]["csv"],
                "schema": {"fields": [_column(column, t) for column in CSV_COLUMNS]},
            },
            _json_resource("insatser-json", json_file, schema, t["open_data"]["json"]),
            *(
                _json_resource(
                    posixpath.relpath(path, here).removesuffix(".json").replace("/", "-"),
                    path,
                    record_schema,
                    text["records"].format(section=section),
                )
                for section, path, record_schema in records
            ),
        ],
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
