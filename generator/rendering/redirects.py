"""Old addresses keep working: for each old id in a record's `aliases`, a small HTML page at
the old address sends the visitor on to the new one.

A meta refresh, a canonical link and an ordinary link work on any static host and in a
plain MkDocs build without our plugin (MkDocs copies `.html` files as they are). A line of
script carries the old anchor along, and the new page forwards it if it was renamed too.
"""

from __future__ import annotations

import posixpath

from generator.rendering.context import RenderContext


def redirect(ctx: RenderContext, old_url: str, new_url: str, title: str) -> None:
    """A page at the site-relative `old_url` (a folder address) that leads to `new_url`."""
    target = posixpath.relpath(new_url, old_url) + "/"
    ctx.file(
        f"{old_url}index.html",
        ctx.env.get_template("redirect.html.j2").render(t=ctx.t, title=title, target=target),
    )


def produce(ctx: RenderContext) -> None:
    for record in ctx.kb.records:
        for alias in record.aliases:
            redirect(ctx, record.address(alias), record.address(), record.title)
