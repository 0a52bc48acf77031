"""In Debian's Chromium: a team's progress survives the browser. A save the browser refuses is
said at once beside the control, and the page works on; storage that is blocked, damaged or
written by a newer site leaves every control working and says why; the first mark asks the
browser to keep the data, and the overview says whether it did; the overview says when this
browser last exported and reminds the team beside the tools; the team's file is written at
every change, offered back when the browser has lost its data, and a shared file is merged
both ways. The browser's boundaries stand in for what a test cannot do: an init script makes
storage throw or the browser refuse, and a file of the origin-private file system stands in
for the file a person chooses."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, axe_report, new_context
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from test_team import FIT, FUNDING, OLD, PLAN, PMTO, STAGE, item, open_overview, state

pytestmark = pytest.mark.browser

FORANKRAD = "plan-forankrad"

# The browser refuses the n-th write of the team's data, as a full quota does.
QUOTA_FAILS_AT_THIRD_WRITE = """(() => {
    const setItem = Storage.prototype.setItem;
    let writes = 0;
    Storage.prototype.setItem = function (key, value) {
        if (key.endsWith(".kb-team") && ++writes >= 3) {
            throw new DOMException("quota exceeded", "QuotaExceededError");
        }
        return setItem.call(this, key, value);
    };
})()"""

# Site data blocked, as a managed browser or a person's setting blocks it.
STORAGE_BLOCKED = """(() => {
    const refuse = () => { throw new DOMException("blocked", "SecurityError"); };
    for (const name of ["localStorage", "indexedDB"]) {
        Object.defineProperty(window, name, { configurable: true, get: refuse });
    }
})()"""

# The browser asked to keep the site's data answers `granted`; whether it was asked is kept
# for the tab (sessionStorage), so that the overview, a page later, knows it was.
PERSISTENCE = """granted => {
    StorageManager.prototype.persist = async () => {
        sessionStorage.setItem("persist-asked", "yes");
        return granted;
    };
    StorageManager.prototype.persisted = async () =>
        granted && sessionStorage.getItem("persist-asked") === "yes";
}"""

# The file pickers answer with a file of the origin-private file system, as a person who
# chooses `name` would.
PICKERS = """name => {
    const file = async create =>
        (await navigator.storage.getDirectory()).getFileHandle(name, { create });
    window.showSaveFilePicker = async () => file(true);
    window.showOpenFilePicker = async () => [await file(false)];
}"""

# The browser's answers about leave to use a file kept from an earlier visit: queryPermission
# and requestPermission answer what the tab's sessionStorage holds under "query" and "request"
# (granted until a test says otherwise), as a browser that asks the person again does.
PERMISSION = """() => {
    const answer = name => async () => sessionStorage.getItem(name) || "granted";
    FileSystemHandle.prototype.queryPermission = answer("query");
    FileSystemHandle.prototype.requestPermission = answer("request");
}"""

# IndexedDB, where the file's handle is kept for later visits, fails while localStorage works:
# blocked (reading it throws a SecurityError) or throwing when the handle is stored.
INDEXEDDB_BLOCKED = """() => Object.defineProperty(window, "indexedDB", {
    configurable: true, get: () => { throw new DOMException("blocked", "SecurityError"); },
})"""
INDEXEDDB_THROWS = """() => {
    IDBObjectStore.prototype.put = () => { throw new DOMException("failed", "UnknownError"); };
}"""

READ_FILE = """async name => {
    const handle = await (await navigator.storage.getDirectory()).getFileHandle(name);
    return JSON.parse(await (await handle.getFile()).text());
}"""

WRITE_FILE = """async ([name, text]) => {
    const handle = await (await navigator.storage.getDirectory())
        .getFileHandle(name, { create: true });
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
}"""


def context_with(browser: Browser, script: str, arg: Any = None, **options: Any) -> BrowserContext:
    """A visitor's browser (conftest.new_context) with `script` run before every page's own."""
    context = new_context(browser, **options)
    context.add_init_script(script if arg is None else f"({script})({json.dumps(arg)})")
    return context


def stored(page: Page) -> Any:
    return page.evaluate('() => JSON.parse(localStorage.getItem("/.kb-team"))')


def export(page: Page, tmp_path: Path, button: str = "Exportera till fil") -> Any:
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def fits_a_phone(page: Page) -> bool:
    """The page needs no sideways scrolling 320 CSS pixels wide (WCAG 1.4.10, reflow)."""
    page.set_viewport_size({"width": 320, "height": 640})
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= 320"))


def test_a_save_the_browser_refuses_is_said_beside_the_mark_and_the_page_works_on(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = context_with(browser, QUOTA_FAILS_AT_THIRD_WRITE).new_page()
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    state(page, FUNDING, "Påbörjat").check()
    expect(page.locator(".kb-save-problem")).to_have_count(0)
    state(page, FORANKRAD, "Klart").check()

    problem = item(page, FORANKRAD).get_by_role("status")
    expect(problem).to_have_text(
        "Ändringen kunde inte sparas: webbläsarens lagring är full. Sidan fungerar vidare, men "
        "det du gör nu försvinner när du stänger sidan. Exportera till fil nu, och frigör "
        "utrymme genom att rensa andra webbplatsers data."
    )
    expect(state(page, FORANKRAD, "Klart")).to_be_checked()
    expect(page.locator("#kb-progress-total")).to_contain_text("2 av 10 klara, 1 påbörjade")
    assert FORANKRAD not in stored(page)["checklists"]["installation"]
    assert axe_report(page) == ""
    assert fits_a_phone(page)
    data = export(page, tmp_path, "Exportera allt till fil nu")
    assert {item: entry["state"] for item, entry in data["checklists"]["installation"].items()} == {
        PLAN: "done",
        FUNDING: "started",
        FORANKRAD: "done",
    }
    page.context.close()


def test_blocked_storage_leaves_every_control_working_and_says_why(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = context_with(browser, STORAGE_BLOCKED).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}{STAGE}")
    expect(page.locator(".kb-storage-notice")).to_have_text(
        "Webbläsaren tillåter inte att webbplatsen sparar data (webbplatsdata är blockerade). "
        "Allt på sidan fungerar, men det du gör finns bara kvar tills du stänger sidan. "
        "Exportera till fil innan dess, eller tillåt webbplatsdata för den här webbplatsen i "
        "webbläsarens inställningar."
    )
    items = page.locator(".kb-checklist [data-item]").count()
    assert items
    expect(page.get_by_role("radio")).to_have_count(4 * items)
    state(page, PLAN, "Klart").check()
    expect(page.locator("#kb-progress-total")).to_contain_text("1 av 10 klara")
    expect(page.locator(".kb-save-problem")).to_have_count(0)  # said once, above
    assert export(page, tmp_path)["checklists"]["installation"][PLAN]["state"] == "done"
    page.get_by_role("button", name="Kopiera länk", exact=True).click()
    expect(page.get_by_label("Länk med markeringarna")).to_have_value(re.compile(r"#kb-team=.+"))
    assert errors == []
    page.context.close()


def test_blocked_storage_leaves_the_fit_assessment_working_and_says_why(
    browser: Browser, base_url: str
) -> None:
    page = context_with(browser, STORAGE_BLOCKED).new_page()
    page.goto(f"{base_url}{FIT}?m=pmto")
    expect(page.locator(".kb-storage-notice")).to_contain_text("webbplatsdata är blockerade")
    page.get_by_label(f"Betyg för Behov, {PMTO}").select_option("4")
    expect(page.locator(".kb-fit-total")).to_have_text("Summa: 4 av 30 (1 av 6 faktorer bedömda)")
    page.context.close()


def test_many_changes_since_the_last_export_bring_the_reminder_beside_the_tools(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}{STAGE}")
    reminder = page.locator(".kb-checklist-tools .kb-backup-reminder")
    for change in range(30):
        state(page, PLAN, "Klart" if change % 2 else "Påbörjat").check()
        if change == 28:
            expect(reminder).to_be_empty()
    expect(reminder).to_have_text(
        "Påminnelse: teamets data har aldrig exporterats från den här webbläsaren. Exportera "
        "till fil och spara filen där teamet når den, så finns allt kvar även om webbläsaren "
        "raderar sina data."
    )
    with page.expect_download():
        page.get_by_role("button", name="Exportera till fil").click()
    expect(reminder).to_be_empty()


@pytest.mark.parametrize(
    ("stored_text", "notice"),
    [
        ("{inte json", "Teamets data i den här webbläsaren är skadade och kunde inte läsas."),
        (
            json.dumps({"format": "kunskapsbank-implementering", "version": 99, "checklists": {}}),
            "Teamets data i den här webbläsaren är sparade av en nyare version av "
            "kunskapsbanken än den här sidan.",
        ),
    ],
    ids=["damaged", "from a newer site"],
)
def test_storage_that_cannot_be_read_leaves_the_controls_working_and_says_what_to_do(
    page: Page, base_url: str, stored_text: str, notice: str
) -> None:
    page.goto(f"{base_url}{STAGE}")
    page.evaluate('text => localStorage.setItem("/.kb-team", text)', stored_text)
    page.reload()
    expect(page.locator(".kb-storage-notice")).to_contain_text(notice)
    state(page, PLAN, "Klart").check()
    expect(page.locator("#kb-progress-total")).to_contain_text("1 av 10 klara")
    after = page.evaluate('() => localStorage.getItem("/.kb-team")')
    if "99" in stored_text:
        assert after == stored_text  # a newer site's data is never overwritten
    else:
        assert json.loads(after)["checklists"]["installation"][PLAN]["state"] == "done"


@pytest.mark.parametrize("granted", [True, False], ids=["granted", "refused"])
def test_the_first_mark_asks_to_keep_the_data_and_the_overview_says_what_the_browser_answered(
    browser: Browser, base_url: str, granted: bool
) -> None:
    page = context_with(browser, PERSISTENCE, granted).new_page()
    refused = "Webbläsaren har inte lovat att spara teamets data varaktigt."
    open_overview(page, base_url)
    expect(page.locator(".kb-persistence")).to_contain_text(refused)
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    open_overview(page, base_url)
    assert page.evaluate('() => sessionStorage.getItem("persist-asked")') == "yes"
    expect(page.locator(".kb-persistence")).to_contain_text(
        "Webbläsaren har lovat att spara teamets data varaktigt" if granted else refused
    )
    if not granted:
        expect(page.locator(".kb-persistence")).to_contain_text("Safari")
    page.context.close()


def test_the_overview_says_when_this_browser_last_exported_and_reminds_beside_the_tools(
    page: Page, base_url: str, tmp_path: Path, today: dt.date
) -> None:
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    open_overview(page, base_url)
    tools = page.locator(".kb-ov-tools")
    expect(tools.locator(".kb-last-export")).to_have_text(
        "Teamets data har aldrig exporterats från den här webbläsaren."
    )
    expect(tools.locator(".kb-backup-reminder")).to_be_empty()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera till fil").click()
    assert download.value.suggested_filename == f"implementering-{today.isoformat()}.json"
    expect(tools.locator(".kb-last-export")).to_have_text(
        f"Senast exporterad från den här webbläsaren: {today.isoformat()}."
    )

    page.goto(f"{base_url}{STAGE}")
    state(page, FUNDING, "Påbörjat").check()
    page.clock.set_system_time(NOW + dt.timedelta(days=15))
    open_overview(page, base_url)
    reminder = tools.get_by_role("status").filter(has_text="Påminnelse")
    expect(reminder).to_have_text(
        f"Påminnelse: den här webbläsaren exporterade teamets data senast {today.isoformat()} "
        "(ändringar sedan dess: 1). Exportera till fil igen, så finns de kvar även om "
        "webbläsaren raderar sina data."
    )
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.goto(f"{base_url}{STAGE}")
    expect(page.locator(".kb-checklist-tools .kb-backup-reminder")).to_contain_text("Påminnelse")


def test_a_browser_that_lost_its_data_offers_the_teams_file_back(
    browser: Browser, base_url: str
) -> None:
    page = context_with(browser, PICKERS, "teamets-fil.json").new_page()
    page.goto(f"{base_url}{STAGE}")
    page.get_by_role("button", name="Spara automatiskt till fil").click()
    file_status = page.locator(".kb-file-status")
    expect(file_status).to_have_text("Varje ändring sparas också i filen teamets-fil.json.")
    state(page, PLAN, "Klart").check()
    item(page, PLAN).get_by_label("Ansvarig").fill("Anna Berg")
    expect(file_status).to_have_attribute("aria-busy", "false")
    on_file = page.evaluate(READ_FILE, "teamets-fil.json")
    assert on_file["checklists"]["installation"][PLAN] == {
        "state": "done",
        "responsible": "Anna Berg",
        "changed": on_file["checklists"]["installation"][PLAN]["changed"],
    }

    page.evaluate("() => localStorage.clear()")  # the browser evicts the site's storage
    page.reload()
    expect(file_status).to_have_text(
        "Webbläsaren har inga sparade data för teamet, men teamets fil teamets-fil.json finns. "
        "Läs in den för att fortsätta där ni var."
    )
    expect(state(page, PLAN, "Klart")).not_to_be_checked()
    page.get_by_role("button", name="Läs in teamets-fil.json").click()
    expect(page.locator(".kb-status")).to_have_text(
        "Teamets data är inlästa från teamets-fil.json, och ändringar sparas i filen igen."
    )
    expect(state(page, PLAN, "Klart")).to_be_checked()
    expect(item(page, PLAN).get_by_label("Ansvarig")).to_have_value("Anna Berg")
    assert stored(page)["checklists"]["installation"][PLAN]["state"] == "done"
    page.context.close()


def test_the_teams_shared_file_is_merged_both_ways_and_says_what_changed(
    browser: Browser, base_url: str
) -> None:
    page = context_with(browser, PICKERS, "gemensam.json").new_page()
    open_overview(page, base_url)
    colleague = {
        "format": "kunskapsbank-implementering",
        "version": 2,
        "methods": {"chosen": []},
        "checklists": {
            "installation": {
                PLAN: {"state": "started", "changed": OLD},
                FUNDING: {"state": "done", "changed": OLD},
            }
        },
    }
    page.evaluate(WRITE_FILE, ["gemensam.json", json.dumps(colleague)])
    page.goto(f"{base_url}{STAGE}")
    state(page, PLAN, "Klart").check()
    open_overview(page, base_url)
    page.get_by_role("button", name="Öppna teamets gemensamma fil").click()
    expect(page.locator(".kb-status")).to_have_text(
        "Teamets fil gemensam.json och webbläsarens data är sammanslagna, och filen har nu "
        "allt. Ändringar från filen: 1. Punkter som hade ändrats på båda håll: 1."
    )
    conflicts = page.get_by_role("table").filter(has_text="Din markering").locator("tbody tr")
    expect(conflicts).to_have_count(1)
    expect(conflicts.locator("td").last).to_have_text("Din (senast ändrad)")
    expect(page.locator(".kb-file-status")).to_have_text(
        "Varje ändring sparas också i filen gemensam.json."
    )
    on_file = page.evaluate(READ_FILE, "gemensam.json")["checklists"]["installation"]
    assert (on_file[PLAN]["state"], on_file[FUNDING]["state"]) == ("done", "done")
    assert stored(page)["checklists"]["installation"][FUNDING]["state"] == "done"
    assert axe_report(page) == ""
    assert fits_a_phone(page)
    page.context.close()


def saving_to_a_file_with_leave_asked(browser: Browser, base_url: str) -> tuple[Page, Locator]:
    """A stage page saving to the team's file, in a browser whose answers to the question
    for leave come from sessionStorage (PERMISSION), with one item marked and written; the
    page and its file's status line."""
    context = context_with(browser, PICKERS, "teamets-fil.json")
    context.add_init_script(f"({PERMISSION})()")
    page = context.new_page()
    page.goto(f"{base_url}{STAGE}")
    page.get_by_role("button", name="Spara automatiskt till fil").click()
    file_status = page.locator(".kb-file-status")
    expect(file_status).to_have_text("Varje ändring sparas också i filen teamets-fil.json.")
    state(page, PLAN, "Klart").check()
    expect(file_status).to_have_attribute("aria-busy", "false")
    return page, file_status


