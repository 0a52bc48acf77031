"""The finder (/hitta/) and the comparison (/jamfor/) load the methods from the open data,
so their HTML is bounded: issue 8 asks that no page grow with the number of records, and
these two used to carry every method."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.site.build import build
from generator.site.tree import Project

MANY = 300
PAGES = ("hitta", "jamfor")


def test_finder_and_comparison_do_not_grow_with_the_number_of_methods(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    small = make_project()
    build(small, tmp_path / "small")
    alfa = (small.data_dir / "intervention" / "alfa.yaml").read_text(encoding="utf-8")
    large = make_project(
        {
            f"intervention/alfa-{n}.yaml": alfa.replace("id: alfa", f"id: alfa-{n}")
            for n in range(MANY)
        }
    )
    build(large, tmp_path / "large")
    data = json.loads((tmp_path / "large" / "data" / "insatser.json").read_text(encoding="utf-8"))
    assert len(data["methods"]) == MANY + 1
    sizes = {
        page: [
            (tmp_path / site / page / "index.html").stat().st_size for site in ("small", "large")
        ]
        for page in PAGES
    }
    assert all(large <= 1.5 * small for small, large in sizes.values()), sizes
