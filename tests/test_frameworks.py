"""Frameworks, measures and studies (issue 7): the records validate, the assessments are the
stage checklists' markup on another scale, and a team's self-assessment of a method with
Lovande praktik survives a reload."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.checking.check import check
from generator.reading.project import Project

REPO = Path(__file__).resolve().parent.parent
LOVANDE = "ramverk/lovande-praktik/"


def test_every_record_of_the_repository_validates_without_warnings() -> None:
    records, problems = check(Project(REPO))
    assert problems == []
    types = {record.type_name for record in records}
    assert {"measure", "study", "framework"} <= types


def test_unverified_oq45_cut_offs_are_never_stated(site: Path) -> None:
    html = (site / "matt" / "oq-45" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert not re.search(r"\b(63|14)\b", article) and "RCI" not in article
    assert "Det här vet vi inte" in article


def test_ors_states_the_sourced_cut_offs(site: Path) -> None:
    text = (site / "matt" / "ors" / "index.html").read_text(encoding="utf-8")
    for value in ("<td>25</td>", "<td>28</td>", "<td>5</td>"):
        assert value in text


def test_assessments_use_the_checklist_markup_on_the_presence_scale(site: Path) -> None:
    html = (site / "ramverk" / "lovande-praktik" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="kb-checklist"') == 4
    assert html.count('data-item="') == 11
    assert 'data-scale="presence"' in html and "Finns" in html
    fire = (site / "ramverk" / "fire" / "index.html").read_text(encoding="utf-8")
    assert fire.count('data-item="') == 6


@pytest.mark.browser
def test_a_lovande_praktik_self_assessment_is_kept_after_a_reload(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{LOVANDE}")
    theory = page.get_by_role("radiogroup", name="1. Teori och kunskap")
    expect(theory.get_by_role("radio")).to_have_count(4)
    theory.get_by_role("radio", name="Finns", exact=True).check()
    item = page.locator("li", has=page.locator('[id="bedom-teori-och-kunskap"]'))
    item.get_by_label("Kommentar").fill("Bygger på social inlärningsteori")
    page.get_by_role("radiogroup", name="4. Mål").get_by_role(
        "radio", name="Delvis", exact=True
    ).check()
    page.get_by_role("radiogroup", name="6. Ekonomi").get_by_role(
        "radio", name="Saknas", exact=True
    ).check()
    summary = page.locator(".kb-progress-total")
    expect(summary).to_contain_text("Hela bedömningen: 1 av 11 finns, 1 delvis, 1 saknas")
    page.reload()
    expect(
        page.get_by_role("radiogroup", name="1. Teori och kunskap").get_by_role(
            "radio", name="Finns", exact=True
        )
    ).to_be_checked()
    expect(item.get_by_label("Kommentar")).to_have_value("Bygger på social inlärningsteori")
    expect(
        page.get_by_role("radiogroup", name="6. Ekonomi").get_by_role(
            "radio", name="Saknas", exact=True
        )
    ).to_be_checked()
    expect(summary).to_contain_text("1 av 11 finns, 1 delvis, 1 saknas")
    expect(
        page.locator(
            '.kb-checklist[data-checklist="framework/lovande-praktik/koncept"] .kb-progress'
        )
    ).to_contain_text("0 av 4 finns, 1 delvis, 1 saknas")


@pytest.mark.browser
@pytest.mark.parametrize(
    "address", [LOVANDE, "ramverk/active-implementation-frameworks/", "evidens/", "matt/ors/"]
)
def test_framework_and_evidence_pages_pass_axe(
    page: Page, base_url: str, address: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}{address}")
    page.wait_for_selector("h1")
    assert wcag_21_aa_report(page) == ""
