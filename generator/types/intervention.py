"""Intervention: a method such as MST or PMTO, described the way social workers compare methods."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, ClassVar, Literal, get_args

from babel.numbers import list_currencies
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from generator.locale import message
from generator.types.base import (
    ChecklistItem,
    Fact,
    Record,
    Ref,
    Section,
    Slug,
    SourceKey,
    Strict,
    Text,
    split_ref,
)
from generator.types.evidence_registry import ReReview
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
# What a registry found, in a closed vocabulary, so that a finding of no difference or of
# harm is as visible (and as filterable) as a finding of effect.
Finding = Literal["effekt", "ingen-skillnad", "negativ", "otillrackligt"]
# Why a verdict may be out of date: older than its registry's re-review interval, or not
# checked against the registry's page for CHECK_MAX_MONTHS.
Staleness = Literal["aldre-an-intervallet", "ej-kontrollerad"]
CHECK_MAX_MONTHS = 12
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


# A registry: its record.
RegistryRef = Annotated[
    Ref,
    StringConstraints(pattern=r"^registry/[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Meaning("reference", "registry"),
]
# A level on a registry's scale: the registry's record and the level's anchor on its page.
LevelRef = Annotated[
    Ref,
    StringConstraints(pattern=r"^registry/[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Meaning("reference", "registry"),
]
# The id of one of the record's own versions, or of another of its verdicts.
VersionKey = Annotated[Slug, Meaning("key", "versions")]
VerdictKey = Annotated[Slug, Meaning("key", "evidence")]


def _as_written(value: object) -> object:
    """A year or a date as YAML reads it unquoted (a number, a date), as the text it was."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _a_real_day(value: str) -> str:
    """A date with a day must be a day the calendar has (not 31 June)."""
    try:
        last_day(value)
    except ValueError:
        raise ValueError(message("messages.types.no_such_day", date=value)) from None
    return value


# A date as precise as the source gives it: a year, a year and month, or a day.
PartialDate = Annotated[
    str,
    BeforeValidator(_as_written),
    StringConstraints(pattern=r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_a_real_day),
]


