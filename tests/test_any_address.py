"""In Debian's Chromium: every kind of page opens from any address. A link cut short by a mail
program (a malformed percent-escape), an address of 200,000 characters and any Unicode in the
fragment or the query leave no page error and no script failing to start; a share link that
cannot be read says so in Swedish."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

pytestmark = pytest.mark.browser

# One page of each kind whose scripts read the address or start from it: the start page,
# a method, a stage and the team's pages, the finder and the comparison (their queries), a
# framework's checklists, the link index and a term (their old anchors), a reference.
PAGES = [
    "",
    "insatser/pmto/",
    "implementering/installation/",
    "implementering/oversikt/",
    "implementering/val-av-metod/",
    "hitta/",
    "jamfor/",
    "ramverk/fire/",
    "lankar/",
    "ordlista/pmto/",
    "referenser/aif-teams/",
]

# The Python server the tests use refuses a request line of 64 KiB and more, so the longest
# query is shorter than the longest fragment, which never leaves the browser.
ADDRESSES = {
    "a cut percent-escape": "?m=pmto%2&q=%E0%A4%A#kb-%E0%A4%A",
    "a lone surrogate": "?m=%ED%A0%80&q=%ED%A0%80#%ED%A0%80",
    "any Unicode": "?m=å🙂\u202e\u0301&q=ﷺ𝕏\u0000#å🙂\u202eﷺ𝕏%00",
    "200,000 characters": "?q=" + "å" * 8_000 + "#" + "%E0%A4%A🙂" * 20_000,
}


@pytest.mark.parametrize("address", ADDRESSES.values(), ids=ADDRESSES.keys())
@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "start")
def test_every_kind_of_page_opens_from_any_address(
    page: Page, base_url: str, path: str, address: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    page.goto(f"{base_url}{path}{address}")
    page.wait_for_selector("html[data-kb-ready]", state="attached")
    assert errors == []


@pytest.mark.parametrize("path", ["implementering/installation/", "implementering/oversikt/"])
@pytest.mark.parametrize(
    "fragment", ["kb-team=%E0%A4%A", "kb-team=inte-en-l%C3%A4nk", "kb-state=%"]
)
def test_a_share_link_that_cannot_be_read_says_so(
    page: Page, base_url: str, path: str, fragment: str
) -> None:
    page.goto(f"{base_url}{path}#{fragment}")
    page.wait_for_selector("html[data-kb-ready]", state="attached")
    expect(page.locator(".kb-status")).to_have_text(
        "Länken kunde inte läsas. Den kan ha kortats av, till exempel i ett mejl. Be om en ny "
        "länk eller om en exporterad fil."
    )
    expect(page.get_by_role("button", name="Exportera till fil")).to_be_visible()
