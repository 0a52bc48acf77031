"""Stage: one stage of implementation, with concrete activities and a checklist."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.locale import message
from generator.types.base import ChecklistItem, Fact, Order, Record, Ref, Section, Text


class Stage(Record):
    """An implementation stage (NIRN's four, or one of Fixsen 2005's two later stages)."""

    type_name: ClassVar[str] = "stage"
    url_prefix: ClassVar[str] = "implementering"
    position: ClassVar[int] = 2
    nav_position: ClassVar[int] = 2
    index_template: ClassVar[str] = "stage-index.md.j2"

    order: Order = Field(ge=1, le=20, description="Stegets plats i ordningen (1 = först).")
    framework: Literal["nirn", "fixsen-2005"] = Field(
        description="`nirn` för NIRN:s fyra steg; `fixsen-2005` för steg som bara finns i "
        "Fixsen m.fl. 2005 (innovation, hållbarhet)."
    )
    english_name: Text = Field(description="Stegets engelska namn i källorna.")
    fixsen_2005: Text = Field(description="Motsvarande steg i Fixsen m.fl. 2005.")
    description: str = Field(description="Vad steget handlar om (Markdown utan HTML).")
    key_facts: list[Fact] = Field(default_factory=list, description="Källbelagda uppgifter.")
    activities: list[Section] = Field(
        default_factory=list, description="Konkreta aktiviteter i steget."
    )
    checklist: list[ChecklistItem] = Field(
        default_factory=list, description="Punkter att bocka av."
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    @model_validator(mode="after")
    def _nirn_stages_have_checklists(self) -> Stage:
        if self.framework == "nirn" and not (self.activities and self.checklist):
            raise ValueError(message("messages.types.nirn_stage"))
        return self
