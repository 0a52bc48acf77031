"""Which files kb reads from a project: regular files in real folders, and nothing else.

A symbolic link or a special file (a device, a pipe, a socket) in `data/` or the content
folder could make kb read what lies outside the project — a system file, or `/proc`'s view
of a process's environment, which on a CI machine holds its secrets — and copy it into the
public site or quote it in a message. Every reader of the project's files gets them from
`scan`, which never follows a link and reports each one at its path instead; what a link
points to is never opened.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic
from generator.locale import message


@dataclass
class Scan:
    """The regular files under a folder, as (their path's parts below it, their path), and
    the parts of every entry refused (links and special files)."""

    files: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    refused: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # (parts, kind)


def scan(folder: str, *, hidden: bool = False, skip: frozenset[str] = frozenset()) -> Scan:
    """Every regular file under `folder` (hidden ones too if `hidden`), not entering the
    top-level folders named in `skip`; a `folder` that is itself a link holds nothing."""
    found = Scan()
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return found
    except OSError:
        return found
    _walk(folder, (), found, hidden, skip)
    found.files.sort()
    found.refused.sort()
    return found


def _walk(
    folder: str, parts: tuple[str, ...], found: Scan, hidden: bool, skip: frozenset[str]
) -> None:
    try:
        with os.scandir(folder) as entries_scan:
            entries = list(entries_scan)
    except PermissionError:
        return
    for entry in entries:
        if entry.name.startswith(".") and not hidden:
            continue
        here = (*parts, entry.name)
        if entry.is_symlink():
            found.refused.append((here, message("messages.discovery.link")))
        elif entry.is_dir(follow_symlinks=False):
            if not (parts == () and entry.name in skip):
                _walk(entry.path, here, found, hidden, skip)
        elif entry.is_file(follow_symlinks=False):
            found.files.append((here, entry.path))
        else:
            found.refused.append((here, message("messages.discovery.special")))


def refused_problems(under: str, found: Scan) -> list[Diagnostic]:
    """Each refused entry as an error at its path (`under` is the folder's path as shown)."""
    return [
        Diagnostic(
            "/".join((under, *parts)),
            1,
            1,
            "error",
            message("messages.discovery.refused", kind=kind),
            message("messages.discovery.refused_hint"),
        )
        for parts, kind in found.refused
    ]