def last_day(partial: str) -> dt.date:
    """The last day a partial date can mean ('2019' -> 31 December 2019): a verdict counts
    as older than an interval only when every day it can mean is."""
    parts = [int(p) for p in partial.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks becomes its last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class Version(Section):
    """A version of the programme that a registry may rate on its own (the individual
    parenting programme, the group model), so that a verdict says which one it is about."""

    title: Text = Field(description="Versionens namn, t.ex. 'Individuell PMTO'.")
    source: SourceKey = Field(description="`id` för källan i `sources` som beskriver versionen.")


class EvidenceRating(Strict):
    """What one registry says about one version of the method, dated and checked, so that
    disagreements, null findings and old verdicts stay visible."""

    id: Slug = Field(
        description="Bedömningens nyckel i posten, t.ex. `ungsinn-2018`; en nyare bedömning "
        "som ersätter den pekar inte hit, utan den gamla får `replaced_by`."
    )
    registry: RegistryRef = Field(
        description="Registret, som hänvisning till registrets post, t.ex. `registry/ungsinn`."
    )
    version: VersionKey = Field(
        description="`id` för den version av insatsen som bedömdes, en av postens `versions`."
    )
    rating: Text = Field(description="Registrets egen bedömning, t.ex. 'Nivå 5'.")
    level: LevelRef | None = Field(
        None,
        description="Nivån på registrets skala, som hänvisning till registrets post, t.ex. "
        "`registry/ungsinn#v2-niva-5`; `kb check` avvisar en nivå som inte finns på skalan. "
        "Utelämna bara om registret saknar skala i våra källor.",
    )
    finding: Finding = Field(
        description="Vad registret fann: `effekt`, `ingen-skillnad` (ingen skillnad mot "
        "jämförelsen), `negativ` (skadlig eller sämre) eller `otillrackligt` (för lite "
        "underlag för att bedöma)."
    )
    date: PartialDate | None = Field(
        None,
        description="När bedömningen gjordes, så exakt som källan anger det: `2018`, "
        "`2018-05` eller `2018-05-03`.",
    )
    edition: int | None = Field(
        None, ge=1, le=100, description="Utgåvans nummer, för register med numrerade utgåvor."
    )
    checked: dt.date = Field(
        description="Datum då vi senast läste bedömningen på registrets sida (ÅÅÅÅ-MM-DD)."
    )
    replaced_by: VerdictKey | None = Field(
        None,
        description="`id` för den nyare bedömningen som ersätter denna; en ersatt bedömning "
        "står kvar som historik men räknas inte i sökfiltret, jämförelsen och öppna data.",
    )
    text: str = Field("", description="Motivering eller kommentar.")
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @field_validator("level")
    @classmethod
    def _level_of_the_same_registry(cls, level: str | None, info: ValidationInfo) -> str | None:
        """A level on another registry's scale than the one the rating names is reported at
        the level (`registry` is validated first, being declared first)."""
        registry = info.data.get("registry")
        if level and registry and split_ref(level)[1] != split_ref(registry)[1]:
            raise ValueError(
                message("messages.types.level_registry", level=level, registry=registry)
            )
        return level

    @model_validator(mode="after")
    def _dated(self) -> EvidenceRating:
        if self.date is None and self.edition is None:
            raise ValueError(message("messages.types.verdict_undated"))
        if self.replaced_by == self.id:
            raise ValueError(message("messages.types.verdict_replaces_itself", id=self.id))
        return self

    def due(self, review: ReReview) -> dt.date | None:
        """The day the registry's re-review interval runs out for this verdict, counted from
        the last day its date can mean; None for a registry without an interval or a verdict
        dated only by edition."""
        if review.years is None or self.date is None:
            return None
        return _add_months(last_day(self.date), 12 * review.years)

    def confirmed_after_due(self, review: ReReview) -> bool:
        """Whether we read the verdict on the registry's page after its interval ran out: the
        registry has not judged the method again, so the verdict is still its current one.
        The page still says it is older than the registry's cycle (readers weigh that), but
        an editor has nothing left to do, so `kb check` does not warn (a warning would make
        `--strict` refuse an honest, checked verdict of a registry behind its own cycle)."""
        due = self.due(review)
        return due is not None and self.checked > due

    def staleness(self, review: ReReview, today: dt.date) -> list[Staleness]:
        """Why the verdict may be out of date on `today`: older than the registry's
        re-review interval (only for a registry with one, counted from the last day the
        verdict's date can mean), or not checked against the registry for 12 months.
        A replaced verdict is history, never stale."""
        if self.replaced_by is not None:
            return []
        found: list[Staleness] = []
        due = self.due(review)
        if due is not None and due < today:
            found.append("aldre-an-intervallet")
        if _add_months(self.checked, CHECK_MAX_MONTHS) < today:
            found.append("ej-kontrollerad")
        return found


class NotRated(Strict):
    """Registries searched for the method without finding a verdict, and when: a search
    without result is a finding a reader needs ("no registry has rated it"), not a gap,
    and like a verdict it grows old."""

    searched: list[RegistryRef] = Field(
        min_length=1,
        description="Registren vi sökte i utan att hitta någon bedömning, som hänvisningar "
        "till registrens poster, t.ex. `registry/ungsinn`; bara register vi faktiskt sökte i.",
    )
    checked: dt.date = Field(description="Datum då vi sökte i registren (ÅÅÅÅ-MM-DD).")
    note: str = Field("", description="Kommentar, t.ex. vilka namn vi sökte på.")
    source: SourceKey | None = Field(
        None, description="`id` för källan i `sources` som visar sökresultatet, om någon."
    )

    def staleness(self, today: dt.date) -> list[Staleness]:
        """Like a verdict's check: a search not repeated for 12 months may be out of date,
        since a registry may have rated the method since."""
        return ["ej-kontrollerad"] if _add_months(self.checked, CHECK_MAX_MONTHS) < today else []


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


# ISO 4217's codes, as CLDR lists them (through Babel): a code outside it cannot be converted
# or compared by a reader of the open data, and is usually a slip ('SKR', 'KR', 'EURO').
_CURRENCIES = frozenset(list_currencies())


def _iso_4217(code: str) -> str:
    if code not in _CURRENCIES:
        raise ValueError(message("messages.types.no_such_currency", code=code))
    return code


Currency = Annotated[
    str,
    AfterValidator(_iso_4217),
    Field(
        examples=["SEK"],
        description="Valutan som kod enligt ISO 4217, t.ex. `SEK`, `NOK`, `DKK`, `EUR`, "
        "`USD` eller `GBP`.",
    ),
]


class Cost(Strict):
    """One amount a source gives for the method, with its currency, the year whose prices it
    is in and what it pays for: a municipality compares costs across countries and years, and
    a bare figure ('36 000') cannot be compared with anything."""

    amount: int = Field(
        ge=0,
        description="Beloppet i hela valutaenheter, t.ex. `2500`; det lägsta när källan "
        "anger ett spann.",
    )
    up_to: int | None = Field(
        None, ge=0, description="Det högsta beloppet när källan anger ett spann (500–999)."
    )
    approximate: bool = Field(
        False, description="`true` när källan anger beloppet ungefärligt ('omkring')."
    )
    currency: Currency
    year: int | None = Field(
        ge=1950,
        le=2100,
        description="Prisår: det år källan säger att beloppet gäller. Skriv `null` när källan "
        "inte anger något prisår; sidan säger det då, i stället för att gissa.",
    )
    covers: Text = Field(
        description="Vad beloppet täcker, t.ex. 'utbildning per person' eller 'licens per år'."
    )
    note: str = Field(
        "", description="Det källan säger mer om beloppet, t.ex. 'utan moms' eller var det gäller."
    )
    source: SourceKey = Field(description="`id` för källan i `sources`.")

    @model_validator(mode="after")
    def _range(self) -> Cost:
        if self.up_to is not None and self.up_to <= self.amount:
            raise ValueError(
                message("messages.types.cost_range", amount=self.amount, up_to=self.up_to)
            )
        return self


class Coordinator(Fact):
    """Who holds the licence for the method or coordinates it nationally, in one country: a
    municipality asks them about training and the right to use the method, and a Norwegian
    licence holder is not one a Swedish municipality can turn to."""

    country: Country = Field(description="Landet: `se`, `no`, `dk`, `fi` eller `is`.")


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
    costs: Annotated[list[Cost], Relied()] = Field(
        default_factory=list,
        description="Belopp som källorna anger, vart och ett med valuta, prisår och vad det "
        "täcker; tom lista = uppgift saknas.",
    )
    cost_note: Annotated[Fact | None, Relied()] = Field(
        None,
        description="Det källorna säger om kostnader som inte är ett belopp för metoden, t.ex. "
        "att en källa bara anger vad en grupp av program kostar.",
    )
    cost_band: Annotated[CostBand | None, Relied()] = Field(
        None,
        description="Enhetskostnad i Foundations Guidebooks femgradiga skala; "
        "utelämna om ingen källa anger den.",
    )
    versions: list[Version] = Field(
        default_factory=list,
        description="Versioner av insatsen som register bedömer var för sig, t.ex. individuell "
        "behandling och gruppmodell; varje bedömning i `evidence` anger sin version.",
    )
    developer: Annotated[Fact | None, Relied()] = Field(
        None, description="Vem som har utvecklat metoden eller äger programmet, och var."
    )
    coordinators: Annotated[list[Coordinator], Relied()] = Field(
        default_factory=list,
        description="Licensinnehavare eller nationell samordnare, var och en med sitt land; "
        "tom lista = uppgift saknas.",
    )
    providers: Annotated[list[Fact], Relied()] = Field(
        default_factory=list,
        description="Utbildare och utförare: vem som utbildar i metoden eller ger den.",
    )
    components: list[Component] = Field(default_factory=list, description="Delar eller moduler.")
    effects: list[Fact] = Field(default_factory=list, description="Studier och resultat.")
    evidence: Annotated[list[EvidenceRating], Relied("verdicts")] = Field(
        default_factory=list, description="Bedömningar i evidensregister."
    )
    not_rated: NotRated | None = Field(
        None,
        description="Register vi har sökt i utan att hitta någon bedömning av insatsen, och "
        "när; ett register här får inte ha en gällande bedömning i `evidence`.",
    )
    spread: list[Fact] = Field(default_factory=list, description="Spridning i Norden.")
    checklists: list[MethodChecklist] = Field(
        default_factory=list,
        description="Metodens egna checklistpunkter per implementeringssteg; visas på "
        "metodens sida och på stegets sida. Punkternas id är unika i posten.",
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def current_evidence(self) -> list[EvidenceRating]:
        """The verdicts that stand, in the record's order: those no newer verdict replaces."""
        return [e for e in self.evidence if e.replaced_by is None]

    def rated_by(self) -> list[str]:
        """Registries (references) with a current verdict, in the order the record lists them."""
        return list(dict.fromkeys(e.registry for e in self.current_evidence()))

    def findings(self) -> list[Finding]:
        """What the current verdicts found, each finding once, in the vocabulary's order."""
        found = {e.finding for e in self.current_evidence()}
        return [f for f in get_args(Finding) if f in found]

    def version_title(self, version_id: str) -> str:
        """The title of one of the record's versions (validation has checked the id)."""
        return next((v.title for v in self.versions if v.id == version_id), version_id)