def test_a_file_the_browser_asks_leave_for_again_is_said_with_what_to_do(
    browser: Browser, base_url: str
) -> None:
    page, file_status = saving_to_a_file_with_leave_asked(browser, base_url)

    # A later visit: the browser must ask the person again before the page may write.
    page.evaluate(
        '() => { sessionStorage.setItem("query", "prompt"); '
        'sessionStorage.setItem("request", "denied"); }'
    )
    page.reload()
    expect(file_status).to_have_text(
        "Webbläsaren behöver fråga dig igen om sidan får använda filen teamets-fil.json. Tryck "
        "på ”Fortsätt spara till teamets-fil.json” och tillåt det när webbläsaren frågar. Till "
        "dess sparas ändringar bara i webbläsaren."
    )
    resume = page.get_by_role("button", name="Fortsätt spara till teamets-fil.json")
    resume.click()
    expect(file_status).to_have_text(
        "Webbläsaren tillåter inte att sidan använder filen teamets-fil.json, så ändringar "
        "sparas bara i webbläsaren. Tillåt filen i webbläsarens inställningar för den här "
        "webbplatsen och tryck sedan på ”Fortsätt spara till teamets-fil.json”, eller välj en "
        "fil igen med ”Spara automatiskt till fil”."
    )
    assert axe_report(page) == ""

    page.evaluate('() => sessionStorage.setItem("request", "granted")')
    resume.click()
    expect(file_status).to_have_text("Varje ändring sparas också i filen teamets-fil.json.")
    state(page, FUNDING, "Påbörjat").check()
    expect(file_status).to_have_attribute("aria-busy", "false")
    on_file = page.evaluate(READ_FILE, "teamets-fil.json")["checklists"]["installation"]
    assert (on_file[PLAN]["state"], on_file[FUNDING]["state"]) == ("done", "started")
    page.context.close()


