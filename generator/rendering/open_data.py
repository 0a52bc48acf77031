"""Open data: the finder's index as JSON and CSV, its JSON Schema, every record type's
published records as JSON (each valid against the type's schema in schemas/), and a page
documenting files, fields and licence (/oppna-data/). The finder and the comparison load the
index in the browser; `method_data` gives them what they need to."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from generator.locale import label
from generator.model.knowledge_base import KnowledgeBase
from generator.rendering.context import RenderContext, section_index_path
from generator.rendering.data_package import PACKAGE, data_package
from generator.rendering.field_reference import field_tables, json_schema, schema_name
from generator.rendering.method_index import MethodIndex, index_csv, index_json, method_index
from generator.types import Intervention, Record

JSON, CSV, SCHEMA = "data/insatser.json", "data/insatser.csv", "data/insatser.schema.json"

# The controlled vocabularies whose codes the JSON holds and the browser shows as labels.
VOCABULARIES = (
    "problem",
    "arena",
    "format",
    "intensity",
    "duration",
    "country",
    "cost",
    "finding",
    "staleness",
)


def method_data(t: dict[str, Any], ui: dict[str, Any]) -> dict[str, Any]:
    """Template context for a page whose script loads the methods from the JSON file: the
    fallback's link targets and the script's strings (`ui` plus the loading and error
    messages and the vocabularies' labels). Only vocabularies go into the page, never
    methods, so the page's size does not depend on how many methods there are."""
    return {
        "json": JSON,
        "csv": CSV,
        "catalogue": section_index_path(Intervention),
        "ui": ui
        | t["method_data"]["ui"]
        | {"vocab": {kind: t["vocab"][kind] for kind in VOCABULARIES}},
    }


def records_file(type_name: str) -> str:
    """Where the published records of one type are, as JSON."""
    return f"data/poster/{type_name}.json"


def records_json(kb: KnowledgeBase, records: list[Record]) -> str:
    """Records as open data: their fields as the type's schema describes them, with each
    source that cites the bibliography described in full (as pages show it), and without
    the editor's note, which is never published."""
    published = [
        record.model_copy(update={"sources": [kb.cited(s) for s in record.sources]}).model_dump(
            mode="json", exclude={"editor_note", "draft"}
        )
        for record in records
    ]
    # Compact, as the index is: json's C encoder writes it, in a fraction of the time an
    # indented file takes, which a build of thousands of records would feel.
    return json.dumps(published, ensure_ascii=False, separators=(",", ":")) + "\n"


def produce(ctx: RenderContext) -> None:
    index = method_index(ctx.kb, ctx.t)
    ctx.file(JSON, index_json(index))
    ctx.file(CSV, index_csv(index))
    ctx.file(SCHEMA, json_schema(MethodIndex))
    record_files = []
    for type_name in ctx.kb.types:
        records = ctx.kb.of_type(type_name)
        if records:
            ctx.file(records_file(type_name), partial(records_json, ctx.kb, records))
            record_files.append(
                (
                    label(ctx.t["sections"], type_name),
                    records_file(type_name),
                    f"schemas/{schema_name(type_name)}",
                )
            )
    ctx.file(PACKAGE, data_package(ctx.t, JSON, CSV, SCHEMA, record_files))
    ctx.page(
        "oppna-data.md",
        "open-data.md.j2",
        json=JSON,
        csv=CSV,
        schema=SCHEMA,
        package=PACKAGE,
        record_files=record_files,
        tables=field_tables(MethodIndex, "index"),
    )
    ctx.add_to_nav("", {ctx.t["open_data"]["title"]: "oppna-data.md"})
