"""A page per record, and a catalogue page per section."""

from __future__ import annotations

from generator.render.context import RenderContext, record_path, section_index_path
from generator.render.nav import SECTION_ORDER
from generator.types import RECORD_TYPES


def produce(ctx: RenderContext) -> None:
    for record in ctx.kb.records:
        ctx.page(record_path(record), record.template, record)
    for type_name in SECTION_ORDER:
        records = ctx.kb.of_type(type_name)
        if records and RECORD_TYPES[type_name].url_prefix:
            ctx.paged(section_index_path(type_name), f"{type_name}-index.md.j2", "records",
                      records)
