"""Stage 4 of the pipeline: the knowledge base as Markdown pages, navigation and data files.

The output is plain Markdown using standard Python-Markdown/pymdownx extensions and Material
features, so any MkDocs-compatible engine can build it without our plugin. Each kind of page
is a producer module; a new kind of page is a module and one entry in PRODUCERS.
"""

from __future__ import annotations

from generator.model import KnowledgeBase
from generator.render import (
    compare,
    finder,
    glossary,
    handouts,
    links,
    maintenance,
    material,
    nav,
    open_data,
    publication,
    records,
    redirects,
    reference,
)
from generator.render.context import (
    RenderContext,
    Rendered,
    environment,
    record_path,
    relative,
    strings,
)
from generator.render.nav import NAV_LIMIT
from generator.render.reference import field_tables, json_schema

PRODUCERS = (records.produce, reference.produce, links.produce, redirects.produce,
             handouts.produce, material.produce, maintenance.produce, finder.produce,
             compare.produce, open_data.produce, glossary.produce, publication.produce)


def render(kb: KnowledgeBase, content_pages: list[str], language: str = "sv") -> Rendered:
    """Render every page of the knowledge base; `content_pages` are the hand-written ones."""
    t = strings(language)
    ctx = RenderContext(kb=kb, t=t, env=environment(t), content_pages=content_pages)
    for produce in PRODUCERS:
        produce(ctx)
    ctx.out.nav, hidden = nav.build(ctx)
    ctx.out.not_in_nav = [*hidden, *ctx.outside_nav]
    return ctx.out


__all__ = ["NAV_LIMIT", "Rendered", "field_tables", "json_schema", "record_path", "relative",
           "render", "strings"]
