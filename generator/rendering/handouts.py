"""A one-page printable handout per curriculum (`/utbildning/<id>/utdelning/`): the course
at a glance for participants, without the site's navigation, kept out of search so that it
never competes with the course page."""

from __future__ import annotations

from generator.rendering.context import RenderContext
from generator.rendering.redirects import redirect


def handout_url(url: str) -> str:
    """The handout's address beside a course page's address (`utbildning/<id>/`)."""
    return f"{url}utdelning/"


def produce(ctx: RenderContext) -> None:
    for record in ctx.kb.of_type("curriculum"):
        path = f"{handout_url(record.address())}index.md"
        ctx.page(path, "handout.md.j2", record)
        ctx.leave_out_of_nav(path)
        for alias in record.aliases:
            redirect(
                ctx, handout_url(record.address(alias)), handout_url(record.address()), record.title
            )
