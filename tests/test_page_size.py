"""The finder (/hitta/) and the comparison (/jamfor/) load the methods from the open data,
so their HTML is bounded: issue 8 asks that no page grow with the number of records, and
these two used to carry every method. And what a method page's first visit costs a visitor,
through the sample web server configuration (issue 27 item 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import made_once, new_context, write_project
from playwright.sync_api import Browser, Request
from test_nginx import nginx

from generator.reading.project import Project
from generator.site.engine.build import build

MANY = 300
PAGES = ("hitta", "jamfor")


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the minimal knowledge base built as `small`, and as `large` the same
    with one method cloned MANY times and one course MANY // 10 times, built once per test
    run for the tests that only read them."""

    def make(folder: Path) -> None:
        (folder / "project").mkdir(parents=True)
        small = write_project(folder / "project", {})
        build(small, folder / "small")
        alfa = (small.data_dir / "intervention" / "alfa.yaml").read_text(encoding="utf-8")
        course = (small.data_dir / "curriculum" / "kurs.yaml").read_text(encoding="utf-8")
        large = write_project(
            folder / "project",
            {
                **{
                    f"intervention/alfa-{n}.yaml": alfa.replace("id: alfa", f"id: alfa-{n}")
                    for n in range(MANY)
                },
                **{
                    f"curriculum/kurs-{n}.yaml": course.replace("id: kurs", f"id: kurs-{n}")
                    for n in range(MANY // 10)
                },
            },
        )
        build(large, folder / "large")

    return made_once(tmp_path_factory, "page-size-sites", make)


def test_finder_and_comparison_do_not_grow_with_the_number_of_methods(
    small_and_large: Path,
) -> None:
    data = json.loads((small_and_large / "large" / "data" / "insatser.json").read_text("utf-8"))
    assert len(data["methods"]) == MANY + 1
    sizes = {
        page: [
            (small_and_large / site / page / "index.html").stat().st_size
            for site in ("small", "large")
        ]
        for page in PAGES
    }
    assert all(large <= 1.5 * small for small, large in sizes.values()), sizes


ALFA_ITEMS = """
checklists:
  - stage: stage/start
    items:
      - {id: terapeuter-anmalda, text: Terapeuterna är anmälda till utbildningen., source: s1}
      - {id: handledning-bokad, text: Handledning varannan vecka är bokad., source: s1}
      - {id: licens-tecknad, text: Licensavtalet med programägaren är tecknat., source: s1}
"""
TEAM_PAGES = ("implementering/start", "implementering/oversikt", "implementering/val-av-metod")
# No stage page of the small test site comes near this; one that listed every method's items
# passed it at a few dozen methods (issue 15 measured 5.2 MB at 2,000).
STAGE_PAGE_LIMIT = 60_000


def test_stage_pages_do_not_grow_with_the_number_of_methods_with_items(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    """Issue 15: a stage page shows the general checklist and the chosen methods' items,
    which the browser loads from one small file per method."""
    small = make_project()
    alfa = (small.data_dir / "intervention" / "alfa.yaml").read_text(encoding="utf-8")
    alfa += ALFA_ITEMS
    (small.data_dir / "intervention" / "alfa.yaml").write_text(alfa, encoding="utf-8")
    build(small, tmp_path / "small")
    large = make_project(
        {"intervention/alfa.yaml": alfa}
        | {
            f"intervention/alfa-{n}.yaml": alfa.replace("id: alfa", f"id: alfa-{n}")
            for n in range(MANY)
        }
    )
    build(large, tmp_path / "large")
    site = tmp_path / "large"
    assert len(list((site / "data" / "implementering").glob("*.json"))) == MANY + 1
    method_file = site / "data" / "implementering" / "alfa-7.json"
    assert "terapeuter-anmalda" in method_file.read_text(encoding="utf-8")
    assert method_file.stat().st_size < 1_000
    sizes = {
        page: [
            (tmp_path / name / page / "index.html").stat().st_size for name in ("small", "large")
        ]
        for page in TEAM_PAGES
    }
    assert all(
        large <= 1.2 * small and large < STAGE_PAGE_LIMIT for small, large in sizes.values()
    ), sizes
    stage = (site / "implementering" / "start" / "index.html").read_text(encoding="utf-8")
    assert "terapeuter-anmalda" not in stage


def _pages(site: Path) -> dict[str, int]:
    return {page.relative_to(site).as_posix(): page.stat().st_size for page in site.rglob("*.html")}


def test_no_page_grows_with_the_records_that_point_at_it(small_and_large: Path) -> None:
    """One method cloned a few hundred times and one course a few dozen: the stage, process
    and course pages they point at list a bounded number of them and link to complete, paged
    lists; every page stays under a fixed size."""
    before, after = _pages(small_and_large / "small"), _pages(small_and_large / "large")
    assert max(after.values()) <= 1.5 * max(before.values()), sorted(
        after.items(), key=lambda item: -item[1]
    )[:5]
    stage = (small_and_large / "large" / "implementering" / "start" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Visa alla 301" in stage and 'href="refereras-fran/"' in stage
    listed = [page for page in after if page.startswith("implementering/start/refereras-fran/")]
    assert len(listed) == 7  # 301 methods, 50 a page
    process = (small_and_large / "large" / "steg" / "index.html").read_text(encoding="utf-8")
    assert "Visa alla 31" in process and 'href="utbildningar/"' in process


# Issue 27 item 2 asks for 80 KB. As this test counts it, PMTO's page transfers 112.6 KB now
# (136.3 KB before kb's own scripts were minified and the theme's palette.css left out;
# bench/README.md, "Issue 27 item 2"), 35 KB of it Material's bundle.js, so the line held here
# is that, with room for a few more verdicts on the page; 80 KB is for later.
METHOD_PAGE_LIMIT = 116_000


def test_a_method_pages_first_visit_transfers_what_the_sample_server_compresses(
    site: Path, browser: Browser
) -> None:
    """What Chromium receives (headers and compressed bodies) for PMTO's page and everything
    it fetches with an empty cache, through the sample nginx configuration, until every part
    of the page has started. Playwright counts the bytes: its clock, which every test's
    browser runs on, hides the page's own Resource Timing entries."""
    with nginx(site) as base:
        context = new_context(browser)
        page = context.new_page()
        requests: list[Request] = []
        page.on("request", lambda request: requests.append(request))
        page.goto(f"{base}/insatser/pmto/")
        page.wait_for_function("document.documentElement.dataset.kbReady !== undefined")
        sizes = [request.sizes() for request in requests]
        context.close()
    transferred = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in sizes)
    assert len(sizes) > 10 and transferred <= METHOD_PAGE_LIMIT, transferred
