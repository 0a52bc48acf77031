"""The comparison page (/jamfor/): chosen methods side by side, one column per method. The
methods come from the open data, loaded by kb-compare.js, so the page does not grow with
the catalogue."""

from __future__ import annotations

from generator.rendering.context import RenderContext
from generator.rendering.open_data import method_data

PATH = "jamfor.md"


def produce(ctx: RenderContext) -> None:
    t = ctx.t
    intervention, compare = t["intervention"], t["compare"]
    # Row headings by the index field each row shows; kb-compare.js gives the rows' order.
    rows = {
        name: intervention[name]
        for name in (
            "target_group",
            "problems",
            "arenas",
            "formats",
            "intensity",
            "duration",
            "staffing",
            "training",
            "costs",
            "developer",
            "coordinators",
        )
    } | {
        "ages": compare["ages"],
        "training_countries": t["finder"]["training_countries"],
        "evidence": compare["evidence_row"],
        "findings": compare["findings_row"],
        "reviewed": t["record"]["reviewed"],
        "url": compare["read_more"],
    }
    ui = compare["ui"] | {
        "rows": rows,
        "aspect": compare["aspect"],
        "not_rated": compare["not_rated"],
        "unrated": intervention["not_rated"],
        "verdict": compare["verdict"],
        "may_be_old": intervention["verdict_may_be_old"],
        "edition": intervention["verdict_edition"],
        "missing": t["finder"]["missing"],
        "cite": t["record"]["cite"],
        "ages": intervention["ages_value"],
        "cost_band": t["finder"]["cost_band"],
    }
    ctx.page(PATH, "compare.md.j2", **method_data(t, ui))
    ctx.add_to_nav("intervention", {compare["title"]: PATH})
