"""Measure: a rating scale used to follow clients' progress, such as ORS or SRS."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from generator.types.base import Fact, Record, Ref, SourceKey, Strict, Text

ThresholdKind = Literal["klinisk-grans", "reliabel-forandring", "allians"]


class ScaleItem(Strict):
    """One item or subscale of a measure; items are parts of the form, not linkable parts."""

    name: Text = Field(description="Frågans eller delskalans namn.")
    text: str = Field("", description="Vad frågan eller delskalan mäter.")
    source: SourceKey = Field(description="`id` för källan som beskriver frågan.")


class Threshold(Strict):
    """A published number that changes how a score is read. Only numbers a source confirms
    belong here: an unconfirmed cut-off stated as fact would mislead a clinical decision."""

    kind: ThresholdKind = Field(
        description="`klinisk-grans` (gräns mellan klinisk och "
        "icke-klinisk nivå), `reliabel-forandring` (minsta förändring "
        "som räknas som verklig) eller `allians` (gräns för oro om "
        "arbetsalliansen)."
    )
    group: Text = Field(description="Vem gränsen gäller, t.ex. 'vuxna' eller '13–17 år'.")
    value: float = Field(ge=0, description="Gränsvärdet i skalans poäng.")
    text: str = Field("", description="Hur gränsen används.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class Measure(Record):
    """A measure (mätinstrument): what it asks, how it is scored, and sourced thresholds."""

    type_name: ClassVar[str] = "measure"
    url_prefix: ClassVar[str] = "matt"
    position: ClassVar[int] = 5
    nav_position: ClassVar[int] = 4
    index_template: ClassVar[str] = "measure-index.md.j2"

    abbreviation: Text = Field(description="Förkortning, t.ex. ORS.")
    full_name: Text = Field(description="Instrumentets fullständiga namn.")
    description: str = Field(description="Vad instrumentet är till för (Markdown utan HTML).")
    measures: Fact = Field(description="Vad instrumentet mäter.")
    ages: Fact | None = Field(None, description="Vilka åldrar instrumentet är gjort för.")
    administration: Fact | None = Field(None, description="När och hur det fylls i.")
    scoring: Fact | None = Field(
        None,
        description="Hur det poängsätts: skala och totalpoäng; utelämna om ingen källa anger det.",
    )
    items: list[ScaleItem] = Field(
        default_factory=list,
        description="Frågor eller delskalor; tom lista = uppgift saknas i våra källor.",
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Källbelagda gränsvärden."
    )
    facts: list[Fact] = Field(default_factory=list, description="Övriga källbelagda uppgifter.")
    unknown: list[Text] = Field(
        default_factory=list,
        description="Uppgifter som ofta citeras men som vi inte har kunnat bekräfta i en "
        "källa; de nämns utan siffror så att ingen läser dem som fakta.",
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")
