"""What can still be checked in a record that failed its schema.

A record with a misspelt field or an impossible date has no typed model, but its references,
its source keys and its id are usually fine or wrong on their own account; an editor should
see those problems in the same run, not after fixing the first ones. This reads them from
the raw data, by the same field names the typed walk uses (generator/types/base.py), and
leaves out every value the schema check has already reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.types.base import REF_FIELDS, REF_PATTERN, SLUG_PATTERN, FieldPath, Part


@dataclass(frozen=True)
class SalvagedSource:
    id: str
    ref: str | None
    note: str


class Salvaged:
    """The parts of an invalid record's data that validation checks across records, in the
    shape of a Record's (id, sources, fact_sources, references, located_parts).

    `reported` are the paths of the values the schema check reported; `unknown` the paths
    of fields that do not exist, whose contents are not read at all."""

    located_parts: tuple[tuple[FieldPath, Part], ...] = ()

    def __init__(
        self, data: dict[str, Any], stem: str, reported: set[FieldPath], unknown: set[FieldPath]
    ) -> None:
        record_id = data.get("id")
        self.id = record_id if isinstance(record_id, str) and ("id",) not in reported else stem
        self._strings = [
            (path, name, value)
            for path, name, value in strings_in(data, (), "")
            if path not in reported and not any(path[: len(u)] == u for u in unknown)
        ]
        self.sources = _sources(data.get("sources"))

    def references(self) -> list[tuple[FieldPath, str]]:
        return [
            (path, value)
            for path, name, value in self._strings
            if name in REF_FIELDS and re.fullmatch(REF_PATTERN, value)
        ]

    def fact_sources(self) -> list[tuple[FieldPath, str]]:
        if not self.sources:
            return []  # without a readable list of sources, no key can be checked
        return [
            (path, value)
            for path, name, value in self._strings
            if name == "source" and re.fullmatch(SLUG_PATTERN, value)
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


def strings_in(
    data: object, path: FieldPath = (), name: str = ""
) -> Iterator[tuple[FieldPath, str, str]]:
    """Every string with its path and the name of the field it is in (for a list item, the
    list's name), as Leaves collects them from a typed record."""
    if isinstance(data, str):
        yield path, name, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, (*path, key), str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings_in(value, (*path, i), name)
