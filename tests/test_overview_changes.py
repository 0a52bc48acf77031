"""In Debian's Chromium: the implementation team's overview lists what changed in its chosen
methods (verdicts, ages, costs …) since its last saved round, from the site's file of each
method's dated changes (data/andringar.json, made from the repository's history)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

PMTO = "PMTO – Parent Management Training, Oregonmodellen"
VERDICTS = "Bedömningar i evidensregister"
# What the site's history says, fixed here so that the test does not move with the data.
CHANGES: dict[str, Any] = {
    "methods": {
        "pmto": [
            {"date": "2026-12-07", "created": False, "verdicts": True, "fields": [VERDICTS]},
            {"date": "2026-11-26", "created": False, "verdicts": False, "fields": ["Ålder"]},
            {"date": "2026-11-23", "created": True, "verdicts": False, "fields": []},
        ],
        "mst": [{"date": "2026-12-01", "created": False, "verdicts": True, "fields": [VERDICTS]}],
    }
}


def rows(page: Page, caption: str) -> list[list[str]]:
    table = page.get_by_role("table", name=caption)
    expect(table).to_be_visible()
    return [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]


def test_the_overview_lists_the_chosen_methods_changes_since_the_last_saved_round(
    page: Page, base_url: str
) -> None:
    def changes(route: Route) -> None:
        route.fulfill(json=CHANGES)

    page.route("**/data/andringar.json", changes)
    page.goto(f"{base_url}implementering/oversikt/")
    expect(page.locator(".kb-ov-method-changes")).to_have_text(
        "Välj metoder ovan för att se ändringar i dem."
    )
    page.get_by_role("checkbox", name=PMTO).check()
    # No round saved yet: every change since the method came, newest first.
    assert rows(page, "Ändringar i de valda metoderna") == [
        [PMTO, "2026-12-07", f"{VERDICTS} (bedömning ändrad)"],
        [PMTO, "2026-11-26", "Ålder"],
    ]
    page.get_by_label("Omgångens datum").fill("2026-11-30")
    page.get_by_role("button", name="Spara omgång").click()
    assert rows(page, "Ändringar i de valda metoderna sedan 2026-11-30") == [
        [PMTO, "2026-12-07", f"{VERDICTS} (bedömning ändrad)"],
    ]
