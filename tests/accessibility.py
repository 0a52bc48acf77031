"""What the browser tests need for WCAG 2.1 AA beyond axe-core: when a page has settled,
and contrast as WCAG defines it (relative luminance), for what axe cannot judge, such as
focus indicators."""

from __future__ import annotations

import re

# The page's own scripts have finished: every feature module the page holds has started
# (kb-start.js), glossary terms marked, finder and comparison shown, and the finder's results
# answering its choices (it shows its form before its first answer, and marks the results
# busy until the list and the count agree).
SETTLED = """() => document.documentElement.dataset.kbReady !== undefined
    && document.querySelector("article")?.dataset.kbTerms === "marked"
    && !document.querySelector("form.kb-finder[hidden], form.kb-compare-form[hidden]")
    && !document.querySelector('.kb-finder-results:not([aria-busy="false"])')"""


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
