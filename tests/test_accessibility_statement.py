"""The accessibility statement tells the truth about what the tests find: axe-core runs over a
page of every kind in Chromium, and every WCAG 2.1 AA violation it finds must be declared as
a shortcoming of the statement (`axe_rules`), and every declared one must still occur. The
statement names this test as its method of assessment."""

from __future__ import annotations

from collections import defaultdict

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, WCAG_21_AA
from playwright.sync_api import Page

from generator.render.nav import SECTION_ORDER
from generator.site import Project, check
from generator.types import RECORD_TYPES, Accessibility

pytestmark = pytest.mark.browser

# Pages that are not records: the start page, tools, listings and the editors' pages.
OTHER_PAGES = ["", "hitta/", "jamfor/?m=pmto,mst", "lankar/", "underhall/", "oppna-data/",
               "redaktorer/", "redaktorer/falt/", "404.html"]


def sample() -> tuple[list[str], Accessibility]:
    """A page of every kind (each section's catalogue and one record of each type, the
    statement among them, and the other pages), and the statement."""
    records, _ = check(Project(REPO))
    first: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.address()):
        first.setdefault(record.type_name, record.address())
    sections = [f"{RECORD_TYPES[name].url_prefix}/" for name in SECTION_ORDER
                if RECORD_TYPES[name].url_prefix]
    statement = next(r for r in records if isinstance(r, Accessibility))
    return [*OTHER_PAGES, *sections, *first.values()], statement


def test_every_violation_axe_finds_is_declared_in_the_statement(page: Page,
                                                                base_url: str) -> None:
    addresses, statement = sample()
    found: dict[str, list[str]] = defaultdict(list)
    for address in addresses:
        page.goto(f"{base_url}{address}")
        for violation in Axe().run(page, options=WCAG_21_AA).response["violations"]:
            found[violation["id"]].append(address)
    declared = statement.declared_axe_rules()
    assert {rule: pages for rule, pages in found.items() if rule not in declared} == {}, \
        "axe-core finds violations the accessibility statement does not declare"
    assert declared - set(found) == set(), \
        "the statement declares violations that no longer occur: remove them"
    assert "axe-core" in statement.assessment.text
