"""The method index: one flat, sourced entry per intervention, and the facets to filter it by.

The open data files (JSON, CSV and its JSON Schema) are made from this one index, and the
method finder and the comparison page load the published JSON in the browser, so what a
social worker filters on the site is exactly what a researcher downloads, and neither page
grows with the number of methods. Entries keep the YAML's field names and types, each fact
with the `source` it rests on, so published data never loses its attribution; each entry
also carries its finder codes (`facets`), so the finder filters with the codes computed
here rather than re-deriving them in JavaScript.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import Field, create_model

from generator.model.knowledge_base import KnowledgeBase
from generator.model.verdicts import Unrated
from generator.rendering import cost_text
from generator.types import Intervention
from generator.types.base import Source, Strict, split_ref
from generator.types.evidence_registry import SharedLevel
from generator.types.intervention import (
    Arena,
    Cost,
    CostLevel,
    Country,
    DurationLevel,
    EvidenceRating,
    Finding,
    Format,
    IntensityLevel,
    NotRated,
    Problem,
    Staleness,
)

# The intervention fields published in the index, in the order of the CSV columns. Long
# Markdown texts (description, components, studies) stay on the method pages.
INDEX_FIELDS = (
    "id",
    "title",
    "abbreviation",
    "summary",
    "keywords",
    "reviewed",
    "target_group",
    "ages",
    "problems",
    "arenas",
    "formats",
    "intensity",
    "intensity_band",
    "duration",
    "duration_band",
    "staffing",
    "training",
    "training_countries",
    "costs",
    "cost_note",
    "cost_band",
    "developer",
    "coordinators",
    "providers",
    "spread",
    "versions",
    "evidence",
    "not_rated",
    "sources",
)

# Field definitions as create_model takes them: (type, FieldInfo) by name.
_CITED_FIELDS: dict[str, Any] = {
    name: (Source.model_fields[name].annotation, Source.model_fields[name])
    for name in Source.model_fields
} | {"title": (str, Field(description="Källans titel, med författare när de är kända."))}

CitedSource = create_model(
    "Kalla",
    __base__=Strict,
    __doc__="En källa, alltid fullständigt beskriven; `ref` är verkets nyckel i "
    "litteraturlistan när posten hänvisar dit.",
    **_CITED_FIELDS,
)
# A verdict in the index: the record's fields, and what a reader of the data needs to use it
# without the registry's record: the registry's name, the level's place on the shared scale,
# whether it still stands and why it may be out of date on the day the data were built.
IndexVerdict = create_model(
    "Bedomning",
    __base__=EvidenceRating,
    __doc__="En bedömning i ett evidensregister, med postens fält och det som följer av "
    "registrets post och byggdagen.",
    registry_name=(str, Field(description="Registrets namn, t.ex. 'Ungsinn'.")),
    shared=(
        SharedLevel | None,
        Field(
            description="Nivåns plats på den gemensamma skalan (se /register/); null när "
            "bedömningen saknar nivå."
        ),
    ),
    current=(
        bool,
        Field(
            description="`true` för en gällande bedömning, `false` för en som en nyare "
            "bedömning har ersatt (`replaced_by`)."
        ),
    ),
    flags=(
        list[Staleness],
        Field(
            description="Varför en gällande bedömning kan vara inaktuell den dag filen byggdes: "
            "`aldre-an-intervallet` (äldre än registrets omprövningsintervall) och "
            "`ej-kontrollerad` (inte kontrollerad mot registret på 12 månader)."
        ),
    ),
)
# An amount in the index: the record's fields, and the line the site shows for it, so that a
# reader of the data sees the price year (or its absence) as the comparison does.
IndexCost = create_model(
    "Kostnad",
    __base__=Cost,
    __doc__="Ett belopp med valuta, prisår och vad det täcker.",
    shown=(
        str,
        Field(
            description="Beloppet som webbplatsen visar det, t.ex. 'licens per år: 18 000 SEK "
            "(prisår anges inte i källan)'."
        ),
    ),
)
# A search without result in the index: the record's fields, the registries' names and why
# the search may be out of date on the day the data were built.
IndexNotRated = create_model(
    "EjBedomd",
    __base__=NotRated,
    __doc__="Register som har sökts utan att någon bedömning av insatsen hittades.",
    registry_names=(
        list[str],
        Field(description="Registrens namn, i samma ordning som `searched`."),
    ),
    flags=(
        list[Staleness],
        Field(
            description="`ej-kontrollerad` när sökningen den dag filen byggdes är mer än "
            "12 månader gammal."
        ),
    ),
)
_ENTRY_FIELDS: dict[str, Any] = {
    name: (Intervention.model_fields[name].annotation, Intervention.model_fields[name])
    for name in INDEX_FIELDS
} | {
    "sources": (list[CitedSource], Intervention.model_fields["sources"]),  # type: ignore[valid-type]
    "costs": (list[IndexCost], Intervention.model_fields["costs"]),  # type: ignore[valid-type]
    "evidence": (
        list[IndexVerdict],  # type: ignore[valid-type]
        Field(
            description="Bedömningar i evidensregister, gällande och ersatta; bara gällande "
            "(`current`) räknas i `findings` och i filtren."
        ),
    ),
    "not_rated": (
        IndexNotRated | None,
        Field(
            description="Register som har sökts utan att någon bedömning hittades, och när; "
            "null när posten inte anger någon sådan sökning."
        ),
    ),
    "findings": (
        list[Finding],
        Field(
            description="Vad de gällande bedömningarna fann: `effekt`, `ingen-skillnad`, "
            "`negativ`, `otillrackligt`; tom lista när inget register har bedömt insatsen."
        ),
    ),
}

IndexEntry = create_model(
    "Insats",
    __base__=Strict,
    __doc__="En insats i indexet: postens fält med samma namn och typer som i YAML-filen.",
    url=(
        str,
        Field(description="Insatsens sida relativt webbplatsens rot, t.ex. `insatser/pmto/`."),
    ),
    **_ENTRY_FIELDS,
    facets=(
        dict[str, list[str]],
        Field(
            description="Insatsens värden i filtren på Hitta en insats, per filter med samma namn "
            'som i adressen till /hitta/ (t.ex. `arena`: `["hem"]`); `saknas` där '
            "våra källor inte ger någon uppgift. Finns bara i JSON-filen."
        ),
    ),
)


class MethodIndex(Strict):
    """The published index: the licence and attribution, then every method."""

    license: str = Field(description="Licens för kunskapsbankens texter (SPDX-id).")
    license_url: str = Field(description="Licensens fullständiga villkor.")
    attribution: str = Field(description="Hur uppgifterna ska tillskrivas sina källor.")
    methods: list[IndexEntry] = Field(  # type: ignore[valid-type]
        description="Alla insatser, sorterade efter namn."
    )


def method_index(kb: KnowledgeBase, t: dict[str, Any]) -> MethodIndex:
    """Every intervention as an index entry, in the catalogue's (title) order."""
    finder = facets(kb, t)
    methods = [
        IndexEntry.model_validate(
            {name: getattr(method, name) for name in INDEX_FIELDS}
            | {
                "url": method.address(),
                "sources": [kb.cited(s).model_dump() for s in method.sources],
                "costs": [c.model_dump() | {"shown": cost_text.shown(c, t)} for c in method.costs],
                "evidence": [
                    v.rating.model_dump()
                    | {
                        "registry_name": v.registry.title,
                        "shared": v.shared,
                        "current": v.current,
                        "flags": list(v.staleness),
                    }
                    for v in kb.verdicts(method)
                ],
                "not_rated": unrated_entry(kb.unrated(method)),
                "findings": method.findings(),
                "facets": {facet.key: facet.codes(method) for facet in finder},
            }
        )
        for method in kb.of_type("intervention")
        if isinstance(method, Intervention)
    ]
    return MethodIndex(
        license="CC-BY-4.0",
        license_url=t["open_data"]["license_url"],
        attribution=t["open_data"]["attribution"],
        methods=methods,
    )


