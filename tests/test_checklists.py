"""In Debian's Chromium: an implementation team marks checklist items, writes notes, chooses
its methods, comes back later, moves its marks to another computer or a colleague, and
prints them."""

import base64
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import pytest
from conftest import expect_address, new_context, print_page
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

pytestmark = pytest.mark.browser

STAGE = "implementering/installation/"
PLAN = "implementeringsplan-klar"
PLAN_TEXT = "Det finns en skriftlig plan för vem som gör vad och när."
FUNDING = "finansiering-sakrad"
STAGE_ITEMS = 10
PMTO_ITEMS = 4
MST_ITEMS = 1


@pytest.fixture
def colleague(browser: Browser) -> Iterator[Page]:
    """Another visitor, in a browser context that shares nothing with `page`."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


def item(page: Page, anchor: str) -> Locator:
    """The list item whose text carries the anchor `anchor`."""
    return page.locator("li", has=page.locator(f'[id="{anchor}"]'))


def state(page: Page, anchor: str, name: str) -> Locator:
    return item(page, anchor).get_by_role("radio", name=name, exact=True)


def progress(page: Page, checklist: str) -> Locator:
    return page.locator(f'.kb-checklist[data-checklist="{checklist}"] .kb-progress')


def total(page: Page) -> Locator:
    return page.locator(".kb-progress-total")


def choose_methods(page: Page, *names: str) -> None:
    """Choose the team's methods on a stage page, as a team does once, and wait until the
    page shows their items (the lists are busy from a choice until it is drawn)."""
    page.get_by_text("Välj era metoder").click()
    for name in names:
        page.get_by_role("checkbox", name=name).check()
        expect(page.locator(".kb-method-lists")).to_have_attribute("aria-busy", "false")


def mark_plan_done_with_notes(page: Page) -> None:
    state(page, PLAN, "Klart").check()
    plan = item(page, PLAN)
    plan.get_by_label("Ansvarig").fill("Anna Berg")
    plan.get_by_label("Kommentar").fill("Antagen av nämnden")
    plan.get_by_label("Datum").fill("2026-03-01")
    state(page, FUNDING, "Påbörjat").check()


def expect_plan_done_with_notes(page: Page) -> None:
    expect(state(page, PLAN, "Klart")).to_be_checked()
    plan = item(page, PLAN)
    expect(plan.get_by_label("Ansvarig")).to_have_value("Anna Berg")
    expect(plan.get_by_label("Kommentar")).to_have_value("Antagen av nämnden")
    expect(plan.get_by_label("Datum")).to_have_value("2026-03-01")
    expect(state(page, FUNDING, "Påbörjat")).to_be_checked()


def test_each_item_offers_four_states_as_a_labelled_radio_group(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    group = page.get_by_role("radiogroup", name=PLAN_TEXT)
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(4)
    assert [radios.nth(i).get_attribute("value") for i in range(4)] == [
        "done",
        "started",
        "not_started",
        "not_applicable",
    ]
    for name in ["Klart", "Påbörjat", "Ej påbörjat", "Ej aktuellt"]:
        expect(group.get_by_role("radio", name=name, exact=True)).not_to_be_checked()


def test_marks_and_notes_are_still_there_after_a_reload(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    page.reload()
    expect_plan_done_with_notes(page)


def test_progress_per_checklist_and_for_the_stage_updates_at_once(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{STAGE}")
    expect(total(page)).to_contain_text(f"Hela steget: 0 av {STAGE_ITEMS} klara, 0 påbörjade")
    mark_plan_done_with_notes(page)
    expect(progress(page, "installation")).to_contain_text(f"1 av {STAGE_ITEMS} klara, 1 påbörjade")
    expect(total(page)).to_contain_text(f"Hela steget: 1 av {STAGE_ITEMS} klara, 1 påbörjade")
    bar = progress(page, "installation").locator("progress")
    expect(bar).to_have_attribute("max", str(STAGE_ITEMS))
    assert bar.evaluate("bar => bar.value") == 1
    state(page, PLAN, "Ej påbörjat").check()
    expect(progress(page, "installation")).to_contain_text(f"0 av {STAGE_ITEMS} klara, 1 påbörjade")


def test_a_stage_shows_and_counts_only_the_chosen_methods_items(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    expect(page.locator(".kb-chosen-methods")).to_contain_text("inte valt några metoder")
    expect(page.locator('[data-checklist="pmto:installation"]')).to_have_count(0)
    expect(total(page)).to_contain_text(f"Hela steget: 0 av {STAGE_ITEMS} klara")

    choose_methods(page, "PMTO – Parent Management Training, Oregonmodellen")
    expect(page.get_by_role("heading", name="PMTO – Parent Management Training")).to_be_visible()
    expect(page.locator('[data-checklist="mst:installation"]')).to_have_count(0)
    state(page, "pmto-videohandledning-bokad", "Klart").check()
    expect(progress(page, "pmto:installation")).to_contain_text(f"1 av {PMTO_ITEMS} klara")
    expect(total(page)).to_contain_text(
        f"Hela steget: 1 av {STAGE_ITEMS + PMTO_ITEMS} klara, 0 påbörjade"
    )

    page.goto(f"{base_url}implementering/")
    page.get_by_role("link", name="Installation", exact=True).first.click()
    expect(page.locator(".kb-chosen-methods")).to_contain_text("Era metoder: PMTO.")
    expect(state(page, "pmto-videohandledning-bokad", "Klart")).to_be_checked()
    expect(total(page)).to_contain_text(f"1 av {STAGE_ITEMS + PMTO_ITEMS} klara")

    choose_methods(page, "MST – Multisystemisk terapi")
    expect(total(page)).to_contain_text(f"1 av {STAGE_ITEMS + PMTO_ITEMS + MST_ITEMS} klara")
    page.get_by_role("checkbox", name="PMTO – Parent Management Training, Oregonmodellen").uncheck()
    expect(page.locator('[data-checklist="pmto:installation"]')).to_have_count(0)
    expect(total(page)).to_contain_text(f"0 av {STAGE_ITEMS + MST_ITEMS} klara")


def test_an_item_marked_not_applicable_leaves_the_count(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    state(page, FUNDING, "Ej aktuellt").check()
    expect(progress(page, "installation")).to_contain_text(
        f"1 av {STAGE_ITEMS - 1} klara, 0 påbörjade (1 ej aktuella räknas inte)"
    )
    expect(total(page)).to_contain_text(f"Hela steget: 1 av {STAGE_ITEMS - 1} klara")
    expect(progress(page, "installation").locator("progress")).to_have_attribute(
        "max", str(STAGE_ITEMS - 1)
    )
    expect(item(page, FUNDING)).to_have_class(re.compile(r"\bkb-is-not_applicable\b"))
    page.reload()
    expect(state(page, FUNDING, "Ej aktuellt")).to_be_checked()
    expect(total(page)).to_contain_text(f"Hela steget: 1 av {STAGE_ITEMS - 1} klara")


def _struck(page: Page, anchor: str) -> bool:
    """Whether an item's text is drawn struck through."""
    return bool(
        page.locator(f'[id="{anchor}"]').evaluate(
            "e => getComputedStyle(e).textDecorationLine.includes('line-through')"
        )
    )


