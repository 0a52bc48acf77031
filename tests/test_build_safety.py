"""Nothing half-built is published: stale pages disappear, and a build that is interrupted or
fails leaves the previous site exactly as it was."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
import pytest
from built_site import snapshot
from conftest import record
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from running_kb import kill_build_when

from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.tree import write_tree


def extra(record_id: str) -> str:
    """A process that the tests rename."""
    return record("process", record_id, title="Extra process")


def rename_extra(project: Project, old: str, new: str) -> None:
    (project.data_dir / "process" / f"{old}.yaml").unlink()
    (project.data_dir / "process" / f"{new}.yaml").write_text(extra(new), encoding="utf-8")


def test_a_renamed_record_leaves_no_stale_page_in_the_generated_tree_or_the_site(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project({"process/extra.yaml": extra("extra")})
    tree, site = tmp_path / "tree", tmp_path / "site"
    write_tree(project, tree)
    build(project, site)
    assert (tree / "docs" / "extra.md").is_file() and (site / "extra" / "index.html").is_file()
    rename_extra(project, "extra", "annan")
    write_tree(project, tree)
    build(project, site)
    assert not (tree / "docs" / "extra.md").exists()
    assert not (site / "extra").exists()
    assert (tree / "docs" / "annan.md").is_file() and (site / "annan" / "index.html").is_file()


def test_a_build_interrupted_mid_way_leaves_the_previous_site_byte_identical(
    make_project: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    site = tmp_path / "site"
    build(project, site)
    before = snapshot(site)
    real_build_page = mkdocs_build._build_page
    built: list[str] = []

    def interrupted(
        page: Page,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: jinja2.Environment,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        """Write a few pages, then stop as Ctrl-C would."""
        if len(built) == 3:
            raise KeyboardInterrupt
        built.append(str(page))
        real_build_page(page, config, doc_files, nav, env, dirty=dirty, excluded=excluded)

    monkeypatch.setattr(mkdocs_build, "_build_page", interrupted)
    steg = project.data_dir / "process" / "steg.yaml"
    steg.write_text(
        steg.read_text(encoding="utf-8").replace("Steg för steg", "Nytt namn"), encoding="utf-8"
    )
    with pytest.raises(KeyboardInterrupt):
        build(project, site)
    assert len(built) == 3
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_killed_kb_build_leaves_the_previous_site_byte_identical(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    """SIGKILL allows no clean-up at all: the old site survives because the new one is only
    ever renamed into place once it is complete."""
    project = make_project()
    site = tmp_path / "site"
    build(project, site)
    before = snapshot(site)
    kill_build_when(
        project,
        site,
        lambda staging: (staging / "search").exists() or (staging / "insatser").exists(),
    )
    assert snapshot(site) == before
