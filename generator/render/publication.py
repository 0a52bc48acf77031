"""What every page's footer and the 404 page show (the theme overrides in generator/theme/
read it from `extra.kb`), and the accessibility statement kept out of the navigation: the
footer of every page links to it."""

from __future__ import annotations

from typing import Any

from generator.project import today as build_day
from generator.render.context import RenderContext, record_path
from generator.types import Accessibility


def produce(ctx: RenderContext) -> None:
    statements = ctx.kb.of_type("accessibility")
    statement = statements[0] if statements else None
    assert statement is None or isinstance(statement, Accessibility)
    footer: dict[str, Any] = {"label": ctx.t["footer"]["label"], "text": ctx.t["footer"],
                              "built": build_day().isoformat(), "publisher": None}
    if statement is not None:
        ctx.leave_out_of_nav(record_path(statement))
        footer["publisher"] = statement.publisher.model_dump(mode="json")
        footer["statement"] = statement.address()
    ctx.out.extra = {"generator": False,
                     "kb": {"footer": footer, "not_found": ctx.t["not_found"]}}
