"""Registry: an evidence registry or clearinghouse (Ungsinn, CEBC, Foundations Guidebook …),
its rating scales as ordered levels, and how often it reviews its verdicts again.

Each level of a registry's scale is placed on one shared ordinal scale (`SharedLevel`), so
that verdicts from registries with different scales can be set side by side; the record says,
level by level, why the level is placed where it is. A level is a part of the record's page
(`registry/ungsinn#v2-niva-5`), so a verdict names its level by reference and `kb check`
rejects a level that is not on the registry's scale.

The module is not called `registry.py`: that name is taken by the module that finds the
record types.
"""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

from pydantic import Field, model_validator

from generator.locale import message
from generator.types.base import Fact, Record, Ref, Section, Slug, SourceKey, Strict, Text
from generator.types.identifiers import Url

# One ordinal scale shared by every registry, from the strongest verdict down; its Swedish
# labels are in the locale (`vocab.shared_level`). The last value is no place on the ladder:
# the registry found too little to judge either way.
SharedLevel = Literal[
    "stark",
    "mattlig",
    "begransad",
    "teoretisk",
    "beskriven",
    "ingen-effekt",
    "negativ",
    "otillrackligt",
]
SHARED_LEVELS: tuple[str, ...] = get_args(SharedLevel)

# Where a verdict on a scale of certainty (GRADE) stands when it did not find an effect: with
# what it found, however certain, since a surely null result is no support for an effect.
RESULT_PLACES: dict[str, SharedLevel] = {"ingen-skillnad": "ingen-effekt", "negativ": "negativ"}

Country = Literal["se", "no", "dk", "fi", "nl", "gb", "us", "int"]
# `unknown` first: the value `kb new` writes, which asks for no interval and no source.
ReviewKind = Literal["unknown", "interval", "editions", "dormant", "irregular"]


def shared_rank(level: str) -> int:
    """A shared level's place on the shared scale: 0 for the strongest verdict."""
    return SHARED_LEVELS.index(level)


class ScaleLevel(Section):
    """One level of a registry's scale: its anchor, the registry's own words, a Swedish
    explanation and its place on the shared scale, with the reasoning for that place."""

    title: Text = Field(description="Registrets egna ord för nivån, t.ex. 'Well-Supported'.")
    text: Text = Field(description="Vad nivån betyder, på svenska (Markdown utan HTML).")
    shared: SharedLevel = Field(
        description="Nivåns plats på den gemensamma skalan: `stark`, `mattlig`, `begransad`, "
        "`teoretisk`, `beskriven`, `ingen-effekt`, `negativ` eller `otillrackligt`."
    )
    mapping: Text = Field(description="Varför nivån placeras där på den gemensamma skalan.")
    source: SourceKey = Field(description="`id` för källan i `sources` som beskriver nivån.")


class RatingScale(Strict):
    """One scale of a registry, its levels from the highest down. A registry may have had
    more than one (Ungsinn's older four-level scale is still shown on articles before 2015)."""

    id: Slug = Field(description="Skalans nyckel i posten, t.ex. `v2`.")
    title: Text = Field(description="Skalans namn, t.ex. 'Evidensnivåer (kriterier v2.1)'.")
    in_use: Text | None = Field(None, description="När skalan används, t.ex. 'från 2016'.")
    text: str = Field("", description="Om skalan (Markdown utan HTML).")
    levels: list[ScaleLevel] = Field(min_length=1, description="Nivåerna, den högsta först.")
    certainty: bool = Field(
        False,
        description="`true` när skalan graderar hur säkert ett resultat är, vilket resultatet "
        "än är (som GRADE): en bedömning av ingen skillnad eller av skadlig effekt kan då stå "
        "på varje nivå utom den för otillräckligt underlag, och placeras på den gemensamma "
        "skalan efter vad den fann.",
    )
    source: SourceKey = Field(description="`id` för källan i `sources` som beskriver skalan.")

    def grades_certainty_at(self, level: ScaleLevel) -> bool:
        """Whether `level` says how sure a result is rather than which result: on a scale of
        certainty, every level but that of insufficient evidence."""
        return self.certainty and level.shared != "otillrackligt"


