"""Study: one trial or review as a structured evidence record, so its numbers can be
compared across studies and drawn as a chart."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from generator.locale import message
from generator.types.base import Fact, Record, Ref, Section, SourceKey, Strict, Text

Design = Literal["metaanalys", "rct", "kvasiexperiment", "jamforelse", "uppfoljning"]
EffectMeasure = Literal["d", "g"]


class Count(Strict):
    """A sourced size of a study: participants, studies or schools, with what was counted."""

    value: int = Field(ge=1, description="Antalet.")
    unit: Text = Field(description="Vad som räknades, t.ex. 'barn', 'studier', 'skolor'.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class EffectSize(Strict):
    """A point estimate as the source reports it, with its 95 % confidence interval where
    the source gives one. Nothing is derived or rounded; a range across outcomes is not an
    estimate and belongs in `findings`."""

    label: Text = Field(description="Vilket utfall eller vilken grupp, t.ex. 'Totalt'.")
    measure: EffectMeasure = Field(description="`d` (Cohens d) eller `g` (Hedges g).")
    value: float = Field(description="Punktskattningen.")
    low: float | None = Field(None, description="Nedre gräns i 95 % konfidensintervall.")
    high: float | None = Field(None, description="Övre gräns i 95 % konfidensintervall.")
    note: str = Field("", description="Kommentar, t.ex. 'inte statistiskt säkerställd'.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @model_validator(mode="after")
    def _interval(self) -> EffectSize:
        if (self.low is None) != (self.high is None):
            raise ValueError(message("messages.types.half_interval"))
        if (
            self.low is not None
            and self.high is not None
            and not (self.low <= self.value <= self.high)
        ):
            raise ValueError(
                message(
                    "messages.types.outside_interval",
                    value=self.value,
                    low=self.low,
                    high=self.high,
                )
            )
        return self


class FollowUp(Strict):
    """When participants are followed up, counted from their start."""

    months: list[Annotated[int, Field(ge=0, le=600)]] = Field(
        min_length=1, description="Månader efter start, t.ex. [1, 3, 6, 12]."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class Study(Record):
    """A study or review: design, size, effect sizes and findings, each as the source says."""

    type_name: ClassVar[str] = "study"
    url_prefix: ClassVar[str] = "evidens"
    position: ClassVar[int] = 6
    nav_position: ClassVar[int] = 5
    index_template: ClassVar[str] = "study-index.md.j2"

    authors: Text = Field(description="Författare, t.ex. 'Ogden & Hagen'.")
    year: int = Field(ge=1900, le=2100, description="Publiceringsår.")
    design: Design = Field(
        description="`metaanalys`, `rct`, `kvasiexperiment`, "
        "`jamforelse` (jämförelsegrupp, designen inte närmare "
        "angiven i källan) eller `uppfoljning` (uppföljning av "
        "en tidigare studie)."
    )
    design_text: Fact = Field(description="Studiens upplägg med egna ord.")
    planned: bool = Field(
        False,
        description="`true` för en studie som planeras eller pågår "
        "och ännu inte har några resultat.",
    )
    arms: list[Section] = Field(
        default_factory=list,
        description="Hur deltagarna eller enheterna fördelas, t.ex. lottningsvarianter.",
    )
    follow_up: FollowUp | None = Field(None, description="När deltagarna följs upp.")
    sample: list[Count] = Field(default_factory=list, description="Studiens storlek.")
    effects: list[EffectSize] = Field(
        default_factory=list, description="Effektstorlekar som källan anger."
    )
    findings: list[Fact] = Field(default_factory=list, description="Resultat med egna ord.")
    unknown: list[Text] = Field(
        default_factory=list,
        description="Vad vi inte kunnat bekräfta, t.ex. en sammanvägd effekt som inte syns i "
        "källan; skrivs utan siffror.",
    )
    about: list[Ref] = Field(
        default_factory=list, description="Insatserna eller instrumenten som studien prövar."
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def citation(self) -> str:
        """'Ogden & Hagen 2008', or 'Rognstad m.fl. 2022' for three authors or more: how
        charts name the study in the little room a label has."""
        names = [n for n in re.split(r",\s*|\s*&\s*", self.authors) if n]
        first = names[0] if len(names) > 2 else self.authors
        return f"{first} m.fl. {self.year}" if len(names) > 2 else f"{first} {self.year}"
