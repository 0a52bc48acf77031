"""Curriculum: a course or programme whose modules link to steps, stages and methods."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from generator.types.base import Fact, Record, Ref, Section, Text


class Module(Section):
    """A part of a course; links point into the knowledge base and are checked at build."""

    outcomes: list[Text] = Field(default_factory=list, description="Lärandemål.")
    hours: float | None = Field(None, gt=0, description="Omfattning i timmar, om känd.")
    links: list[Ref] = Field(default_factory=list, description="Poster, steg och "
                             "checklistpunkter som modulen bygger på.")


class Curriculum(Record):
    """A course or training programme (utbildning)."""

    type_name: ClassVar[str] = "curriculum"
    url_prefix: ClassVar[str] = "utbildning"
    template: ClassVar[str] = "curriculum.md.j2"

    audience: Text = Field(description="Vilka utbildningen vänder sig till.")
    scope: Fact = Field(description="Omfattning (högskolepoäng, dagar, tid).")
    credits: float | None = Field(None, gt=0, description="Högskolepoäng, om det är en kurs.")
    organiser: Fact | None = Field(None, description="Vem som ger eller gav utbildningen.")
    description: str = Field(description="Beskrivning (Markdown utan HTML).")
    modules: list[Module] = Field(min_length=1, description="Moduler i ordning.")
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def anchors(self) -> dict[str, str]:
        return {m.id: m.title for m in self.modules}
