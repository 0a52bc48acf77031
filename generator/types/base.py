"""Fields every record shares, and the building blocks record types are made of.

A pydantic class is the single source of truth for a record type: it validates the YAML,
it is the typed model the templates receive, its field descriptions become the editors'
field reference, and it is exported as JSON Schema for editors' YAML tooling.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Annotated, ClassVar, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.locale import message
from generator.reading.load import FieldPath
from generator.types.identifiers import Url
from generator.types.meaning import (
    Kind,
    Meaning,
    field_meaning,
    field_of_kind,
    misdirected,
    models_in,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REF_PATTERN = r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
# A reference to another record (or a part of it): checked by validation, turned into a
# backlink on the page it points at and offered from a list of records in the editor, under
# whatever field name it is declared.
Ref = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN),
    Meaning("reference"),
    Field(
        description="Hänvisning till en annan post: `typ/id` eller `typ/id#ankare`, "
        "t.ex. `intervention/pmto` eller `process/ebp#fraga`."
    ),
]


def split_ref(ref: str) -> tuple[str, str, str]:
    """`type/id#anchor` -> (type, id, anchor); the anchor is empty when absent."""
    target, _, anchor = ref.partition("#")
    type_name, _, record_id = target.partition("/")
    return type_name, record_id, anchor


# The key of one of the record's own `sources` that a fact (at any depth) rests on.
SourceKey = Annotated[
    Slug, Meaning("source"), Field(description="`id` för en källa i postens `sources`.")
]
# An id a record or a part had before: old addresses and anchors lead to the current one.
OldId = Annotated[Slug, Meaning("old_id")]
# A record's place in its section (1 = first), which its section sorts by before titles.
Order = Annotated[int, Meaning("order")]


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt field must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


REFERENCE_PATTERN = r"^reference/[a-z0-9]+(?:-[a-z0-9]+)*$"


ReferenceKey = Annotated[
    str,
    StringConstraints(pattern=REFERENCE_PATTERN),
    Meaning("reference", "reference"),
    Field(
        description="Verket i litteraturlistan, t.ex. `reference/fixsen-2005`; titel, författare, "
        "år och adress hämtas då därifrån."
    ),
]


class CitesWork(Strict):
    """Something that names a work: by its key in the bibliography (`ref`), which describes
    the work once for every record, or by describing it in place; never both, so that a
    work's details cannot drift apart."""

    ref: ReferenceKey | None = None
    title: Text | None = Field(None, description="Titel (krävs utan `ref`).")

    @model_validator(mode="after")
    def _described_once(self) -> CitesWork:
        if self.ref is None and self.title is None:
            raise ValueError(message("messages.types.ref_or_title"))
        described = [
            name
            for name in type(self).model_fields
            if name not in ("id", "ref", "note") and getattr(self, name) is not None
        ]
        if self.ref is not None and described:
            raise ValueError(
                message("messages.types.described_twice", fields=", ".join(described), ref=self.ref)
            )
        return self


class Source(CitesWork):
    """A source a record's facts rest on, usually a work in the bibliography; a web page only
    this record uses may be described here instead."""

    id: Slug = Field(description="Kort nyckel som fakta i posten hänvisar till med `source`.")
    note: str = Field(
        "", description="Vad posten använder av källan, t.ex. 'kapitel 7' eller 'bild 12'."
    )
    publisher: str | None = Field(None, description="Utgivare, tidskrift eller organisation.")
    year: int | None = Field(None, ge=1900, le=2100, description="Utgivningsår.")
    url: Url | None = Field(None, description="Webbadress (http eller https).")


class Fact(Strict):
    """A statement together with the source that supports it."""

    text: Text = Field(description="Uppgiften, med egna ord (Markdown utan HTML).")
    source: SourceKey


# A part's old ids: old links to the part lead on to it.
PartAliases = Annotated[
    list[OldId],
    Field(
        description="Tidigare id för den här delen. Byter du id, skriv det gamla här: gamla "
        "länkar till delen leder då vidare till den."
    ),
]


class Section(Strict):
    """A linkable part of a record (a step, module, activity or checklist item)."""

    id: Slug = Field(description="Stabilt ankare; ändra aldrig ett publicerat id.")
    title: Text = Field(description="Rubrik.")
    text: str = Field("", description="Brödtext (Markdown utan HTML).")
    aliases: PartAliases = Field(default_factory=list)


class ChecklistItem(Strict):
    """One thing an implementation team can mark as done."""

    id: Slug = Field(description="Stabilt id; markeringar sparas mot detta id, inte mot texten.")
    text: Text = Field(description="Vad som ska vara på plats.")
    aliases: PartAliases = Field(default_factory=list)


# Where a type without a position of its own stands: after the built-in types.
LAST = 1_000


