"""Charts drawn at build time as inline SVG, with no script and no external service.

Every chart has a <title> and a <desc> that assistive technology reads, and is always
published next to a data table with the same numbers, so the chart is never the only way to
get at the data. Numbers are formatted once here and used in both, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha1
from html import escape

# Layout in SVG user units; the SVG scales to the column width through its viewBox.
WIDTH = 640
LABEL_WIDTH = 300
ROW = 28
TOP = 12
AXIS = 36


def number(value: float) -> str:
    """Swedish number format, as in the data tables: 0.27 -> '0,27', 1300 -> '1 300'."""
    text = f"{value:,g}" if value == int(value) and abs(value) >= 1000 else f"{value:g}"
    return text.replace(",", " ").replace(".", ",")


@dataclass(frozen=True)
class Row:
    """One bar or estimate: its label, value and, for an estimate, its 95 % interval."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None


def _frame(title: str, desc: str, height: int, body: list[str]) -> str:
    """The SVG element: labelled by its title and description, one line per element so that
    Markdown keeps it as a single raw HTML block."""
    # Ids from the content: stable between builds, distinct for distinct charts on a page.
    n = sha1(f"{title}\n{desc}\n{body}".encode()).hexdigest()[:10]
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart-svg" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" '
            f'aria-labelledby="kb-chart-{n}-title kb-chart-{n}-desc">',
            f'<title id="kb-chart-{n}-title">{escape(title)}</title>',
            f'<desc id="kb-chart-{n}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _label(y: float, text: str) -> str:
    short = text if len(text) <= 44 else text[:43] + "…"
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y:.1f}" text-anchor="end" '
        f'class="kb-chart-label">{escape(short)}</text>'
    )


def bars(rows: list[Row], title: str, desc: str) -> str:
    """Horizontal bars from zero, each with its value written at its end."""
    top = max(r.value for r in rows) or 1
    span = WIDTH - LABEL_WIDTH - 70
    body = []
    for i, r in enumerate(rows):
        y = TOP + i * ROW
        length = span * r.value / top
        body += [
            _label(y + ROW / 2 + 4, r.label),
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{length:.1f}" height="{ROW - 10}" '
            f'class="kb-chart-bar"/>',
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + ROW / 2 + 4:.1f}" '
            f'class="kb-chart-value">{number(r.value)}</text>',
        ]
    return _frame(title, desc, TOP * 2 + len(rows) * ROW, body)


def estimates(rows: list[Row], title: str, desc: str) -> str:
    """A forest plot: one point per estimate with its interval where there is one, on a
    common axis that always includes zero (no effect)."""
    values = [v for r in rows for v in (r.value, r.low, r.high) if v is not None]
    lo, hi = min(0.0, *values), max(0.0, *values)
    lo, hi = lo - 0.05, hi + 0.05
    span = WIDTH - LABEL_WIDTH - 60

    def x(v: float) -> float:
        return LABEL_WIDTH + span * (v - lo) / (hi - lo)

    height = TOP + len(rows) * ROW + AXIS
    zero = x(0)
    body = [
        f'<line x1="{zero:.1f}" y1="{TOP}" x2="{zero:.1f}" y2="{height - AXIS}" '
        f'class="kb-chart-zero"/>',
        f'<text x="{zero:.1f}" y="{height - AXIS + 16}" text-anchor="middle" '
        f'class="kb-chart-axis">0</text>',
    ]
    for i, r in enumerate(rows):
        y = TOP + i * ROW + ROW / 2
        body.append(_label(y + 4, r.label))
        if r.low is not None and r.high is not None:
            body.append(
                f'<line x1="{x(r.low):.1f}" y1="{y:.1f}" x2="{x(r.high):.1f}" '
                f'y2="{y:.1f}" class="kb-chart-interval"/>'
            )
        body += [
            f'<circle cx="{x(r.value):.1f}" cy="{y:.1f}" r="5" class="kb-chart-point"/>',
            f'<text x="{WIDTH - 8}" y="{y + 4:.1f}" text-anchor="end" '
            f'class="kb-chart-value">{number(r.value)}</text>',
        ]
    return _frame(title, desc, height, body)
