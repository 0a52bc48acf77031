"""Two small evidence registries and a verdict builder, for tests of what a method page, the
comparison, the finder and the open data make of a method's verdicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.reading.project import today as build_day

# The tests' day (conftest's NOW, which every check and build reads from SOURCE_DATE_EPOCH),
# and the days at the limits counted from it: a check made a year ago today is not yet
# stale, one made the day before is; nor is a date after the tests' day allowed.
TODAY = build_day()
A_YEAR_AGO = TODAY.replace(year=TODAY.year - 1)
OVER_A_YEAR_AGO = A_YEAR_AGO - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)

_REGISTRY = """
    id: {id}
    title: {title}
    summary: Ett register för tester.
    reviewed: 2026-11-01
    sources:
      - {{id: skala, title: Skalan, url: https://{id}.example/skala}}
    name: {title}
    publisher: {{text: Utgivaren., source: skala}}
    country: "{country}"
    url: https://{id}.example/
    rates: {{text: Insatser för barn och unga., source: skala}}
    scales:
      - id: skala
        title: Skalan
        source: skala
        levels:
          - id: {high}
            title: {high_title}
            text: Stark dokumentation av effekt.
            shared: stark
            mapping: Skalans högsta nivå.
            source: skala
          - id: {low}
            title: {low_title}
            text: Ingen effekt.
            shared: ingen-effekt
            mapping: Registrets nivå för ett nollresultat.
            source: skala
    review:
{review}
"""
UNGSINN = _REGISTRY.format(
    id="ungsinn",
    title="Ungsinn",
    country="no",
    high="niva-5",
    high_title="Nivå 5",
    low="niva-0",
    low_title="Nivå 0",
    review="      kind: editions\n      text: Numrerade utgåvor.\n      source: skala",
)
CEBC = _REGISTRY.format(
    id="cebc",
    title="CEBC",
    country="us",
    high="niva-1",
    high_title="1 – Well-Supported",
    low="niva-4",
    low_title="4 – Evidence Fails to Demonstrate Effect",
    review="      kind: interval\n      years: 2\n      text: Vartannat år.\n      source: skala",
)
# The registries as files of a test project.
REGISTRIES = {"registry/ungsinn.yaml": UNGSINN, "registry/cebc.yaml": CEBC}
# The one version of Alfa that the verdicts name.
VERSIONS = [{"id": "alfa", "title": "Alfa", "source": "s1"}]


def verdict(registry: str, level: str, rating: str, date: str, **fields: Any) -> dict[str, Any]:
    """A current verdict of Alfa by `registry` at `level`, checked recently (before TODAY),
    finding an effect unless `fields` say otherwise."""
    return {
        "id": f"{registry}-{date[:4]}",
        "registry": f"registry/{registry}",
        "version": "alfa",
        "rating": rating,
        "level": f"registry/{registry}#{level}",
        "finding": "effekt",
        "date": date,
        "checked": "2026-11-01",
        "source": "s1",
    } | fields
