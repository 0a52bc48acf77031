"""`kb build --site-dir` and `kb generate --out` replace only folders kb wrote: never the
project's sources, never someone else's files, one run at a time, and a fault of the disk
leaves the previous site as it was, with a sentence that says why."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from built_site import indexed_pages, site_files, snapshot
from running_kb import KB, kb, kb_here, kill_build_when

import generator
from generator.diagnostics import UserError
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.staging import MARK
from generator.site.engine.tree import write_tree


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kb: fel: "), result.stderr
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize(
    "folder", ["data", "data/intervention", "content", "content/nytt", ".", "..", ".git"]
)
@pytest.mark.parametrize("command", [["build", "--site-dir"], ["generate", "--out"]])
def test_the_project_s_sources_are_never_an_output_folder(
    make_project: Callable[..., Project], folder: str, command: list[str]
) -> None:
    project = make_project()
    (project.root / ".git").mkdir()
    (project.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = snapshot(project.root)
    assert_refused(kb_here(project, *command, folder), "välj en egen mapp")
    assert snapshot(project.root) == before


def test_the_generator_s_own_package_is_never_an_output_folder(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    package = Path(generator.__file__).parent
    for folder in (package, package / "rendering" / "templates", package.parent):
        with pytest.raises(UserError, match="välj en egen mapp"):
            build(project, folder)
    assert (package / "rendering" / "templates").is_dir()


def test_a_folder_with_files_kb_did_not_write_is_left_alone(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    photos = tmp_path / "semester"
    photos.mkdir()
    (photos / "bild.jpg").write_bytes(b"\xff\xd8")
    for command in (["build", "--site-dir"], ["generate", "--out"]):
        assert_refused(kb_here(project, *command, str(photos)), str(photos), "inte har skrivit")
    assert snapshot(photos) == {"bild.jpg": b"\xff\xd8"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".semester")] == []


def test_a_file_given_as_the_output_folder_is_left_alone(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    notes = tmp_path / "anteckningar.txt"
    notes.write_text("viktigt", encoding="utf-8")
    for write in (build, write_tree):
        with pytest.raises(UserError, match="ingen mapp"):
            write(project, notes)
    assert notes.read_text(encoding="utf-8") == "viktigt"


def test_kb_replaces_its_own_output_an_empty_folder_and_a_site_of_an_earlier_kb(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    site, tree, empty = tmp_path / "site", tmp_path / "tree", tmp_path / "tom"
    empty.mkdir()
    build(project, site)
    write_tree(project, tree)
    build(project, empty)
    assert (site / MARK).is_file() and (tree / MARK).is_file() and (empty / MARK).is_file()
    # Sites and trees of kb versions before the mark have kb's open data beside MkDocs'
    # sitemap or the derived mkdocs.yml: kb replaced them on every build, and still does.
    (site / MARK).unlink()
    (tree / MARK).unlink()
    (site / "gammal.html").write_text("gammal", encoding="utf-8")
    build(project, site)
    write_tree(project, tree)
    assert (site / MARK).is_file() and not (site / "gammal.html").exists()
    assert (tree / MARK).is_file()


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_the_site_and_the_tree_have_the_permissions_the_umask_gives(
    make_project: Callable[..., Project], tmp_path: Path, umask: int
) -> None:
    """As plain MkDocs: a web server running as another user can read every page."""
    project = make_project()
    previous = os.umask(umask)
    try:
        build(project, tmp_path / "site")
        write_tree(project, tmp_path / "tree")
    finally:
        os.umask(previous)
    for folder in (tmp_path / "site", tmp_path / "tree"):
        modes = {(p.is_dir(), p.stat().st_mode & 0o777) for p in [folder, *folder.rglob("*")]}
        assert modes == {(True, 0o777 & ~umask), (False, 0o666 & ~umask)}


def test_builds_into_one_folder_at_the_same_time_end_with_one_complete_site(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    out = tmp_path / "ut"
    site = out / "site"
    build(project, out / "reference")
    runs = [
        subprocess.Popen(
            [str(KB), "build", "--site-dir", str(site)],
            cwd=project.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(run.communicate(timeout=300)[1], run.returncode) for run in runs]
    assert [code for _, code in results] == [0, 0, 0], results
    assert not any("Traceback" in err for err, _ in results)
    assert site_files(site).keys() == site_files(out / "reference").keys()
    assert indexed_pages(site) == indexed_pages(out / "reference")
    assert sorted(p.name for p in out.iterdir()) == ["reference", "site"]


def test_the_next_build_clears_what_a_killed_build_left_beside_the_site(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    out = tmp_path / "ut"
    site = out / "site"
    build(project, site)
    kill_build_when(project, site, lambda staging: (staging / "assets").exists())
    assert list(out.glob(".site.*")), "the killed build left its staging folder"
    (out / ".site.anteckningar").mkdir()  # not kb's: kept
    build(project, site)
    assert sorted(p.name for p in out.iterdir()) == [".site.anteckningar", "site"]


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A small file system of its own (the tests run as root, as CI does)."""
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def test_a_full_disk_is_a_sentence_and_the_previous_site_stays(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    with tmpfs(tmp_path / "disk", "5m") as disk:  # room for one site (3.4 MB), not two
        assert kb(project, "build", "--site-dir", str(disk / "site")).returncode == 0
        before = snapshot(disk / "site")
        result = kb(project, "build", "--site-dir", str(disk / "site"))
        assert_refused(result, "disken är full", "är som förut")
        assert snapshot(disk / "site") == before
        assert [p.name for p in disk.iterdir()] == ["site"]


def test_a_read_only_destination_is_a_sentence_and_the_previous_site_stays(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    with tmpfs(tmp_path / "disk", "20m") as disk:
        assert kb(project, "build", "--site-dir", str(disk / "site")).returncode == 0
        before = snapshot(disk / "site")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for command in (
            ["build", "--site-dir", str(disk / "site")],
            ["generate", "--out", str(disk / "tree")],
        ):
            assert_refused(kb(project, *command), "skrivskyddat")
        assert snapshot(disk / "site") == before