class ReReview(Strict):
    """How often the registry reviews a verdict again: every so many years, by numbered
    editions of a review, not any more, as needed, or not known from a source."""

    kind: ReviewKind = Field(
        description="`interval` (med jämna mellanrum, ange `years`), `editions` (numrerade "
        "utgåvor utan fast intervall), `dormant` (registret granskar inte längre), "
        "`irregular` (vid behov) eller `unknown` (ingen källa anger det)."
    )
    years: int | None = Field(
        None, ge=1, le=20, description="Antal år mellan granskningarna, bara för `interval`."
    )
    approximate: bool = Field(False, description="`true` om källan säger 'ungefär'.")
    text: Text = Field(description="Vad källan säger om omprövningen, med egna ord.")
    source: SourceKey | None = Field(
        None, description="`id` för källan i `sources`; utelämna bara för `unknown`."
    )

    @model_validator(mode="after")
    def _years_with_interval(self) -> ReReview:
        if (self.kind == "interval") != (self.years is not None):
            raise ValueError(message("messages.types.review_years"))
        if self.kind != "unknown" and self.source is None:
            raise ValueError(message("messages.types.review_source"))
        return self


class Registry(Record):
    """An evidence registry or clearinghouse whose verdicts on methods the records cite."""

    type_name: ClassVar[str] = "registry"
    url_prefix: ClassVar[str] = "register"
    nav_position: ClassVar[int] = 6
    index_template: ClassVar[str] = "registry-index.md.j2"
    unknown_anchor: ClassVar[str] = "messages.validate.not_on_scale"

    name: Text = Field(description="Registrets eget namn, t.ex. 'Ungsinn'.")
    publisher: Fact = Field(description="Vem som ger ut registret.")
    country: Country = Field(
        description="`se`, `no`, `dk`, `fi`, `nl`, `gb`, `us` eller `int` (internationellt)."
    )
    url: Url = Field(description="Registrets webbadress.")
    rates: Fact = Field(description="Vad registret bedömer och för vilka.")
    description: str = Field("", description="Om registret (Markdown utan HTML).")
    scales: list[RatingScale] = Field(
        default_factory=list,
        description="Registrets skalor; tom lista om ingen källa visar nivåerna (säg det i "
        "`scale_note`).",
    )
    scale_note: str = Field(
        "", description="Vad vi vet och inte vet om skalan (Markdown utan HTML)."
    )
    review: ReReview = Field(description="Hur ofta registret prövar sina bedömningar igen.")
    key_facts: list[Fact] = Field(default_factory=list, description="Källbelagda uppgifter.")
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    @model_validator(mode="after")
    def _a_missing_scale_is_explained(self) -> Registry:
        if not self.scales and not self.scale_note.strip():
            raise ValueError(message("messages.types.scale_note"))
        return self

    def levels(self) -> list[ScaleLevel]:
        """Every level of every scale, in page order."""
        return [level for scale in self.scales for level in scale.levels]

    def scale_level(self, anchor: str) -> tuple[RatingScale, ScaleLevel] | None:
        """The level with the anchor `anchor`, with its scale; None when no scale has it."""
        return next(
            (
                (scale, level)
                for scale in self.scales
                for level in scale.levels
                if level.id == anchor
            ),
            None,
        )

    def shared_place(self, anchor: str, finding: str) -> SharedLevel | None:
        """Where a verdict at level `anchor` that found `finding` stands on the shared scale:
        at its level's place, except on a scale of certainty, where a verdict of no difference
        or of harm stands with what it found (a low-certainty null result is no limited
        support for an effect); None without such a level."""
        found = self.scale_level(anchor)
        if found is None:
            return None
        scale, level = found
        if scale.grades_certainty_at(level):
            return RESULT_PLACES.get(finding, level.shared)
        return level.shared
