"""The addresses the generator writes pages at on its own, which no record may take.

A stage with the id `oversikt` would get the address `/implementering/oversikt/`, where the
team's overview already is, and one of the two pages would silently replace the other. The
addresses come from the page producers themselves, run over a knowledge base without records:
whatever a producer writes whatever the records are (the overview, the fit assessment, the
finder, the comparison, /lankar/, /underhall/, the field reference …) is in the list, so a
page added later is covered with no change here or in the check. Added to those are what the
records' sections bring with them, named by the same helpers that write them: a section's
overview (`/insatser/`) and the later pages of a paged listing (`/insatser/sida-2/`), which
exist once a section grows past a page, and the hand-written pages in `content/`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from generator.checking.material_files import FOLDER as MATERIAL
from generator.checking.taken_addresses import TakenAddresses
from generator.diagnostics import DataError
from generator.locale import strings
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.rendering import render
from generator.rendering.context import page_paths, section_index_path
from generator.types import Record
from generator.types.registry import RecordTypes, project_types


def page_address(path: str) -> str | None:
    """The site address MkDocs serves a docs-relative file at (`hitta.md` -> `hitta/`,
    `insatser/index.md` -> `insatser/`, a redirect's `gammal/index.html` -> `gammal/`), or
    None for a file that is not a page (JSON, CSV, scripts)."""
    for suffix in ("index.md", "index.html"):
        if path == suffix or path.endswith(f"/{suffix}"):
            return path.removesuffix(suffix)
    if path.endswith(".md"):
        return f"{path.removesuffix('.md')}/"
    return None


def _later_pages(section_indexes: list[str]) -> re.Pattern[str]:
    """Matches the address of every later page of the paged listings whose first pages are
    `section_indexes`, named as `page_paths` names them (`insatser/sida-2/`, …)."""
    starts = [
        re.escape(str(page_address(page_paths(index, 2)[1])).removesuffix("2/"))
        for index in section_indexes
    ]
    return re.compile(rf"(?:{'|'.join(starts) or '(?!)'})(?:[2-9]|[1-9][0-9]+)/")


@lru_cache(maxsize=8)
def _owned(
    classes: tuple[type[Record], ...],
    template_dirs: tuple[Path, ...],
    content_pages: tuple[str, ...],
    material_dir: Path,
) -> tuple[frozenset[str | None], re.Pattern[str]]:
    """The pages' addresses and the pattern of later pages, for one set of record types and
    hand-written pages; kept while those stay the same, since a running `kb serve` or
    `kb cms` checks again after every save."""
    types = RecordTypes({cls.type_name: cls for cls in classes}, template_dirs)
    empty = KnowledgeBase([], material_dir=material_dir, types=types)
    rendered = render(empty, [])
    sections = [section_index_path(cls) for cls in classes if cls.url_prefix]
    owned = frozenset(
        page_address(path)
        for path in [*rendered.sources, *rendered.copies, *content_pages, *sections]
    )
    return owned, _later_pages(sections)


def generated_addresses(project: Project) -> TakenAddresses:
    """The addresses the site has pages of its own at, with what to tell an editor whose
    record would take one. Hand-written pages count only if mkdocs.yml can be read (else
    `kb check` reports that)."""
    types = project_types(project.root)[0]
    try:
        content_pages = tuple(project.content_pages())
    except DataError:
        content_pages = ()
    owned, later = _owned(
        tuple(types.values()), types.template_dirs, content_pages, project.data_dir / MATERIAL
    )
    return TakenAddresses(owned, later, strings()["generated_addresses"])
