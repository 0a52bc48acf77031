"""Reference: one work in the bibliography, described once and cited by key from every
record that rests on it, so that authors, year and identifiers never drift apart."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.locale import message
from generator.types.base import Record, Ref, Source
from generator.types.identifiers import DoiField, IsbnField, Url

Kind = Literal["artikel", "oversikt", "bok", "rapport", "webbsida", "bildspel", "dokument"]
# Slide decks and internal documents (a case report to a committee, a project description)
# are shared rather than published: the kinds that may lack an address.
UNPUBLISHED_KINDS = ("bildspel", "dokument")


class Reference(Record):
    """A work the knowledge base cites: an article, review, book, report, web page, slide deck
    or official document."""

    type_name: ClassVar[str] = "reference"
    url_prefix: ClassVar[str] = "referenser"
    position: ClassVar[int] = 10
    nav_position: ClassVar[int] = 10
    nested_in: ClassVar[str] = "study"
    index_template: ClassVar[str] = "reference-index.md.j2"

    summary: str = Field(
        "", description="Vad verket är och vad kunskapsbanken använder det till (valfritt)."
    )
    sources: list[Source] = Field(
        default_factory=list,
        description="Behövs inte: referensen "
        "är själv källan. Ange en källa om uppgifterna om verket "
        "kommer från något annat, t.ex. ett bibliotekskatalog.",
    )
    kind: Kind = Field(
        description="`artikel`, `oversikt` (systematisk översikt eller "
        "metaanalys), `bok`, `rapport`, `webbsida`, `bildspel` eller "
        "`dokument` (t.ex. ett tjänsteutlåtande eller en "
        "projektbeskrivning)."
    )
    authors: str | None = Field(
        None, description="Författare som i källan, t.ex. 'Ogden, T. & Hagen, K. A.'."
    )
    year: int | None = Field(None, ge=1900, le=2100, description="Utgivningsår.")
    journal: str | None = Field(
        None,
        description="Tidskrift med volym, nummer och sidor, "
        "t.ex. 'Prevention Science 14, 535–544'.",
    )
    publisher: str | None = Field(None, description="Utgivare, förlag eller organisation.")
    doi: DoiField = None
    isbn: IsbnField = None
    url: Url | None = Field(
        None, description="Webbadress där verket (eller en sammanfattning av det) kan läsas."
    )
    url_note: str = Field(
        "",
        description="Vad adressen leder till, om det inte är verket "
        "självt, t.ex. 'sammanfattning hos Tiltakshåndboka'.",
    )
    accessed: dt.date | None = Field(
        None,
        description="Dag då sidan på adressen lästes "
        "(ÅÅÅÅ-MM-DD); visas som 'läst …' efter adressen, "
        "eftersom en webbsida kan ändras efter att vi läst den.",
    )

    related: list[Ref] = Field(
        default_factory=list, description="Relaterade poster, t.ex. ett svar på kritik av artikeln."
    )

    @model_validator(mode="after")
    def _findable(self) -> Reference:
        """A reader must be able to find the work: by an identifier, or an article by its
        journal, volume and pages in a library."""
        if self.kind not in UNPUBLISHED_KINDS and not (
            self.doi or self.isbn or self.url or self.journal
        ):
            raise ValueError(
                message(
                    "messages.types.unfindable_work",
                    kinds=message("messages.types.and").join(UNPUBLISHED_KINDS),
                )
            )
        if self.accessed is not None and self.url is None:
            raise ValueError(message("messages.types.accessed_without_url"))
        return self

    def sort_key(self) -> tuple[str, ...]:
        """Bibliographies are read by author and year; works without authors by title."""
        return (
            (self.authors or self.title).casefold(),
            str(self.year or ""),
            self.title.casefold(),
        )
