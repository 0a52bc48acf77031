"""What unchanged record files said last time, so a repeated check skips reading their YAML.

Reading YAML is most of a check's time. Files are keyed on a hash of their bytes, and the
whole cache on the code that reads them (the reader's source and PyYAML's version), so an
edited file, or a new reader, is always read again. Only files read the quick way (without
any problem) are kept, so every file with a problem is read and located as before; and the
cache holds what the YAML says, never a verdict: every record is validated on every check.

The cache is a local file anyone with write access to the project could change, so it is
read as data only (no class but `datetime.date` can be named in it); a cache that cannot be
read, or is of another version, is ignored and written anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator import load

FOLDER = Path(".kb") / "cache"
FILE = "records.pickle"


def _version() -> str:
    """Changes whenever what reading a file gives could change."""
    source = Path(load.__file__).read_bytes()
    return hashlib.sha256(source + f"|{yaml.__version__}|{FILE}".encode()).hexdigest()


VERSION = _version()


class _DataOnly(pickle.Unpickler):
    """Unpickles plain data: a pickle naming any class but a date is refused, so a changed
    cache file can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("datetime", "date"):
            return dt.date
        raise pickle.UnpicklingError(f"{module}.{name} hör inte hemma i cachen")


def read(root: Path) -> dict[bytes, Any]:
    """Data of files read before, by the digest of their bytes; empty if there is no usable
    cache under `root`."""
    try:
        with (root / FOLDER / FILE).open("rb") as file:
            version, entries = _DataOnly(file).load()
    except Exception:  # missing, unreadable, truncated or tampered with: start afresh
        return {}
    if version != VERSION or not isinstance(entries, dict):
        return {}
    return entries


def write(root: Path, entries: dict[bytes, Any], previous: dict[bytes, Any]) -> None:
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
