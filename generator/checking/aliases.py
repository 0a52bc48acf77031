"""Old ids (`aliases`) must each lead to exactly one place, or an old link would land on the
wrong page or anchor. Checked after the schemas, with every problem located in its file."""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.reading.load import SourceDocument
from generator.types import Record


def alias_problems(valid: list[tuple[SourceDocument, Record]]) -> list[Diagnostic]:
    """An old record id may not be a live id of its type nor another record's old id; an
    old anchor may not be a live anchor of its record nor another old anchor there."""
    problems: list[Diagnostic] = []
    live = {(record.type_name, record.id) for _, record in valid}
    claimed: dict[tuple[str, str], str] = {}
    for doc, record in valid:
        old_ids = record.old_ids()
        if not old_ids:  # most records: their parts need not be listed
            continue
        anchors = {part.id for part in record.parts()}
        seen: set[str] = set()
        for path, alias in old_ids:
            said = ""
            if len(path) == 2:
                key = (record.type_name, alias)
                if key in live:
                    said = message(
                        "messages.aliases.live_record", alias=alias, type=record.type_name
                    )
                elif key in claimed:
                    said = message(
                        "messages.aliases.claimed",
                        alias=alias,
                        other=f"{record.type_name}/{claimed[key]}",
                    )
                claimed.setdefault(key, record.id)
            elif alias in anchors:
                said = message("messages.aliases.live_part", alias=alias)
            elif alias in seen:
                said = message("messages.aliases.repeated", alias=alias)
            else:
                seen.add(alias)
            if said:
                problems.append(doc.problem(path, said, message("messages.aliases.hint")))
    return problems
