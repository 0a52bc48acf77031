"""Complete lists of a record's backlinks, for the sections its page bounds.

A record's page shows at most BACKLINK_LIMIT entries under "Refereras från" ("Citeras i" for
a work in the bibliography) and "Används i utbildningar" (see `all_backlinks` in
_record.md.j2). When more records point at it, the section links here: a list of them all at
`<record>/refereras-fran/` or `<record>/utbildningar/`, paged like the catalogues and kept out
of the navigation and of search (the record's own page is what search should find).
"""

from __future__ import annotations

from typing import Any

from generator.rendering.context import BACKLINK_LIMIT, RenderContext, record_path, relative


def produce(ctx: RenderContext) -> None:
    t = ctx.t
    for record in ctx.kb.records:
        label = (
            t["references"]["cited_in"]
            if record.type_name == "reference"
            else t["record"]["backlinks"]
        )
        lists: list[tuple[str, str, list[Any]]] = [
            ("refereras-fran", label, ctx.kb.referring(record)),
            ("utbildningar", t["record"]["used_in_curricula"], ctx.kb.curricula_using(record)),
        ]
        for slug, heading, entries in lists:
            if len(entries) <= BACKLINK_LIMIT:
                continue
            path = f"{record_path(record).removesuffix('.md')}/{slug}/index.md"
            ctx.paged(
                path,
                "backlinks.md.j2",
                "entries",
                entries,
                record=record,
                heading=heading,
                courses=slug == "utbildningar",
                total=len(entries),
                back=relative(path, record_path(record)),
            )
            ctx.leave_out_of_nav(path)
