"""`kb build` generates in a second process while MkDocs builds in this one: the site is the
one plain MkDocs makes, and whatever goes wrong on either side is reported here and keeps
the previous site."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from built_site import indexed_pages, mkdocs_build, site_files

from generator import parallel
from generator.checking.check import check
from generator.diagnostics import DataError
from generator.reading.project import Project
from generator.site.engine import build as kb_build
from generator.site.engine.build import build
from generator.site.engine.search import index_site
from generator.site.engine.site_files import GeneratedHere
from generator.site.engine.staging import MARK
from generator.site.engine.tree import write_tree

TWO_ERRORS = {
    "process/steg.yaml": "id: steg\ntitle: Steg\ntitel: x\n",
    "term/fel.yaml": "id: fel\ntitle: [\n",
}


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The build always generates in a child (as on any machine with two cores); the ids of
    the children it started, which must all have been reaped by the time it returns. Ask
    for it before `built`, so that the first build generates in a child too."""
    monkeypatch.setattr(kb_build, "can_fork", lambda: True)
    started: list[int] = []
    real_init = parallel.Child.__init__

    def recording(self: parallel.Child, *args: object) -> None:
        real_init(self, *args)  # type: ignore[arg-type]
        started.append(self.pid)

    monkeypatch.setattr(parallel.Child, "__init__", recording)
    yield started
    for pid in started:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.fixture
def built(
    make_project: Callable[..., Project], tmp_path: Path
) -> tuple[Project, Path, dict[str, bytes]]:
    """A project, its site built once, and that site's files: what must survive."""
    project = make_project()
    site = tmp_path / "site"
    build(project, site)
    return project, site, site_files(site)


@pytest.mark.parametrize("second_core", [True, False], ids=["in a child", "in one process"])
def test_the_site_is_the_one_plain_mkdocs_builds_from_the_generated_tree(
    make_project: Callable[..., Project],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    second_core: bool,
) -> None:
    monkeypatch.setattr(kb_build, "can_fork", lambda: second_core)
    project = make_project()
    build(project, tmp_path / "site")
    config = write_tree(project, tmp_path / "tree")
    mkdocs_build(config, tmp_path / "plain")
    index_site(tmp_path / "plain", project)
    built = site_files(tmp_path / "site")
    assert built.pop(MARK)  # kb marks its output as its own (generator/site/engine/staging.py)
    assert built == site_files(tmp_path / "plain")
    assert indexed_pages(tmp_path / "site") == indexed_pages(tmp_path / "plain") > 5


def test_mkdocs_build_with_the_plugin_makes_the_site_kb_build_makes(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    """`mkdocs build` from the project's own mkdocs.yml (our plugin) hands MkDocs the same
    generated files and settings as `kb build` (generator/site/engine/site_files.py)."""
    project = make_project()
    build(project, tmp_path / "site")
    mkdocs_build(project.config_file, tmp_path / "plugin")
    built = site_files(tmp_path / "site")
    assert built.pop(MARK)
    assert built == site_files(tmp_path / "plugin")
    assert indexed_pages(tmp_path / "site") == indexed_pages(tmp_path / "plugin") > 5


def test_every_error_in_the_data_comes_back_from_the_child_and_the_site_stays(
    children: list[int], built: tuple[Project, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project, site, before = built
    for rel, text in TWO_ERRORS.items():
        (project.data_dir / rel).parent.mkdir(exist_ok=True)
        (project.data_dir / rel).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        build(project, site)
    assert raised.value.diagnostics == check(project)[1]
    assert {d.path for d in raised.value.diagnostics} == {
        "data/process/steg.yaml",
        "data/term/fel.yaml",
    }
    assert site_files(site) == before
    assert len(children) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_failure_while_rendering_a_page_is_raised_here_with_the_childs_traceback(
    children: list[int],
    built: tuple[Project, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, site, before = built
    real_text = GeneratedHere.text

    def broken(self: GeneratedHere, path: str) -> str:
        if path == "insatser/alfa.md":
            raise ValueError("mallen gick sönder")
        return real_text(self, path)

    monkeypatch.setattr(GeneratedHere, "text", broken)
    with pytest.raises(ValueError, match="mallen gick sönder") as raised:
        build(project, site)
    assert "in broken" in "".join(raised.value.__notes__)  # where it happened, in the child
    assert site_files(site) == before


def test_a_child_that_dies_stops_the_build_and_the_site_stays(
    children: list[int],
    built: tuple[Project, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, site, before = built
    monkeypatch.setattr(GeneratedHere, "text", lambda self, path: os._exit(9))
    with pytest.raises(RuntimeError, match="generatorn avbröts"):
        build(project, site)
    assert site_files(site) == before


def test_when_mkdocs_fails_the_child_is_stopped(
    make_project: Callable[..., Project], tmp_path: Path, children: list[int]
) -> None:
    project = make_project()
    (project.root / "mkdocs.yml").write_text(
        (project.root / "mkdocs.yml").read_text(encoding="utf-8") + "theme: {name: saknas}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="inställningen theme"):
        build(project, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert len(children) == 1
