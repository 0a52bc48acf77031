"""What unchanged record files said last time, so a repeated check skips reading their YAML.

Reading YAML is most of a check's time. Files are keyed on a hash of their bytes, and the
whole cache on the code that reads them (the reader's and the cache's source and PyYAML's
version), so an edited file, or a new reader, is always read again. Only files read the quick
way (without any problem) are kept, so every file with a problem is read and located as
before; and the cache holds what the YAML says, never a verdict: every record is validated on
every check.

Each file's data is kept pickled on its own (`pickled`, `unpickled`): the loading job, which
runs on two cores, makes and reads these, and the cache file is then a table of bytes that
is written and read whole in a few milliseconds (one pickle of all the data took a tenth of
a large check, on one core).

The cache is a local file anyone with write access to the project could change, so it is
read as data only (no class but `datetime.date` can be named in it); a cache that cannot be
read, or is of another version, is ignored and written anew, and an entry that cannot be
read counts as missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import tempfile
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
