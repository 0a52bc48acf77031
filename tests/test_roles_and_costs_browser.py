"""In Debian's Chromium (issue 25 item 4): the comparison (/jamfor/) shows each amount with its
currency, its price year (or that the source gives none) and what it covers, each with a link
to its source, and who holds the licence or coordinates the method in each country, Sweden
first, as the method pages do."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def shown_costs(site: Path, method_id: str) -> list[str]:
    """A method's amounts as the published index gives them, each as the site shows it."""
    index = json.loads((site / "data" / "insatser.json").read_text(encoding="utf-8"))
    (method,) = [m for m in index["methods"] if m["id"] == method_id]
    return [cost["shown"] for cost in method["costs"]]


def test_the_comparison_shows_amounts_with_their_price_years_and_the_licence_holders(
    page: Page, base_url: str, site: Path
) -> None:
    undated, dated = shown_costs(site, "foraldrastegen"), shown_costs(site, "triple-p")
    assert undated and all("(prisår anges inte i källan)" in line for line in undated)
    assert dated and all("(prisår 2017)" in line for line in dated)

    page.goto(f"{base_url}jamfor/?m=foraldrastegen,komet,triple-p")
    table = page.get_by_role("table")
    costs = page.get_by_role("cell", name="Kostnader", exact=True)
    cells = table.get_by_role("row").filter(has=costs).get_by_role("cell")
    for line in undated:
        expect(cells.nth(1)).to_contain_text(line)
    expect(cells.nth(1).get_by_role("link", name="källa").first).to_have_attribute(
        "href", f"{base_url}insatser/foraldrastegen/#kalla-utbildaren"
    )
    for line in dated:
        expect(cells.nth(3)).to_contain_text(line)
    licence = table.get_by_role("row").filter(
        has=page.get_by_role("cell", name="Licensinnehavare och nationell samordning")
    )
    expect(licence.get_by_role("cell").nth(2)).to_contain_text(
        "Sverige: Enligt Statens institutionsstyrelse ansvarar Karolinska Institutet"
    )
    expect(licence.get_by_role("cell").nth(1)).to_have_text("Uppgift saknas")
