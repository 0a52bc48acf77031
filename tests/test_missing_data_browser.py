"""In Debian's Chromium (issue 27 item 4): a social worker comparing methods can tell "our
sources say nothing" from "does not apply", because every fact our sources do not give reads
"Uppgift saknas" in the comparison (/jamfor/); and the finder's "Uppgift saknas" options
(/hitta/) say, beside them and to a screen reader, which methods they select."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# The comparison's rows of facts, by the field of the published index each row shows.
FACT_ROWS = {
    "target_group": "Målgrupp",
    "ages": "Ålder",
    "problems": "Problemområden",
    "arenas": "Arena",
    "formats": "Form",
    "intensity": "Intensitet",
    "duration": "Längd",
    "staffing": "Bemanning",
    "training": "Utbildning och certifiering",
    "training_countries": "Utbildning ges i",
}


def published(site: Path, method_id: str) -> dict[str, Any]:
    """A method as the comparison loads it, from the published index."""
    index = json.loads((site / "data" / "insatser.json").read_text(encoding="utf-8"))
    (method,) = [m for m in index["methods"] if m["id"] == method_id]
    return dict(method)


def test_a_comparison_says_uppgift_saknas_where_our_sources_say_nothing(
    page: Page, base_url: str, site: Path
) -> None:
    loke, tfco = published(site, "loke"), published(site, "tfco")
    unknown = [row for field, row in FACT_ROWS.items() if not loke[field]]
    assert len(unknown) >= 5 and not loke["costs"] and not loke["cost_band"]
    assert all(tfco[field] for field in FACT_ROWS)

    page.goto(f"{base_url}jamfor/?m=loke,tfco")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Uppgift", re.compile("^LOKE"), re.compile("^TFCO")]
    )
    shown = {
        cells[0]: cells[1:]
        for cells in (
            row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()
        )
    }
    for row in [*unknown, "Kostnader"]:
        assert shown[row][0] == "Uppgift saknas", row
        assert "Uppgift saknas" not in shown[row][1], row
    assert [row for row, cells in shown.items() if not all(cell.strip() for cell in cells)] == []


@pytest.mark.parametrize(
    ("group", "option", "description"),
    [
        (
            "Arena",
            "Uppgift saknas",
            "Visar insatser som våra källor inte ger någon uppgift om i den här gruppen, "
            "inte insatser där svaret är nej.",
        ),
        (
            "Kostnadsnivå (Foundations skala)",
            "Uppgift saknas",
            "Visar insatser som våra källor inte ger någon uppgift om i den här gruppen, "
            "inte insatser där svaret är nej.",
        ),
        (
            "Bedömning i evidensregister",
            "Ingen bedömning i våra källor",
            "Visar insatser som inget evidensregister har bedömt enligt våra källor.",
        ),
    ],
)
def test_an_uppgift_saknas_option_in_the_finder_says_what_it_selects(
    page: Page, base_url: str, group: str, option: str, description: str
) -> None:
    page.goto(f"{base_url}hitta/")
    fieldset = page.get_by_role("group", name=group)
    box = fieldset.get_by_role("checkbox", name=re.compile(rf"^{re.escape(option)} \(\d+\)$"))
    expect(box).to_have_accessible_description(description)
    expect(fieldset.get_by_text(description)).to_be_visible()
