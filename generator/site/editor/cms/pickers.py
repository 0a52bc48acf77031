"""The lists reference fields pick from: every record, and every part of a record that can
be linked to (`typ/id#ankare`), each with a label an editor recognises.

`kb cms` serves them as val.json from the records that pass the check, fresh each time the
editor page loads; a hosted editor (`kb cms --out`) gets them as they were when it was
written, which CI does at every build.
"""

from __future__ import annotations

from generator.locale import label, strings
from generator.site.editor.cms.config import ALL_TARGETS
from generator.types import Record, RecordTypes


def picker_lists(records: list[Record], types: RecordTypes) -> dict[str, list[dict[str, str]]]:
    """For each of the project's `types`, its records; under ALL_TARGETS, every record and
    part, sorted by label. The label names the full reference, so that a picked value never
    surprises."""
    singular = strings()["cms"]["types"]
    lists: dict[str, list[dict[str, str]]] = {name: [] for name in (ALL_TARGETS, *types)}
    for record in (r for r in records if not r.draft):  # a link to a draft is an error
        ref = f"{record.type_name}/{record.id}"
        entry = {
            "ref": ref,
            "label": f"{record.title} ({label(singular, record.type_name)}, {ref})",
        }
        lists[record.type_name].append(entry)
        lists[ALL_TARGETS].append(entry)
        for part in record.parts():
            lists[ALL_TARGETS].append(
                {
                    "ref": f"{ref}#{part.id}",
                    "label": f"{record.title} › {part.title} ({ref}#{part.id})",
                }
            )
    for entries in lists.values():
        entries.sort(key=lambda e: e["label"].casefold())
    return lists
