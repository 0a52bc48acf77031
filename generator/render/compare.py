"""The comparison page (/jamfor/): chosen methods side by side, one column per method."""

from __future__ import annotations

from generator.render.context import RenderContext, record_path, relative
from generator.types import Intervention

PATH = "jamfor.md"


def produce(ctx: RenderContext) -> None:
    methods = [m for m in ctx.kb.of_type("intervention") if isinstance(m, Intervention)]
    # Registries that rated any method get a row each, so a missing rating shows as such.
    registries = sorted({e.registry for m in methods for e in m.evidence},
                        key=lambda r: ctx.t["vocab"]["registry"][r])
    ctx.page(PATH, "compare.md.j2", methods=methods, registries=registries,
             hrefs={m.id: relative(PATH, record_path(m)) for m in methods})
    ctx.add_to_nav("intervention", {ctx.t["compare"]["title"]: PATH})
