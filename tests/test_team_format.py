"""The team's stored format is versioned, and every earlier version – in the browser's
storage, in an exported file or in a shared link – is migrated to the current one. The
migration runs in Chromium, in the site's own module (kb-team.js)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OVERVIEW = "implementering/oversikt/"
STAGE = "implementering/installation/"
PLAN = "implementeringsplan-klar"

VERSION_1_ENTRIES = {
    "installation": {
        PLAN: {"state": "done", "responsible": "Anna Berg", "date": "2025-05-01"},
        "finansiering-sakrad": {"state": "started"},
    },
    "pmto:installation": {"videohandledning-bokad": {"state": "done"}},
    "framework/fire/nyckelfaktorer": {
        "ledarskap": {"state": "started", "comment": "Ny chef i höst"}
    },
}


# The team module the page's scripts share, imported where it lies beside the start module.
TEAM = """async data => {
    const start = document.querySelector('script[src$="kb-start.js"]').src;
    const team = await import(new URL("kb-team.js", start).href);"""


def migrate(page: Page, data: Any) -> Any:
    return page.evaluate(f"{TEAM} return team.migrate(data); }}", data)


def current(checklists: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "kunskapsbank-implementering",
        "version": 2,
        "methods": {"chosen": []},
        "checklists": checklists,
        "rounds": [],
        "votes": [],
        "fit": {"methods": [], "ratings": {}},
        "meeting": {},
    }


@pytest.fixture
def site_page(page: Page, base_url: str) -> Page:
    page.goto(f"{base_url}{OVERVIEW}")
    expect(page.locator(".kb-ov-stages")).to_be_visible()
    return page


def test_a_version_1_export_file_is_migrated(site_page: Page) -> None:
    exported = {
        "format": "kunskapsbank-checklistor",
        "version": 1,
        "page": "/implementering/installation/",
        "exported": "2025-06-01T10:00:00Z",
        "checklists": VERSION_1_ENTRIES,
    }
    assert migrate(site_page, exported) == current(VERSION_1_ENTRIES)


def test_a_version_1_share_link_payload_is_migrated(site_page: Page) -> None:
    assert migrate(site_page, {"checklists": VERSION_1_ENTRIES}) == current(VERSION_1_ENTRIES)


def test_version_2_is_kept_and_cleaned_of_what_it_does_not_know(site_page: Page) -> None:
    data = current(
        {
            "installation": {
                PLAN: {
                    "state": "not_applicable",
                    "changed": "2026-01-01T00:00:00.000Z",
                    "colour": "red",
                },
                "tom": {"state": "maybe", "comment": "  "},
            }
        }
    ) | {
        "methods": {"chosen": ["pmto", 3], "changed": "2026-01-02T00:00:00.000Z"},
        "rounds": [
            {"id": "r2", "date": "2026-09-01", "methods": [], "checklists": {}},
            {"id": "r1", "date": "2026-03-01", "methods": ["pmto"], "checklists": {}},
            {"id": "trasig", "date": "i morgon"},
        ],
        "fit": {
            "methods": ["pmto"],
            "ratings": {
                "pmto": {
                    "need": {"rating": 4, "note": "Stort behov"},
                    "fit": {"rating": 9},
                    "hunch": {"rating": 2},
                }
            },
        },
        "unknown": True,
    }
    migrated = migrate(site_page, data)
    assert migrated["checklists"] == {
        "installation": {PLAN: {"state": "not_applicable", "changed": "2026-01-01T00:00:00.000Z"}}
    }
    assert migrated["methods"] == {"chosen": ["pmto"], "changed": "2026-01-02T00:00:00.000Z"}
    assert [r["id"] for r in migrated["rounds"]] == ["r1", "r2"]
    assert migrated["fit"]["ratings"] == {"pmto": {"need": {"rating": 4, "note": "Stort behov"}}}
    assert "unknown" not in migrated


@pytest.mark.parametrize(
    "data",
    [
        {"format": "kunskapsbank-implementering", "version": 3, "checklists": {}},
        {"format": "något-annat", "version": 1},
        {"checklists": "inga"},
        [],
    ],
)
def test_what_is_no_known_version_is_refused(site_page: Page, data: Any) -> None:
    assert (
        site_page.evaluate(
            f"""{TEAM}
        try {{ team.migrate(data); return "migrated"; }} catch {{ return "refused"; }}
    }}""",
            data,
        )
        == "refused"
    )


def test_marks_stored_by_the_first_checklists_are_moved_into_the_team_store(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{STAGE}")
    page.evaluate(
        """entries => {
        localStorage.clear();
        for (const [id, items] of Object.entries(entries)) __md_set(`kb-checklist.${id}`, items);
    }""",
        VERSION_1_ENTRIES,
    )
    page.goto(f"{base_url}{OVERVIEW}")
    expect(page.locator(".kb-ov-stages tbody tr").filter(has_text="Installation")).to_contain_text(
        "1 av 10 klara, 1 påbörjade"
    )
    expect(page.locator(".kb-ov-assessments")).to_contain_text("0 av 6 finns, 1 delvis")
    stored = page.evaluate('() => __md_get("kb-team")')
    assert stored["version"] == 2
    assert stored["checklists"] == VERSION_1_ENTRIES
    assert page.evaluate("() => Object.keys(localStorage)") == ["/.kb-team"]
    page.goto(f"{base_url}{STAGE}")
    item = page.locator("li", has=page.locator(f'[id="{PLAN}"]'))
    expect(item.get_by_role("radio", name="Klart", exact=True)).to_be_checked()
    expect(item.get_by_label("Ansvarig")).to_have_value("Anna Berg")


def test_a_version_1_file_imports_into_the_overview(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    old = tmp_path / "checklista-installation.json"
    old.write_text(
        json.dumps(
            {
                "format": "kunskapsbank-checklistor",
                "version": 1,
                "page": "/implementering/installation/",
                "checklists": VERSION_1_ENTRIES,
            }
        ),
        encoding="utf-8",
    )
    page.goto(f"{base_url}{OVERVIEW}")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera från fil").click()
    chooser.value.set_files(old)
    expect(page.locator(".kb-status")).to_have_text("Markeringarna är importerade.")
    expect(page.locator(".kb-ov-stages tbody tr").filter(has_text="Installation")).to_contain_text(
        "1 av 10 klara, 1 påbörjade"
    )