class Record(Strict):
    """Fields every record has, whatever its type.

    A type declares itself in class variables (see generator.types.registry); its page is
    rendered by the template named after it, `<type_name>.md.j2`."""

    # The type's name: its folder in data/, the first half of a reference (`term/ebp`).
    type_name: ClassVar[str]
    # The folder its pages are addressed under (`ordlista` -> /ordlista/<id>/); empty puts
    # the pages at the top level, without a section or an index page.
    url_prefix: ClassVar[str]
    # Where the type stands in lists of records of several types and of types (backlinks,
    # the maintenance page, the field reference).
    position: ClassVar[int] = LAST
    # Where its section stands in the navigation, and the type whose section holds it
    # (empty: a section of its own at the top). None keeps its pages out of the navigation
    # and of /lankar/ (a page every footer links to instead).
    nav_position: ClassVar[int | None] = LAST
    nested_in: ClassVar[str] = ""
    # The section's index page; the default lists the records with their summaries.
    index_template: ClassVar[str] = "records-index.md.j2"
    # A type a site has at most one record of (its accessibility statement).
    one_per_site: ClassVar[bool] = False
    # The locale key of the error for a reference to an anchor the record does not have,
    # with {ref}, {record} and {anchor} (a registry says the level is not on its scale).
    unknown_anchor: ClassVar[str] = "messages.validate.no_anchor"

    @classmethod
    def template(cls) -> str:
        """The template of the type's pages, found by the type's name."""
        return f"{cls.type_name}.md.j2"

    id: Slug = Field(
        description="Postens id: gemener, siffror och bindestreck; samma som "
        "filnamnet utan `.yaml`. Ingår i postens adress."
    )
    title: Text = Field(description="Postens namn som det visas på webbplatsen.")
    summary: Text = Field(
        description="En eller två meningar som sammanfattar posten; "
        "visas i översikter och sökträffar."
    )
    reviewed: dt.date = Field(description="Datum då innehållet senast granskades (ÅÅÅÅ-MM-DD).")
    keywords: list[Text] = Field(
        default_factory=list,
        description="Sökord och synonymer, även norska och danska, som ska hitta posten.",
    )
    sources: list[Source] = Field(min_length=1, description="Källor som postens fakta bygger på.")
    aliases: list[OldId] = Field(
        default_factory=list,
        description="Tidigare id för posten. Byter du id, skriv det gamla här: den gamla "
        "adressen leder då vidare till den nya, så att länkar i kursmaterial "
        "inte går sönder.",
    )
    draft: bool = Field(
        False,
        description="Utkast: `true` medan posten skrivs. Ett utkast publiceras inte "
        "(ingen sida, inte i sökfiltret eller i öppna data) men listas på sidan Underhåll; "
        "ta bort raden eller skriv `false` när posten är klar.",
    )
    editor_note: str = Field(
        "",
        description="Redaktörens anteckning till andra redaktörer, t.ex. att källan inte "
        "återger verkets titel eller vad som återstår att kontrollera. "
        "Publiceras aldrig: varken på webbplatsen, i sökningen eller i de "
        "öppna data.",
    )

    def address(self, record_id: str = "") -> str:
        """Site-relative address of the record's page, e.g. `insatser/pmto/`; given one of
        its old ids, the address the page had then."""
        prefix = f"{self.url_prefix}/" if self.url_prefix else ""
        return f"{prefix}{record_id or self.id}/"

    def sort_key(self) -> tuple[str | int, ...]:
        """Where the record stands in its section: by its `Order` field where its type has
        one, else by title; a type read in another order (a bibliography) overrides this."""
        order = field_of_kind(type(self), "order")
        return (getattr(self, order) if order else 0, self.title.casefold())

    def anchors(self) -> dict[str, str]:
        """Linkable parts of this record: anchor id -> title, for every part however deep,
        so a reference can point at any anchor the page and /lankar/ show."""
        return {part.id: part.title for part in self.parts()}

    def parts(self) -> list[Part]:
        """Every linkable part (a section, step, module or checklist item, however deeply
        nested) in page order, found by type so that a new kind of part needs no code here."""
        return [part for _, part in self.located_parts]

    @cached_property
    def located_parts(self) -> tuple[tuple[FieldPath, Part], ...]:
        """The parts with the field path of each (validation reports a repeated anchor at
        its `id`). Records are frozen, and validation, the model and every page ask for the
        parts, so they are found once."""
        found: list[tuple[FieldPath, Part]] = []
        _parts(self, (), found, top=True)
        return tuple(found)

    def references(self) -> list[tuple[FieldPath, str]]:
        """Every cross-reference (a value of a `Ref` type, under any field name) with its
        field path."""
        return self._marked("reference")

    def fact_sources(self) -> list[tuple[FieldPath, str]]:
        """Every source key (`SourceKey`) a fact uses, with its field path."""
        return self._marked("source")

    def old_ids(self) -> list[tuple[FieldPath, str]]:
        """Every old id (`OldId`), the record's own and its parts', with its field path; a
        path of length 2 (`aliases`, i) is the record's own."""
        return self._marked("old_id")

    def misdirected_references(self) -> list[tuple[FieldPath, str, str]]:
        """Every reference whose type allows only one type of target (`Meaning.target`) and
        that names another, with its field path and the type it must name."""
        return misdirected(self.leaves.strings)

    def unknown_keys(self) -> list[tuple[FieldPath, str, str]]:
        """Every key (a value of a type marked `Meaning("key", field)`) that names no item of
        the record's list `field`, with its field path and the field."""
        return [
            (path, value, meaning.target)
            for path, meaning, value in self.leaves.strings
            if meaning.kind == "key"
            and value not in [getattr(item, "id", None) for item in getattr(self, meaning.target)]
        ]

    def _marked(self, kind: Kind) -> list[tuple[FieldPath, str]]:
        return [(path, value) for path, found, value in self.leaves.strings if found.kind == kind]

    @cached_property
    def leaves(self) -> Leaves:
        """The values checks and pages look up anywhere in the record, found in one walk
        (records are frozen, so it never goes stale)."""
        found = Leaves()
        _collect(self, (), found)
        return found


