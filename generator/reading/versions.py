"""The versions each record file has had, read from the project's git repository.

A reader relies on a method's verdicts, ages and costs, and needs to know what changed and
when; the repository already holds every version of every record file, so the history is read
from it at build time instead of being kept by hand. The whole of `data/` is read with one
`git log` (each commit's changed files, with their blobs, renames followed) and the blobs with
one `git cat-file --batch`, so a build of 10,000 records starts two processes, not one per
record (bench/README.md). Each version is parsed here, as any record file is; comparing
versions is the model's work (generator/model/changes.py).

Outside a git checkout, without git, or in a shallow clone (whose history is cut short and so
would show a record's oldest kept version as its beginning) the history is unavailable, and
the pages say so; a build never fails for it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.parallel import split_map
from generator.reading.load import version_data

# Options that keep `git log`'s output the same whatever the user's or system's git config
# says (signatures shown, renames off, an external diff).
_GIT = ("git", "-c", "log.showSignature=false", "-c", "core.quotePath=false")
# Each commit's header in the log: its id and its author date (strict ISO 8601).
_FORMAT = "--format=%H %aI"
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Version:
    """One committed version of a record file: the commit, its author date and the file's
    data then (None if it could not be read as a record file)."""

    commit: str
    when: dt.datetime
    data: Any


@dataclass(frozen=True)
class History:
    """Every record file's committed versions, oldest first, by `type/id` (its path in
    `data/` without the extension, under the name it has now); `available` is False when
    the repository's history could not be read at all."""

    available: bool
    files: Mapping[str, tuple[Version, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def of(self, type_name: str, record_id: str) -> tuple[Version, ...]:
        """The versions of one record's file, oldest first (none if it was never committed)."""
        return self.files.get(f"{type_name}/{record_id}", ())


UNAVAILABLE = History(available=False)


def _git(folder: Path, *args: str, given: bytes | None = None) -> bytes | None:
    """A git command's output, or None if git is missing or the command fails."""
    try:
        done = subprocess.run(
            [*_GIT, *args], cwd=folder, input=given, capture_output=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


# Each version's data by its blob: a blob never changes, so `kb serve` reads only the
# versions committed since its last generation.
_PARSED: dict[str, Any] = {}


def read_history(data_dir: Path, parsed: Collection[str] = ()) -> History:
    """The history of every record file in `data_dir` (see the module's docstring). Only
    the versions of files in the folders `parsed` (the types whose changes pages list) are
    read and parsed; of the others, the dates are enough."""
    if shutil.which("git") is None or not data_dir.is_dir():
        return UNAVAILABLE
    shallow = _git(data_dir, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != b"false":
        return UNAVAILABLE
    log = _git(
        data_dir,
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "-M",
        "--relative",
        "--first-parent",
        "-m",
        _FORMAT,
        "--",
        ".",
    )
    if log is None:
        return UNAVAILABLE
    changes = list(_changes(log.decode("utf-8", "replace")))
    wanted = {blob for key, _, _, blob in changes if key.partition("/")[0] in parsed}
    new = sorted(wanted - _PARSED.keys() - {_NO_BLOB})
    contents = _blobs(data_dir, new) if new else {}
    if contents is None:
        return UNAVAILABLE
    read = [blob for blob in new if blob in contents]
    _PARSED.update(zip(read, split_map(version_data, [contents[b] for b in read]), strict=True))
    files: dict[str, list[Version]] = {}
    for key, commit, when, blob in changes:
        files.setdefault(key, []).append(Version(commit, when, _PARSED.get(blob)))
    return History(
        available=True,
        files=MappingProxyType({key: tuple(reversed(found)) for key, found in files.items()}),
    )


def _record_key(path: str) -> str | None:
    """`intervention/pmto.yaml` -> `intervention/pmto`; None for any other file in data/."""
    parts = path.split("/")
    if len(parts) != 2 or not parts[1].endswith(".yaml"):
        return None
    return f"{parts[0]}/{parts[1].removesuffix('.yaml')}"


def _changes(log: str) -> Iterator[tuple[str, str, dt.datetime, str]]:
    """Each change to a record file, newest first, as (the file's key under its present
    name, commit, author date, blob of the new version): renames are followed back, and a
    path's history before it was added (a file deleted and written again) is not its own."""
    tokens = iter(log.split("\0"))
    # A path as it was at the point reached, going back -> its present key (None: from here
    # back, another file's history).
    present: dict[str, str | None] = {}
    commit, when = "", dt.datetime.min
    for token in tokens:
        token = token.lstrip("\n")
        if not token:
            continue
        if not token.startswith(":"):
            commit, _, date = token.partition(" ")
            when = dt.datetime.fromisoformat(date)
            continue
        *_, blob, status = token.split(" ")
        old = next(tokens)
        new = next(tokens) if status[0] in "RC" else old
        key = present.get(new, _record_key(new))
        if status[0] in "AR":
            present[new] = None
        if status[0] == "R":
            present[old] = key
        if key is not None and status[0] != "D":
            yield key, commit, when, blob


def _blobs(folder: Path, blobs: list[str]) -> dict[str, str] | None:
    """The text of each blob, read with one `git cat-file --batch`."""
    out = _git(folder, "cat-file", "--batch", given="".join(f"{b}\n" for b in blobs).encode())
    if out is None:
        return None
    found: dict[str, str] = {}
    at = 0
    for blob in blobs:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].decode().split(" ")
        at = header_end + 1
        if len(header) != 3:  # `<blob> missing`: no content follows
            continue
        end = at + int(header[2])
        if header[0] == blob and header[1] == "blob":
            found[blob] = out[at:end].decode("utf-8", "replace")
        at = end + 1
    return found
