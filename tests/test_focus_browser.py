"""WCAG 2.4.7 and 1.4.11, which axe-core cannot see: a visitor who moves with the keyboard
sees a focus indicator on every kind of control (the stage checklists' radio buttons,
notes and buttons, the finder's and comparison's facets, links, the search box on the
indigo header), drawn in a colour with at least 3:1 against what lies around it."""

from __future__ import annotations

import pytest
from accessibility import SETTLED, contrast, rgb
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

STAGE = "implementering/utforskning/"

CONTROLS = [
    ("checklist radio button", STAGE, ".kb-states input[type=radio]"),
    ("checklist text field", STAGE, ".kb-notes input[type=text]"),
    ("checklist date field", STAGE, ".kb-notes input[type=date]"),
    ("checklist comment", STAGE, ".kb-notes textarea"),
    ("checklist button", STAGE, ".kb-tool-buttons .md-button"),
    ("finder checkbox", "hitta/", "form.kb-finder input[type=checkbox]"),
    ("finder age field", "hitta/", "form.kb-finder input[type=number]"),
    ("finder reset button", "hitta/", "form.kb-finder button, form.kb-finder input[type=reset]"),
    ("comparison checkbox", "jamfor/", "form.kb-compare-form input[type=checkbox]"),
    ("link in running text", "implementering/installation/", "article p a[href]"),
    ("glossary term", "insatser/pmto/", "article .kb-term__link"),
    ("copy-link button", "insatser/pmto/", "article button.kb-copy-link"),
    ("link filter", "lankar/", ".kb-link-filter input"),
    ("search button in the header", "", "button.kb-search-button"),
    ("navigation tab on the header", "", ".md-tabs__link"),
]

# The focused element's outline, and the first opaque background behind it (the outline
# is drawn outside the element, so the element's own background does not count).
INDICATOR = """element => {
  const style = getComputedStyle(element);
  let background = "rgb(255, 255, 255)";
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    const alpha = colour.match(/rgba\\(.*,\\s*([\\d.]+)\\)/);
    if (!alpha || Number(alpha[1]) === 1) { background = colour; break; }
  }
  return {
    focused: element === document.activeElement && element.matches(":focus-visible"),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    colour: style.outlineColor, background,
  };
}"""


@pytest.mark.parametrize(
    ("control", "address", "selector"), CONTROLS, ids=[control for control, _, _ in CONTROLS]
)
def test_keyboard_focus_is_visible_with_3_to_1_contrast(
    page: Page, base_url: str, control: str, address: str, selector: str
) -> None:
    page.goto(f"{base_url}{address}")
    page.wait_for_function(SETTLED)
    target = page.locator(selector).first
    expect(target).to_be_visible()
    before = target.evaluate(INDICATOR)
    # Into the control from the one before it, as a keyboard user arrives.
    target.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    after = target.evaluate(INDICATOR)
    assert after["focused"], f"Tab did not bring the keyboard back to the {control}"
    assert before["style"] == "none" or before["colour"] != after["colour"]
    assert after["style"] in ("solid", "double", "auto"), after
    assert after["width"] >= 2, after
    assert rgb(after["colour"])[3] == 1, after
    assert contrast(after["colour"], after["background"]) >= 3, after
