"""A change to a record in words: where the value is (the fields' labels, the items' ids)
and what it was and became, as the record's page ("Ändringar") and the feeds say it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.locale import label
from generator.model.changes import Change, Place, Value
from generator.types.text import table_cell

# Between the steps of the way to a value: "Ålder › Högsta".
STEP = " › "


def place_text(place: Place, t: dict[str, Any]) -> str:
    """A value's place in words: each field by its label, each item by its id or number."""
    return STEP.join(
        label(t["cms"]["fields"], step.name) if step.field else step.name for step in place
    )


def value_text(value: Value, t: dict[str, Any]) -> str:
    """A value as a reader reads it: yes and no in words, a date as ÅÅÅÅ-MM-DD."""
    if isinstance(value, bool):
        return str(t["changes"]["yes" if value else "no"])
    return str(value)


def change_text(
    change: Change, t: dict[str, Any], escape: Callable[[str], str] = str, strong: str = "{}"
) -> str:
    """What a change did: what the value was and what it became, or that it was added or
    removed. A page passes the Markdown escape for record text and `**{}**` for the place;
    a feed's plain text needs neither."""
    what = strong.format(escape(place_text(change.place, t)))
    before = escape(value_text(change.before, t)) if change.before is not None else ""
    after = escape(value_text(change.after, t)) if change.after is not None else ""
    kind = "added" if change.before is None else "removed" if change.after is None else "changed"
    return str(t["changes"][kind]).format(what=what, before=before, after=after)


def change_markdown(change: Change, t: dict[str, Any]) -> Markup:
    """A change as a line of the record's page: record text escaped, the place in bold."""
    return Markup(change_text(change, t, table_cell, "**{}**"))
