"""Output folders are replaced whole: the new one is made beside the old and swapped in only
when it is complete, so a failed or interrupted run never leaves a half-written site or tree.

Replacing a folder deletes it, so `kb` first makes sure the folder is its own: never a
project's sources, and never a folder with files `kb` did not write. Every folder `kb` writes
carries a mark (`MARK`) that says so. One run at a time replaces a folder (a lock on the
folder it lies in), and that run clears what a killed run left beside it.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import generator
from generator.diagnostics import UserError
from generator.locale import message

# The file in every folder kb writes: a site, a generated tree, and their staging folders.
MARK = ".kb-output"
_MARK_TEXT = message("messages.staging.mark") + "\n"
# Files kb versions before the mark wrote and no other program does (the open data index),
# with one that MkDocs writes into every site, or the derived config of a generated tree.
_EARLIER_SITE = ("data/insatser.json", "sitemap.xml")
_EARLIER_TREE = ("docs/data/insatser.json", "mkdocs.yml")

log = logging.getLogger("mkdocs.kb")


def protected_folders(root: Path, content_dir: Path) -> list[Path]:
    """What an output folder may never be, contain or lie in: the project's sources, its
    repository and the generator itself (the project root only may hold an output folder)."""
    return [root / "data", content_dir, root / ".git", Path(generator.__file__).parent]


def refusal(target: Path, root: Path, content_dir: Path) -> str | None:
    """Why `target` may not be replaced by kb, in Swedish, or None if it may."""
    target = target.resolve()
    root = root.resolve()
    if target == root or target in root.parents:
        return message("messages.staging.holds_project", target=target, root=root)
    for folder in (f.resolve() for f in protected_folders(root, content_dir)):
        if target == folder or folder.is_relative_to(target) or target.is_relative_to(folder):
            return message("messages.staging.protected", target=target, folder=folder)
    if target.exists() and not target.is_dir():
        return message("messages.staging.not_a_folder", target=target)
    if target.is_dir() and any(target.iterdir()) and not written_by_kb(target):
        return message("messages.staging.foreign_files", target=target)
    return None


def ensure_replaceable(target: Path, root: Path, content_dir: Path) -> None:
    """Raise UserError if `target` is not kb's to replace (see `refusal`): called before any
    work, so a mistaken folder costs nothing and nothing is touched."""
    reason = refusal(target, root, content_dir)
    if reason:
        raise UserError(reason)


def written_by_kb(folder: Path) -> bool:
    """Whether `folder` is kb's output: it carries the mark, or it is a site or tree of a kb
    version from before the mark (its open data index, beside MkDocs' sitemap or the derived
    mkdocs.yml), which earlier versions replaced on every build."""
    if (folder / MARK).is_file():
        return True
    return any(
        all((folder / rel).is_file() for rel in files) for files in (_EARLIER_SITE, _EARLIER_TREE)
    )


def _mark(folder: Path) -> None:
    (folder / MARK).write_text(_MARK_TEXT, encoding="utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _locked(parent: Path, target: Path) -> Iterator[None]:
    """Hold the lock on `parent` for replacing `target`: a second run waits, and says so."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning(message("messages.staging.waiting", target=target))
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _clear_leftovers(target: Path) -> None:
    """Remove staging folders and old copies a killed run left beside `target` (only
    folders with kb's mark; the caller holds the lock, so no other run is using them)."""
    for path in target.parent.glob(f".{target.name}.*"):
        if path.is_dir() and not path.is_symlink() and (path / MARK).is_file():
            shutil.rmtree(path)


# The refusals kb users meet, by their names in the locale's `messages.staging.reasons`.
_REASONS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "quota",
    errno.EROFS: "read_only",
    errno.EACCES: "access",
    errno.EPERM: "not_permitted",
    errno.ENOENT: "missing",
    errno.EADDRINUSE: "address_in_use",
    errno.EADDRNOTAVAIL: "address_not_here",
}


def reason(exc: OSError) -> str:
    """Why the operating system refused, in Swedish where kb users meet it."""
    name = _REASONS.get(exc.errno or 0)
    return message(f"messages.staging.reasons.{name}") if name else exc.strerror or str(exc)


def fault(exc: OSError) -> str:
    """An operating system's refusal as one Swedish sentence that names the file."""
    return f"{exc.filename}: {reason(exc)}" if exc.filename else reason(exc)


@contextmanager
def replacing(target: Path, root: Path, content_dir: Path) -> Iterator[Path]:
    """A new, empty folder beside `target` to fill; it takes `target`'s place when the block
    ends without an error, and is removed when it does not. Raises UserError, before
    touching anything, if `target` is not kb's to replace (see `refusal`), and with the
    reason if the system refuses to write (a full disk, a read-only folder)."""
    target = target.resolve()
    ensure_replaceable(target, root, content_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent, target):
            ensure_replaceable(target, root, content_dir)  # another run may have been first
            _clear_leftovers(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
            try:
                # mkdtemp makes a private folder; a site is as readable as MkDocs makes it.
                staging.chmod(0o777 & ~_umask())
                _mark(staging)
                yield staging
                _mark(staging)  # again: a tree is synced to exactly its files
                _replace_dir(staging, target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as exc:
        raise UserError(
            message("messages.staging.unchanged", fault=fault(exc), target=target)
        ) from exc


def _replace_dir(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
