"""Charts drawn at build time: valid SVG, an accessible title and description, and the same
numbers as the data table beside them."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.checking.check import check
from generator.reading.project import Project
from generator.rendering import charts
from generator.types.status import Status

SVG = "{http://www.w3.org/2000/svg}"
CHART = re.compile(r'<div class="kb-chart">(.*?)</table>', re.S)
VALUE_COLUMNS = ("Värde", "Antal")


def charts_in(html: str) -> list[tuple[ET.Element, list[str], list[list[str]]]]:
    """Every chart on a page: the parsed SVG, the table's headings and its rows."""
    found = []
    for block in CHART.findall(html):
        svg = re.search(r"<svg.*?</svg>", block, re.S)
        assert svg, "a chart without an SVG"
        heads = [re.sub(r"<.*?>", "", h) for h in re.findall(r"<th>(.*?)</th>", block, re.S)]
        rows = [
            [re.sub(r"<.*?>", "", c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", block, re.S)[1:]
        ]
        found.append((ET.fromstring(svg.group(0)), heads, rows))
    return found


def chart_pages(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("index.html") if 'class="kb-chart"' in p.read_text(encoding="utf-8")
    )


def test_the_evidence_catalogue_and_fit_have_an_effect_chart(site: Path) -> None:
    pages = {p.parent.relative_to(site).as_posix() for p in chart_pages(site)}
    assert {
        "evidens",
        "insatser/fit",
        "insatser/pmto",
        "insatser/mst",
        "insatser/pals",
        "spridning/tibir-status-2018",
    } <= pages


def test_tibir_2018_regions_add_up_to_the_stated_111() -> None:
    records, problems = check(Project(Path(__file__).resolve().parent.parent))
    assert problems == []
    status = next(r for r in records if r.id == "tibir-status-2018")
    assert isinstance(status, Status)
    assert [r.count for r in status.regions] == [20, 21, 25, 27, 18]
    total = next(f.value for f in status.figures if f.label.startswith("TIBIR-kommuner och"))
    assert sum(r.count for r in status.regions) == total == 111


def test_every_chart_is_valid_svg_with_a_title_and_the_numbers_of_its_table(site: Path) -> None:
    pages = chart_pages(site)
    assert pages
    for page in pages:
        for svg, heads, rows in charts_in(page.read_text(encoding="utf-8")):
            assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
            title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
            assert title is not None and title.text and desc is not None and desc.text
            assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
            column = next(i for i, h in enumerate(heads) if h in VALUE_COLUMNS)
            shown = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "kb-chart-value"]
            assert shown == [row[column] for row in rows], page


@pytest.mark.parametrize(
    ("value", "text"), [(0.27, "0,27"), (1313, "1 313"), (28, "28"), (0.082, "0,082")]
)
def test_numbers_are_written_the_swedish_way(value: float, text: str) -> None:
    assert charts.number(value) == text


def test_an_estimates_chart_has_zero_on_its_axis_and_draws_the_interval() -> None:
    svg = ET.fromstring(charts.estimates([charts.Row("A", 0.14, 0.082, 0.206)], "T", "D"))
    assert [t.text for t in svg.iter(f"{SVG}text")][-2:] == ["A", "0,14"]
    assert len([e for e in svg.iter(f"{SVG}line")]) == 2
