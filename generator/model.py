"""Stage 3 of the pipeline: the validated records as one typed, cross-linked knowledge base.

Templates ask this model questions (which stages, in what order; where does a reference
point; who links here) instead of walking raw data, so presentation stays in templates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.types import RECORD_TYPES, Record
from generator.types.base import split_ref


@dataclass(frozen=True)
class Target:
    """Where a reference leads: the record, the anchor inside it, and a title to show."""

    record: Record
    anchor: str
    title: str


@dataclass
class KnowledgeBase:
    """All valid records, indexed by type and id."""

    records: list[Record]
    _index: dict[tuple[str, str], Record] = field(init=False)
    _backlinks: dict[tuple[str, str], list[Record]] = field(init=False)

    def __post_init__(self) -> None:
        self._index = {(r.type_name, r.id): r for r in self.records}
        backlinks: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in self.records:
            for _, ref in record.references():
                type_name, record_id, _ = split_ref(ref)
                if record not in backlinks[type_name, record_id]:
                    backlinks[type_name, record_id].append(record)
        self._backlinks = dict(backlinks)

    def of_type(self, type_name: str) -> list[Record]:
        """Records of one type in reading order: by `order` where a type has it, else title."""
        found = [r for r in self.records if r.type_name == type_name]
        return sorted(found, key=lambda r: (getattr(r, "order", 0), r.title.casefold()))

    def resolve(self, ref: str) -> Target:
        """The target of a reference that validation has already checked."""
        type_name, record_id, anchor = split_ref(ref)
        record = self._index[type_name, record_id]
        title = record.anchors()[anchor] if anchor else record.title
        return Target(record, anchor, title)

    def backlinks(self, record: Record) -> list[Record]:
        """Records that refer to `record`, sorted by type and title."""
        found = self._backlinks.get((record.type_name, record.id), [])
        order = list(RECORD_TYPES)
        return sorted(found, key=lambda r: (order.index(r.type_name), r.title.casefold()))
