"""Loaded documents checked against their schemas and each other.

Every problem is collected, never raised, so an editor sees all mistakes in one run, each at
the line and column of the value (or key) that caused it, with a hint where we can guess; a
hint that names a value names it as it is to be written (`typ/id`). A record that fails its
schema still has its references, source keys and id checked (generator/salvage.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.checking.aliases import alias_problems
from generator.checking.salvage import Salvaged, SalvagedSource
from generator.checking.verdict_rules import verdict_problems
from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.reading.load import FieldPath, SourceDocument
from generator.reading.project import REVIEW_MAX_AGE_YEARS
from generator.reading.project import today as build_day
from generator.types import RECORD_TYPES, Record, Reference
from generator.types.base import (
    REF_PATTERN,
    REFERENCE_PATTERN,
    SLUG_PATTERN,
    Source,
    split_ref,
)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return _did_you_mean(close[0]) if close else ""


def _did_you_mean(suggestion: str) -> str:
    return message("messages.validate.did_you_mean", suggestion=suggestion)


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The pydantic model class that describes the mapping at `path`, to suggest field names."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_name(loc: FieldPath) -> str:
    """The place an error is about, as an editor counts: a list item is 'punkt 1 i modules',
    never the index '0'."""
    if not loc:
        return ""
    if isinstance(loc[-1], int):
        owner = next(
            (str(p) for p in reversed(loc) if isinstance(p, str)),
            message("messages.validate.the_list"),
        )
        return message("messages.validate.item", number=loc[-1] + 1, owner=owner)
    return str(loc[-1])


def _message(error: dict[str, Any]) -> str:
    """Swedish wording for the pydantic errors editors meet; others keep pydantic's text."""
    kind, ctx, field = error["type"], error.get("ctx", {}), _field_name(tuple(error["loc"]))
    got = error.get("input")
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, got, ctx.get("pattern", ""))
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    name = _PYDANTIC_MESSAGES.get(kind)
    if name is None:
        return message("messages.validate.other", field=field, text=error["msg"])
    return message(
        f"messages.validate.schema.{name}",
        field=field,
        got=repr(got),
        type=type(got).__name__,
        **{key: ctx.get(key, "") for key in ("min_length", "ge", "le", "gt")},
        # pydantic joins the allowed values with an English 'or'.
        expected=str(ctx.get("expected", "")).replace(
            " or ", f" {message('messages.validate.schema.or')} "
        ),
    )


# The pydantic errors editors meet, by the name of their wording in the locale's
# `messages.validate.schema`; others keep pydantic's text.
_PYDANTIC_MESSAGES = {
    "missing": "missing",
    "extra_forbidden": "unknown",
    "string_type": "not_text",
    "int_type": "not_integer",
    "int_parsing": "not_integer",
    "int_from_float": "not_integer",
    "float_type": "not_number",
    "float_parsing": "not_number",
    "list_type": "not_list",
    "model_type": "not_mapping",
    "model_attributes_type": "not_mapping",
    "date_type": "not_date",
    "date_parsing": "not_date",
    "date_from_datetime_parsing": "not_date",
    "date_from_datetime_inexact": "not_date",
    "literal_error": "not_allowed",
    "string_too_short": "empty",
    "too_short": "too_few",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "greater_than": "not_greater",
    "bool_type": "not_bool",
    "bool_parsing": "not_bool",
}


def _pattern_message(field: object, got: object, pattern: str) -> str:
    if pattern == SLUG_PATTERN and isinstance(got, str):
        return message(
            "messages.validate.unsafe_id", got=repr(got), field=field, why=_unsafe_slug_reason(got)
        )
    return message("messages.validate.wrong_form", got=repr(got), field=field)


