"""Intervention: a method such as MST or PMTO, described the way social workers compare methods."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from generator.locale import message
from generator.types.base import (
    ChecklistItem,
    Fact,
    Record,
    Ref,
    Section,
    SourceKey,
    Strict,
    Text,
    split_ref,
)
from generator.types.meaning import Meaning, Relied

Arena = Literal["hem", "skola", "forskola", "klinik", "narmiljo"]
Format = Literal["individ", "grupp", "familj"]
Problem = Literal[
    "beteendeproblem",
    "skolproblem",
    "kriminalitet",
    "missbruk",
    "foraldraskap",
    "psykisk-ohalsa",
    "inkludering",
]
Registry = Literal[
    "ungsinn",
    "metodguiden",
    "cebc",
    "blueprints",
    "foundations",
    "vidensportalen",
    "kasvun-tuki",
    "annat",
]
Country = Literal["se", "no", "dk", "fi", "is"]
IntensityLevel = Literal["i-vardagen", "flera-per-vecka", "varje-vecka", "glesare", "varierar"]
DurationLevel = Literal[
    "under-3-manader", "3-6-manader", "6-12-manader", "over-12-manader", "lopande"
]
CostLevel = Literal[1, 2, 3, 4, 5]


class Ages(Strict):
    """The children's or young people's ages the method is meant for, in whole years."""

    min: int = Field(ge=0, le=30, description="Lägsta ålder.")
    max: int = Field(ge=0, le=30, description="Högsta ålder.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @model_validator(mode="after")
    def _ordered(self) -> Ages:
        if self.min > self.max:
            raise ValueError(message("messages.types.min_over_max", min=self.min, max=self.max))
        return self


# A level on a registry's scale: the registry's record and the level's anchor on its page.
LevelRef = Annotated[
    Ref,
    StringConstraints(pattern=r"^registry/[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Meaning("reference", "registry"),
]


class EvidenceRating(Strict):
    """What one registry says about the method, dated, so disagreements stay visible."""

    registry: Registry = Field(description="Vilket register eller vilken databas.")
    rating: Text = Field(description="Registrets egen bedömning, t.ex. 'Nivå 5'.")
    level: LevelRef | None = Field(
        None,
        description="Nivån på registrets skala, som hänvisning till registrets post, t.ex. "
        "`registry/ungsinn#v2-niva-5`; `kb check` avvisar en nivå som inte finns på skalan.",
    )
    year: int = Field(ge=1990, le=2100, description="År för bedömningen.")
    text: str = Field("", description="Motivering eller kommentar.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @field_validator("level")
    @classmethod
    def _level_of_the_same_registry(cls, level: str | None, info: ValidationInfo) -> str | None:
        """A level on another registry's scale than the one the rating names is reported at
        the level (`registry` is validated first, being declared first)."""
        registry = info.data.get("registry")
        if level and registry not in (None, "annat") and split_ref(level)[1] != registry:
            raise ValueError(
                message("messages.types.level_registry", level=level, registry=registry)
            )
        return level


class IntensityBand(Strict):
    """Intensity on a common scale, so the method finder can filter on it; the free text in
    `intensity` says what the source actually wrote."""

    value: IntensityLevel = Field(
        description="`i-vardagen` (del av det dagliga arbetet), "
        "`flera-per-vecka`, `varje-vecka`, `glesare` eller `varierar` "
        "(olika delar har olika intensitet)."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class DurationBand(Strict):
    """The usual length of the method for one child or family, on a common scale."""

    value: DurationLevel = Field(
        description="`under-3-manader`, `3-6-manader`, "
        "`6-12-manader`, `over-12-manader` eller `lopande` (ingen fast "
        "längd, t.ex. en skolomfattande modell)."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class CostBand(Strict):
    """Unit cost on Foundations Guidebook's five-step scale, the only published cost
    scale among the registries we follow; never estimated, only copied from a source."""

    value: CostLevel = Field(
        description="1 (under 100 £), 2 (100–499 £), 3 (500–999 £), "
        "4 (1 000–2 000 £) eller 5 (över 2 000 £) i enhetskostnad."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")


class TrainingCountry(Strict):
    """A country where practitioners can be trained in the method, and who says so."""

    country: Country = Field(description="`se`, `no`, `dk`, `fi` eller `is`.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")


StageRef = Annotated[
    Ref,
    StringConstraints(pattern=r"^stage/[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Meaning("reference", "stage"),
    Field(description="Steget punkterna hör till, t.ex. `stage/installation`."),
]


class Component(Section):
    """A part or module of a method; where the part is a method of its own (TIBIR's parent
    groups are PMTO-föräldragrupp), it links to that method's record."""

    related: list[Ref] = Field(
        default_factory=list,
        description="Poster som beskriver delen närmare, t.ex. `intervention/pmto-foreldregrupp`.",
    )


class MethodChecklistItem(ChecklistItem):
    """A method's own checklist item; it states a requirement of the method, so it cites it."""

    source: SourceKey = Field(description="`id` för källan i `sources` som kravet bygger på.")


