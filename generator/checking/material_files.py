"""Course material files: curricula attach files under data/material/, which the site copies
as they are. A file that is not there is a located error, like any other mistake in a record,
so a course page never links to material that is missing. Only regular files count (see
generator/reading/discovery.py): a link there is refused at its path, never followed into
the site."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.reading.discovery import refused_problems, scan
from generator.reading.load import SourceDocument
from generator.types import Curriculum, Record

FOLDER = "material"


def material_problems(
    documents: list[SourceDocument], records: list[Record], data_dir: Path
) -> list[Diagnostic]:
    """Every link or special file under data/material/, and every `file` of a curriculum's
    material that is not a regular file there."""
    found = scan(str(data_dir / FOLDER))
    present = {"/".join(parts) for parts, _ in found.files}
    docs = {(d.record_type, d.data.get("id")): d for d in documents if isinstance(d.data, dict)}
    problems = refused_problems(f"{data_dir.name}/{FOLDER}", found)
    for record in records:
        if not isinstance(record, Curriculum):
            continue
        doc = docs[record.type_name, record.id]
        for i, module in enumerate(record.modules):
            for j, material in enumerate(module.material):
                if material.file and material.file not in present:
                    problems.append(
                        doc.problem(
                            ("modules", i, "material", j, "file"),
                            message("messages.material.missing", path=f"{FOLDER}/{material.file}"),
                            message("messages.material.missing_hint", folder=FOLDER),
                        )
                    )
    return problems
