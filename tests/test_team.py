"""In Debian's Chromium: an implementation team works through the stages over years, in
meetings on a shared screen. It follows its progress on the overview, merges its members'
files, saves rounds and draws them, gathers raters' votes into a consensus, assesses
methods' fit before choosing, and prints the overview and a meeting report."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, expect_address, new_context
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

OVERVIEW = "implementering/oversikt/"
STAGE = "implementering/installation/"
PLAN = "implementeringsplan-klar"
PLAN_TEXT = "Det finns en skriftlig plan för vem som gör vad och när."
FUNDING = "finansiering-sakrad"
FUNDING_TEXT = "Finansiering och tjänster är säkrade för mer än ett år."
PMTO = "PMTO – Parent Management Training, Oregonmodellen"
OLD = "2020-01-01T00:00:00.000Z"
LATER = "2099-01-01T00:00:00.000Z"


def item(page: Page, anchor: str) -> Locator:
    return page.locator("li", has=page.locator(f'[id="{anchor}"]'))


def state(page: Page, anchor: str, name: str) -> Locator:
    return item(page, anchor).get_by_role("radio", name=name, exact=True)


def team_file(tmp_path: Path, name: str, checklists: dict[str, Any], **more: Any) -> Path:
    """A file as "Exportera till fil" writes it (format 2)."""
    path = tmp_path / name
    path.write_text(
        json.dumps(
            {
                "format": "kunskapsbank-implementering",
                "version": 2,
                "methods": {"chosen": []},
                "checklists": checklists,
                **more,
            }
        ),
        encoding="utf-8",
    )
    return path


def stage_row(page: Page, title: str) -> Locator:
    return page.locator(
        ".kb-ov-stages tbody tr", has=page.get_by_role("link", name=title, exact=True)
    )


def stage_total(page: Page) -> str:
    """What a stage page says of the whole stage, once it counts the chosen methods' items
    too: a stage that methods have items for loads them after its own, so a mark can be
    made and counted before they are there."""
    if page.locator(".kb-method-checklists").count():
        expect(page.locator(".kb-chosen-methods")).not_to_be_empty()
    return page.locator("#kb-progress-total").inner_text().removeprefix("Hela steget: ")


def open_overview(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{OVERVIEW}")
    expect(page.locator(".kb-ov-stages")).to_be_visible()


def test_the_overview_counts_every_stage_as_its_page_does(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    page.get_by_text("Välj era metoder").click()
    page.get_by_role("checkbox", name=PMTO).check()
    state(page, PLAN, "Klart").check()
    state(page, FUNDING, "Påbörjat").check()
    state(page, "pmto-terapeuter-antagna", "Ej aktuellt").check()
    expect(page.locator("#kb-progress-total")).to_have_text(
        "Hela steget: 1 av 13 klara, 1 påbörjade (1 ej aktuella räknas inte)"
    )
    shown_on_stage = stage_total(page)
    page.goto(f"{base_url}implementering/utforskning/")
    state(page, "team-utsett", "Klart").check()
    utforskning = stage_total(page)

    open_overview(page, base_url)
    expect(page.locator(".kb-chosen-methods")).to_have_text(f"Era metoder: {PMTO}.")
    expect(stage_row(page, "Installation")).to_contain_text(shown_on_stage)
    expect(stage_row(page, "Installation")).to_contain_text("8 %")
    expect(stage_row(page, "Utforskning")).to_contain_text(utforskning)
    expect(page.locator(".kb-ov-stages tbody tr")).to_have_count(6)
    expect(page.locator(".kb-ov-assessments")).to_contain_text(
        "Lovande praktik – självskattning i 11 element"
    )


@pytest.mark.parametrize(
    "years_ahead", [0, 7], ids=["on the tests' day", "with the browser's clock years ahead"]
)
def test_the_overview_lists_work_in_progress_passed_dates_and_what_comes_next(
    browser: Browser, base_url: str, today: dt.date, years_ahead: int
) -> None:
    """A date is passed when it is before the day the team's browser believes it is: a
    date ahead of that day is not, whatever day it is."""
    page = new_context(browser, now=NOW.replace(year=NOW.year + years_ahead)).new_page()
    today = today.replace(year=today.year + years_ahead)
    ahead = (today + dt.timedelta(days=38)).isoformat()
    page.goto(f"{base_url}{STAGE}")
    state(page, FUNDING, "Påbörjat").check()
    item(page, FUNDING).get_by_label("Ansvarig").fill("Bo Ek")
    item(page, FUNDING).get_by_label("Datum").fill(ahead)
    state(page, PLAN, "Ej påbörjat").check()
    item(page, PLAN).get_by_label("Datum").fill((today - dt.timedelta(days=1)).isoformat())
    open_overview(page, base_url)
    started = page.get_by_role("table", name="Punkter som är påbörjade")
    expect(started.locator("tbody tr")).to_have_count(1)
    expect(started.locator("tbody tr")).to_contain_text(FUNDING_TEXT)
    expect(started.locator("tbody tr")).to_contain_text("Bo Ek")
    expect(started.locator("tbody tr")).to_contain_text(ahead)
    passed = page.get_by_role("table", name="Punkter vars datum har passerat")
    expect(passed.locator("tbody tr")).to_have_count(1)
    expect(passed.locator("tbody tr")).to_contain_text(PLAN_TEXT)
    expect(passed.get_by_role("link", name=PLAN_TEXT)).to_have_attribute(
        "href", f"{base_url}{STAGE}#{PLAN}"
    )
    next_steps = page.locator(".kb-ov-next")
    expect(next_steps).to_contain_text("i steget Utforskning")
    expect(next_steps.locator("li")).to_have_count(5)
    page.context.close()


def test_merging_a_file_keeps_the_newer_change_per_item_and_lists_the_conflicts(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    open_overview(page, base_url)
    page.evaluate(f"""() => __md_set("kb-team", {{
        format: "kunskapsbank-implementering", version: 2, methods: {{chosen: []}},
        checklists: {{installation: {{
            "{PLAN}": {{state: "started", changed: "2026-05-01T10:00:00.000Z"}},
            "{FUNDING}": {{state: "started", changed: "2026-05-01T10:00:00.000Z"}}}},
          utforskning: {{"team-utsett": {{state: "done", changed: "{OLD}"}}}}}}}})""")
    colleague = team_file(
        tmp_path,
        "kollega.json",
        {
            "installation": {
                PLAN: {"state": "done", "responsible": "Cia", "changed": OLD},
                FUNDING: {"state": "done", "changed": LATER},
            },
            "utforskning": {
                "team-utsett": {"state": "done", "changed": LATER},
                "behov-kartlagt": {"state": "done", "changed": OLD},
            },
        },
    )
    page.reload()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera från fil").click()
    chooser.value.set_files(colleague)
    page.get_by_role("dialog", name="Slå ihop eller ersätta?").get_by_role(
        "button", name="Slå ihop"
    ).click()
    expect(page.locator(".kb-status")).to_have_text(
        "Markeringarna är sammanslagna. 2 punkter hade ändrats på båda håll; se listan."
    )
    conflicts = page.get_by_role("table").filter(has_text="Din markering").locator("tbody tr")
    expect(conflicts).to_have_count(2)
    expect(conflicts.filter(has_text=PLAN_TEXT).locator("td")).to_have_text(
        ["Installation", PLAN_TEXT, "Påbörjat", "Klart, Cia", "Din (senast ändrad)"]
    )
    expect(conflicts.filter(has_text=FUNDING_TEXT)).to_contain_text("Den andra (senast ändrad)")
    stored = page.evaluate('() => __md_get("kb-team").checklists')
    assert stored["installation"][PLAN]["state"] == "started"
    assert stored["installation"][FUNDING]["state"] == "done"
    assert stored["utforskning"]["behov-kartlagt"]["state"] == "done"
    expect(stage_row(page, "Installation")).to_contain_text("1 av 10 klara, 1 påbörjade")


def save_round(page: Page, date: str) -> None:
    page.get_by_label("Omgångens datum").fill(date)
    page.get_by_role("button", name="Spara omgång").click()
    expect(page.locator(".kb-status")).to_have_text(f"Omgången {date} är sparad.")


def test_a_saved_round_appears_in_the_chart_and_its_table(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    open_overview(page, base_url)
    expect(page.locator(".kb-ov-rounds")).to_contain_text("Ingen omgång är sparad än.")
    save_round(page, "2026-03-01")
    page.goto(f"{base_url}{STAGE}")
    state(page, FUNDING, "Klart").check()
    state(page, "plan-forankrad", "Ej aktuellt").check()
    open_overview(page, base_url)
    page.get_by_label("Namn (valfritt)").fill("Höst")
    save_round(page, "2026-09-01")

    chart = page.get_by_role("img", name="Framsteg per steg över omgångarna")
    expect(chart).to_be_visible()
    expect(chart.locator(".kb-chart-series path.kb-chart-line")).to_have_count(12)
    table = page.get_by_role("table", name="Andel klara punkter per steg och omgång")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    columns = table.locator("thead th").all_inner_texts()
    installation = columns.index("Installation")
    expect(rows.nth(0).locator("th, td").nth(installation)).to_have_text("10 % (1 av 10)")
    expect(rows.nth(1).locator("th, td").nth(0)).to_have_text("2026-09-01 Höst")
    expect(rows.nth(1).locator("th, td").nth(installation)).to_have_text("22 % (2 av 9)")

    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera till fil").click()
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    rounds = json.loads(exported.read_text(encoding="utf-8"))["rounds"]
    assert [(r["date"], r.get("label")) for r in rounds] == [
        ("2026-03-01", None),
        ("2026-09-01", "Höst"),
    ]
    assert rounds[0]["checklists"]["installation"][PLAN]["state"] == "done"


def test_three_raters_give_the_spread_and_the_team_agrees_a_state(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    state(page, FUNDING, "Klart").check()
    open_overview(page, base_url)
    page.get_by_label("Ditt namn").fill("Anna Öberg")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera mina markeringar som röst").click()
    assert download.value.suggested_filename == "rost-anna-oberg.json"
    anna = tmp_path / download.value.suggested_filename
    download.value.save_as(anna)
    assert json.loads(anna.read_text(encoding="utf-8"))["rater"] == "Anna Öberg"
    bo = team_file(
        tmp_path,
        "bo.json",
        {"installation": {PLAN: {"state": "done"}, FUNDING: {"state": "started"}}},
        rater="Bo",
    )
    cia = team_file(
        tmp_path,
        "cia.json",
        {
            "installation": {
                PLAN: {"state": "done"},
                FUNDING: {"state": "started"},
                "manual-pa-plats": {"state": "not_applicable"},
            }
        },
        rater="Cia",
    )
    page.evaluate(
        '() => __md_set("kb-team", {format: "kunskapsbank-implementering", '
        "version: 2, methods: {chosen: []}, checklists: {}})"
    )
    page.reload()

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera röster").click()
    chooser.value.set_files([anna, bo, cia])
    expect(page.locator(".kb-status")).to_have_text("3 röster importerade, 3 totalt.")
    table = page.get_by_role("table", name="Röster per punkt, oenigheter först")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(FUNDING_TEXT)
    expect(rows.nth(0)).to_contain_text("Klart: 1 (Anna Öberg)")
    expect(rows.nth(0)).to_contain_text("Påbörjat: 2 (Bo, Cia)")
    expect(rows.nth(0).get_by_role("combobox")).to_have_value("started")
    expect(rows.nth(1)).to_contain_text("Ej aktuellt: 1 (Cia)")
    expect(rows.nth(1)).to_contain_text("Ingen markering: 2 (Anna Öberg, Bo)")
    expect(rows.nth(2)).to_contain_text(PLAN_TEXT)
    expect(rows.nth(2)).to_contain_text("Klart: 3 (Anna Öberg, Bo, Cia)")
    expect(rows.nth(2).locator("td").nth(2)).to_have_text("Ja")

    rows.nth(1).get_by_role("combobox").select_option("not_started")
    page.get_by_role("button", name="Gör de gemensamma lägena till teamets markeringar").click()
    expect(page.locator(".kb-status")).to_have_text("3 punkter har fått det gemensamma läget.")
    save_round(page, "2026-10-01")
    rounds = page.get_by_role("table", name="Andel klara punkter per steg och omgång")
    expect(rounds.locator("tbody tr").nth(0).locator("td").nth(6)).to_have_text("3")

    page.goto(f"{base_url}{STAGE}")
    expect(state(page, PLAN, "Klart")).to_be_checked()
    expect(state(page, FUNDING, "Påbörjat")).to_be_checked()
    expect(state(page, "manual-pa-plats", "Ej påbörjat")).to_be_checked()
    votes = page.evaluate('() => __md_get("kb-team").rounds[0].votes.map(v => v.rater)')
    assert votes == ["Anna Öberg", "Bo", "Cia"]


FIT = "implementering/val-av-metod/"


def test_the_fit_assessment_is_prefilled_from_the_record_and_kept(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{FIT}")
    page.get_by_role("checkbox", name=PMTO).check()
    page.get_by_role("checkbox", name="MST – Multisystemisk terapi").check()
    expect_address(page, f"{base_url}{FIT}?m=mst%2Cpmto")
    table = page.get_by_role("table", name="Metodernas passform, faktor för faktor")
    expect(table.locator("thead th")).to_have_text(["Faktor", "MST – Multisystemisk terapi", PMTO])
    factors = table.locator("tbody th[scope=row] strong")
    expect(factors).to_have_text(
        [
            "Behov",
            "Passform",
            "Resurser och stöd",
            "Evidens",
            "Redo för spridning",
            "Förmåga att genomföra",
        ]
    )
    need = table.locator("tbody tr").nth(0).locator("td").nth(1)
    expect(need).to_contain_text("Målgrupp: Föräldrar till barn i åldern 3–12 år")
    expect(need.get_by_role("link", name="källa").first).to_have_attribute(
        "href", f"{base_url}insatser/pmto/#kalla-bufdir-pmto"
    )
    evidence = table.locator("tbody tr").nth(3).locator("td").nth(1)
    expect(evidence).to_contain_text("Evidensregister: Ungsinn: Visar effekt – Nivå 5 (2018-11-13)")
    capacity = table.locator("tbody tr").nth(5).locator("td").nth(1)
    expect(capacity).to_contain_text(
        "Kostnader: Uppskattad utbildning och tekniskt stöd under fas 1, första året, för en "
        "grupp om 16 terapeuter i USA: 515 000 USD (prisår anges inte i källan)."
    )
    expect(capacity).to_contain_text("Kostnadsnivå: Uppgift saknas")

    page.get_by_label(f"Betyg för Behov, {PMTO}").select_option("4")
    page.get_by_label(f"Skäl för Behov, {PMTO}").fill("Många familjer på väntelistan")
    page.get_by_label("Betyg för Evidens, MST – Multisystemisk terapi").select_option("3")
    expect(table.locator(".kb-fit-total").nth(1)).to_have_text(
        "Summa: 4 av 30 (1 av 6 faktorer bedömda)"
    )

    page.goto(f"{base_url}{FIT}")
    expect(page.get_by_label(f"Betyg för Behov, {PMTO}")).to_have_value("4")
    expect(page.get_by_label(f"Skäl för Behov, {PMTO}")).to_have_value(
        "Många familjer på väntelistan"
    )
    expect(page.get_by_label("Betyg för Evidens, MST – Multisystemisk terapi")).to_have_value("3")
    fit = page.evaluate('() => __md_get("kb-team").fit')
    assert fit["methods"] == ["mst", "pmto"]
    assert fit["ratings"]["pmto"]["need"]["rating"] == 4


def test_printing_the_overview_shows_progress_without_controls(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, FUNDING, "Påbörjat").check()
    open_overview(page, base_url)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer"]:
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.get_by_role("button", name="Exportera till fil")).to_be_hidden()
    expect(page.get_by_role("button", name="Spara omgång")).to_be_hidden()
    expect(page.locator(".kb-method-chooser")).to_be_hidden()
    expect(page.locator(".kb-chosen-methods")).to_be_visible()
    expect(stage_row(page, "Installation")).to_be_visible()
    expect(page.get_by_role("table", name="Punkter som är påbörjade")).to_be_visible()


def test_the_meeting_report_prints_alone_with_date_participants_changes_and_next_steps(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Påbörjat").check()
    open_overview(page, base_url)
    save_round(page, "2026-03-01")
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    state(page, FUNDING, "Påbörjat").check()
    open_overview(page, base_url)
    page.get_by_label("Mötets datum").fill("2026-04-02")
    page.get_by_label("Deltagare").fill("Anna Berg, Bo Ek")
    changes = page.get_by_role("table", name="Punkter som har ändrat läge")
    expect(changes.locator("tbody tr")).to_have_count(2)
    expect(changes.locator("tbody tr").filter(has_text=PLAN_TEXT).locator("td")).to_have_text(
        ["Installation", "Påbörjat", "Klart"]
    )
    expect(changes.locator("tbody tr").filter(has_text=FUNDING_TEXT).locator("td")).to_have_text(
        ["Installation", "Ingen markering", "Påbörjat"]
    )

    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Skriv ut mötesrapporten").click()
    page.emulate_media(media="print")
    report = page.locator(".kb-ov-report")
    expect(report.get_by_text("Mötesrapport 2026-04-02")).to_be_visible()
    expect(report.get_by_label("Deltagare")).to_have_value("Anna Berg, Bo Ek")
    expect(changes).to_be_visible()
    expect(report.get_by_role("heading", name="Nästa steg")).to_be_visible()
    expect(report.locator(".kb-ov-next-list li").first).to_be_visible()
    expect(page.get_by_role("heading", name="Framsteg per steg")).to_be_hidden()
    expect(page.locator(".kb-ov-stages")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    page.reload()
    expect(page.get_by_label("Deltagare")).to_have_value("Anna Berg, Bo Ek")


def test_the_overview_works_after_instant_navigation_and_from_the_keyboard(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}implementering/")
    page.get_by_role("link", name="Översikt för implementeringsteamet").first.click()
    page.wait_for_url(f"{base_url}{OVERVIEW}")
    pmto = page.get_by_role("checkbox", name=PMTO)
    pmto.focus()
    page.keyboard.press("Space")
    expect(page.locator(".kb-chosen-methods")).to_have_text(f"Era metoder: {PMTO}.")
    expect(stage_row(page, "Installation")).to_contain_text("0 av 14 klara")
    page.get_by_label("Namn (valfritt)").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Spara omgång")).to_be_focused()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("table", name="Andel klara punkter per steg och omgång")
    ).to_be_visible()


@pytest.mark.parametrize("address", [OVERVIEW, FIT, STAGE])
def test_team_pages_with_data_have_no_wcag_21_aa_violations(
    page: Page,
    base_url: str,
    address: str,
    tmp_path: Path,
    wcag_21_aa_report: Callable[[Page], str],
) -> None:
    page.goto(f"{base_url}{STAGE}")
    page.get_by_text("Välj era metoder").click()
    page.get_by_role("checkbox", name=PMTO).check()
    state(page, PLAN, "Klart").check()
    open_overview(page, base_url)
    save_round(page, "2026-03-01")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera röster").click()
    chooser.value.set_files(
        team_file(tmp_path, "bo.json", {"installation": {PLAN: {"state": "started"}}}, rater="Bo")
    )
    expect(page.locator(".kb-status")).to_have_text("1 röster importerade, 1 totalt.")
    page.goto(f"{base_url}{address}?m=pmto" if address == FIT else f"{base_url}{address}")
    # Each page once it shows the data: the overview draws the votes last, after the rounds.
    page.wait_for_selector(".kb-fit-table, .kb-consensus-table, .kb-method-lists .kb-checklist")
    assert wcag_21_aa_report(page) == ""
