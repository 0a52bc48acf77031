"""What the browser tests need for WCAG 2.1 AA beyond axe-core: when a page has settled,
pa11y's HTML_CodeSniffer checks in a page already loaded, and contrast as WCAG defines it
(relative luminance), for what axe cannot judge, such as focus indicators."""

from __future__ import annotations

import functools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

# The page's own scripts have finished: every feature module the page holds has started
# (kb-start.js), glossary terms marked, finder and comparison shown, and the finder's results
# answering its choices (it shows its form before its first answer, and marks the results
# busy until the list and the count agree).
SETTLED = """() => document.documentElement.dataset.kbReady !== undefined
    && document.querySelector("article")?.dataset.kbTerms === "marked"
    && !document.querySelector("form.kb-finder[hidden], form.kb-compare-form[hidden]")
    && !document.querySelector('.kb-finder-results:not([aria-busy="false"])')"""


# pa11y's own page-side runner and its HTML_CodeSniffer runner, from tests/js's lock.
PA11Y_IN_PAGE = Path(__file__).parent / "js" / "pa11y-in-page.mjs"


@functools.cache
def _pa11y() -> tuple[str, str]:
    """pa11y's version and the script that puts its runners into a page (read once a run)."""
    printed = subprocess.run(
        ["node", str(PA11Y_IN_PAGE)], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, str] = json.loads(printed)
    return found["version"], found["script"]


def pa11y_options(version: str) -> dict[str, Any]:
    """What pa11y's command line asks of its runners by default, with the standard that
    the issue's WCAG 2 AA names: errors only (pa11y ignores warnings and notices unless
    told), the whole page, no rule added."""
    return {
        "pa11yVersion": version,
        "runners": ["htmlcs"],
        "standard": "WCAG2AA",
        "ignore": ["notice", "warning"],
        "rules": [],
        "hideElements": None,
        "rootElement": None,
        "levelCapWhenNeedsReview": None,
        "wait": 0,
    }


def pa11y_script() -> str:
    """The script that puts pa11y's runners into a page (a context's init script puts them
    into every page it opens)."""
    return _pa11y()[1]


def pa11y_issues(page: Page) -> list[str]:
    """The errors pa11y reports for a page in the state it is in (the sweep's pages have
    settled): pa11y's own runners, run the way pa11y runs them, in this page, so that a
    sweep of every page needs no second browser and no second load; put into the page
    unless it has them. Each as "code selector: message"."""
    version, script = _pa11y()
    if not page.evaluate("() => typeof window.__pa11y?.run === 'function'"):
        page.evaluate(script)
    found = page.evaluate("options => window.__pa11y.run(options)", pa11y_options(version))
    return [f"{i['code']} {i['selector']}: {i['message']}" for i in found["issues"]]


def rgb(colour: str) -> tuple[float, float, float, float]:
    """A computed CSS colour (`rgb(…)`, `rgba(…)`) as red, green, blue (0–255) and alpha."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    if len(numbers) < 3:
        raise ValueError(f"not a computed rgb colour: {colour!r}")
    red, green, blue = numbers[:3]
    return red, green, blue, numbers[3] if len(numbers) > 3 else 1.0


def _luminance(colour: tuple[float, float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue, _ = colour
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two opaque computed colours (1 to 21)."""
    lighter, darker = sorted((_luminance(rgb(first)), _luminance(rgb(second))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
