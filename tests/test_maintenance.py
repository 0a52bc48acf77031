"""/underhall/: the editorial team sees every record by review date, oldest first, with its
age, in the editors' section of the navigation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checking.check import check
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.rendering.maintenance import months_between, reviews
from generator.site.engine.generation import generate


def test_records_are_listed_oldest_review_first_with_their_age_in_months(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    for path, reviewed in [("process/steg.yaml", "2021-03-20"), ("stage/start.yaml", "2024-11-23")]:
        record = project.data_dir / path
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "reviewed: 2026-01-15", f"reviewed: {reviewed}"
            ),
            encoding="utf-8",
        )
    records, _ = check(project)
    rows = reviews(KnowledgeBase(records), dt.date(2026, 11, 23))
    assert [(r.record.id, r.years_and_months) for r in rows] == [
        ("steg", (5, 8)),
        ("start", (2, 0)),
        ("alfa", (0, 10)),
        ("kurs", (0, 10)),
    ]


def test_months_are_whole_calendar_months() -> None:
    assert months_between(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 0
    assert months_between(dt.date(2026, 1, 15), dt.date(2026, 2, 15)) == 1
    assert months_between(dt.date(2026, 12, 1), dt.date(2026, 11, 1)) == 0


def test_the_page_is_in_the_editors_section_and_links_every_record(
    make_project: Callable[..., Project],
) -> None:
    rendered = generate(make_project())
    editors = next(
        entry["För redaktörer"]
        for entry in rendered.nav
        if isinstance(entry, dict) and "För redaktörer" in entry
    )
    assert {"Underhåll": "underhall.md"} in editors
    page = rendered.files["underhall.md"]
    # Each row's first cell links the record, at the address MkDocs gives its page.
    for address in ["insatser/alfa/", "implementering/start/", "steg/", "utbildning/kurs/"]:
        assert f'| <a href="../{address}">' in page
    assert '| <time datetime="2026-01-15">2026-01-15</time> |' in page


def test_the_real_site_has_the_page_at_its_address(site: Path) -> None:
    html = (site / "underhall" / "index.html").read_text(encoding="utf-8")
    assert "Underhåll" in html and "Senast granskad" in html


def test_review_ages_count_from_source_date_epoch_as_a_reproducible_build_does(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same data built on another day gives the same site when SOURCE_DATE_EPOCH is
    the same; the tests themselves count from conftest's NOW."""
    project = make_project()
    assert [p for p in check(project)[1] if p.severity == "warning"] == []
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 6, 1, tzinfo=dt.UTC).timestamp()))
    )
    due = [p.path for p in check(project)[1] if "granskades senast 2026-01-15" in p.message]
    assert sorted(due) == sorted(
        f"data/{path}"
        for path in [
            "intervention/alfa.yaml",
            "process/steg.yaml",
            "stage/start.yaml",
            "curriculum/kurs.yaml",
        ]
    )
    assert "Åldern räknas från 2030-06-01" in generate(project).files["underhall.md"]
