"""A method's verdicts checked against the registries they name: a verdict of a registry
with a scale names its level, what it found agrees with the level (a registry's level for
no effect is never shown as an effect; on a scale of certainty such as GRADE, a result of no
difference or of harm may stand at any level sure enough to be read), and a verdict that
may be out of date is a warning where it is written, since social workers act on verdicts
and registries revise them.
Each verdict has its own id (`replaced_by` names one), and no verdict is made, checked or
searched for after the build's day: a day still to come would never count as stale.

A verdict is out of date when it is older than its registry's re-review interval (the
registry may have judged the method again) or when we have not read it on the registry's
page for a year. Both count from `today`, the build's fixed day in a reproducible build.
An old verdict that we read on the registry's page after its interval ran out is still the
registry's current one: the page says it is old, but the check does not warn.
"""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.reading.load import FieldPath, SourceDocument
from generator.types import Record
from generator.types.base import split_ref
from generator.types.evidence_registry import Registry
from generator.types.intervention import CHECK_MAX_MONTHS, Finding, Intervention

# The findings a level's place on the shared scale allows: a level of effect is a finding of
# effect, the registry's level for no effect a finding of no difference, and so on. A level
# that rests on theory or a description is not here: its finding is what the studies the
# registry read showed (Ungsinn's level 2 for COS-P, whose one study found no difference).
FINDINGS_AT: dict[str, tuple[Finding, ...]] = {
    "stark": ("effekt",),
    "mattlig": ("effekt",),
    "begransad": ("effekt",),
    "ingen-effekt": ("ingen-skillnad",),
    "negativ": ("negativ",),
    "otillrackligt": ("otillrackligt",),
}
# On a scale of certainty (GRADE) a level says how sure a result is, not which result: one of
# effect, of no difference or of harm may stand at any level sure enough to be read.
ANY_RESULT: tuple[Finding, ...] = ("effekt", "ingen-skillnad", "negativ")


def verdict_problems(
    valid: list[tuple[SourceDocument, Record]], today: dt.date
) -> list[Diagnostic]:
    """Every verdict without the level its registry's scale requires (an error), and every
    current verdict that may be out of date on `today` (a warning)."""
    registries = {r.id: r for _, r in valid if isinstance(r, Registry)}
    problems: list[Diagnostic] = []
    for doc, method in valid:
        if not isinstance(method, Intervention):
            continue
        problems.extend(_repeated_ids(doc, method))
        problems.extend(_after_the_build_day(doc, method, today))
        for i, verdict in enumerate(method.evidence):
            registry = registries.get(split_ref(verdict.registry)[1])
            if registry is None:
                continue  # the reference itself is reported
            levels = registry.levels()
            if verdict.level is None and levels:
                problems.append(
                    doc.problem(
                        ("evidence", i),
                        message("messages.validate.level_missing", registry=verdict.registry),
                        message(
                            "messages.validate.level_missing_hint",
                            example=f"{verdict.registry}#{levels[0].id}",
                        ),
                    )
                )
            anchor = split_ref(verdict.level)[2] if verdict.level else ""
            allowed = _findings_allowed(registry, anchor)
            if allowed and verdict.finding not in allowed:
                problems.append(
                    doc.problem(
                        ("evidence", i, "finding"),
                        message(
                            "messages.validate.finding_level",
                            finding=verdict.finding,
                            level=verdict.level,
                            allowed=", ".join(allowed),
                        ),
                    )
                )
            for reason in verdict.staleness(registry.review, today):
                old = reason == "aldre-an-intervallet"
                if old and verdict.confirmed_after_due(registry.review):
                    continue
                said = (
                    message(
                        "messages.validate.verdict_old",
                        date=verdict.date,
                        years=registry.review.years,
                    )
                    if old
                    else message(
                        "messages.validate.verdict_unchecked",
                        checked=verdict.checked.isoformat(),
                        months=CHECK_MAX_MONTHS,
                    )
                )
                hint = message(
                    "messages.validate.verdict_old_hint"
                    if old
                    else "messages.validate.verdict_unchecked_hint"
                )
                place = ("evidence", i, "date" if old else "checked")
                problems.append(doc.problem(place, said, hint, severity="warning"))
        problems.extend(not_rated_problems(doc, method, today))
    return problems


def _findings_allowed(registry: Registry, anchor: str) -> tuple[Finding, ...] | None:
    """What a verdict at level `anchor` may have found, by the level's place on the shared
    scale, or any result on a scale of certainty; None for a level that rests on theory or
    a description, or an unknown one (reported as such)."""
    found = registry.scale_level(anchor)
    if found is None:
        return None
    scale, level = found
    if scale.grades_certainty_at(level):
        return ANY_RESULT
    return FINDINGS_AT.get(level.shared)


def not_rated_problems(
    doc: SourceDocument, method: Intervention, today: dt.date
) -> list[Diagnostic]:
    """A search without result that contradicts the record (a registry searched in vain that
    has a current verdict here) is an error; one not repeated for 12 months is a warning, as
    an unchecked verdict is."""
    searched = method.not_rated
    if searched is None:
        return []
    problems: list[Diagnostic] = []
    rated = set(method.rated_by())
    for j, registry in enumerate(searched.searched):
        if registry in rated:
            problems.append(
                doc.problem(
                    ("not_rated", "searched", j),
                    message("messages.validate.not_rated_but_rated", registry=registry),
                    message("messages.validate.not_rated_but_rated_hint"),
                )
            )
    for _ in searched.staleness(today):
        problems.append(
            doc.problem(
                ("not_rated", "checked"),
                message(
                    "messages.validate.not_rated_unchecked",
                    checked=searched.checked.isoformat(),
                    months=CHECK_MAX_MONTHS,
                ),
                message("messages.validate.not_rated_unchecked_hint"),
                severity="warning",
            )
        )
    return problems


def _repeated_ids(doc: SourceDocument, method: Intervention) -> list[Diagnostic]:
    """A verdict with the id of an earlier one, at the later one's id: `replaced_by` could
    not tell them apart."""
    seen: set[str] = set()
    problems = []
    for i, verdict in enumerate(method.evidence):
        if verdict.id in seen:
            problems.append(
                doc.problem(
                    ("evidence", i, "id"),
                    message("messages.validate.verdict_twice", id=verdict.id),
                    message("messages.validate.verdict_twice_hint"),
                )
            )
        seen.add(verdict.id)
    return problems


def _first_day(partial: str) -> dt.date:
    """The first day a partial date can mean ('2027' -> 1 January 2027): a date is after
    the build's day only when every day it can mean is."""
    year, month, day = [*partial.split("-"), "01", "01"][:3]
    return dt.date(int(year), int(month), int(day))


def _after_the_build_day(
    doc: SourceDocument, method: Intervention, today: dt.date
) -> list[Diagnostic]:
    """Every verdict's date and check day, and the day of a search without result, that
    lies after `today`, at the date."""
    days: list[tuple[FieldPath, str, dt.date]] = []
    for i, verdict in enumerate(method.evidence):
        if verdict.date is not None:
            days.append((("evidence", i, "date"), verdict.date, _first_day(verdict.date)))
        days.append((("evidence", i, "checked"), verdict.checked.isoformat(), verdict.checked))
    if method.not_rated is not None:
        searched = method.not_rated.checked
        days.append((("not_rated", "checked"), searched.isoformat(), searched))
    return [
        doc.problem(
            place,
            message("messages.validate.after_build_day", date=written, today=today.isoformat()),
            message("messages.validate.after_build_day_hint"),
        )
        for place, written, day in days
        if day > today
    ]
