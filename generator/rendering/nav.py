"""The navigation: one section per record type, bounded however many records there are."""

from __future__ import annotations

import html
from typing import Any

from generator.locale import label
from generator.rendering.context import (
    RenderContext,
    record_path,
    section_index_path,
)
from generator.types import Record

# Above this many records a section lists only its catalogue page in the navigation, so that
# every page's HTML (which carries the whole rendered navigation) stays bounded.
NAV_LIMIT = 40


def _nav_title(record: Record) -> str:
    """Themes print navigation titles unescaped, so record text is escaped here."""
    return html.escape(record.title, quote=False)


def build(ctx: RenderContext) -> tuple[list[Any], list[str]]:
    """Navigation by section, and the record pages left out of it.

    Sections follow the types' `nav_position`; a type `nested_in` another sits inside that
    one's section (so that the tabs fit on one line), and the pages of a type without an
    address prefix sit at the top level. A section with more than NAV_LIMIT records lists
    only its index page; so does the top level for types without a section. Hand-written
    pages join the section whose folder they are in; pages producers placed with
    `add_to_nav` follow; the rest go last. The pages of a type without a `nav_position` are
    left out on purpose.
    """
    t, content_pages = ctx.t, ctx.content_pages
    nav: list[Any] = [{t["sections"]["home"]: "index.md"}] if "index.md" in content_pages else []
    placed = {"index.md"}
    hidden: list[str] = []

    def section_pages(key: str, folder: str, first: list[Any]) -> list[Any]:
        extra = [p for p in content_pages if p.startswith(f"{folder}/") and p not in first]
        placed.update(extra)
        return [*first, *extra, *ctx.nav_entries.get(key, [])]

    sections: dict[str, list[Any]] = {}
    for cls in ctx.kb.types.in_nav_order():
        type_name, prefix = cls.type_name, cls.url_prefix
        records = ctx.kb.of_type(type_name)
        entries: list[Any] = [{_nav_title(r): record_path(r)} for r in records]
        if len(records) > NAV_LIMIT:
            hidden += [record_path(r) for r in records]
            entries = []
        if not prefix:
            nav.extend(entries)
        elif records:
            sections[type_name] = section_pages(
                type_name, prefix, [section_index_path(cls), *entries]
            )
            parent = sections.get(cls.nested_in)
            (parent if parent is not None else nav).append(
                {label(t["sections"], type_name): sections[type_name]}
            )
    for cls in ctx.kb.types.out_of_nav():
        for record in ctx.kb.of_type(cls.type_name):
            ctx.leave_out_of_nav(record_path(record))
    nav.extend(ctx.nav_entries.get("", []))
    editors = ["redaktorer/index.md"] if "redaktorer/index.md" in content_pages else []
    nav.append(
        {
            t["sections"]["editors"]: section_pages(
                "editors", "redaktorer", [*editors, "redaktorer/falt.md"]
            )
        }
    )
    nav.extend(p for p in content_pages if p not in placed and not p.startswith("redaktorer/"))
    return nav, hidden