def unrated_entry(unrated: Unrated | None) -> dict[str, Any] | None:
    """A search without result as the index has it, with the registries' names and flags."""
    if unrated is None:
        return None
    return unrated.search.model_dump() | {
        "registry_names": [r.title for r in unrated.registries],
        "flags": list(unrated.staleness),
    }


def index_json(index: MethodIndex) -> str:
    """The index as compact JSON: the finder and the comparison fetch it on every visit, and
    indentation made a third of its size (any JSON viewer indents it for reading)."""
    return index.model_dump_json() + "\n"


# Spreadsheet programs run a cell that starts with one of these as a formula; record text
# must never become a formula on a reader's computer, so such cells get a leading apostrophe.
# A Nordic spreadsheet splits the file on semicolons (the comma is the decimal sign), so a
# cell may also start after any ';' or line break in a text, past spaces and quotes.
_FORMULA_AT = re.compile(r'(^|[;\r\n])(?=[\s"]*[=+\-@\t\r])')


def _cell(value: Any) -> str:
    """One CSV cell: a fact or band as its text or value, lists joined by '; ', missing
    values empty."""
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = "; ".join(_cell(item) for item in value)
    elif isinstance(value, dict):
        text = str(next(value[key] for key in ("text", "value", "country") if key in value))
    else:
        text = str(value)
    return _FORMULA_AT.sub(r"\1'", text)


