"""Status: how far a programme has spread, as sourced counts and the places it is used,
so that figures from different dates stay side by side instead of being merged."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from generator.types.base import Record, Ref, Section, SourceKey, Strict, Text


class Figure(Strict):
    """One sourced count, with the date it describes: counts of the same thing from
    different dates are kept apart, never averaged or picked between."""

    label: Text = Field(description="Vad som räknas, t.ex. 'MST-team i Norge'.")
    value: int = Field(ge=0, description="Antalet.")
    as_of: Text = Field(
        description="Vilken tidpunkt siffran gäller, så som källan anger det, "
        "t.ex. '2018' eller 'odaterad'."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class Place(Strict):
    """A municipality or district; `count` is more than 1 where the source counts one name as
    several units (Bergen with its 8 districts)."""

    name: Text = Field(description="Kommunens eller stadsdelens namn.")
    count: int = Field(1, ge=1, description="Hur många enheter namnet räknas som.")


class Region(Section):
    """A group of places as the source lists them, with the number it states for the group."""

    count: int = Field(ge=1, description="Antalet som källan anger för gruppen.")
    places: list[Place] = Field(min_length=1, description="Kommunerna och stadsdelarna.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @model_validator(mode="after")
    def _places_add_up(self) -> Region:
        listed = sum(p.count for p in self.places)
        if listed != self.count:
            raise ValueError(f"gruppen anger {self.count} men listar {listed}")
        return self


class Status(Record):
    """The spread of one or more programmes: counts with their dates, and places by region."""

    type_name: ClassVar[str] = "status"
    url_prefix: ClassVar[str] = "spridning"
    position: ClassVar[int] = 9
    nav_position: ClassVar[int] = 6

    description: str = Field(description="Vad siffrorna gäller (Markdown utan HTML).")
    figures: list[Figure] = Field(min_length=1, description="Källbelagda antal.")
    regions: list[Region] = Field(
        default_factory=list, description="Kommuner och stadsdelar per region."
    )
    about: list[Ref] = Field(default_factory=list, description="Insatserna siffrorna gäller.")
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")
