"""Drafts and placeholders: what `kb new` writes must never reach readers unnoticed.

`kb new` marks a new record `draft: true` and fills in text it cannot know as `TODO: …`,
addresses as PLACEHOLDER_URL and PLACEHOLDER_EMAIL (on a domain reserved for
examples), and numbers, dates and choices as example values tagged `!TODO`
(PLACEHOLDER_TAG, which the reader notes). A draft is not published
(generator/model.py keeps it out of every page but the maintenance page); every placeholder
left, and every draft, is a warning (an error under `kb check --strict`); a published record
that refers to a draft is an error, since the link would lead nowhere.
"""

from __future__ import annotations

from typing import Any

from generator.checking.markup import strings_in
from generator.diagnostics import Diagnostic, Severity
from generator.locale import message
from generator.reading.load import PLACEHOLDER_TAG, FieldPath, SourceDocument
from generator.types import Record
from generator.types.base import split_ref

PLACEHOLDER_TEXT = "TODO"
PLACEHOLDER_URL = "https://example.org/"
PLACEHOLDER_EMAIL = "todo@example.org"
# What every placeholder's text contains, as bytes of a cache entry.
_PLACEHOLDER_BYTES = (PLACEHOLDER_TEXT.encode(), b"example.org")


def is_placeholder(value: str) -> bool:
    """Whether a string is text `kb new` wrote for the editor to replace."""
    return value.lstrip().startswith(PLACEHOLDER_TEXT) or value in (
        PLACEHOLDER_URL,
        PLACEHOLDER_EMAIL,
    )


def _may_hold_placeholder(doc: SourceDocument) -> bool:
    """Whether a file can hold a placeholder at all: a cache entry is the file's values as
    JSON, where a placeholder's words stand as written, so an entry without them needs no
    walk of its strings (most files, and the walk is most of this check's time)."""
    return not doc.kept or any(word in doc.kept for word in _PLACEHOLDER_BYTES)


def _at(
    doc: SourceDocument,
    path: FieldPath,
    severity: Severity,
    message: str,
    hint: str,
    *,
    key: bool = False,
) -> Diagnostic:
    line, column = doc.locate(path, key=key)
    return Diagnostic(doc.path, line, column, severity, message, hint)


def _value_at(data: Any, path: FieldPath) -> Any:
    for step in path:
        data = data[step]
    return data


def draft_problems(documents: list[SourceDocument], records: list[Record]) -> list[Diagnostic]:
    """A warning for every draft and every placeholder left (in any file, valid or not), and
    an error for every reference from a published record to a draft."""
    problems: list[Diagnostic] = []
    for doc in documents:
        if not isinstance(doc.data, dict):
            continue
        problems += [
            _at(
                doc,
                path,
                "warning",
                message("messages.drafts.placeholder", value=value[:60]),
                message("messages.drafts.placeholder_hint"),
            )
            for path, value in (strings_in(doc.data) if _may_hold_placeholder(doc) else ())
            if is_placeholder(value)
        ]
        problems += [
            _at(
                doc,
                path,
                "warning",
                message("messages.drafts.example", value=_value_at(doc.data, path)),
                message("messages.drafts.example_hint", tag=PLACEHOLDER_TAG),
            )
            for path in sorted(doc.placeholders, key=str)
        ]
        if doc.data.get("draft") is True:
            problems.append(
                _at(
                    doc,
                    ("draft",),
                    "warning",
                    message("messages.drafts.draft"),
                    message("messages.drafts.draft_hint"),
                    key=True,
                )
            )
    drafts = {(r.type_name, r.id) for r in records if r.draft}
    if not drafts:
        return problems
    docs = {(d.record_type, d.data.get("id")): d for d in documents if isinstance(d.data, dict)}
    for record in (r for r in records if not r.draft):
        for path, ref in record.references():
            type_name, record_id, _ = split_ref(ref)
            if (type_name, record_id) in drafts:
                target = f"{type_name}/{record_id}"
                problems.append(
                    _at(
                        docs[record.type_name, record.id],
                        path,
                        "error",
                        message("messages.drafts.link_to_draft", target=target),
                        message("messages.drafts.link_to_draft_hint", target=target),
                    )
                )
    return problems