# The CSV has the index's fields as columns, with the age range split in two and the
# current verdicts' findings and flags beside them.
CSV_COLUMNS = [
    column
    for name in ("url", *INDEX_FIELDS)
    for column in (
        ("age_min", "age_max")
        if name == "ages"
        else ("evidence", "findings", "evidence_flags")
        if name == "evidence"
        else ("not_rated", "not_rated_flags")
        if name == "not_rated"
        else (name,)
    )
]


def _dated(verdict: dict[str, Any]) -> str:
    """When a verdict was made, as its record gives it: '2018', '2019-06', 'utgåva 2'."""
    edition = f"#{verdict['edition']}" if verdict["edition"] else ""
    return ", ".join(part for part in (verdict["date"] or "", edition) if part)


def _csv_row(entry: dict[str, Any]) -> dict[str, str]:
    """A method as one spreadsheet row: the current verdicts as 'registry: rating (date;
    finding)' and their flags as 'registry: flag', sources as their addresses (or titles
    where a source has no address). Replaced verdicts are in the JSON only."""
    current = [e for e in entry["evidence"] if e["current"]]
    unrated = entry["not_rated"]
    special = {
        "age_min": str(entry["ages"]["min"]) if entry["ages"] else "",
        "age_max": str(entry["ages"]["max"]) if entry["ages"] else "",
        "evidence": _cell(
            [f"{e['registry_name']}: {e['rating']} ({_dated(e)}; {e['finding']})" for e in current]
        ),
        "evidence_flags": _cell(
            [f"{e['registry_name']}: {flag}" for e in current for flag in e["flags"]]
        ),
        "not_rated": (
            f"{_cell(unrated['registry_names'])} ({unrated['checked']})" if unrated else ""
        ),
        "not_rated_flags": _cell(unrated["flags"] if unrated else []),
        "versions": _cell([v["title"] for v in entry["versions"]]),
        "costs": _cell([c["shown"] for c in entry["costs"]]),
        "coordinators": _cell([f"{c['country']}: {c['text']}" for c in entry["coordinators"]]),
        "sources": _cell([s["url"] or s["title"] for s in entry["sources"]]),
    }
    return {
        column: special[column] if column in special else _cell(entry[column])
        for column in CSV_COLUMNS
    }


