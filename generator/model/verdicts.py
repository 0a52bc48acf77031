"""A method's verdicts as pages and open data show them: each with its registry, its place on
the shared scale, why it may be out of date on the build's day, and the verdict that replaced
it, so that the method page, the maintenance page and the open data say the same thing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from generator.types.base import split_ref
from generator.types.evidence_registry import Registry, SharedLevel
from generator.types.intervention import EvidenceRating, Intervention, NotRated, Staleness


@dataclass(frozen=True)
class Verdict:
    """One verdict of a method with what a reader needs beside it: the registry's record,
    its place on the shared scale (its level's, or on a scale of certainty a null or negative
    result's; None without a level), the reasons it may be
    out of date (none for a replaced verdict) and the verdict that replaced it."""

    rating: EvidenceRating
    registry: Registry
    shared: SharedLevel | None
    staleness: tuple[Staleness, ...]
    replaced_by: EvidenceRating | None

    @property
    def current(self) -> bool:
        """Whether the verdict stands: no newer verdict of the record replaces it."""
        return self.replaced_by is None


def verdicts_of(
    method: Intervention, registries: Mapping[str, Registry], today: dt.date
) -> list[Verdict]:
    """Every verdict of `method` in the record's order, counted from `today`; `registries`
    by id hold every registry the verdicts name (validation has checked them)."""
    by_id = {e.id: e for e in method.evidence}
    found = []
    for rating in method.evidence:
        registry = registries[split_ref(rating.registry)[1]]
        anchor = split_ref(rating.level)[2] if rating.level else ""
        shared = registry.shared_place(anchor, rating.finding)
        replaced_by = by_id.get(rating.replaced_by) if rating.replaced_by else None
        found.append(
            Verdict(
                rating,
                registry,
                shared,
                tuple(rating.staleness(registry.review, today)),
                replaced_by,
            )
        )
    return found


@dataclass(frozen=True)
class Unrated:
    """A method's search without result as pages and open data show it: the registries
    searched, by their records, and why the search may be out of date on the build's day."""

    search: NotRated
    registries: tuple[Registry, ...]
    staleness: tuple[Staleness, ...]


def unrated_of(
    method: Intervention, registries: Mapping[str, Registry], today: dt.date
) -> Unrated | None:
    """The registries `method` was searched in without a verdict, counted from `today`;
    None when the record records no such search (validation has checked the references)."""
    search = method.not_rated
    if search is None:
        return None
    return Unrated(
        search,
        tuple(registries[split_ref(ref)[1]] for ref in search.searched),
        tuple(search.staleness(today)),
    )
