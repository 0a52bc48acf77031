"""The first half of the pipeline, on its own: read and validate every record (`kb check`).

Kept apart from rendering so that a check imports neither the templates nor the page
producers: at 10,000 records every tenth of a second counts.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from generator import cache as file_cache
from generator.diagnostics import Diagnostic, has_errors
from generator.drafts import draft_problems
from generator.load import ParseCache, load_data
from generator.material import material_problems
from generator.project import Project
from generator.types import RECORD_TYPES, Record
from generator.validate import validate


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the records are read. It runs after every few
    hundred new objects, and each full run visits every live object, so while loading builds
    millions of objects (none in a cycle) it would visit them again and again: at 10,000
    records that doubled the check. The records live as long as the process, so afterwards
    they are frozen (left out of later collections, still freed when unused) rather than
    visited once more, which would cost another second at 10,000, and again and again in
    every collection while MkDocs builds."""
    enabled = gc.isenabled()
    gc.unfreeze()  # a long-running `kb serve`: last time's records may be garbage by now
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check(project: Project, today: dt.date | None = None, cache: ParseCache | None = None
          ) -> tuple[list[Record], list[Diagnostic]]:
    """Load and validate all records; every problem comes back, none is raised. Review ages
    count from `today` (the day of the check unless given); `cache` spares re-parsing
    unchanged files in a long-running process."""
    settings, problems = project.settings()
    with _no_garbage_collection():
        known = file_cache.read(project.root)
        documents, found = load_data(project.data_dir, project.root, list(RECORD_TYPES),
                                     settings.max_file_bytes, cache, known)
        file_cache.write(project.root, {d.digest: d.kept for d in documents if d.digest},
                         known)
        records, invalid = validate(documents, today=today,
                                    review_max_age_years=settings.review_max_age_years)
        invalid += material_problems(documents, records, project.data_dir)
        invalid += draft_problems(documents, records)
        if not has_errors(problems):  # else mkdocs.yml, which names the folder, is unreadable
            invalid += project.content_problems()
    return records, sorted(problems + found + invalid)