@dataclass(frozen=True)
class Part:
    """A linkable part of a record: its permanent anchor, the title to show, the field that
    holds it (its kind, e.g. `steps`) and the old anchors that must keep leading to it."""

    id: str
    title: str
    kind: str
    aliases: tuple[str, ...] = ()


def _parts(
    model: BaseModel, path: FieldPath, found: list[tuple[FieldPath, Part]], *, top: bool = False
) -> None:
    for name in fields_with_models(type(model)):
        value = getattr(model, name)
        if not isinstance(value, list) or (top and name == "sources"):
            continue
        for i, item in enumerate(value):
            if isinstance(item, Section):
                found.append(
                    ((*path, name, i), Part(item.id, item.title, name, tuple(item.aliases)))
                )
            elif isinstance(item, ChecklistItem):
                found.append(
                    ((*path, name, i), Part(item.id, item.text, name, tuple(item.aliases)))
                )
            if isinstance(item, BaseModel):
                _parts(item, (*path, name, i), found)


@dataclass
class Leaves:
    """Nested values of a record in document order, with their field paths: the strings
    whose type carries a Meaning (path, its kind, value), every date, and every source or
    reading that describes its work in place instead of citing the bibliography."""

    strings: list[tuple[FieldPath, Meaning, str]] = field(default_factory=list)
    dates: list[tuple[FieldPath, dt.date]] = field(default_factory=list)
    described_works: list[tuple[FieldPath, CitesWork]] = field(default_factory=list)


@cache
def fields_with_models(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields whose type can hold a model: the only ones a walk for parts must visit
    (cached, as walks ask once per nested model)."""
    return tuple(
        name for name, info in cls.model_fields.items() if _mentions(info.annotation, BaseModel)
    )


@cache
def _leaf_fields(cls: type[BaseModel]) -> tuple[tuple[str, Meaning | None], ...]:
    """The fields whose type can hold something Leaves keeps (a marked string, a date, or a
    model with such fields), each with its meaning: most of a record is text that a walk can
    step over."""
    return tuple(
        (name, field_meaning(cls, name))
        for name, info in cls.model_fields.items()
        if field_meaning(cls, name) is not None
        or _mentions(info.annotation, dt.date)
        or any(_leaf_fields(model) for model in models_in(info.annotation))
    )


def _mentions(annotation: object, kind: type) -> bool:
    """Whether a type annotation is or contains (in a list, union or Annotated) `kind`."""
    if isinstance(annotation, type) and not get_args(annotation):
        return issubclass(annotation, kind)
    return any(_mentions(arg, kind) for arg in get_args(annotation))


def _collect(model: BaseModel, path: FieldPath, found: Leaves) -> None:
    """Fill `found` from `model` and the models inside it, visiting only fields that can hold
    something to keep."""
    for name, meaning in _leaf_fields(type(model)):
        _collect_value(getattr(model, name), (*path, name), meaning, found)


def _collect_value(value: object, path: FieldPath, meaning: Meaning | None, found: Leaves) -> None:
    if isinstance(value, str):
        if meaning is not None:
            found.strings.append((path, meaning, value))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _collect_value(item, (*path, i), meaning, found)
    elif isinstance(value, BaseModel):
        if isinstance(value, CitesWork) and value.ref is None:
            found.described_works.append((path, value))
        _collect(value, path, found)
    elif isinstance(value, dt.date):
        found.dates.append((path, value))
