"""Process: an ordered way of working, such as the nine steps of evidence-based practice."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from generator.types.base import Fact, Record, Ref, Section, Text


class Step(Section):
    """A step of the process; its id is its permanent anchor on the page."""

    builds_on: str = Field(
        "", description="Vilket grundsteg (Kunskapsguiden/Sackett) steget bygger på."
    )
    questions: list[Text] = Field(default_factory=list, description="Frågor att ställa sig.")
    related: list[Ref] = Field(default_factory=list, description="Poster som hör till steget.")


class Process(Record):
    """A process whose steps each have a stable anchor (`/ebp/#<step-id>`)."""

    type_name: ClassVar[str] = "process"
    url_prefix: ClassVar[str] = ""
    position: ClassVar[int] = 3
    nav_position: ClassVar[int] = 7

    description: str = Field(description="Inledning (Markdown utan HTML).")
    basis: list[Fact] = Field(default_factory=list, description="Vad processen bygger på.")
    knowledge_sources: list[Section] = Field(
        default_factory=list, description="Kunskapskällor som vägs samman."
    )
    steps: list[Step] = Field(min_length=1, description="Stegen i ordning.")
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")
