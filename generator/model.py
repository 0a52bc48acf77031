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
    _by_type: dict[str, list[Record]] = field(init=False)

    def __post_init__(self) -> None:
        """Index once: pages ask these questions thousands of times in a large build."""
        self._index = {(r.type_name, r.id): r for r in self.records}
        backlinks: dict[tuple[str, str], dict[tuple[str, str], Record]] = defaultdict(dict)
        for record in self.records:
            for _, ref in record.references():
                type_name, record_id, _ = split_ref(ref)
                backlinks[type_name, record_id][record.type_name, record.id] = record
        self._backlinks = {key: list(found.values()) for key, found in backlinks.items()}
        by_type: dict[str, list[Record]] = defaultdict(list)
        for record in sorted(self.records, key=lambda r: (getattr(r, "order", 0),
                                                            r.title.casefold())):
            by_type[record.type_name].append(record)
        self._by_type = dict(by_type)

    def of_type(self, type_name: str) -> list[Record]:
        """Records of one type in reading order: by `order` where a type has it, else title."""
        return list(self._by_type.get(type_name, []))

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
