"""`kb serve` renders again only the pages a save can have changed, and what it serves is what a
fresh generation would give, byte for byte, whatever the editor changed: a record's text or
title, a reference (a backlink elsewhere), a new or deleted record, a draft, a template."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO
from test_record_types import EPISODE, PODCAST, TEMPLATE

from generator.reading.load import ParseCache
from generator.reading.project import Project
from generator.rendering.memo import PageMemo
from generator.site.engine.site_files import GeneratedHere


class Session:
    """One long-running `kb serve`'s generations of a copy of the bundled knowledge base."""

    def __init__(self, root: Path) -> None:
        self.project = Project(root)
        self.cache: ParseCache = {}
        self.memo = PageMemo()
        self.pages = self.generate()

    def generate(self) -> dict[str, str]:
        generated = GeneratedHere(self.project, self.cache, self.memo)
        generated.layout()
        return generated.texts()

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.project.data_dir / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def saved(self) -> dict[str, str]:
        """The pages after a save, checked against a generation without memory of the last."""
        pages = self.generate()
        fresh = GeneratedHere(self.project)
        fresh.layout()
        assert pages == fresh.texts()
        return pages


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    for folder in ("data", "content"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    yield Session(tmp_path)


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_editing_a_records_text_renders_a_few_pages_and_serves_what_a_fresh_generation_does(
    session: Session,
) -> None:
    rendered_first = session.memo.rendered_last
    session.edit("intervention/mst.yaml", "Intensiv hem-", "Intensiv och hem-")
    after = session.saved()
    assert "insatser/mst.md" in changed(session.pages, after)
    assert 0 < session.memo.rendered_last < rendered_first / 4


def test_a_new_title_reaches_every_page_that_names_the_record(session: Session) -> None:
    session.edit("intervention/mst.yaml", "title: MST – Multisystemisk terapi", "title: MST – Ny")
    after = session.saved()
    naming = {path for path, text in after.items() if "MST – Ny" in text}
    assert {"insatser/mst.md", "evidens/ogden-hagen-2006.md"} <= naming
    assert naming <= changed(session.pages, after)


def test_a_new_reference_adds_a_backlink_on_the_page_it_points_to(session: Session) -> None:
    session.edit(
        "study/ogden-hagen-2006.yaml",
        "related:\n  - study/ogden-halliday-boykins-2004",
        "related:\n  - study/ogden-halliday-boykins-2004\n  - intervention/trappan",
    )
    after = session.saved()
    assert "insatser/trappan.md" in changed(session.pages, after)


def test_a_new_record_and_a_deleted_one_change_the_lists(session: Session) -> None:
    trappan = session.project.data_dir / "intervention" / "trappan.yaml"
    text = trappan.read_text(encoding="utf-8")
    (trappan.parent / "trappan-2.yaml").write_text(
        text.replace("id: trappan", "id: trappan-2").replace("title: Trappan", "title: Trappan 2"),
        encoding="utf-8",
    )
    with_copy = session.saved()
    assert "insatser/trappan-2.md" in with_copy
    (trappan.parent / "trappan-2.yaml").unlink()
    assert session.saved() == session.pages


def test_a_record_made_a_draft_leaves_every_page(session: Session) -> None:
    # A method no other record links to: a link to a draft is an error of its own.
    session.edit(
        "intervention/familjeradslag.yaml",
        "id: familjeradslag\n",
        "id: familjeradslag\ndraft: true\n",
    )
    after = session.saved()
    assert "insatser/familjeradslag.md" not in after


def test_an_edited_template_renders_every_page_of_its_type_again(
    make_project: Callable[..., Project],
) -> None:
    project = make_project({"podcast/avsnitt-1.yaml": EPISODE})
    types = project.root / "types"
    types.mkdir()
    (types / "podcast.py").write_text(PODCAST, encoding="utf-8")
    template = types / "podcast.md.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    session = Session(project.root)
    template.write_text(TEMPLATE.replace("Programledare", "Värd"), encoding="utf-8")
    assert "**Värd:** Kim" in session.saved()["poddar/avsnitt-1.md"]
