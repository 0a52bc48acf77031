"""A page per record, and an index page per section."""

from __future__ import annotations

from generator.locale import label
from generator.rendering.context import (
    RenderContext,
    record_path,
    section_index_path,
)


def produce(ctx: RenderContext) -> None:
    for record in ctx.kb.records:
        ctx.page(record_path(record), record.template(), record)
    for cls in ctx.kb.types.in_nav_order():
        records = ctx.kb.of_type(cls.type_name)
        if records and cls.url_prefix:
            ctx.paged(
                section_index_path(cls),
                cls.index_template,
                "records",
                records,
                section=label(ctx.t["sections"], cls.type_name),
                intro=ctx.t["index_intros"].get(cls.type_name, ""),
            )
