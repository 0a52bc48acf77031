"""How an amount reads in Swedish wherever costs show (the method page, the comparison, the
fit assessment and the open data's `shown`), written once so that they never disagree: the
figure or range with its currency code, and its price year or that the source gives none."""

from __future__ import annotations

from typing import Any

from generator.types.intervention import Cost


def _figure(value: int) -> str:
    """A whole amount with a space between thousands, as Swedish writes it: 36 000 (a plain
    space: a table cell on the page turns a no-break space into one, and the data say what
    the page says)."""
    return f"{value:,}".replace(",", " ")


def amount(cost: Cost, t: dict[str, Any]) -> str:
    """'2 500 SEK', '500–999 GBP', 'omkring 1 500 EUR'."""
    figure = _figure(cost.amount) + (f"–{_figure(cost.up_to)}" if cost.up_to is not None else "")
    text = str(t["intervention"]["cost_value"].format(amount=figure, currency=cost.currency))
    return str(t["intervention"]["cost_about"].format(amount=text)) if cost.approximate else text


def price_year(cost: Cost, t: dict[str, Any]) -> str:
    """'prisår 2024', or that the source gives no price year (never a guessed one)."""
    if cost.year is None:
        return str(t["intervention"]["cost_year_missing"])
    return str(t["intervention"]["cost_year"].format(year=cost.year))


def shown(cost: Cost, t: dict[str, Any]) -> str:
    """The whole amount as a sentence, its note after it: 'Licens per år: 18 000 SEK (prisår
    anges inte i källan).' (what it covers starts the sentence, so with a capital)."""
    line = t["intervention"]["cost_shown"].format(
        covers=cost.covers[0].upper() + cost.covers[1:],
        amount=amount(cost, t),
        year=price_year(cost, t),
    )
    return f"{line} {cost.note}" if cost.note else str(line)
