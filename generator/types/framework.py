"""Framework: a model or tool for organising the work (AIF, BBIC, Lovande praktik …),
made of groups of elements; some can be used as an interactive assessment."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.locale import message
from generator.types.base import Fact, Record, Ref, Section, SourceKey, Strict, Text

# The scales an assessment can use; each names a set of state labels in the locale
# (`checklist_ui.scales`), so the checklist script stays the same for all of them.
Scale = Literal["implementation", "presence"]


class Element(Section):
    """One element of a framework (a driver, a principle, a key factor); its id is its anchor."""

    questions: list[Text] = Field(
        default_factory=list, description="Exempel på frågor att ställa sig."
    )
    related: list[Ref] = Field(default_factory=list, description="Poster som hör till elementet.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class Group(Section):
    """A group of elements, e.g. the competency drivers or a category of Lovande praktik."""

    elements: list[Element] = Field(min_length=1, description="Gruppens element i ordning.")


class Assessment(Strict):
    """Makes the framework's elements an interactive checklist, one list per group, stored
    in the visitor's browser like the implementation checklists."""

    scale: Scale = Field(
        description="`implementation` (Klart, Påbörjat, Ej påbörjat) eller "
        "`presence` (Finns, Delvis, Saknas)."
    )
    title: Text = Field(description="Rubrik för bedömningen.")
    intro: str = Field("", description="Hur bedömningen görs (Markdown utan HTML).")
    source: SourceKey = Field(description="`id` för källan som bedömningen bygger på.")


class Framework(Record):
    """An implementation framework, a case-work framework or an assessment tool."""

    type_name: ClassVar[str] = "framework"
    url_prefix: ClassVar[str] = "ramverk"
    position: ClassVar[int] = 7
    nav_position: ClassVar[int] = 3
    index_template: ClassVar[str] = "framework-index.md.j2"

    abbreviation: Text | None = Field(None, description="Förkortning, t.ex. BBIC.")
    origin: Fact = Field(description="Vem som tagit fram ramverket och när.")
    description: str = Field(description="Vad ramverket är och används till (Markdown utan HTML).")
    key_facts: list[Fact] = Field(default_factory=list, description="Källbelagda uppgifter.")
    groups: list[Group] = Field(min_length=1, description="Ramverkets delar i ordning.")
    assessment: Assessment | None = Field(
        None,
        description="Gör elementen till en interaktiv bedömning; utelämna för ett "
        "ramverk som bara beskrivs.",
    )
    unknown: list[Text] = Field(
        default_factory=list, description="Vad vi inte har kunnat bekräfta i en källa."
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    @model_validator(mode="after")
    def _elements_have_text_when_assessed(self) -> Framework:
        if self.assessment and any(not e.text for g in self.groups for e in g.elements):
            raise ValueError(message("messages.types.element_text"))
        return self

    def checklist_id(self, group: Group) -> str:
        """Storage key of one group's assessment; '/' never occurs in a stage id or a
        method's key, so it cannot collide with another checklist."""
        return f"{self.type_name}/{self.id}/{group.id}"

    def previous_checklist_ids(self, group: Group) -> list[str]:
        """Keys the assessment was stored under before the framework or the group got a new
        id (their `aliases`), so that marks follow the rename."""
        return [
            f"{self.type_name}/{r}/{g}"
            for r in (self.id, *self.aliases)
            for g in (group.id, *group.aliases)
        ][1:]
