"""Work shared with a second core, through the standard library's `multiprocessing`.

Loading many record files or rendering many pages is the same small job repeated, and pure
Python, so one process uses one core; and a check has work that needs no typed record (each
file's markup), which can run beside validation. A child started by forking already has
every record and compiled template in memory, so the job itself is never pickled; only its
results travel back, through a `multiprocessing` pipe. Small lists stay in one process,
where starting a child would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the work is done in this process (see bench/README.md).
PARALLEL_FROM = 1_000

_FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def _cores() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def can_fork() -> bool:
    """A second core, and no other thread: a fork copies only the calling thread, so a lock
    another thread holds (a server's, a logger's) would stay locked forever in the child."""
    return _FORK is not None and _cores() >= 2 and threading.active_count() == 1


class ChildEnded(Exception):
    """The child ended before it sent what was asked for (killed, or out of memory)."""


class _Failure:
    """An exception raised in the child, on its way to be raised again here."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.trace = "".join(traceback.format_exception(exc))


def _run(job: Callable[[Callable[[Any], None]], None], sender: Connection) -> None:
    """The child's work: every object `job` sends, then any failure, goes back to the parent."""
    with sender:
        try:
            job(sender.send)
        except BaseException as exc:  # every failure goes back
            try:
                sender.send(_Failure(exc))
            except Exception:  # one that cannot travel goes as its text
                sender.send(_Failure(RuntimeError("".join(traceback.format_exception(exc)))))


class Child:
    """A forked child running `job(send)`: each object it sends is `receive()`d here, in
    order. An exception in the job is raised again by `receive()`, with the child's
    traceback attached as a note, so it reads as if it had happened here."""

    def __init__(self, job: Callable[[Callable[[Any], None]], None]) -> None:
        assert _FORK is not None, "can_fork() says whether a child can be started"
        self._receiver, sender = _FORK.Pipe(duplex=False)
        # Not a daemon: a daemon may not start children, and the child's own work may be
        # shared again (kb build's child loads many files with split_map).
        self._process = _FORK.Process(target=_run, args=(job, sender))
        self._process.start()
        sender.close()  # the child's end: once the child closes it too, receive() sees EOF
        assert self._process.pid is not None  # a started process has one
        self.pid: int = self._process.pid

    def receive(self) -> Any:
        try:
            item = self._receiver.recv()
        except EOFError:
            raise ChildEnded from None
        if isinstance(item, _Failure):
            item.exc.add_note(f"i en annan process:\n{item.trace}")
            raise item.exc
        return item

    def close(self) -> None:
        """End the child if it still runs (its results are no longer wanted) and reap it."""
        self._receiver.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._process.close()


def split_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[func(item) for item in items]`, the second half in a forked child when it pays."""
    half = len(items) // 2
    second, first = alongside(
        lambda: [func(item) for item in items[half:]],
        lambda: [func(item) for item in items[:half]],
        items=len(items),
    )
    return first + second


def alongside(there: Callable[[], T], here: Callable[[], R], *, items: int) -> tuple[T, R]:
    """`(there(), here())`, with `there` run in a forked child while `here` runs in this
    process, when the two work through `items` things, enough for a child to pay, and a
    child can be started. The results are the same either way: if the child ends without
    delivering, `there` is run here instead, so that an error is raised (and reported) as
    it would be."""
    if items < PARALLEL_FROM or not can_fork():
        ours = here()  # first, as when there is a child: an error here is the one raised
        return there(), ours
    child = Child(lambda send: send(there()))
    try:
        ours = here()
        try:
            theirs: T = child.receive()
        except ChildEnded:
            theirs = there()
    finally:
        child.close()
    return theirs, ours
