"""Open data: the finder's index as JSON and CSV, its JSON Schema, and a page documenting
fields and licence (/oppna-data/)."""

from __future__ import annotations

from generator.index import MethodIndex, index_csv, index_json, method_index
from generator.render.context import RenderContext
from generator.render.reference import field_tables, json_schema

JSON, CSV, SCHEMA = "data/insatser.json", "data/insatser.csv", "data/insatser.schema.json"


def produce(ctx: RenderContext) -> None:
    index = method_index(ctx.kb, ctx.t)
    ctx.file(JSON, index_json(index))
    ctx.file(CSV, index_csv(index))
    ctx.file(SCHEMA, json_schema(MethodIndex))
    ctx.page("oppna-data.md", "open-data.md.j2", json=JSON, csv=CSV, schema=SCHEMA,
             tables=field_tables(MethodIndex, "index"))
    ctx.add_to_nav("", {ctx.t["open_data"]["title"]: "oppna-data.md"})
