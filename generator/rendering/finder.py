"""The method finder page (/hitta/): the facets as a form; the methods come from the open
data, loaded by kb-finder.js, so the page does not grow with the catalogue."""

from __future__ import annotations

from generator.rendering.context import RenderContext
from generator.rendering.method_index import MISSING, facets
from generator.rendering.open_data import method_data

PATH = "hitta.md"


def produce(ctx: RenderContext) -> None:
    t = ctx.t
    ui = t["finder"]["ui"] | {
        "missing": t["finder"]["missing"],
        "no_rating": t["finder"]["no_rating"],
        "ages": t["intervention"]["ages_value"],
    }
    found = facets(ctx.kb, t)
    # Evidence's missing option is "no rating in our sources"; every other facet's is
    # "uppgift saknas". Each says beside it which methods it selects.
    hints = {
        facet.key: t["finder"]["no_rating_hint" if facet.key == "evidens" else "missing_hint"]
        for facet in found
    }
    ctx.page(
        PATH,
        "finder.md.j2",
        facets=found,
        missing=MISSING,
        missing_hints=hints,
        **method_data(t, ui),
    )
    ctx.add_to_nav("intervention", {t["finder"]["title"]: PATH})
