"""Curriculum: a course or programme whose modules link to steps, stages and methods."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from generator.locale import message
from generator.types.base import (
    CitesWork,
    Fact,
    Record,
    Ref,
    Section,
    SourceKey,
    Strict,
    Text,
)
from generator.types.identifiers import DoiField, IsbnField, Url

# A path under data/material/: no leading dot in any part, so never `..` or a hidden file.
MaterialPath = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
]


class Reading(CitesWork):
    """A text on a reading list: a work in the bibliography, or one described here with an
    identifier a library or a browser can find it by."""

    authors: str | None = Field(None, description="Författare, t.ex. 'Ogden, T. & Hagen, K.'.")
    year: int | None = Field(None, ge=1900, le=2100, description="Utgivningsår.")
    publisher: str | None = Field(None, description="Förlag, tidskrift eller utgivare.")
    doi: DoiField = None
    isbn: IsbnField = None
    url: Url | None = Field(None, description="Webbadress (http eller https).")
    note: str = Field("", description="Kommentar, t.ex. vilka kapitel som ska läsas.")

    @model_validator(mode="after")
    def _findable(self) -> Reading:
        if self.ref is None and not (self.doi or self.isbn or self.url):
            raise ValueError(message("messages.types.unfindable_reading"))
        return self


class Session(Section):
    """A teaching occasion (a seminar, workshop or supervision); its id is its anchor."""

    length: Text | None = Field(None, description="Längd, t.ex. '5 dagar' eller '2–3 dagar'.")
    source: SourceKey | None = Field(
        None, description="`id` för källan i `sources`, om uppgiften kommer från en källa."
    )


class Assignment(Section):
    """Something participants do and hand in or present; its id is its anchor."""

    source: SourceKey | None = Field(
        None, description="`id` för källan i `sources`, om uppgiften kommer från en källa."
    )


class Material(Strict):
    """Course material: a link, or a file under `data/material/` copied into the site."""

    title: Text = Field(description="Vad materialet heter.")
    kind: Literal["bildspel", "pdf", "video", "dokument", "webbsida"] = Field(
        description="`bildspel`, `pdf`, `video`, `dokument` eller `webbsida`."
    )
    url: Url | None = Field(None, description="Webbadress till materialet.")
    file: MaterialPath | None = Field(
        None,
        description="Fil i `data/material/`, t.ex. "
        "`ebp-kurs/bildspel-1.pdf`; kopieras till webbplatsen.",
    )

    @model_validator(mode="after")
    def _one_place(self) -> Material:
        if (self.url is None) == (self.file is None):
            raise ValueError(message("messages.types.url_or_file"))
        return self


class Module(Section):
    """A part of a course; links point into the knowledge base and are checked at build."""

    outcomes: list[Text] = Field(default_factory=list, description="Lärandemål.")
    hours: float | None = Field(None, gt=0, description="Omfattning i timmar, om känd.")
    credits: float | None = Field(None, gt=0, description="Högskolepoäng för modulen, om känt.")
    sessions: list[Session] = Field(default_factory=list, description="Tillfällen i modulen.")
    reading: list[Reading] = Field(default_factory=list, description="Litteratur.")
    assignments: list[Assignment] = Field(default_factory=list, description="Uppgifter.")
    material: list[Material] = Field(
        default_factory=list, description="Kursmaterial: bildspel, pdf, video."
    )
    links: list[Ref] = Field(
        default_factory=list, description="Poster, steg och checklistpunkter som modulen bygger på."
    )


class Curriculum(Record):
    """A course or training programme (utbildning)."""

    type_name: ClassVar[str] = "curriculum"
    url_prefix: ClassVar[str] = "utbildning"
    position: ClassVar[int] = 4
    nav_position: ClassVar[int] = 8

    audience: Text = Field(description="Vilka utbildningen vänder sig till.")
    scope: Fact = Field(description="Omfattning (högskolepoäng, dagar, tid).")
    credits: float | None = Field(None, gt=0, description="Högskolepoäng, om det är en kurs.")
    organiser: Fact | None = Field(None, description="Vem som ger eller gav utbildningen.")
    description: str = Field(description="Beskrivning (Markdown utan HTML).")
    modules: list[Module] = Field(min_length=1, description="Moduler i ordning.")
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def material_files(self) -> list[str]:
        """Files under data/material/ that the curriculum's modules attach."""
        return [m.file for module in self.modules for m in module.material if m.file]
