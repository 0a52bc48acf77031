"""What can still be checked in a record that failed its schema.

A record with a misspelt field or an impossible date has no typed model, but its references,
its source keys and its id are usually fine or wrong on their own account; an editor should
see those problems in the same run, not after fixing the first ones. This reads them from
the raw data by the same annotated types the typed walk uses (generator/types/meaning.py),
whatever their fields are called, and leaves out every value the schema check has already
reported and everything under a field the type does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.reading.load import FieldPath
from generator.types.base import REF_PATTERN, SLUG_PATTERN, Part, Record
from generator.types.meaning import marked_in_data, misdirected


@dataclass(frozen=True)
class SalvagedSource:
    id: str
    ref: str | None
    note: str


class Salvaged:
    """The parts of an invalid record's data that validation checks across records, in the
    shape of a Record's (id, sources, fact_sources, references, located_parts).

    `reported` are the paths of the values the schema check reported; `cls` the record's
    type, whose annotations say which values are references and source keys."""

    located_parts: tuple[tuple[FieldPath, Part], ...] = ()

    def __init__(
        self, data: dict[str, Any], stem: str, reported: set[FieldPath], cls: type[Record]
    ) -> None:
        record_id = data.get("id")
        self.id = record_id if isinstance(record_id, str) and ("id",) not in reported else stem
        self._strings = [
            (path, meaning, value)
            for path, meaning, value in marked_in_data(cls, data)
            if path not in reported
        ]
        self.sources = _sources(data.get("sources"))

    def references(self) -> list[tuple[FieldPath, str]]:
        return [
            (path, value)
            for path, meaning, value in self._strings
            if meaning.kind == "reference" and re.fullmatch(REF_PATTERN, value)
        ]

    def misdirected_references(self) -> list[tuple[FieldPath, str, str]]:
        return misdirected(self._strings)

    def fact_sources(self) -> list[tuple[FieldPath, str]]:
        if not self.sources:
            return []  # without a readable list of sources, no key can be checked
        return [
            (path, value)
            for path, meaning, value in self._strings
            if meaning.kind == "source" and re.fullmatch(SLUG_PATTERN, value)
        ]


def _sources(items: object) -> list[SalvagedSource]:
    """The record's sources, if every one has a usable id (else none: a key cannot be said to
    be missing from a list that could not be read)."""
    if not isinstance(items, list):
        return []
    found = []
    for item in items:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)):
            return []
        ref = item.get("ref")
        found.append(
            SalvagedSource(
                item["id"], ref if isinstance(ref, str) else None, str(item.get("note") or "")
            )
        )
    return found
