"""The method finder page (/hitta/): the catalogue as a table that a script can filter."""

from __future__ import annotations

from generator.index import facets
from generator.render.context import RenderContext


def produce(ctx: RenderContext) -> None:
    ctx.page("hitta.md", "finder.md.j2", methods=ctx.kb.of_type("intervention"),
             facets=facets(ctx.kb, ctx.t))
    ctx.add_to_nav("intervention", {ctx.t["finder"]["title"]: "hitta.md"})