def _unsafe_slug_reason(value: str) -> str:
    """What makes `value` unsafe as an id, which becomes a file name and part of an address:
    the first of path tricks, invisible characters and look-alikes that it contains."""
    value = _normalised(value)
    odd = next((c for c in value if not (c.isascii() and (c.isalnum() or c == "-"))), "")
    unsafe = "messages.validate.unsafe."
    if ".." in value:
        return message(unsafe + "parent")
    if "/" in value or "\\" in value:
        return message(unsafe + "slash")
    if odd and unicodedata.category(odd).startswith("C"):
        return message(unsafe + "control", code=f"{ord(odd):04X}")
    if odd.isspace():
        return message(unsafe + "space")
    if any(c.isupper() for c in value):
        return message(unsafe + "upper")
    if odd:
        return message(unsafe + "character", character=repr(odd))
    return message(unsafe + "hyphen")


def _hint(error: dict[str, Any], cls: type[Record], claimed: dict[str, list[str]]) -> str:
    """A suggestion the editor can copy in as written. `claimed` holds the types that have a
    record of each id, so that a reference written as a bare id gets its type."""
    kind, loc = error["type"], tuple(error["loc"])
    got = error.get("input")
    if (
        kind == "string_pattern_mismatch"
        and error["ctx"].get("pattern") == REF_PATTERN
        and isinstance(got, str)
    ):
        target, _, anchor = got.partition("#")
        types = claimed.get(target, [])
        if len(types) == 1:
            return _did_you_mean(f"{types[0]}/{got}")
        ids = [f"{t}/{i}" for i, ts in claimed.items() for t in ts]
        close = difflib.get_close_matches(target, ids, n=1, cutoff=0.6)
        if close:
            return _did_you_mean(f"{close[0]}{'#' + anchor if anchor else ''}")
    if kind == "extra_forbidden":
        owner = _model_at(cls, loc[:-1])
        return _suggest(str(loc[-1]), owner.model_fields) if owner else ""
    if kind == "literal_error":
        options = [
            o.strip(" '")
            for o in error.get("ctx", {}).get("expected", "").replace(" or ", ",").split(",")
        ]
        return _suggest(str(error.get("input")), options)
    if kind == "string_pattern_mismatch":
        return _PATTERN_HINTS.get(error["ctx"].get("pattern", ""), "")
    return ""


_PATTERN_HINTS = {
    SLUG_PATTERN: message("messages.validate.hints.slug"),
    REF_PATTERN: message("messages.validate.hints.ref"),
    REFERENCE_PATTERN: message("messages.validate.hints.reference"),
}


def _schema_problems(
    doc: SourceDocument, cls: type[Record], claimed: dict[str, list[str]]
) -> tuple[Record | Salvaged | None, list[Diagnostic]]:
    """The typed record and no problems, or the problems and what can still be checked of
    the record (None when its data is not even a mapping)."""
    if not isinstance(doc.data, dict):
        line, column = doc.locate(())
        return None, [
            Diagnostic(
                doc.path,
                line,
                column,
                "error",
                message("messages.validate.not_a_mapping"),
            )
        ]
    try:
        record = cls.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        reported: set[FieldPath] = set()
        for error in exc.errors():
            loc = tuple(error["loc"])
            reported.add(loc)
            if _echoes_load_problem(doc, loc, error["type"]):
                continue
            details = dict(error)
            problems.append(
                doc.problem(
                    loc,
                    _message(details),
                    _hint(details, cls, claimed),
                    key=error["type"] == "extra_forbidden",
                )
            )
        return Salvaged(doc.data, doc.stem, reported, cls), problems
    problems = _loose_dates(doc, record)
    if problems:
        return Salvaged(doc.data, doc.stem, {p for p, _ in record.leaves.dates}, cls), problems
    return record, problems


