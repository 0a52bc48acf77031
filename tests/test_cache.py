"""The cache of read files: a repeated check reads no unchanged YAML, yet finds every problem
in a changed file at its place, and a cache that is corrupt, old or tampered with is ignored."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checking.check import check
from generator.reading import cache, load
from generator.reading.project import Project


class Attack:
    """Pickled, it names code that would create `marker` if a reader ran it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.system, (f"touch {self.marker}",)


def formatted(project: Project) -> tuple[list[str], list[str]]:
    records, problems = check(project)
    return sorted(r.id for r in records), [p.format() for p in problems]


@pytest.fixture
def count_readings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts YAML is parsed from (the quick way) from now on."""
    read: list[str] = []
    real = load._plain

    def counting(text: str) -> object:
        read.append(text)
        return real(text)

    monkeypatch.setattr(load, "_plain", counting)
    return read


def test_a_repeated_check_reads_no_unchanged_file_and_finds_the_same(
    make_project: Callable[..., Project], count_readings: list[str]
) -> None:
    project = make_project()
    first = formatted(project)
    assert len(count_readings) == 4
    assert (project.root / cache.FOLDER / cache.FILE).is_file()
    count_readings.clear()
    assert formatted(project) == first
    assert count_readings == []


def test_a_changed_file_is_read_again_and_its_problem_located(
    make_project: Callable[..., Project], count_readings: list[str]
) -> None:
    project = make_project()
    formatted(project)
    steg = project.data_dir / "process" / "steg.yaml"
    steg.write_text(
        steg.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", "reviewed: igår"),
        encoding="utf-8",
    )
    count_readings.clear()
    _, problems = formatted(project)
    assert len(count_readings) == 1
    assert problems == [
        "data/process/steg.yaml:4:11: error: 'reviewed' ska vara ett datum "
        "(ÅÅÅÅ-MM-DD), inte 'igår'"
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a cache",
        b"another version\n",
        cache.VERSION + b"\ncut short",
    ],
)
def test_a_corrupt_or_old_cache_is_ignored_and_replaced(
    make_project: Callable[..., Project], content: bytes
) -> None:
    project = make_project()
    expected = formatted(project)
    path = project.root / cache.FOLDER / cache.FILE
    path.write_bytes(content)
    assert formatted(project) == expected
    assert cache.read(project.root) != {}


def test_a_pickle_in_place_of_the_cache_never_runs(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"

    project = make_project()
    expected = formatted(project)
    (project.root / cache.FOLDER / cache.FILE).write_bytes(
        pickle.dumps((cache.VERSION, {b"x": Attack(marker)}))
    )
    assert formatted(project) == expected
    assert not marker.exists()


def test_an_entry_naming_code_never_runs_it_and_its_file_is_read_again(
    make_project: Callable[..., Project], tmp_path: Path, count_readings: list[str]
) -> None:
    """Each file's data is kept as JSON on its own; anything else in its place is refused,
    and only that file is read again."""
    marker = tmp_path / "pwned"

    project = make_project()
    expected = formatted(project)
    entries = cache.read(project.root)
    tampered = next(iter(entries))
    cache.write(project.root, {**entries, tampered: pickle.dumps(Attack(marker))}, {})
    count_readings.clear()
    assert formatted(project) == expected
    assert not marker.exists()
    assert len(count_readings) == 1


def test_old_data_for_the_same_bytes_is_not_used_by_another_reader(
    make_project: Callable[..., Project],
) -> None:
    """The version ties the cache to the reading code: data cached by another version, even
    for a file's exact bytes, is never taken."""
    project = make_project()
    expected = formatted(project)
    cache.write(
        project.root, {key: cache.encoded({"id": "fel"}) for key in cache.read(project.root)}, {}
    )
    path = project.root / cache.FOLDER / cache.FILE
    path.write_bytes(path.read_bytes().replace(cache.VERSION, b"0" * len(cache.VERSION), 1))
    assert formatted(project) == expected


def test_a_project_where_the_cache_cannot_be_written_is_checked_all_the_same(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    (project.root / ".kb").mkdir()
    (project.root / cache.FOLDER).write_text("en fil där mappen borde vara", encoding="utf-8")
    assert formatted(project)[1] == []
    assert formatted(project)[1] == []


@pytest.mark.parametrize(
    "tampered",
    [
        pytest.param(
            lambda entry: cache.encoded({**cache.decoded(entry), "summary": "x" * 10_000}),
            id="larger than its file",
        ),
        pytest.param(
            lambda entry: cache.encoded({**cache.decoded(entry), "keywords": ["x"] * 120}),
            id="more values than a file may hold",
        ),
        pytest.param(
            lambda entry: entry.replace(b"\n[", b'\n[["title"],'), id="a date that is not one"
        ),
        pytest.param(lambda entry: b"[" * 1000, id="deeper than anything the reader gives"),
        pytest.param(lambda entry: entry[:-5], id="cut short"),
    ],
)
def test_an_entry_beyond_the_readers_limits_is_not_taken_and_its_file_is_read_again(
    make_project: Callable[..., Project],
    count_readings: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tampered: Callable[[bytes], bytes],
) -> None:
    """Whoever can write the cache cannot make a check do more than reading the file would:
    an entry is held to the limits fresh input is held to (here, a file may hold 100 values)."""
    monkeypatch.setattr(load, "_LIMITS", cache.Limits(max_nodes=100))
    project = make_project()
    expected = formatted(project)
    entries = cache.read(project.root)
    steg = (project.data_dir / "process" / "steg.yaml").read_bytes()
    key = hashlib.blake2b(steg, digest_size=20).digest()
    entries[key] = tampered(entries[key])
    cache.write(project.root, entries, {})
    count_readings.clear()
    assert formatted(project) == expected
    assert count_readings == [steg.decode()]
