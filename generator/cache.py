"""What unchanged record files said last time, so a repeated check skips reading their YAML.

Reading YAML is most of a check's time. Files are keyed on a hash of their bytes, and the
whole cache on the code that reads them (the reader's and the cache's source and PyYAML's
version), so an edited file, or a new reader, is always read again. Only files read the quick
way (without any problem) are kept, so every file with a problem is read and located as
before; and the cache holds what the YAML says, never a verdict: every record is validated on
every check.

Each file's data is kept pickled on its own (`pickled`, `unpickled`): the loading job, which
may run on two cores, makes and reads these, so the cache file is a table of bytes written
and read whole, and no single process pickles all the data.

The cache is a local file anyone with write access to the project could change, so it is
read as data only (no class but `datetime.date` can be named in it), and an entry is held to
the limits fresh input is held to: no larger than the file it stands for could make it, no
more values, no deeper nesting, and no list or mapping shared (how alias bombs start), so a
tampered entry costs at most what reading its file would. A cache that cannot be read, or is
of another version, is ignored and written anew, and an entry that cannot be read or breaks a
limit counts as missing: its file is read again, and any problem in it reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(".kb") / "cache"
FILE = "records.pickle"


def _version() -> str:
    """Changes whenever what reading a file gives, or how it is kept, could change."""
    here = Path(__file__)
    source = here.with_name("load.py").read_bytes() + here.read_bytes()
    return hashlib.sha256(source + f"|{yaml.__version__}|{FILE}".encode()).hexdigest()


VERSION = _version()


class _DataOnly(pickle.Unpickler):
    """Unpickles plain data: a pickle naming any class but a date is refused, so a changed
    cache file can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("datetime", "date"):
            return dt.date
        raise pickle.UnpicklingError(f"{module}.{name} hör inte hemma i cachen")


def pickled(data: Any) -> bytes:
    """A file's data as it is kept in the cache."""
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


class Unreadable(Exception):
    """A cache entry that is not plain data (not bytes, truncated or tampered with)."""


def unpickled(entry: bytes) -> Any:
    """The data kept in a cache entry; raises Unreadable if it is not plain data."""
    try:
        return _DataOnly(io.BytesIO(entry)).load()
    except Exception as exc:
        raise Unreadable from exc


@dataclass(frozen=True)
class Limits:
    """What the reader allows a file (generator.load): its cache entry is held to the same."""

    max_nodes: int
    max_depth: int


# An entry takes about as many bytes as its file (a value costs pickle a byte or two of
# framing, as YAML costs a comma or a dash), and a character is at most four UTF-8 bytes.
BYTES_PER_CHARACTER = 4
SLACK_BYTES = 1024


def entry_for(entry: bytes, text: str, limits: Limits) -> Any:
    """The data a cache entry keeps for a file with `text`, if the reader could have made it
    from that text; raises Unreadable if not (see the module's docstring)."""
    if len(entry) > BYTES_PER_CHARACTER * len(text) + SLACK_BYTES:
        raise Unreadable("större än filen kan ge")
    data = unpickled(entry)
    _Walk(limits).visit(data, 0)
    return data


_SCALARS = (str, int, float, bool, type(None), dt.date)


class _Walk:
    """Visits data as the reader builds it, counting every value as the reader counts nodes:
    a value met twice counts twice, so the walk stops as soon as the reader would have."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.count = 0
        self.collections: set[int] = set()

    def visit(self, value: Any, depth: int) -> None:
        self.count += 1
        if self.count > self.limits.max_nodes or depth > self.limits.max_depth:
            raise Unreadable("fler värden eller djupare nästling än läsaren tillåter")
        if isinstance(value, _SCALARS) and not isinstance(value, dt.datetime):
            return
        if not isinstance(value, dict | list) or id(value) in self.collections:
            raise Unreadable("inte data som läsaren ger")
        self.collections.add(id(value))
        if isinstance(value, list):
            for item in value:
                self.visit(item, depth + 1)
            return
        for key, item in value.items():
            if not isinstance(key, str):
                raise Unreadable("en nyckel som inte är text")
            self.visit(item, depth + 1)


def read(root: Path) -> dict[bytes, bytes]:
    """Entries for files read before (see `unpickled`), by the digest of their bytes; empty
    if there is no usable cache under `root`."""
    try:
        with (root / FOLDER / FILE).open("rb") as file:
            version, entries = _DataOnly(file).load()
    except Exception:  # missing, unreadable, truncated or tampered with: start afresh
        return {}
    if version != VERSION or not isinstance(entries, dict):
        return {}
    return entries


def write(root: Path, entries: dict[bytes, bytes], previous: dict[bytes, bytes]) -> None:
    """Save `entries` under `root` if they differ from `previous` (what was read), replacing
    the file whole so a reader never sees half of it. A project where it cannot be written
    (read-only) is checked all the same, only without a cache."""
    if entries.keys() == previous.keys():
        return
    folder = root / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{FILE}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump((VERSION, entries), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / FILE)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
