"""The first half of the pipeline, on its own: read and validate every record (`kb check`).

Kept apart from rendering so that a check imports neither the templates nor the page
producers, which `kb check` does not need.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from generator.checking.drafts import draft_problems
from generator.checking.markup import markup_problems
from generator.checking.material_files import material_problems
from generator.checking.taken_addresses import TakenAddresses, taken_address_problems
from generator.checking.validate import validate
from generator.diagnostics import Diagnostic, has_errors
from generator.parallel import alongside
from generator.reading import cache as file_cache
from generator.reading.load import ParseCache, SourceDocument, load_data
from generator.reading.project import Project
from generator.types import Record
from generator.types.registry import project_types


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the records are read and validated. It runs after
    every few hundred new objects, and each full run visits every live object, so while
    loading builds millions of objects (none in a cycle) it would visit them again and again.
    Afterwards it runs as usual, so that a long-running `kb serve` frees the records of
    earlier rebuilds (tests/test_serve_memory.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(
    project: Project,
    today: dt.date | None = None,
    cache: ParseCache | None = None,
    taken: Callable[[Project], TakenAddresses] | None = None,
) -> tuple[list[Record], list[Diagnostic]]:
    """Load and validate all records; every problem comes back, none is raised. Review ages
    count from `today` (the day of the check unless given); `cache` spares re-parsing
    unchanged files in a long-running process; `taken` finds which addresses the site's own
    pages have (generator/rendering/generated_addresses.py), so that no record takes one.

    What needs no typed record (each file's markup, the site's own addresses) is found in a
    second process while this one validates, when there are many records
    (generator/parallel.py)."""
    settings, problems = project.settings()
    types, unloadable = project_types(project.root)
    with _no_garbage_collection():
        known = file_cache.read(project.root)
        documents, found = load_data(
            project.data_dir, project.root, list(types), settings.max_file_bytes, cache, known
        )
        file_cache.write(project.root, {d.digest: d.kept for d in documents if d.digest}, known)
        (markup, pages), (records, invalid) = alongside(
            lambda: (_markup_problems(documents), taken(project) if taken else None),
            lambda: validate(
                documents,
                today=today,
                review_max_age_years=settings.review_max_age_years,
                types=types,
            ),
            items=len(documents),
        )
        invalid += markup
        invalid += material_problems(documents, records, project.data_dir)
        invalid += draft_problems(documents, records)
        if pages is not None:
            invalid += taken_address_problems(documents, records, pages)
        if not has_errors(problems):  # else mkdocs.yml, which names the folder, is unreadable
            invalid += project.content_problems()
    return records, sorted(problems + unloadable + found + invalid)


def _markup_problems(documents: list[SourceDocument]) -> list[Diagnostic]:
    return [
        problem for doc in documents if doc.data is not None for problem in markup_problems(doc)
    ]
