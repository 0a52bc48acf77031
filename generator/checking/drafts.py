"""Drafts and placeholders: what `kb new` writes must never reach readers unnoticed.

`kb new` marks a new record `draft: true` and fills in text it cannot know as `TODO: …`
and addresses as PLACEHOLDER_URL and PLACEHOLDER_EMAIL (on a domain reserved for
examples). A draft is not published
(generator/model.py keeps it out of every page but the maintenance page); every placeholder
left, and every draft, is a warning (an error under `kb check --strict`); a published record
that refers to a draft is an error, since the link would lead nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic
from generator.reading.load import SourceDocument
from generator.types import Record
from generator.types.base import FieldPath, split_ref

PLACEHOLDER_TEXT = "TODO"
PLACEHOLDER_URL = "https://example.org/"
PLACEHOLDER_EMAIL = "todo@example.org"


def is_placeholder(value: str) -> bool:
    """Whether a string is text `kb new` wrote for the editor to replace."""
    return value.lstrip().startswith(PLACEHOLDER_TEXT) or value in (
        PLACEHOLDER_URL,
        PLACEHOLDER_EMAIL,
    )


def _strings(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def draft_problems(documents: list[SourceDocument], records: list[Record]) -> list[Diagnostic]:
    """A warning for every draft and every placeholder left (in any file, valid or not), and
    an error for every reference from a published record to a draft."""
    problems: list[Diagnostic] = []
    for doc in documents:
        if not isinstance(doc.data, dict):
            continue
        for path, value in _strings(doc.data):
            if is_placeholder(value):
                line, column = doc.locate(path)
                problems.append(
                    Diagnostic(
                        doc.path,
                        line,
                        column,
                        "warning",
                        f"platshållaren '{value[:60]}' från kb new står kvar",
                        "skriv in den riktiga uppgiften eller ta bort fältet",
                    )
                )
        if doc.data.get("draft") is True:
            line, column = doc.locate(("draft",), key=True)
            problems.append(
                Diagnostic(
                    doc.path,
                    line,
                    column,
                    "warning",
                    "posten är ett utkast och publiceras inte",
                    "ta bort raden draft: true när posten är klar",
                )
            )
    drafts = {(r.type_name, r.id) for r in records if r.draft}
    if drafts:
        docs = {(d.record_type, d.data.get("id")): d for d in documents if isinstance(d.data, dict)}
        for record in records:
            if record.draft:
                continue
            for path, ref in record.references():
                type_name, record_id, _ = split_ref(ref)
                if (type_name, record_id) in drafts:
                    doc = docs[record.type_name, record.id]
                    line, column = doc.locate(path)
                    problems.append(
                        Diagnostic(
                            doc.path,
                            line,
                            column,
                            "error",
                            f"'{type_name}/{record_id}' är ett utkast och publiceras inte, så "
                            "länken skulle inte leda någonstans",
                            f"publicera {type_name}/{record_id} först (ta bort draft: true där) "
                            "eller ta bort hänvisningen",
                        )
                    )
    return problems
