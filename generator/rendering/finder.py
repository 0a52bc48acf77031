"""The method finder page (/hitta/): the facets as a form, and the answer to no choice at all.

The page comes as the finder shows it before the visitor chooses anything: every option with
the number of methods it gives, the first page of the catalogue with the count, the link that
compares the first methods and the button for more. kb-finder.js asks the site's search index
only once the visitor chooses, searches or asks for more, so a visitor who only looks
downloads no index, and nothing on the page moves when the script starts (issue 27 item 2).
The page holds at most one page of methods, so it does not grow with the catalogue."""

from __future__ import annotations

from collections import Counter

from generator.rendering import html_out
from generator.rendering.context import RenderContext, record_path
from generator.rendering.method_index import MISSING, facets
from generator.rendering.open_data import method_data
from generator.types import Intervention

PATH = "hitta.md"
# The finder lists this many methods at a time, and its link compares the first this many
# shown; kb-finder.js reads both from the page.
PAGE = 20
COMPARE_MAX = 4


def produce(ctx: RenderContext) -> None:
    t = ctx.t
    methods = [m for m in ctx.kb.of_type("intervention") if isinstance(m, Intervention)]
    ui = t["finder"]["ui"] | {
        "missing": t["finder"]["missing"],
        "no_rating": t["finder"]["no_rating"],
        "ages": t["intervention"]["ages_value"],
        "page": PAGE,
        "compare_max": COMPARE_MAX,
        "total": len(methods),
    }
    found = facets(ctx.kb, t)
    # Evidence's missing option is "no rating in our sources"; every other facet's is
    # "uppgift saknas". Each says beside it which methods it selects.
    hints = {
        facet.key: t["finder"]["no_rating_hint" if facet.key == "evidens" else "missing_hint"]
        for facet in found
    }
    # What choosing one option gives when nothing else is chosen: the methods that have it.
    counts = {
        facet.key: Counter(code for method in methods for code in facet.codes(method))
        for facet in found
    }

    def href(path: str) -> str:
        return html_out.href(PATH, path, directory_urls=ctx.directory_urls)

    # A hit as kb-finder.js writes one from the index: the title as a link and the summary
    # as text; the catalogue's order is the index's order for no choice (by title).
    hits = [
        {"id": m.id, "href": href(record_path(m)), "title": m.title, "summary": m.summary}
        for m in methods[:PAGE]
    ]
    ctx.page(
        PATH,
        "finder.md.j2",
        facets=found,
        missing=MISSING,
        missing_hints=hints,
        counts={key: dict(counted) for key, counted in counts.items()},
        hits=hits,
        # Separated as the script's URLSearchParams writes them, so both links read alike.
        compared="%2C".join(hit["id"] for hit in hits[:COMPARE_MAX]),
        stylesheet=html_out.relative_url(
            "assets/kb-finder.css", html_out.page_url(PATH, ctx.directory_urls)
        ),
        **method_data(t, ui),
    )
    ctx.add_to_nav("intervention", {t["finder"]["title"]: PATH})
