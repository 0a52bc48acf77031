"""The validated records as one typed, cross-linked knowledge base.

Templates ask this model questions (which stages, in what order; where does a reference
point; who links here) instead of walking raw data, so presentation stays in templates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.changes import Revision, revisions
from generator.model.verdicts import Unrated, Verdict, unrated_of, verdicts_of
from generator.reading.project import today as build_day
from generator.reading.versions import UNAVAILABLE, History
from generator.types import (
    RECORD_TYPES,
    Curriculum,
    Intervention,
    Record,
    RecordTypes,
    Reference,
    Study,
)
from generator.types.base import CitesWork, Part, Source, split_ref
from generator.types.evidence_registry import Registry
from generator.types.intervention import MethodChecklist


@dataclass(frozen=True)
class Target:
    """Where a reference leads: the record, the anchor inside it, and a title to show."""

    record: Record
    anchor: str
    title: str


@dataclass
class KnowledgeBase:
    """All valid records, indexed by type and id, where their material files are, and the
    project's record types."""

    records: list[Record]
    material_dir: Path | None = None
    types: RecordTypes = RECORD_TYPES
    # Every record file's committed versions (generator/reading/versions.py), from which each
    # page lists what changed; unavailable outside a git checkout.
    history: History = UNAVAILABLE
    # Records marked `draft`, which no page, finder or open data may show; only the
    # maintenance page lists them. They are taken out of `records` when the model is made.
    drafts: list[Record] = field(init=False)
    _index: dict[tuple[str, str], Record] = field(init=False)
    _backlinks: dict[tuple[str, str], list[Record]] = field(init=False)
    _by_type: dict[str, list[Record]] = field(init=False)
    _curricula: dict[tuple[str, str], list[tuple[Curriculum, str]]] = field(init=False)
    _checklists: dict[str, list[tuple[Intervention, MethodChecklist]]] = field(init=False)
    _studies: dict[tuple[str, str], list[Study]] = field(init=False)

    def __post_init__(self) -> None:
        """Index once: pages ask these questions thousands of times in a large build."""
        self.drafts = [r for r in self.records if r.draft]
        if self.drafts:
            self.records = [r for r in self.records if not r.draft]
        self._index = {(r.type_name, r.id): r for r in self.records}
        backlinks: dict[tuple[str, str], dict[tuple[str, str], Record]] = defaultdict(dict)
        for record in self.records:
            for _, ref in record.references():
                type_name, record_id, _ = split_ref(ref)
                backlinks[type_name, record_id][record.type_name, record.id] = record
        self._backlinks = {key: list(found.values()) for key, found in backlinks.items()}
        by_type: dict[str, list[Record]] = defaultdict(list)
        for record in sorted(self.records, key=lambda r: (r.type_name, r.sort_key())):
            by_type[record.type_name].append(record)
        self._by_type = dict(by_type)
        curricula: dict[tuple[str, str], dict[str, tuple[Curriculum, str]]] = defaultdict(dict)
        for course in self.of_type("curriculum"):
            assert isinstance(course, Curriculum)
            for path, ref in course.references():
                if path[0] == "modules":
                    type_name, record_id, _ = split_ref(ref)
                    module = course.modules[int(path[1])].id
                    curricula[type_name, record_id].setdefault(course.id, (course, module))
        self._curricula = {key: list(found.values()) for key, found in curricula.items()}
        self._checklists = self._index_checklists()
        self._studies = self._index_studies()

    def _index_checklists(self) -> dict[str, list[tuple[Intervention, MethodChecklist]]]:
        """Methods' checklists by the id of their stage, in the methods' title order."""
        found: dict[str, list[tuple[Intervention, MethodChecklist]]] = defaultdict(list)
        for method in self.of_type("intervention"):
            if isinstance(method, Intervention):
                for checklist in method.checklists:
                    found[checklist.stage_id()].append((method, checklist))
        return dict(found)

    def _index_studies(self) -> dict[tuple[str, str], list[Study]]:
        """Studies by each record their `about` names, oldest first."""
        found: dict[tuple[str, str], dict[str, Study]] = defaultdict(dict)
        for study in self.of_type("study"):
            if isinstance(study, Study):
                for ref in study.about:
                    type_name, record_id, _ = split_ref(ref)
                    found[type_name, record_id].setdefault(study.id, study)
        return {
            key: sorted(studies.values(), key=lambda s: (s.year, s.title))
            for key, studies in found.items()
        }

    def of_type(self, type_name: str) -> list[Record]:
        """Records of one type in reading order (`Record.sort_key`)."""
        return list(self._by_type.get(type_name, []))

    def resolve(self, ref: str) -> Target:
        """The target of a reference that validation has already checked."""
        type_name, record_id, anchor = split_ref(ref)
        record = self._index[type_name, record_id]
        title = record.anchors()[anchor] if anchor else record.title
        return Target(record, anchor, title)

    def reference_of(self, source: CitesWork) -> Reference | None:
        """The bibliography entry a source or a reading cites, if it cites one."""
        if source.ref is None:
            return None
        reference = self.resolve(source.ref).record
        assert isinstance(reference, Reference)
        return reference

    def cited(self, source: Source) -> Source:
        """A source as readers see it: one that cites the bibliography gets the work's title,
        publication, year and address, so pages and open data describe it the same way."""
        work = self.reference_of(source)
        if work is None:
            return source
        return source.model_copy(
            update={
                "title": f"{work.authors}: {work.title}" if work.authors else work.title,
                "publisher": work.journal or work.publisher,
                "year": work.year,
                "url": f"https://doi.org/{work.doi}" if work.doi else work.url,
            }
        )

    def source_url(self, record: Record, source_id: str) -> str | None:
        """The address of one of a record's sources as readers see it, also when the source
        cites the bibliography (the work's DOI or web address), for links straight to a
        registry's verdict."""
        return next(self.cited(s).url for s in record.sources if s.id == source_id)

    def backlinks(self, record: Record) -> list[Record]:
        """Records that refer to `record`, sorted by type and title."""
        found = self._backlinks.get((record.type_name, record.id), [])
        return sorted(found, key=lambda r: (self.types.position(r.type_name), r.title.casefold()))

    def referring(self, record: Record) -> list[Record]:
        """The backlinks a page lists under its own heading: all but the courses that use the
        record, which it lists apart (`curricula_using`)."""
        courses = {(course.type_name, course.id) for course, _ in self.curricula_using(record)}
        return [
            other for other in self.backlinks(record) if (other.type_name, other.id) not in courses
        ]

    def method_checklists(self, stage: Record) -> list[tuple[Intervention, MethodChecklist]]:
        """Checklists that methods add to `stage`, in the methods' title order."""
        return list(self._checklists.get(stage.id, []))

    def verdicts(self, method: Intervention, today: dt.date | None = None) -> list[Verdict]:
        """The method's verdicts, current and replaced, each with its registry and why it may
        be out of date on `today` (the build's day unless given: SOURCE_DATE_EPOCH's in a
        reproducible build)."""
        registries = {r.id: r for r in self.of_type("registry") if isinstance(r, Registry)}
        return verdicts_of(method, registries, today or build_day())

    def unrated(self, method: Intervention, today: dt.date | None = None) -> Unrated | None:
        """The registries the method was searched in without a verdict, and why the search
        may be out of date on `today` (the build's day unless given)."""
        registries = {r.id: r for r in self.of_type("registry") if isinstance(r, Registry)}
        return unrated_of(method, registries, today or build_day())

    def stale_verdicts(self, today: dt.date) -> list[tuple[Intervention, Verdict]]:
        """Every current verdict that may be out of date on `today`, method by method in the
        catalogue's order: what the maintenance page asks editors to check again."""
        return [
            (method, verdict)
            for method in self.of_type("intervention")
            if isinstance(method, Intervention)
            for verdict in self.verdicts(method, today)
            if verdict.staleness
        ]

    def stale_searches(self, today: dt.date) -> list[tuple[Intervention, Unrated]]:
        """Every search without result that may be out of date on `today`, in the
        catalogue's order: registries to search again, beside the verdicts to check."""
        return [
            (method, unrated)
            for method in self.of_type("intervention")
            if isinstance(method, Intervention)
            and (unrated := self.unrated(method, today)) is not None
            and unrated.staleness
        ]

    def revisions(self, record: Record) -> tuple[Revision, ...] | None:
        """What changed in the record, newest first, in what its type marks readers as relying
        on; None when the repository's history is unavailable."""
        if not self.history.available:
            return None
        return revisions(type(record), self.history.of(record.type_name, record.id))

    def studies_about(self, record: Record) -> list[Study]:
        """Studies whose `about` names `record`, oldest first."""
        return list(self._studies.get((record.type_name, record.id), []))

    def page_anchors(self, record: Record) -> list[Part]:
        """Every linkable part of a record's page. A method's checklist items are anchored
        on the method's page; a stage page loads the chosen methods' items in the browser,
        so that it does not grow with the number of methods."""
        return record.parts()

    def anchor_aliases(self, record: Record) -> dict[str, str]:
        """Old anchor -> current anchor on the record's page, for forwarding old links."""
        return {alias: part.id for part in self.page_anchors(record) for alias in part.aliases}

    def curricula_using(self, record: Record) -> list[tuple[Curriculum, str]]:
        """Curricula whose modules link to `record`, with the first such module's anchor, so
        a page can say which courses teach it and where."""
        return self._curricula.get((record.type_name, record.id), [])

    def material_path(self, file: str) -> Path:
        """Where a material file that validation has found under data/material/ is."""
        assert self.material_dir is not None, "material files need the knowledge base's folder"
        return self.material_dir / file

    def material_size(self, file: str) -> int:
        """Size in bytes of a material file, shown beside its link."""
        return self.material_path(file).stat().st_size
