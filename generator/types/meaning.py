"""What a value means beyond its Python type, written into the type itself.

A reference to another record, the key of one of the record's own sources, an old id and a
record's place in its section are all strings or numbers; what sets them apart is a `Meaning`
in their `Annotated` type (`Ref`, `SourceKey`, `OldId`, `Order` in generator/types/base.py).
Validation, backlinks, sorting and the editor's forms find such values by introspecting the
annotations, whatever the field is called, so a type's author declares `see_also: list[Ref]`
and gets it checked, located and linked both ways.

Takes a pydantic model class (and, for a record that failed its schema, its raw data); gives
the meaning of each field and the marked values with their field paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.reading.load import FieldPath

# `key`: the id of an item in one of the record's own lists, named by `Meaning.target`
# (a verdict's version among the record's `versions`).
Kind = Literal["reference", "source", "old_id", "order", "key"]


@dataclass(frozen=True)
class Meaning:
    """A mark in an `Annotated` type: what kind of value it is and, for a reference that may
    only point at records of one type (a checklist's stage), that type; for a key, the field
    of the record whose items it names."""

    kind: Kind
    target: str = ""


def _meanings(annotation: object) -> list[Meaning]:
    """Every Meaning in a type annotation, outermost last: `Annotated` metadata, list items
    and the options of a union are looked into; a model's own fields are not."""
    if isinstance(annotation, Meaning):
        return [annotation]
    return [meaning for arg in get_args(annotation) for meaning in _meanings(arg)]


def meaning_of(info: FieldInfo) -> Meaning | None:
    """The meaning of a field's values (of each item, for a list): the last Meaning its type
    carries, so that a narrower type built on `Ref` (`StageRef`) says what it narrows to."""
    found = [m for m in info.metadata if isinstance(m, Meaning)] + _meanings(info.annotation)
    return found[-1] if found else None


@cache
def field_meaning(cls: type[BaseModel], name: str) -> Meaning | None:
    """`meaning_of` a model's field, looked up once per field (walks ask for every value)."""
    return meaning_of(cls.model_fields[name])


@cache
def field_of_kind(cls: type[BaseModel], kind: Kind) -> str | None:
    """The first field of a model whose values have the meaning `kind` (a record's `Order`)."""
    return next(
        (
            name
            for name in cls.model_fields
            if (meaning := field_meaning(cls, name)) and meaning.kind == kind
        ),
        None,
    )


def misdirected(
    marked: list[tuple[FieldPath, Meaning, str]],
) -> list[tuple[FieldPath, str, str]]:
    """The references among `marked` strings that must name one type of record and name
    another (`type/id`, `type/id#anchor`), with the type they must name."""
    return [
        (path, value, meaning.target)
        for path, meaning, value in marked
        if meaning.kind == "reference"
        and meaning.target
        and value.partition("/")[0] != meaning.target
    ]


def models_in(annotation: object) -> list[type[BaseModel]]:
    """The model classes a type annotation can hold (in a list, a union or `Annotated`)."""
    if isinstance(annotation, type) and not get_args(annotation):
        return [annotation] if issubclass(annotation, BaseModel) else []
    return [model for arg in get_args(annotation) for model in models_in(arg)]


def marked_in_data(
    cls: type[BaseModel], data: object, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Meaning, str]]:
    """The marked strings in raw data (a record that failed its schema) read as `cls`
    describes it, with their paths and meanings; fields `cls` does not have are not read."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if not isinstance(key, str) or key not in cls.model_fields:
            continue
        meaning = field_meaning(cls, key)
        models = models_in(cls.model_fields[key].annotation)
        yield from _marked_value(value, (*path, key), meaning, models)


def _marked_value(
    value: object, path: FieldPath, meaning: Meaning | None, models: list[type[BaseModel]]
) -> Iterator[tuple[FieldPath, Meaning, str]]:
    if isinstance(value, str):
        if meaning is not None:
            yield path, meaning, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _marked_value(item, (*path, i), meaning, models)
    elif isinstance(value, dict) and models:
        fitting = [m for m in models if value.keys() <= m.model_fields.keys()]
        yield from marked_in_data((fitting or models)[0], value, path)


@dataclass(frozen=True)
class Relied:
    """A mark in the `Annotated` type of a record type's field: readers act on its value (a
    method's verdicts, ages, costs, roles), so every change to it is listed, dated, at the
    end of the record's page and in the feeds of changes. `topic` names a kind of change
    that has a feed of its own (`verdicts`)."""

    topic: str = ""


@cache
def relied_on(cls: type[BaseModel]) -> tuple[tuple[str, Relied], ...]:
    """The fields of a model marked `Relied`, with their marks, in the order declared."""
    return tuple(
        (name, mark)
        for name, info in cls.model_fields.items()
        for mark in [m for m in info.metadata if isinstance(m, Relied)][:1]
    )