def test_a_file_the_browser_refuses_to_read_back_is_said_with_what_to_do(
    browser: Browser, base_url: str
) -> None:
    page, file_status = saving_to_a_file_with_leave_asked(browser, base_url)

    page.evaluate(
        '() => { localStorage.clear(); sessionStorage.setItem("query", "prompt"); '
        'sessionStorage.setItem("request", "prompt"); }'
    )  # evicted; asked again
    page.reload()
    page.get_by_role("button", name="Läs in teamets-fil.json").click()
    expect(file_status).to_have_text(
        "Webbläsaren behöver fråga dig igen om sidan får använda filen teamets-fil.json. Tryck "
        "på ”Läs in teamets-fil.json” och tillåt det när webbläsaren frågar. Till dess sparas "
        "ändringar bara i webbläsaren."
    )
    expect(state(page, PLAN, "Klart")).not_to_be_checked()
    page.context.close()


@pytest.mark.parametrize(
    "failure", [INDEXEDDB_BLOCKED, INDEXEDDB_THROWS], ids=["blocked", "throws"]
)
def test_a_file_choice_the_browser_cannot_keep_is_said_to_be_forgotten_next_visit(
    browser: Browser, base_url: str, failure: str
) -> None:
    page = context_with(browser, PICKERS, "teamets-fil.json").new_page()
    page.context.add_init_script(f"({failure})()")
    page.goto(f"{base_url}{STAGE}")
    page.get_by_role("button", name="Spara automatiskt till fil").click()
    file_status = page.locator(".kb-file-status")
    expect(file_status).to_have_text(
        "Varje ändring sparas också i filen teamets-fil.json så länge sidan är öppen. "
        "Webbläsaren kan däremot inte komma ihåg filvalet till nästa besök, så då behöver du "
        "välja filen igen med ”Spara automatiskt till fil”."
    )
    state(page, PLAN, "Klart").check()
    expect(file_status).to_have_attribute("aria-busy", "false")
    on_file = page.evaluate(READ_FILE, "teamets-fil.json")
    assert on_file["checklists"]["installation"][PLAN]["state"] == "done"
    page.context.close()
