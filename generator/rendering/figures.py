"""What the chart templates draw: rows taken from the records, as SVG and as table cells.

Templates call these through the `figures` global; the SVG and the table beside it get
their numbers from the same rows, formatted by the same function.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.model.knowledge_base import KnowledgeBase
from generator.rendering import charts
from generator.types import Record, Status, Study
from generator.types.study import EffectSize

number = charts.number


def studies_about(kb: KnowledgeBase, record: Record) -> list[Study]:
    """Studies whose `about` names `record`, oldest first."""
    return kb.studies_about(record)


def effects(studies: list[Record]) -> list[tuple[Study, EffectSize]]:
    """Every effect size of the studies, in the studies' order."""
    return [(s, e) for s in studies if isinstance(s, Study) for e in s.effects]


def sizes(studies: list[Study]) -> list[tuple[str, float]]:
    """Each study's first stated size, labelled with what was counted: 'Ogden & Hagen 2008
    (barn)'. Studies without a stated size are left out."""
    return [
        (f"{s.citation()} ({s.sample[0].unit})", s.sample[0].value) for s in studies if s.sample
    ]


def region_counts(status: Status) -> list[tuple[str, float]]:
    """Each region's stated number of places, for the bar chart and its table."""
    return [(region.title, region.count) for region in status.regions]


def effect_svg(items: list[tuple[Study, EffectSize]], title: str, desc: str) -> Markup:
    rows = [charts.Row(f"{s.citation()}: {e.label}", e.value, e.low, e.high) for s, e in items]
    return Markup(charts.estimates(rows, title, desc))


def bar_svg(items: list[tuple[str, float]], title: str, desc: str) -> Markup:
    return Markup(charts.bars([charts.Row(label, value) for label, value in items], title, desc))