def index_csv(index: MethodIndex) -> str:
    """The index as CSV (comma-separated, UTF-8), one row per method."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_csv_row(entry) for entry in index.model_dump(mode="json")["methods"])
    return out.getvalue()


# --- Facets of the method finder ---------------------------------------------------------

MISSING = "saknas"


def slug(text: str) -> str:
    """ASCII slug for a value used as a URL parameter: 'Nivå 5' -> 'niva-5'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Facet:
    """One group of checkboxes in the finder: its URL parameter, heading and options.

    `codes` gives the options a method has; a method without a sourced value has MISSING,
    so 'uppgift saknas' can be chosen and counted like any other option.
    """

    key: str
    label: str
    options: dict[str, str]
    codes: Callable[[Intervention], list[str]]


def _evidence_code(verdict: EvidenceRating) -> str:
    return f"{split_ref(verdict.registry)[1]}-{slug(verdict.rating)}"


def _or_missing(codes: list[str]) -> list[str]:
    return codes or [MISSING]


# Each facet's codes for a method, by the facet's URL parameter, in display order.
CODES: dict[str, Callable[[Intervention], list[str]]] = {
    "problem": lambda m: _or_missing(list(m.problems)),
    "arena": lambda m: _or_missing(list(m.arenas)),
    "form": lambda m: _or_missing(list(m.formats)),
    "intensitet": lambda m: _or_missing([m.intensity_band.value] if m.intensity_band else []),
    "langd": lambda m: _or_missing([m.duration_band.value] if m.duration_band else []),
    # What the registries found (a code per finding), then the ratings they gave.
    "evidens": lambda m: _or_missing(
        [*m.findings(), *(_evidence_code(e) for e in m.current_evidence())]
    ),
    "utbildning": lambda m: _or_missing([c.country for c in m.training_countries]),
    "kostnad": lambda m: _or_missing([str(m.cost_band.value)] if m.cost_band else []),
}
AGE = "alder"


def finder_filters(method: Intervention) -> list[tuple[str, str]]:
    """A method's values for the finder's search filters (Pagefind's, marked in its page):
    every facet code, and every whole age its range covers (an age is matched exactly, so a
    method whose ages our sources do not give matches no age)."""
    found = [(key, code) for key, codes in CODES.items() for code in codes(method)]
    if method.ages:
        found += [(AGE, str(age)) for age in range(method.ages.min, method.ages.max + 1)]
    return found


def facets(kb: KnowledgeBase, t: dict[str, Any]) -> list[Facet]:
    """The finder's facets in display order; options come from the controlled vocabularies,
    except evidence, whose options are what the registries found (every finding, so that
    one of no difference or of harm can be chosen like one of effect) and then the current
    ratings they actually gave."""
    vocab, labels, missing = t["vocab"], t["finder"]["facets"], t["finder"]["missing"]

    def options(kind: str, values: tuple[Any, ...]) -> dict[str, str]:
        return {str(v): vocab[kind][v] for v in values} | {MISSING: missing}

    ratings = {
        _evidence_code(e): f"{kb.resolve(e.registry).title}: {e.rating}"
        for method in kb.of_type("intervention")
        if isinstance(method, Intervention)
        for e in method.current_evidence()
    }
    found = {
        "problem": options("problem", get_args(Problem)),
        "arena": options("arena", get_args(Arena)),
        "form": options("format", get_args(Format)),
        "intensitet": options("intensity", get_args(IntensityLevel)),
        "langd": options("duration", get_args(DurationLevel)),
        "evidens": {f: vocab["finding"][f] for f in get_args(Finding)}
        | dict(sorted(ratings.items(), key=lambda item: item[1]))
        | {MISSING: t["finder"]["no_rating"]},
        "utbildning": options("country", get_args(Country)),
        "kostnad": options("cost", get_args(CostLevel)),
    }
    return [Facet(key, labels[key], found[key], CODES[key]) for key in CODES]
