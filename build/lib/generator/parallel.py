"""Work shared with a second core: a forked child sends its results back through a pipe.

Loading ten thousand record files or rendering ten thousand pages is the same small job
repeated, and pure Python, so one process uses one core. A forked child already has every
record and compiled template in memory; only its results travel back, pickled through a
pipe. Small lists stay in one process, where a fork would cost more than it saves.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the work is done in this process (a fork and the pipe cost a few
# tens of milliseconds with a large heap; a small knowledge base takes about that in all).
PARALLEL_FROM = 1_000


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def can_fork() -> bool:
    """A second core, and no other thread: a fork copies only the calling thread, so a lock
    another thread holds (a server's, a logger's) would stay locked forever in the child."""
    return hasattr(os, "fork") and _cores() >= 2 and threading.active_count() == 1


class ChildEnded(Exception):
    """The child ended before it sent what was asked for (killed, or out of memory)."""


class _Failure:
    """An exception raised in the child, on its way to be raised again here."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.trace = "".join(traceback.format_exception(exc))


class Child:
    """A forked child running `job(send)`: each object it sends is `receive()`d here, in
    order. An exception in the job is raised again by `receive()`, with the child's
    traceback attached as a note, so it reads as if it had happened here."""

    def __init__(self, job: Callable[[Callable[[Any], None]], None]) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: run the job, and leave without any cleanup
            os.close(read_end)
            status = 1
            try:
                with os.fdopen(write_end, "wb") as pipe:

                    def send(item: Any) -> None:
                        # Pickled whole first: a pipe holds 64 KB, and pickling straight into
                        # it would stall the work until the parent reads. Then sent at once:
                        # the parent may be waiting for it.
                        pipe.write(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
                        pipe.flush()

                    try:
                        job(send)
                    except BaseException as exc:  # every failure goes back
                        _send_failure(pipe, exc)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pipe = os.fdopen(read_end, "rb")

    def receive(self) -> Any:
        try:
            item = pickle.load(self._pipe)
        except EOFError:
            raise ChildEnded from None
        if isinstance(item, _Failure):
            item.exc.add_note(f"i en annan process:\n{item.trace}")
            raise item.exc
        return item

    def close(self) -> None:
        """End the child if it still runs (its results are no longer wanted) and reap it."""
        self._pipe.close()
        if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _send_failure(pipe: Any, exc: BaseException) -> None:
    try:
        data = pickle.dumps(_Failure(exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # one that cannot travel goes as its text
        data = pickle.dumps(_Failure(RuntimeError("".join(traceback.format_exception(exc)))))
    pipe.write(data)


def split_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[func(item) for item in items]`, the second half in a forked child when it pays.

    The results are the same either way; if the child ends without delivering its half, its
    half is done here instead, so an error is raised (and reported) as it would be."""
    if len(items) < PARALLEL_FROM or not can_fork():
        return [func(item) for item in items]
    half = len(items) // 2
    child = Child(lambda send: send([func(item) for item in items[half:]]))
    try:
        first = [func(item) for item in items[:half]]
        try:
            second: list[R] = child.receive()
        except ChildEnded:
            second = [func(item) for item in items[half:]]
    finally:
        child.close()
    return first + second
