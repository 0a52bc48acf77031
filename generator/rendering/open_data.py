"""Open data: the finder's index as JSON and CSV, its JSON Schema, and a page documenting
fields and licence (/oppna-data/). The finder and the comparison load the JSON in the
browser; `method_data` gives them what they need to."""

from __future__ import annotations

from typing import Any

from generator.rendering.context import RenderContext, section_index_path
from generator.rendering.field_reference import field_tables, json_schema
from generator.rendering.method_index import MethodIndex, index_csv, index_json, method_index
from generator.types import Intervention

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
    "registry",
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


def produce(ctx: RenderContext) -> None:
    index = method_index(ctx.kb, ctx.t)
    ctx.file(JSON, index_json(index))
    ctx.file(CSV, index_csv(index))
    ctx.file(SCHEMA, json_schema(MethodIndex))
    ctx.page(
        "oppna-data.md",
        "open-data.md.j2",
        json=JSON,
        csv=CSV,
        schema=SCHEMA,
        tables=field_tables(MethodIndex, "index"),
    )
    ctx.add_to_nav("", {ctx.t["open_data"]["title"]: "oppna-data.md"})
