"""A record's page may not be at an address the site already uses for a page of its own.

Which addresses those are is known only to the page producers (rendering), a later stage, so
the caller passes them in (generator/rendering/generated_addresses.py); the problem is
reported here, at the `id` (or the old id in `aliases`) that gives the address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.reading.load import FieldPath, SourceDocument
from generator.types import Record


@dataclass(frozen=True)
class TakenAddresses:
    """The addresses the site has pages of its own at (`implementering/oversikt/`): those
    in `pages`, and those `later_pages` matches (a paged listing's `insatser/sida-2/` …);
    and what to tell an editor whose record would take one: the locale's `page` (for an
    id), `old_page` (for an old id) and `hint`, with `{address}` to fill in. Plain data, so
    that a check can find them in a second process (generator/checking/check.py)."""

    pages: frozenset[str | None]
    later_pages: re.Pattern[str]
    texts: Mapping[str, str]

    def holds(self, address: str) -> bool:
        return address in self.pages or self.later_pages.fullmatch(address) is not None


def served_at(address: str) -> str:
    """Where a page is served: a record with the id `index` is written as its folder's
    `index.md`, which the engine serves at the folder itself (`insatser/index/` is served at
    `insatser/`, a process's `index/` at the start page)."""
    return address.removesuffix("index/") if address.split("/")[-2] == "index" else address


def record_addresses(record: Record) -> dict[FieldPath, str]:
    """Where a record's pages are, by the field that gives each: its `id` gives its page, each
    old id in its `aliases` a page that leads on to it."""
    found: dict[FieldPath, str] = {("id",): served_at(record.address())}
    for path, alias in record.old_ids():
        if len(path) == 2:
            found[path] = served_at(record.address(alias))
    return found


def taken_address_problems(
    documents: list[SourceDocument], records: list[Record], taken: TakenAddresses
) -> list[Diagnostic]:
    """An error for every record page or old address that the site has a page of its own at."""
    files = {(doc.record_type, doc.stem): doc for doc in documents}
    problems: list[Diagnostic] = []
    for record in records:
        doc = files.get((record.type_name, record.id))
        if doc is None:
            continue
        for path, address in record_addresses(record).items():
            if taken.holds(address):
                message = taken.texts["page" if path == ("id",) else "old_page"]
                problems.append(
                    doc.problem(path, message.format(address=f"/{address}"), taken.texts["hint"])
                )
    return problems