class MethodChecklist(Strict):
    """Items a method adds to one implementation stage's checklist, e.g. PMTO's certification.

    They show on the method's page and, under the method's name, on the stage's page; marks
    are shared between the two because both key them by `checklist_id` and item id.
    """

    stage: StageRef
    items: list[MethodChecklistItem] = Field(min_length=1, description="Metodens egna punkter.")

    def stage_id(self) -> str:
        """The id of the stage these items belong to."""
        return split_ref(self.stage)[1]

    def checklist_id(self, method_id: str) -> str:
        """Storage key of this checklist; ':' never occurs in a slug, so it cannot collide
        with a stage's own checklist (keyed by the stage id)."""
        return f"{method_id}:{self.stage_id()}"

    def previous_checklist_ids(self, method: Record, stage: Record) -> list[str]:
        """Keys the checklist was stored under before the method or the stage got a new id
        (their `aliases`), so that a team's marks follow the rename."""
        return [
            f"{m}:{s}" for m in (method.id, *method.aliases) for s in (stage.id, *stage.aliases)
        ][1:]


class Intervention(Record):
    """A method or programme (insats): target group, dose, training, evidence."""

    type_name: ClassVar[str] = "intervention"
    url_prefix: ClassVar[str] = "insatser"
    position: ClassVar[int] = 1
    nav_position: ClassVar[int] = 1
    index_template: ClassVar[str] = "intervention-index.md.j2"

    abbreviation: Text | None = Field(None, description="Förkortning, t.ex. PMTO.")
    description: str = Field(description="Beskrivning av insatsen (Markdown utan HTML).")
    target_group: Annotated[Fact | None, Relied()] = Field(
        None,
        description="Målgrupp; utelämna bara om ingen "
        "källa anger den (visas som 'uppgift saknas').",
    )
    ages: Annotated[Ages | None, Relied()] = Field(
        None, description="Åldersspann; utelämna bara om ingen källa anger det."
    )
    problems: list[Problem] = Field(
        default_factory=list,
        description="Problemområden "
        "insatsen riktar sig mot (kontrollerat ordförråd); tom "
        "lista = uppgift saknas.",
    )
    arenas: list[Arena] = Field(
        default_factory=list, description="Var insatsen ges; tom lista = uppgift saknas."
    )
    formats: list[Format] = Field(
        default_factory=list,
        description="Individ, grupp och/eller familj; tom lista = uppgift saknas.",
    )
    intensity: Fact | None = Field(
        None,
        description="Intensitet: hur ofta och hur länge per "
        "tillfälle; utelämna bara om ingen källa anger den.",
    )
    intensity_band: IntensityBand | None = Field(
        None,
        description="Intensiteten i en gemensam skala för sökfiltret; utelämna om "
        "källorna inte räcker (visas då som 'uppgift saknas').",
    )
    duration: Fact | None = Field(
        None, description="Insatsens längd; utelämna bara om ingen källa anger den."
    )
    duration_band: DurationBand | None = Field(
        None,
        description="Längden i en gemensam skala för sökfiltret; utelämna om källorna inte räcker.",
    )
    staffing: Fact | None = Field(None, description="Personal och bemanning.")
    training: Fact | None = Field(
        None,
        description="Utbildning och certifiering av "
        "utövare; utelämna bara om ingen källa anger den.",
    )
    training_countries: list[TrainingCountry] = Field(
        default_factory=list,
        description="Länder där utövare kan utbildas i metoden, var "
        "och ett med källa; tom lista = uppgift saknas.",
    )
    costs: Annotated[Fact | None, Relied()] = Field(
        None, description="Kostnader; utelämna om inget källbelagt finns."
    )
    cost_band: Annotated[CostBand | None, Relied()] = Field(
        None,
        description="Enhetskostnad i Foundations Guidebooks femgradiga skala; "
        "utelämna om ingen källa anger den.",
    )
    owner: Annotated[Fact | None, Relied()] = Field(
        None, description="Programägare eller nationellt ansvarig."
    )
    components: list[Component] = Field(default_factory=list, description="Delar eller moduler.")
    effects: list[Fact] = Field(default_factory=list, description="Studier och resultat.")
    evidence: Annotated[list[EvidenceRating], Relied("verdicts")] = Field(
        default_factory=list, description="Bedömningar i evidensregister."
    )
    spread: list[Fact] = Field(default_factory=list, description="Spridning i Norden.")
    checklists: list[MethodChecklist] = Field(
        default_factory=list,
        description="Metodens egna checklistpunkter per implementeringssteg; visas på "
        "metodens sida och på stegets sida. Punkternas id är unika i posten.",
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def rated_by(self) -> list[str]:
        """Registries that rated the method, in the order the record lists them."""
        return list(dict.fromkeys(e.registry for e in self.evidence))

    def not_rated_by(self) -> list[str]:
        """Named registries with no rating of the method in our sources, so the crosswalk can
        say so instead of implying that the ratings shown are all there is."""
        return [r for r in get_args(Registry) if r != "annat" and r not in self.rated_by()]
