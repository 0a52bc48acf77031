"""Course material files: curricula attach files under data/material/, which the site copies
as they are. A file that is not there is a located error, like any other mistake in a record,
so a course page never links to material that is missing."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.load import SourceDocument
from generator.types import Curriculum, Record

FOLDER = "material"


def material_problems(documents: list[SourceDocument], records: list[Record],
                      data_dir: Path) -> list[Diagnostic]:
    """Every `file` of a curriculum's material that does not exist under data/material/."""
    docs = {(d.record_type, d.data.get("id")): d for d in documents if isinstance(d.data, dict)}
    problems = []
    for record in records:
        if not isinstance(record, Curriculum):
            continue
        doc = docs[record.type_name, record.id]
        for i, module in enumerate(record.modules):
            for j, material in enumerate(module.material):
                if material.file and not (data_dir / FOLDER / material.file).is_file():
                    line, column = doc.locate(("modules", i, "material", j, "file"))
                    problems.append(Diagnostic(
                        doc.path, line, column, "error",
                        f"filen '{FOLDER}/{material.file}' finns inte i data/",
                        f"lägg filen i data/{FOLDER}/ eller rätta sökvägen"))
    return problems
