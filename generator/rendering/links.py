"""The trainers' page of permanent addresses (`/lankar/`): every record page and every
anchor a course can link to, grouped by kind, so a trainer copies an address from one place
and can trust it to last (renamed ids forward through `aliases`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from generator.locale import label
from generator.model.knowledge_base import KnowledgeBase
from generator.rendering import html_out
from generator.rendering.context import (
    RenderContext,
    page_paths,
    record_path,
    section_index_path,
)

PATH = "lankar.md"


@dataclass(frozen=True)
class Address:
    """One permanent address: what it is, the page it is on, and the anchor inside it."""

    title: str
    page: str
    url: str
    anchor: str = ""
    context: str = ""

    @property
    def shown(self) -> str:
        """The address as a trainer writes it, from the site's root: `/ebp/#fraga`."""
        return f"/{self.url}#{self.anchor}" if self.anchor else f"/{self.url}"

    @property
    def fragment(self) -> str:
        return f"#{self.anchor}" if self.anchor else ""


def addresses(kb: KnowledgeBase, t: dict[str, Any]) -> list[tuple[str, list[Address]]]:
    """Addresses grouped by kind: first the pages, then anchors in the order the locale
    lists their kinds, and kinds it does not list yet after those, in the order they are
    met; kinds without addresses are left out."""
    pages: list[Address] = []
    anchors: dict[str, list[Address]] = {
        kind: [] for kind in t["links"]["kinds"] if kind != "pages"
    }
    for cls in kb.types.in_nav_order():
        records = kb.of_type(cls.type_name)
        if records and cls.url_prefix:
            pages.append(
                Address(
                    label(t["sections"], cls.type_name),
                    section_index_path(cls),
                    f"{cls.url_prefix}/",
                )
            )
        for record in records:
            path = record_path(record)
            pages.append(Address(record.title, path, record.address()))
            for part in kb.page_anchors(record):
                anchors.setdefault(part.kind, []).append(
                    Address(part.title, path, record.address(), part.id, record.title)
                )
    return [("pages", pages), *((kind, found) for kind, found in anchors.items() if found)]


# Rows per page of /lankar/: large enough that a small knowledge base (the bundled one has
# about 740 addresses) fits on one page, so that its filter fetches nothing; small enough
# that a page of long rows stays within 1.5 × the largest page of a small site.
LINKS_PER_PAGE = 800


def _regroup(rows: list[tuple[str, Address]]) -> list[tuple[str, list[Address]]]:
    """One page's rows back into their kinds, in order."""
    return [(kind, [a for _, a in group]) for kind, group in groupby(rows, key=itemgetter(0))]


def produce(ctx: RenderContext) -> None:
    rows = [(kind, a) for kind, found in addresses(ctx.kb, ctx.t) for a in found]
    # Every page of the list, from the site's root: the filter on one page (kb-links.js)
    # fetches the others' rows, so that it filters the whole list.
    count = max(1, -(-len(rows) // LINKS_PER_PAGE))
    pages = [html_out.page_url(path, ctx.directory_urls) for path in page_paths(PATH, count)]
    ctx.paged(
        PATH,
        "links.md.j2",
        "groups",
        rows,
        per_page=LINKS_PER_PAGE,
        shape=_regroup,
        pages=pages,
    )
    ctx.add_to_nav("curriculum", {ctx.t["links"]["title"]: PATH})
