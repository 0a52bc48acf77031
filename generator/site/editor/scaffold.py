"""`kb new`: a commented record template, marked as a draft, that `kb check` accepts with a
warning for every placeholder still in it (an error under `--strict`).

The template is derived from the type's schema, like the field reference, so it can never
drift from what validation accepts: each field gets its description as a comment and a
placeholder value of the right shape. A value that cannot say TODO itself (a number, a date,
a choice from a vocabulary) is an example marked with the tag `!TODO`, which `kb check`
reports at its place until the editor replaces the value and removes the tag. An example
reference names a record the project has (the first registry, for a method's search without
result), so that the example is valid once the editor keeps it; a part whose reference no
record can give starts empty.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from generator.checking.drafts import PLACEHOLDER_EMAIL, PLACEHOLDER_TEXT, PLACEHOLDER_URL
from generator.locale import message
from generator.reading.load import PLACEHOLDER_TAG
from generator.reading.project import today
from generator.site.editor.yaml_out import Tagged, emit
from generator.types.base import Record
from generator.types.meaning import meaning_of

SOURCE_ID = "kalla-1"
# The ids of the project's records by type, for example references.
Existing = Mapping[str, Sequence[str]]


def _strip(annotation: Any) -> Any:
    """The annotation without Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or (
            origin is not None and origin not in (list, typing.Literal) and len(args) == 1
        ):
            annotation = args[0]
        else:
            return annotation


def _example(value: Any) -> Tagged:
    """A made-up value the editor must replace, marked so that `kb check` finds it."""
    return Tagged(PLACEHOLDER_TAG, value)


def _reference(info: FieldInfo, existing: Existing) -> Tagged | None:
    """An example reference to the first record of the type the field points at, if the
    project has one."""
    meaning = meaning_of(info)
    if meaning is None or meaning.kind != "reference" or not existing.get(meaning.target):
        return None
    return _example(f"{meaning.target}/{existing[meaning.target][0]}")


def _placeholder(name: str, info: FieldInfo, existing: Existing) -> Any:
    annotation = _strip(info.annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return _example(typing.get_args(annotation)[0])
    if origin is list:
        item = _strip(typing.get_args(annotation)[0])
        if typing.get_origin(item) is typing.Literal:
            return [_example(typing.get_args(item)[0])]
        if (
            isinstance(item, type)
            and issubclass(item, BaseModel)
            # A list's items name records and keys one by one: no example references.
            and not (not info.is_required() and _needs_reference(item, {}))
        ):
            return [_part(item, f"{name.replace('_', '-')}-1", existing)]
        if any(getattr(m, "min_length", 0) for m in info.metadata):
            return [
                _reference(info, existing)
                or (
                    _example(1)
                    if item in (int, float)
                    else f"{PLACEHOLDER_TEXT}: {info.description or name}"
                )
            ]
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not info.is_required() and _needs_reference(annotation, existing):
            return None
        return _part(annotation, name, existing)
    if info.examples:
        # A value of a closed set its type checks (a currency code) shows one of the set.
        return _example(info.examples[0])
    if annotation is bool:
        # A default is no example; a required yes or no is one.
        return _example(False) if info.is_required() else bool(info.default)
    if annotation is dt.date:
        return _example(today())
    if annotation in (int, float):
        bounds = [m.ge for m in info.metadata if getattr(m, "ge", None) is not None]
        return _example(bounds[0] if bounds else 1)
    if (reference := _reference(info, existing)) is not None:
        return reference
    if (meaning := meaning_of(info)) and meaning.kind == "source":
        return SOURCE_ID
    if name == "url":
        return PLACEHOLDER_URL
    if name == "email":
        return PLACEHOLDER_EMAIL
    if not info.is_required() and _has_format(info.annotation):
        return None
    return f"{PLACEHOLDER_TEXT}: {info.description or name}"


def _has_format(annotation: Any) -> bool:
    """Whether a string must have a form (a DOI, an ISBN) that no TODO text can have; such
    an optional field starts empty (`null`) so that a new record passes `kb check`."""
    if typing.get_origin(annotation) is typing.Annotated and any(
        getattr(m, "pattern", None) or isinstance(m, AfterValidator)
        for m in annotation.__metadata__
    ):
        return True
    return any(_has_format(arg) for arg in typing.get_args(annotation))


def _needs_reference(model: type[BaseModel], existing: Existing) -> bool:
    """Whether a part requires a reference no record of the project can give an example of,
    or a key of the record's own items, which a template cannot make valid."""
    return any(
        info.is_required()
        and (meaning := meaning_of(info)) is not None
        and (
            meaning.kind == "key"
            or (meaning.kind == "reference" and _reference(info, existing) is None)
        )
        for info in model.model_fields.values()
    )


def _part(model: type[BaseModel], id_value: str, existing: Existing) -> dict[str, Any]:
    """Required fields of a nested part, with an id where the part has one."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "id":
            values[name] = SOURCE_ID if model.__name__ == "Source" else id_value
        elif info.is_required() or name == "text":
            values[name] = _placeholder(name, info, existing)
    return values


def template(cls: type[Record], record_id: str, existing: Existing | None = None) -> str:
    """A commented YAML record of the type `cls` with id `record_id`; `existing` holds the
    ids of the project's records by type, which example references name."""
    lines = [
        f"# {line}"
        for line in message("messages.scaffold.intro", type=cls.type_name).rstrip().split("\n")
    ]
    lines.append("")
    # The draft mark right under the id, where the editor sees it first.
    for name, info in sorted(cls.model_fields.items(), key=lambda f: f[0] not in ("id", "draft")):
        required = message(
            "messages.scaffold.required" if info.is_required() else "messages.scaffold.optional"
        )
        lines.append(f"# {info.description or name} ({required})")
        value = (
            record_id
            if name == "id"
            else True
            if name == "draft"
            else _placeholder(name, info, existing or {})
        )
        if name == "sources":
            value = (
                [
                    {
                        "id": SOURCE_ID,
                        "title": f"{PLACEHOLDER_TEXT}: {message('messages.scaffold.source_title')}",
                        "url": PLACEHOLDER_URL,
                    }
                ]
                if info.is_required()
                else []
            )
        lines.append(f"{name}:{emit(value, 2)}")
        lines.append("")
    return "\n".join(lines)