def _chosen_state(page: Page, anchor: str) -> tuple[str, str, list[str]]:
    """An item's chosen state as it is drawn: its word, its icon, and the fill and text
    colours of the chosen button and of another one."""
    labels = item(page, anchor).locator(".kb-states label")
    chosen = item(page, anchor).locator("label", has=page.locator("input:checked"))
    icon = chosen.evaluate("l => getComputedStyle(l, '::before').content").split(" /")[0]
    colours = [
        label.evaluate("l => getComputedStyle(l).backgroundColor")
        for label in (chosen, labels.filter(has_not=page.locator("input:checked")).first)
    ]
    return chosen.inner_text().strip(), icon, colours


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a computed `rgb(…)` colour: what is left in greyscale."""
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", colour)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def test_an_item_that_does_not_apply_is_seen_struck_through_on_screen_paper_and_in_contrast_themes(
    page: Page, base_url: str
) -> None:
    """What a team sees on a projector: the item's text struck through, its state an icon
    and a word on a filled button (distinct in greyscale too), left out of the count; and
    the same after a reload, on paper and in a forced-colours theme."""
    page.goto(f"{base_url}{STAGE}")
    choose_methods(page, "PMTO – Parent Management Training, Oregonmodellen")
    state(page, FUNDING, "Ej aktuellt").check()
    state(page, "pmto-videohandledning-bokad", "Ej aktuellt").check()
    state(page, PLAN, "Klart").check()
    expect(total(page)).to_contain_text(
        f"Hela steget: 1 av {STAGE_ITEMS - 1 + PMTO_ITEMS - 1} klara, 0 påbörjade"
    )
    page.reload()
    expect(state(page, "pmto-videohandledning-bokad", "Ej aktuellt")).to_be_checked()
    expect(total(page)).to_contain_text(f"Hela steget: 1 av {STAGE_ITEMS + PMTO_ITEMS - 2} klara")
    expect(progress(page, "installation")).to_contain_text("(1 ej aktuella räknas inte)")

    medias: tuple[Literal["screen", "print", "forced-colors"], ...] = (
        "screen",
        "print",
        "forced-colors",
    )
    for media in medias:
        if media == "forced-colors":
            page.emulate_media(media="screen", forced_colors="active")
        else:
            page.emulate_media(media=media)
        assert _struck(page, FUNDING) and _struck(page, "pmto-videohandledning-bokad"), media
        assert not _struck(page, PLAN), media
        word, icon, (fill, other) = _chosen_state(page, FUNDING)
        assert (word, icon) == ("Ej aktuellt", '"⊘"'), media
        if media != "print":  # on paper only the chosen state is printed
            bright = sorted([_luminance(fill), _luminance(other)])
            assert (bright[1] + 0.05) / (bright[0] + 0.05) >= 3, (media, fill, other)
        expect(item(page, FUNDING).locator(".kb-states label").filter(visible=True)).to_have_count(
            1 if media == "print" else 4
        )


def test_every_state_is_an_icon_and_a_word_and_the_chosen_one_is_filled(
    page: Page, base_url: str
) -> None:
    """On a projector or in greyscale a state is never a colour or a small dot alone."""
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    labels = item(page, PLAN).locator(".kb-states label")
    icons = labels.evaluate_all(
        "labels => labels.map(l => getComputedStyle(l, '::before').content)"
    )
    assert [icon.split(" /")[0] for icon in icons] == ['"✓"', '"◐"', '"○"', '"⊘"']
    chosen = item(page, PLAN).locator("label", has=page.locator("input:checked"))
    expect(chosen).to_have_text("Klart")
    styles = chosen.evaluate(
        "l => [getComputedStyle(l).fontWeight, getComputedStyle(l).backgroundColor]"
    )
    other = labels.nth(1).evaluate(
        "l => [getComputedStyle(l).fontWeight, getComputedStyle(l).backgroundColor]"
    )
    assert styles[0] == "700" and other[0] == "400" and styles[1] != other[1]


def test_marks_follow_item_ids_and_removed_items_are_forgotten(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    page.evaluate("""() => __md_set("kb-team", {
        format: "kunskapsbank-implementering", version: 2, methods: {chosen: []},
        checklists: {installation: {
            "implementeringsplan-klar": {"state": "done", "comment": "Sparad före omformulering"},
            "punkt-som-togs-bort": {"state": "started"}}}})""")
    page.reload()
    expect(state(page, PLAN, "Klart")).to_be_checked()
    expect(item(page, PLAN).get_by_label("Kommentar")).to_have_value("Sparad före omformulering")
    stored = page.evaluate('() => __md_get("kb-team").checklists.installation')
    assert stored == {
        "implementeringsplan-klar": {"state": "done", "comment": "Sparad före omformulering"}
    }


def test_a_method_item_marked_on_the_method_page_shows_on_the_stage_page(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}insatser/pmto/#implementering")
    state(page, "videohandledning-bokad", "Påbörjat").check()
    page.goto(f"{base_url}{STAGE}")
    choose_methods(page, "PMTO – Parent Management Training, Oregonmodellen")
    expect(page.get_by_role("heading", name="PMTO – Parent Management Training")).to_be_visible()
    expect(state(page, "pmto-videohandledning-bokad", "Påbörjat")).to_be_checked()


def test_a_method_items_address_on_the_stage_page_still_leads_to_the_item(
    page: Page, base_url: str
) -> None:
    """Addresses of method items on stage pages were published before the items moved to
    the methods' own pages; they lead to the item there, or to it here once chosen."""
    page.goto(f"{base_url}{STAGE}#pmto-terapeuter-antagna")
    page.wait_for_url(f"{base_url}insatser/pmto/#terapeuter-antagna")
    expect(page.locator("#terapeuter-antagna")).to_be_in_viewport()
    page.goto(f"{base_url}{STAGE}")
    choose_methods(page, "PMTO – Parent Management Training, Oregonmodellen")
    page.goto(f"{base_url}{STAGE}#pmto-terapeuter-antagna")
    expect(page.locator("#pmto-terapeuter-antagna")).to_be_in_viewport()
    expect_address(page, f"{base_url}{STAGE}")  # shown here, not forwarded


