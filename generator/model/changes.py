"""What changed in a record, version by version, in what readers rely on.

The fields a record type marks `Relied` (generator/types/meaning.py) are compared as data,
not as lines of text: each version of the record's file is read as its type describes it,
a list of items with ids (a method's verdicts) is compared item by item by id, and the
source a value cites is left out, since the value is what a reader acts on. A reformatted
file, a moved line or a corrected source therefore lists no change; a verdict's new level
lists one, saying what it was and what it became.

Takes the versions `generator/reading/versions.py` read and the record's type. Gives the
record's revisions, newest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from generator.reading.versions import Version
from generator.types.meaning import field_meaning, models_in, relied_on

# A value as a version of the file held it: text, a number, a yes or no, a date.
Value = str | int | float | bool | dt.date


@dataclass(frozen=True)
class Step:
    """One step of the way to a value: a field (`name` is the field's, which pages label) or
    an item of a list (its id, or its number from 1 where items have no ids)."""

    name: str
    field: bool


# Where a value is: a field, then item and field steps down to the value.
Place = tuple[Step, ...]


@dataclass(frozen=True)
class Change:
    """One value a reader relies on that a revision changed: where it is, what it was and
    what it became (None: there was none, or there is none any more)."""

    place: Place
    before: Value | None
    after: Value | None


@dataclass(frozen=True)
class Revision:
    """A commit that changed what readers rely on in one record, or that added the record
    (`created`, with no changes listed); `topics` are the marks' topics it touched (a change
    of verdicts has `verdicts`)."""

    commit: str
    when: dt.datetime
    created: bool
    changes: tuple[Change, ...] = ()
    topics: frozenset[str] = frozenset()


def revisions(cls: type[BaseModel], versions: Sequence[Version]) -> tuple[Revision, ...]:
    """The record's revisions, newest first: the version that added it, then every later
    one that changed a field its type marks `Relied`. Versions that could not be read as a
    record are passed over, so the next readable one is compared with the last one before."""
    found: list[Revision] = []
    before: dict[Place, Value] | None = None
    fields = relied_on(cls)
    if not fields:  # only when the record came: its first version, read or not
        return tuple(Revision(v.commit, v.when, created=True) for v in versions[:1])
    for version in versions:
        if not isinstance(version.data, dict):
            continue
        now = {
            place: value
            for name, _ in fields
            for place, value in _leaves(cls, name, version.data.get(name), (Step(name, True),))
        }
        if before is None:
            found.append(Revision(version.commit, version.when, created=True))
        else:
            changes = tuple(
                Change(place, before.get(place), now.get(place))
                for place in dict.fromkeys([*before, *now])
                if before.get(place) != now.get(place)
            )
            if changes:
                marks = dict(fields)
                topics = frozenset(marks[c.place[0].name].topic for c in changes) - {""}
                found.append(Revision(version.commit, version.when, False, changes, topics))
        before = now
    return tuple(reversed(found))


def _leaves(
    owner: type[BaseModel], name: str, value: object, place: Place
) -> Iterator[tuple[Place, Value]]:
    """The values under field `name` of a model of class `owner`, each with its place: what
    a source key names is left out, and a list of scalars is one value."""
    meaning = field_meaning(owner, name) if name in owner.model_fields else None
    if value is None or (meaning is not None and meaning.kind == "source"):
        return
    models = models_in(owner.model_fields[name].annotation) if name in owner.model_fields else []
    yield from _value_leaves(models, value, place)


def _value_leaves(
    models: list[type[BaseModel]], value: object, place: Place
) -> Iterator[tuple[Place, Value]]:
    if isinstance(value, dict):
        model = _fitting(models, value)
        for key, item in value.items():
            if model is not None and key != "id":
                yield from _leaves(model, str(key), item, (*place, Step(str(key), True)))
    elif isinstance(value, list):
        if not value:
            return
        if all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value):
            for item in value:
                yield from _value_leaves(models, item, (*place, Step(item["id"], False)))
        elif all(not isinstance(item, dict | list) for item in value):
            yield place, ", ".join(str(item) for item in value)
        else:
            for i, item in enumerate(value, 1):
                yield from _value_leaves(models, item, (*place, Step(str(i), False)))
    elif isinstance(value, str | int | float | bool | dt.date):
        yield place, value


def _fitting(models: list[type[BaseModel]], data: dict[object, object]) -> type[BaseModel] | None:
    """The model a mapping in a file is read as: the first whose fields hold all its keys."""
    fitting = [m for m in models if data.keys() <= m.model_fields.keys()]
    return (fitting or models)[0] if models else None
