"""The editorial team's maintenance page (/underhall/): the verdicts that may be out of date,
then every record by review date, oldest first, so what most needs a new look is at the top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import today as build_day
from generator.rendering.context import RenderContext
from generator.types import Record

PATH = "underhall.md"


@dataclass(frozen=True)
class Review:
    """One row of the page: a record and how long ago it was reviewed, in whole months."""

    record: Record
    months: int

    @property
    def years_and_months(self) -> tuple[int, int]:
        return divmod(self.months, 12)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`; never negative."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return max(0, months - (later.day < earlier.day))


def reviews(kb: KnowledgeBase, today: dt.date) -> list[Review]:
    """All records, oldest review first; ties in type order, then by title."""
    records = sorted(
        kb.records, key=lambda r: (r.reviewed, kb.types.position(r.type_name), r.title.casefold())
    )
    return [Review(r, months_between(r.reviewed, today)) for r in records]


def produce(ctx: RenderContext) -> None:
    """Ages count from the day of the build, which the page states."""
    today = build_day()
    drafts = sorted(ctx.kb.drafts, key=lambda r: (r.type_name, r.title.casefold()))
    ctx.paged(
        PATH,
        "maintenance.md.j2",
        "reviews",
        reviews(ctx.kb, today),
        today=today,
        drafts=drafts,
        stale=ctx.kb.stale_verdicts(today),
        stale_searches=ctx.kb.stale_searches(today),
    )
    ctx.add_to_nav("editors", {ctx.t["maintenance"]["title"]: PATH})
