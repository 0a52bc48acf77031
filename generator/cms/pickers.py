"""The lists Decap's relation widgets pick references from: every record, and every part
of a record that can be linked to (`typ/id#ankare`), each with a label an editor recognises.

Decap can only pick values that are stored in the repository, so `kb cms` writes them to a
file in .kb/cms/ (never under data/, never published) at start and after every save, from
the records that passed the check.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.cms.config import ALL_TARGETS, PICKER_FILE
from generator.render.context import strings
from generator.types import RECORD_TYPES, Record


def picker_lists(records: list[Record]) -> dict[str, list[dict[str, str]]]:
    """For each type, its records; under ALL_TARGETS, every record and part, sorted by label.
    The label names the full reference, so that a picked value never surprises."""
    singular = strings()["cms"]["types"]
    lists: dict[str, list[dict[str, str]]] = {name: [] for name in (ALL_TARGETS, *RECORD_TYPES)}
    for record in (r for r in records if not r.draft):  # a link to a draft is an error
        ref = f"{record.type_name}/{record.id}"
        entry = {"ref": ref, "label": f"{record.title} ({singular[record.type_name]}, {ref})"}
        lists[record.type_name].append(entry)
        lists[ALL_TARGETS].append(entry)
        for part in record.parts():
            lists[ALL_TARGETS].append({"ref": f"{ref}#{part.id}",
                                       "label": f"{record.title} › {part.title} ({ref}#{part.id})"})
    for entries in lists.values():
        entries.sort(key=lambda e: e["label"].casefold())
    return lists


def write_pickers(root: Path, records: list[Record]) -> None:
    """Write the picker file under the project's .kb/ (JSON, which YAML reads as it is)."""
    path = root / PICKER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(picker_lists(records), ensure_ascii=False, indent=1) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
