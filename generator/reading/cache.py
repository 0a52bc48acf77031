"""What unchanged record files said last time, so a repeated check skips reading their YAML.

Reading YAML is most of a check's time. Files are keyed on a hash of their bytes, and the
whole cache on the code that reads them (the reader's and the cache's source and PyYAML's
version), so an edited file, or a new reader, is always read again. Only files read the quick
way (without any problem) are kept, so every file with a problem is read and located as
before; and the cache holds what the YAML says, never a verdict: every record is validated on
every check.

Each file's data is kept as JSON (`encoded`, `decoded`), with the paths of its dates beside
it, and the cache file is a table of those entries by digest. JSON holds only plain data and
cannot say "the same list again", so nothing in the cache can run code or share a value. The
cache is a local file anyone with write access to the project could change, so an entry is
also held to the limits fresh input is held to: no larger than the file it stands for could
make it and no more values, so a tampered entry costs at most about what reading its file
would. A cache that cannot be read, or is of another version, is ignored and written anew,
and an entry that cannot be read or breaks a limit counts as missing: its file is read
again, and any problem in it reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(".kb") / "cache"
FILE = "records.bin"
DIGEST_BYTES = 20  # blake2b, as generator.reading.load keys files
_LENGTH = struct.Struct(">I")


def _version() -> bytes:
    """Changes whenever what reading a file gives, or how it is kept, could change."""
    here = Path(__file__)
    source = here.with_name("load.py").read_bytes() + here.read_bytes()
    return hashlib.sha256(source + f"|{yaml.__version__}|{FILE}".encode()).hexdigest().encode()


VERSION = _version()


class Unreadable(Exception):
    """A cache entry that is not what `encoded` writes, or breaks the reader's limits."""


@dataclass(frozen=True)
class Limits:
    """What the reader allows a file (generator.reading.load); its cache entry is held to
    the same."""

    max_nodes: int


# An entry takes about as many bytes as its file (a value costs JSON a comma or quotes, as
# YAML costs a dash or a colon), and a character is at most four UTF-8 bytes.
BYTES_PER_CHARACTER = 4
SLACK_BYTES = 1024


def encoded(data: Any) -> bytes:
    """A file's data as it is kept: its JSON, a line break (which JSON text never holds), and
    the paths of its dates, which JSON has no kind of value for."""
    dates: list[list[str | int]] = []
    _find_dates(data, [], dates)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_iso)
    return f"{text}\n{json.dumps(dates, separators=(',', ':'))}".encode()


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} does not belong in the cache")


def _find_dates(value: Any, path: list[str | int], found: list[list[str | int]]) -> None:
    if isinstance(value, dt.date):
        found.append(list(path))
    elif isinstance(value, dict):
        for key, item in value.items():
            _find_dates(item, [*path, key], found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _find_dates(item, [*path, i], found)


def decoded(entry: bytes) -> Any:
    """The data an entry keeps; raises Unreadable if it is not what `encoded` writes."""
    text, _, dates = entry.partition(b"\n")
    try:
        data = json.loads(text)
        for path in json.loads(dates):
            data = _with_date(data, path)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        raise Unreadable from exc
    return data


def _with_date(data: Any, path: list[Any]) -> Any:
    """`data` with the ISO date text at `path` made a date again."""
    if not path:
        return dt.date.fromisoformat(data)
    holder = data
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = dt.date.fromisoformat(holder[path[-1]])
    return data


def entry_for(entry: bytes, text: str, limits: Limits) -> Any:
    """The data a cache entry keeps for a file with `text`, if the reader could have made it
    from that text; raises Unreadable if not. Both limits are counted on the bytes, before
    anything is decoded: every value but the first follows a comma or opens a list or
    mapping, so these bound the number of values from above."""
    if len(entry) > BYTES_PER_CHARACTER * len(text) + SLACK_BYTES:
        raise Unreadable("larger than the file can give")
    values = entry.partition(b"\n")[0]
    if 1 + values.count(b",") + values.count(b"[") + values.count(b"{") > limits.max_nodes:
        raise Unreadable("more values than the reader allows")
    return decoded(entry)


def read(root: Path) -> dict[bytes, bytes]:
    """Entries for files read before (see `entry_for`), by the digest of their bytes; empty
    if there is no usable cache under `root`."""
    try:
        content = (root / FOLDER / FILE).read_bytes()
    except OSError:
        return {}
    version, _, table = content.partition(b"\n")
    if version != VERSION:
        return {}
    entries: dict[bytes, bytes] = {}
    at = 0
    try:
        while at < len(table):
            digest = table[at : at + DIGEST_BYTES]
            (length,) = _LENGTH.unpack_from(table, at + DIGEST_BYTES)
            start = at + DIGEST_BYTES + _LENGTH.size
            entries[digest] = table[start : start + length]
            at = start + length
    except struct.error:  # truncated or tampered with: start afresh
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
            file.write(VERSION + b"\n")
            for digest, entry in entries.items():
                file.write(digest + _LENGTH.pack(len(entry)) + entry)
        os.replace(temporary, folder / FILE)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