def test_export_then_import_into_another_browser(
    page: Page, colleague: Page, base_url: str, tmp_path: Path, today: dt.date
) -> None:
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera till fil").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == f"implementering-{today.isoformat()}.json"  # dated, by the page's clock
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("kunskapsbank-implementering", 2)
    entry = data["checklists"]["installation"][PLAN]
    assert entry.pop("changed").startswith("20")
    assert entry == {
        "state": "done",
        "responsible": "Anna Berg",
        "comment": "Antagen av nämnden",
        "date": "2026-03-01",
    }

    colleague.goto(f"{base_url}{STAGE}")
    with colleague.expect_file_chooser() as chooser:
        colleague.get_by_role("button", name="Importera från fil").click()
    chooser.value.set_files(exported)
    expect(colleague.locator(".kb-status")).to_have_text("Markeringarna är importerade.")
    expect_plan_done_with_notes(colleague)
    colleague.reload()
    expect_plan_done_with_notes(colleague)


def test_importing_a_file_that_is_no_export_changes_nothing(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    other = tmp_path / "annat.json"
    other.write_text('{"checklists": "inga"}', encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera från fil").click()
    chooser.value.set_files(other)
    expect(page.locator(".kb-status")).to_contain_text("Filen kunde inte läsas")
    expect(state(page, PLAN, "Klart")).to_be_checked()


def import_file(page: Page, path: Path) -> Locator:
    """Choose `path` with "Importera från fil"; the dialog that asks what to do with it."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importera från fil").click()
    chooser.value.set_files(path)
    dialog = page.get_by_role("dialog", name="Slå ihop eller ersätta?")
    expect(dialog).to_be_visible()
    return dialog


def test_importing_over_own_marks_offers_merge_or_replace_and_replace_asks_again(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Påbörjat").check()
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {
                "format": "kunskapsbank-checklistor",
                "version": 1,
                "checklists": {
                    "installation": {PLAN: {"state": "done"}, FUNDING: {"state": "done"}}
                },
            }
        ),
        encoding="utf-8",
    )
    import_file(page, export).get_by_role("button", name="Avbryt").click()
    expect(page.locator(".kb-status")).to_have_text("Inget ändrades.")
    expect(state(page, PLAN, "Påbörjat")).to_be_checked()

    questions: list[str] = []

    def decline(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    import_file(page, export).get_by_role("button", name="Ersätt").click()
    expect(page.locator(".kb-status")).to_have_text("Inget ändrades.")
    assert questions == [
        "Alla dina egna markeringar, anteckningar och bedömningar ersätts och "
        "kan inte återställas. Vill du fortsätta?"
    ]
    expect(state(page, PLAN, "Påbörjat")).to_be_checked()

    page.once("dialog", lambda dialog: dialog.accept())
    import_file(page, export).get_by_role("button", name="Ersätt").click()
    expect(page.locator(".kb-status")).to_have_text("Dina markeringar är ersatta.")
    expect(state(page, PLAN, "Klart")).to_be_checked()
    expect(state(page, FUNDING, "Klart")).to_be_checked()


def shared_link(page: Page, base_url: str) -> str:
    """Marks set on `page`, and the link that "Kopiera länk" puts on the clipboard."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    page.get_by_role("button", name="Kopiera länk", exact=True).click()
    expect(page.locator(".kb-status")).to_contain_text("Länken är kopierad")
    link = page.get_by_label("Länk med markeringarna").input_value()
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    return link


def with_own_mark(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, "manual-pa-plats", "Klart").check()
    page.goto("about:blank")


@pytest.mark.parametrize(("answer", "own_mark_kept"), [("Slå ihop", True), ("Ersätt", False)])
def test_a_shared_link_is_merged_with_own_marks_or_replaces_them(
    page: Page, colleague: Page, base_url: str, answer: str, own_mark_kept: bool
) -> None:
    link = shared_link(page, base_url)
    with_own_mark(colleague, base_url)
    colleague.on("dialog", lambda dialog: dialog.accept())
    colleague.goto(link)
    colleague.get_by_role("dialog", name="Slå ihop eller ersätta?").get_by_role(
        "button", name=answer
    ).click()
    expect(state(colleague, "manual-pa-plats", "Klart")).to_be_checked(checked=own_mark_kept)
    expect_plan_done_with_notes(colleague)
    assert "kb-team" not in colleague.url
    colleague.reload()
    expect_plan_done_with_notes(colleague)


def test_a_link_shared_by_the_first_checklists_still_opens(page: Page, base_url: str) -> None:
    """Links made before the stored format was versioned carry plain base64 JSON."""
    shared = base64.urlsafe_b64encode(
        json.dumps({"checklists": {"installation": {PLAN: {"state": "started"}}}}).encode()
    ).decode()
    page.goto(f"{base_url}{STAGE}#kb-state={shared.rstrip('=')}")
    expect(state(page, PLAN, "Påbörjat")).to_be_checked()
    expect(page.locator(".kb-status")).to_have_text("Markeringarna är importerade.")


def test_reset_asks_first_and_then_clears_every_mark(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Återställ").click()
    expect(state(page, PLAN, "Klart")).to_be_checked()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Återställ").click()
    expect(state(page, PLAN, "Klart")).not_to_be_checked()
    expect(item(page, PLAN).get_by_label("Ansvarig")).to_have_value("")
    expect(total(page)).to_contain_text("Hela steget: 0 av")
    page.reload()
    expect(state(page, FUNDING, "Påbörjat")).not_to_be_checked()


def test_printing_shows_marks_and_notes_without_navigation(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    print_page(page)
    expect(page.get_by_role("button", name="Exportera till fil")).to_be_hidden()
    expect(state(page, PLAN, "Klart")).to_be_visible()
    expect(state(page, PLAN, "Klart")).to_be_checked()
    expect(item(page, PLAN).get_by_label("Ansvarig")).to_be_visible()
    expect(item(page, PLAN).get_by_label("Kommentar")).to_have_value("Antagen av nämnden")
    expect(page.get_by_role("heading", name="Aktiviteter")).to_be_visible()


def test_printing_one_checklist_leaves_out_the_rest_of_the_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}")
    choose_methods(page, "PMTO – Parent Management Training, Oregonmodellen")
    page.evaluate("() => { window.print = () => {}; }")
    progress(page, "pmto:installation").get_by_role("button", name="Skriv ut checklistan").click()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="PMTO – Parent Management Training")).to_be_visible()
    expect(page.get_by_role("heading", name="Aktiviteter")).to_be_hidden()
    expect(item(page, PLAN)).to_be_hidden()


def test_keyboard_alone_sets_states_and_notes(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{STAGE}#{PLAN}")
    # The page's modules add the item's copy button and its states once they have loaded.
    expect(page.locator(f"#{PLAN} + .kb-copy-link")).to_be_attached()
    expect(state(page, PLAN, "Klart")).to_be_attached()
    page.keyboard.press("Tab")
    expect(page.locator(f"#{PLAN} + .kb-copy-link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(state(page, PLAN, "Klart")).to_be_focused()
    page.keyboard.press("Space")
    expect(state(page, PLAN, "Klart")).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(state(page, PLAN, "Påbörjat")).to_be_focused()
    expect(state(page, PLAN, "Påbörjat")).to_be_checked()
    page.keyboard.press("Tab")
    expect(item(page, PLAN).get_by_label("Ansvarig")).to_be_focused()
    page.keyboard.type("Anna Berg")
    expect(progress(page, "installation")).to_contain_text("0 av 10 klara, 1 påbörjade")
    page.reload()
    expect(state(page, PLAN, "Påbörjat")).to_be_checked()
    expect(item(page, PLAN).get_by_label("Ansvarig")).to_have_value("Anna Berg")


def test_checklists_work_after_instant_navigation(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}implementering/")
    page.get_by_role("link", name="Installation", exact=True).first.click()
    page.wait_for_url(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    expect(progress(page, "installation")).to_contain_text("1 av 10 klara")


def test_without_javascript_the_checklist_is_a_plain_list(browser: Browser, base_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{STAGE}")
    expect(item(page, PLAN)).to_contain_text(PLAN_TEXT)
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_role("button", name="Exportera till fil")).to_have_count(0)
    context.close()


def test_a_stage_page_with_marks_has_no_wcag_21_aa_violations(
    page: Page, base_url: str, wcag_21_aa_report: Callable[[Page], str]
) -> None:
    page.goto(f"{base_url}{STAGE}")
    mark_plan_done_with_notes(page)
    page.get_by_role("button", name="Kopiera länk", exact=True).click()
    expect(page.get_by_label("Länk med markeringarna")).to_be_visible()
    expect(page.locator(".kb-status")).not_to_be_empty()
    assert wcag_21_aa_report(page) == ""
