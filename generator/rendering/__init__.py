"""Stage 5, rendering: the knowledge base as Markdown pages, navigation and data files.

The output is plain Markdown using standard Python-Markdown/pymdownx extensions and Material
features, so any MkDocs-compatible engine can build it without our plugin. Each kind of page
is a producer module; a new kind of page is a module and one entry in PRODUCERS.

Takes: the `KnowledgeBase` of the model stage, the hand-written pages' paths and the locale.
Gives: `Rendered`, every page's Markdown (rendered when asked for), the data files, the
files copied as they are and the navigation.
"""

from __future__ import annotations

from generator.locale import strings
from generator.model.knowledge_base import KnowledgeBase
from generator.rendering import (
    backlinks,
    compare,
    course_material,
    feeds,
    field_reference,
    finder,
    footer,
    glossary,
    handouts,
    implementation,
    links,
    maintenance,
    nav,
    open_data,
    records,
    redirects,
    search_ui,
)
from generator.rendering.context import (
    RenderContext,
    environment,
    record_path,
    relative,
)
from generator.rendering.field_reference import field_tables, json_schema
from generator.rendering.nav import NAV_LIMIT
from generator.rendering.rendered import Rendered

PRODUCERS = (
    records.produce,
    field_reference.produce,
    links.produce,
    redirects.produce,
    handouts.produce,
    course_material.produce,
    maintenance.produce,
    finder.produce,
    compare.produce,
    open_data.produce,
    glossary.produce,
    footer.produce,
    search_ui.produce,
    backlinks.produce,
    implementation.produce,
    feeds.produce,
)


def render(
    kb: KnowledgeBase,
    content_pages: list[str],
    language: str = "sv",
    directory_urls: bool = True,
    site_url: str | None = None,
) -> Rendered:
    """Render every page of the knowledge base; `content_pages` are the hand-written ones.
    `directory_urls` is the engine's `use_directory_urls`, which the links are written for;
    `site_url` the site's public address, if it has one (the feeds' links use it)."""
    t = strings(language)
    ctx = RenderContext(
        kb=kb,
        t=t,
        env=environment(t, kb.types.template_dirs),
        content_pages=content_pages,
        directory_urls=directory_urls,
        site_url=site_url,
    )
    for produce in PRODUCERS:
        produce(ctx)
    ctx.out.nav, hidden = nav.build(ctx)
    ctx.out.not_in_nav = [*hidden, *ctx.outside_nav]
    ctx.out.kb = kb
    return ctx.out


__all__ = [
    "NAV_LIMIT",
    "field_tables",
    "json_schema",
    "record_path",
    "relative",
    "render",
]
