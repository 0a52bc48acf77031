"""`sync_tree`: a generated tree is brought up to date by writing only what differs, so that
unchanged files keep their modification time and a dev server rebuilds only what changed."""

from pathlib import Path

from generator.site.engine.tree import Changes, sync_tree


def stat(path: Path) -> tuple[int, int]:
    return path.stat().st_ino, path.stat().st_mtime_ns


def test_an_empty_folder_gets_every_file(tmp_path: Path) -> None:
    source = tmp_path / "logo.svg"
    source.write_bytes(b"<svg/>")
    changes = sync_tree({"docs/a.md": "# Å\n", "docs/img/logo.svg": source}, tmp_path / "tree")
    assert changes == Changes(added=["docs/a.md", "docs/img/logo.svg"], updated=[], removed=[])
    assert (tmp_path / "tree" / "docs" / "a.md").read_text(encoding="utf-8") == "# Å\n"
    assert (tmp_path / "tree" / "docs" / "img" / "logo.svg").read_bytes() == b"<svg/>"


def test_only_changed_files_are_written_and_vanished_ones_removed(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    sync_tree(
        {"mkdocs.yml": "nav: []\n", "docs/a.md": "A", "docs/b.md": "B", "docs/old/c.md": "C"}, tree
    )
    before = {p: stat(p) for p in tree.rglob("*") if p.is_file()}

    changes = sync_tree(
        {"mkdocs.yml": "nav: []\n", "docs/a.md": "A2", "docs/b.md": "B", "docs/new.md": "N"}, tree
    )

    assert changes == Changes(
        added=["docs/new.md"], updated=["docs/a.md"], removed=["docs/old/c.md"]
    )
    assert changes.written == ["docs/new.md", "docs/a.md"]
    assert stat(tree / "mkdocs.yml") == before[tree / "mkdocs.yml"]
    assert stat(tree / "docs" / "b.md") == before[tree / "docs" / "b.md"]
    assert (tree / "docs" / "a.md").read_text(encoding="utf-8") == "A2"
    assert not (tree / "docs" / "old").exists()


def test_syncing_the_same_files_again_changes_nothing(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    files: dict[str, str | Path] = {"docs/a.md": "A", "docs/sub/b.md": "B"}
    sync_tree(files, tree)
    before = {p: stat(p) for p in tree.rglob("*")}
    assert sync_tree(files, tree) == Changes(added=[], updated=[], removed=[])
    assert {p: stat(p) for p in tree.rglob("*")} == before
