"""The implementation team's pages and the data their scripts load.

A team chooses its methods once; stage pages then show the methods' items for that stage,
loaded in the browser from one small file per method (data/implementering/<id>.json), so
that no stage page grows with the number of methods. data/implementering.json lists the
stages with their general items, the assessments (Lovande praktik, FIRE) and every method
with the stages it adds items to: the overview (/implementering/oversikt/) draws every
stage's progress from it, and the fit assessment (/implementering/val-av-metod/) rates the
methods on the Hexagon's six factors, pre-filled from the open data (data/insatser.json).
"""

from __future__ import annotations

import json
from typing import Any

from generator.rendering.context import RenderContext
from generator.rendering.open_data import method_data
from generator.types import Framework, Intervention, Record, Stage

INDEX = "data/implementering.json"
OVERVIEW = "implementering/oversikt.md"
# The editors' page on the team's stored data and files (hand-written, in content/).
FORMAT_PAGE = "redaktorer/teamets-data.md"
FIT = "implementering/val-av-metod.md"


def method_file(method: Record) -> str:
    return f"data/implementering/{method.id}.json"


def _items(items: list[Any], label: str = "text") -> list[dict[str, Any]]:
    return [
        {"id": item.id, "text": getattr(item, label), "previous": list(item.aliases)}
        for item in items
    ]


def _stage(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.id,
        "title": stage.title,
        "url": stage.address(),
        "order": stage.order,
        "framework": stage.framework,
        "checklist": stage.id,
        "previous": list(stage.aliases),
        "items": _items(stage.checklist),
    }


def _assessment(framework: Framework) -> dict[str, Any]:
    assert framework.assessment is not None
    return {
        "id": framework.id,
        "title": framework.title,
        "url": framework.address(),
        "scale": framework.assessment.scale,
        "checklists": [
            {
                "id": framework.checklist_id(group),
                "title": group.title,
                "previous": framework.previous_checklist_ids(group),
                "items": _items(group.elements, "title"),
            }
            for group in framework.groups
        ],
    }


def _method_checklists(ctx: RenderContext, method: Intervention) -> dict[str, Any]:
    """One method's items per stage, with the keys they were stored under before a rename."""
    return {
        "id": method.id,
        "title": method.title,
        "url": method.address(),
        "checklists": [
            {
                "stage": mc.stage_id(),
                "id": mc.checklist_id(method.id),
                "previous": mc.previous_checklist_ids(method, ctx.kb.resolve(mc.stage).record),
                "items": _items(mc.items),
            }
            for mc in method.checklists
        ],
    }


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def produce(ctx: RenderContext) -> None:
    kb, t = ctx.kb, ctx.t
    stages = [r for r in kb.of_type("stage") if isinstance(r, Stage)]
    methods = [r for r in kb.of_type("intervention") if isinstance(r, Intervention)]
    assessments = [r for r in kb.of_type("framework") if isinstance(r, Framework) and r.assessment]
    for method in methods:
        if method.checklists:
            ctx.file(method_file(method), _dump(_method_checklists(ctx, method)))
    ctx.file(
        INDEX,
        _dump(
            {
                "version": 1,
                "stages": [_stage(stage) for stage in stages],
                "assessments": [_assessment(framework) for framework in assessments],
                "methods": [
                    {
                        "id": m.id,
                        "title": m.title,
                        "abbreviation": m.abbreviation,
                        "url": m.address(),
                        "previous": list(m.aliases),
                        "stages": [mc.stage_id() for mc in m.checklists],
                        "file": method_file(m) if m.checklists else None,
                    }
                    for m in methods
                ],
            }
        ),
    )
    ui = t["checklist_ui"] | t["overview"]["ui"]
    ctx.page(
        OVERVIEW,
        "overview.md.j2",
        ui=ui,
        stages=stages,
        format_page=FORMAT_PAGE if FORMAT_PAGE in ctx.content_pages else "",
    )
    fit = t["fit"]
    fit_ui = (
        t["checklist_ui"]
        | fit["ui"]
        | {
            "missing": t["finder"]["missing"],
            "ages_value": t["intervention"]["ages_value"],
            "no_rating": t["finder"]["no_rating"],
            "cite": t["record"]["cite"],
            "spread": t["intervention"]["spread"],
            "costs_missing": t["intervention"]["costs_missing"],
            "cost_band": t["finder"]["cost_band"],
        }
    )
    ctx.page(FIT, "fit.md.j2", **method_data(t, fit_ui))
    ctx.add_to_nav("stage", {t["overview"]["title"]: OVERVIEW})
    ctx.add_to_nav("stage", {fit["title"]: FIT})
