"""What every page's footer and the 404 page show (the theme overrides in
generator/site/publishing/theme/ read it from `extra.kb`); the footer of every page links to
the accessibility statement, which the navigation leaves out."""

from __future__ import annotations

from typing import Any

from generator.reading.project import today as build_day
from generator.rendering.context import RenderContext
from generator.types import Accessibility


def produce(ctx: RenderContext) -> None:
    statements = ctx.kb.of_type("accessibility")
    statement = statements[0] if statements else None
    assert statement is None or isinstance(statement, Accessibility)
    footer: dict[str, Any] = {
        "label": ctx.t["footer"]["label"],
        "text": ctx.t["footer"],
        "built": build_day().isoformat(),
        "publisher": None,
    }
    if statement is not None:  # out of the navigation (its type has no nav_position)
        footer["publisher"] = statement.publisher.model_dump(mode="json")
        footer["statement"] = statement.address()
    ctx.out.extra["generator"] = False
    ctx.out.extra.setdefault("kb", {}).update(footer=footer, not_found=ctx.t["not_found"])