def _loose_dates(doc: SourceDocument, record: Record) -> list[Diagnostic]:
    """Dates pydantic accepted from something that is not a date as written: a number (read as
    seconds since 1970) or a text with a time of day at midnight. A date is `ÅÅÅÅ-MM-DD`,
    quoted or not."""
    problems = []
    for path, _ in record.leaves.dates:
        try:
            written = _value_at(doc.data, path)
        except (KeyError, IndexError):
            continue  # a default, not something the editor wrote
        if isinstance(written, dt.date) or (
            isinstance(written, str) and ISO_DATE.fullmatch(written)
        ):
            continue
        problems.append(
            doc.problem(
                path,
                message("messages.validate.schema.not_date", field=path[-1], got=repr(written)),
            )
        )
    return problems


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _echoes_load_problem(doc: SourceDocument, loc: FieldPath, kind: str) -> bool:
    """Whether a schema error only repeats what loading reported: a value under a rejected tag,
    or a field 'missing' from a mapping that lost a key to a merge key or a complex key."""
    return any(loc[: len(p)] == p for p in doc.unreadable) or (
        kind == "missing" and loc[:-1] in doc.incomplete
    )


def _normalised(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _Index:
    """What exists: record ids per type, and the anchors each valid record offers.

    A record that failed to load or validate still counts as existing, under its file name and
    the id it claims (its own errors are reported), so references to it do not add a cascade
    of follow-on errors; its anchors are unknown.
    """

    def __init__(
        self,
        documents: list[SourceDocument],
        records: list[tuple[SourceDocument, Record]],
        types: Mapping[str, type[Record]],
    ) -> None:
        self.types = types
        claimed = [(d.record_type, i) for d in documents for i in (d.stem, _doc_id(d)) if i]
        self.anchors: dict[tuple[str, str], dict[str, str] | None] = dict.fromkeys(claimed)
        self.anchors.update({(r.type_name, r.id): r.anchors() for _, r in records})

    def check(self, ref: str) -> tuple[str, str]:
        """Empty message if `ref` resolves, else a message and a hint."""
        type_name, record_id, anchor = split_ref(ref)
        if type_name not in self.types:
            return message("messages.validate.unknown_type", type=type_name, ref=ref), _suggest(
                type_name, self.types
            )
        if (type_name, record_id) not in self.anchors:
            same_type = [i for t, i in self.anchors if t == type_name]
            other_types = [t for t, i in self.anchors if i == record_id]
            close = difflib.get_close_matches(record_id, same_type, n=1, cutoff=0.5)
            suggestion = (
                f"{type_name}/{close[0]}"
                if close
                else f"{other_types[0]}/{record_id}"
                if other_types
                else ""
            )
            return message("messages.validate.no_record", ref=ref), (
                _did_you_mean(f"{suggestion}{'#' + anchor if anchor else ''}") if suggestion else ""
            )
        anchors = self.anchors[type_name, record_id]
        if anchor and anchors is not None and anchor not in anchors:
            close = difflib.get_close_matches(anchor, list(anchors), n=1, cutoff=0.5)
            said = message(
                self.types[type_name].unknown_anchor,
                ref=ref,
                record=f"{type_name}/{record_id}",
                anchor=anchor,
            )
            return said, (_did_you_mean(f"{type_name}/{record_id}#{close[0]}") if close else "")
        return "", ""


def _record_problems(
    doc: SourceDocument, record: Record | Salvaged, index: _Index
) -> list[Diagnostic]:
    problems = []

    def add(path: FieldPath, message: str, hint: str = "", *, key: bool = False) -> None:
        line, column = doc.locate(path, key=key)
        problems.append(Diagnostic(doc.path, line, column, "error", message, hint))

    if _normalised(record.id) != doc.stem:
        add(
            ("id",),
            message("messages.validate.id_not_file", id=record.id, stem=doc.stem),
            message("messages.validate.id_not_file_hint", id=record.id),
        )
    sources: Sequence[Source | SalvagedSource] = record.sources
    source_ids = [s.id for s in sources]
    seen_sources: set[str] = set()
    for i, source_id in enumerate(source_ids):
        if source_id in seen_sources:
            add(("sources", i, "id"), message("messages.validate.source_twice", id=source_id))
        seen_sources.add(source_id)
    cited: dict[tuple[str, str], str] = {}
    for i, source in enumerate(sources):
        if source.ref is None:
            continue
        work = (source.ref, source.note)
        if work in cited:
            add(
                ("sources", i, "ref"),
                message("messages.validate.same_work", id=source.id, other=cited[work]),
                message("messages.validate.same_work_hint"),
            )
        cited.setdefault(work, source.id)
    for path, source_id in record.fact_sources():
        if source_id not in seen_sources:
            add(
                path,
                message("messages.validate.unknown_source", id=source_id),
                _suggest(source_id, source_ids),
            )
    seen_anchors: set[str] = set()
    for path, part in record.located_parts:
        if part.id in seen_anchors:
            add(
                (*path, "id"),
                message("messages.validate.anchor_twice", id=part.id),
                message("messages.validate.anchor_twice_hint"),
            )
        seen_anchors.add(part.id)
    if isinstance(record, Record):
        for path, key, field in record.unknown_keys():
            ids = [str(getattr(item, "id", "")) for item in getattr(record, field)]
            add(
                path,
                message("messages.validate.unknown_key", key=key, field=field),
                _suggest(key, ids),
            )
    misdirected = {path: target for path, _, target in record.misdirected_references()}
    for path, ref in record.references():
        if path in misdirected:
            add(path, message("messages.validate.wrong_target", ref=ref, type=misdirected[path]))
            continue
        said, hint = index.check(ref)
        if said:
            add(path, said, hint)
    return problems


def _duplicate_works(valid: list[tuple[SourceDocument, Record]]) -> list[Diagnostic]:
    """A work is described once, in the bibliography: a second entry with the same DOI,
    ISBN or address, or a source or reading that describes a listed work again, is reported
    at that identifier, pointing to the entry to cite instead."""
    problems: list[Diagnostic] = []
    listed: dict[tuple[str, str], str] = {}

    def report(doc: SourceDocument, path: FieldPath, key: str, hint: str) -> None:
        problems.append(doc.problem(path, message("messages.validate.work_listed", key=key), hint))

    for doc, record in valid:
        if isinstance(record, Reference):
            for name, value in _identifiers(record):
                if value in listed:
                    report(
                        doc,
                        (name,),
                        listed[value],
                        message("messages.validate.work_listed_entry_hint", key=listed[value]),
                    )
                listed.setdefault(value, record.id)
    for doc, record in valid:
        for path, citing in record.leaves.described_works:
            for name, value in _identifiers(citing):
                if value in listed:
                    report(
                        doc,
                        (*path, name),
                        listed[value],
                        message("messages.validate.work_listed_source_hint", key=listed[value]),
                    )
    return problems


def _identifiers(work: BaseModel) -> list[tuple[str, tuple[str, str]]]:
    """A work's DOI, ISBN and address as comparable keys (an ISBN without hyphens)."""
    found = []
    for name in ("doi", "isbn", "url"):
        value = getattr(work, name, None)
        if value is not None:
            value = value.replace("-", "").replace(" ", "") if name == "isbn" else value
            found.append((name, (name, value.casefold())))
    return found


def _doc_id(doc: SourceDocument) -> str | None:
    """The id a document claims, valid or not, so that clashes are found even between two
    records that both have other errors."""
    claimed = doc.data.get("id") if isinstance(doc.data, dict) else None
    return claimed if isinstance(claimed, str) else None


def _second_of_a_kind(valid: list[tuple[SourceDocument, Record]]) -> list[Diagnostic]:
    """A second record of a type a site has only one of (its accessibility statement)."""
    problems = []
    first: dict[str, SourceDocument] = {}
    for doc, record in sorted(valid, key=lambda pair: pair[0].path):
        if not record.one_per_site:
            continue
        if record.type_name in first:
            problems.append(
                doc.problem(
                    ("id",),
                    message("messages.validate.one_per_site", type=record.type_name),
                    message(
                        "messages.validate.one_per_site_hint", path=first[record.type_name].path
                    ),
                )
            )
        first.setdefault(record.type_name, doc)
    return problems


def _duplicate_ids(documents: list[SourceDocument]) -> list[Diagnostic]:
    """Two files of one type claiming the same id; ids are compared in Unicode's composed form
    (NFC), so an 'å' typed as a + ring and one typed as å can never be two records."""
    problems = []
    first_seen: dict[tuple[str, str], tuple[SourceDocument, str]] = {}
    # The file whose name is the id is the original; other claimants are reported.
    for doc in sorted(documents, key=lambda d: _normalised(_doc_id(d) or "") != d.stem):
        record_id = _doc_id(doc)
        if record_id is None:
            continue
        key = (doc.record_type, _normalised(record_id))
        if key in first_seen:
            other, other_id = first_seen[key]
            encoded = message("messages.validate.id_encoding") if (other_id != record_id) else ""
            problems.append(
                doc.problem(
                    ("id",),
                    message("messages.validate.id_taken", id=record_id),
                    message("messages.validate.id_taken_hint", path=other.path, encoding=encoded),
                )
            )
        first_seen.setdefault(key, (doc, record_id))
    return problems


def _review_due(
    doc: SourceDocument, record: Record, today: dt.date, max_age_years: int
) -> list[Diagnostic]:
    """A warning when the content has not been reviewed within `max_age_years` of `today`:
    facts about methods and registries go stale, and readers rely on the date."""
    cutoff = _years_before(today, max_age_years)
    if record.reviewed >= cutoff:
        return []
    line, column = doc.locate(("reviewed",))
    return [
        Diagnostic(
            doc.path,
            line,
            column,
            "warning",
            message(
                "messages.validate.review_due",
                reviewed=record.reviewed.isoformat(),
                years=max_age_years,
            ),
            message("messages.validate.review_due_hint"),
        )
    ]


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def validate(
    documents: list[SourceDocument],
    *,
    today: dt.date | None = None,
    review_max_age_years: int = REVIEW_MAX_AGE_YEARS,
    types: Mapping[str, type[Record]] = RECORD_TYPES,
) -> tuple[list[Record], list[Diagnostic]]:
    """Typed records for the valid documents, and every problem found in any document, with
    the record `types` of the project (see generator.types.registry).

    Errors stop a build; warnings (a review that is due) do not, unless the caller is strict.
    `today` is the day review ages are counted from, normally the day of the check."""
    today = today or build_day()
    problems: list[Diagnostic] = []
    valid: list[tuple[SourceDocument, Record]] = []
    salvaged: list[tuple[SourceDocument, Salvaged]] = []
    claimed: dict[str, list[str]] = {}
    for doc in documents:
        for record_id in {doc.stem, _doc_id(doc) or doc.stem}:
            claimed.setdefault(record_id, []).append(doc.record_type)
    for doc in documents:
        if doc.data is None:
            continue
        record, found = _schema_problems(doc, types[doc.record_type], claimed)
        problems.extend(found)
        if isinstance(record, Salvaged):
            salvaged.append((doc, record))
        elif record is not None:
            valid.append((doc, record))
    problems.extend(_duplicate_ids(documents))
    problems.extend(_second_of_a_kind(valid))
    problems.extend(alias_problems(valid))
    problems.extend(_duplicate_works(valid))
    index = _Index(documents, valid, types)
    for doc, record in valid:
        problems.extend(_record_problems(doc, record, index))
        problems.extend(_review_due(doc, record, today, review_max_age_years))
    problems.extend(verdict_problems(valid, today))
    for doc, partial in salvaged:
        problems.extend(_record_problems(doc, partial, index))
    return [record for _, record in valid], sorted(problems)
