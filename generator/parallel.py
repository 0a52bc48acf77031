"""Work shared with a second core: half of a list is mapped in a forked child process.

Loading ten thousand record files or rendering ten thousand pages is the same small job
repeated, and pure Python, so one process uses one core. A forked child already has every
record and compiled template in memory; only its results travel back, pickled through a
pipe. Small lists stay in one process, where a fork would cost more than it saves.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the work is done in this process (a fork and the pipe cost a few
# tens of milliseconds with a large heap; a small knowledge base takes about that in all).
PARALLEL_FROM = 1_000


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def _can_fork() -> bool:
    """A second core, and no other thread: a fork copies only the calling thread, so a lock
    another thread holds (a server's, a logger's) would stay locked forever in the child."""
    return hasattr(os, "fork") and _cores() >= 2 and threading.active_count() == 1


def split_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[func(item) for item in items]`, the second half in a forked child when it pays.

    The results are the same either way; if the child fails for any reason, its half is
    done here instead, so an error is raised (and reported) as it would be without it."""
    if len(items) < PARALLEL_FROM or not _can_fork():
        return [func(item) for item in items]
    half = len(items) // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: map the second half, send it, and leave without cleanup
        os.close(read_end)
        status = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump([func(item) for item in items[half:]], pipe,
                            protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    first = [func(item) for item in items[:half]]
    return first + _collect(pid, read_end, lambda: [func(item) for item in items[half:]])


def _collect(pid: int, read_end: int, redo: Callable[[], list[R]]) -> list[R]:
    """The child's results, or `redo()` if it did not deliver them."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return redo()
    results: list[R] = pickle.loads(data)
    return results
