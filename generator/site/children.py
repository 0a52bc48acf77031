"""Processes that `kb` starts (decap-server for `kb cms`, Pagefind for `kb serve`) never
outlive it, and a long-running `kb` ends on SIGTERM and SIGHUP as on Ctrl+C, so that it
stops them and clears what they were writing itself."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

# prctl(2): ask for a signal when the parent ends.
PR_SET_PDEATHSIG = 1


def ends_with(parent: int) -> Callable[[], None] | None:
    """What a child's process runs before its program starts (`preexec_fn`), so that it
    never outlives `kb`.

    On Linux the kernel itself sends the child SIGTERM when kb ends, however it ends:
    Ctrl+C, SIGTERM, SIGHUP or SIGKILL, which no handler in kb can see. That is the
    parent-death signal (prctl PR_SET_PDEATHSIG), the standard way, and the simplest robust
    one: it needs no watchdog process or thread (which would die with kb) and nothing of
    the child but that it ends on SIGTERM. If kb is already gone when the child gets this
    far, the child ends at once. It only calls prctl, getppid and kill, so it is safe in
    the forked child while other threads run. The signal comes when the thread that started
    the child ends, so a child is started from a thread that lives as long as the child is
    needed (kb cms: the main thread; kb serve: its indexing thread, which waits for
    Pagefind). Elsewhere (macOS) kb ends the child itself on every signal it can catch."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)

    return die_with_parent


def stop_on(*signals: signal.Signals) -> None:
    """End kb on these signals as on Ctrl+C, so that it closes its port and stops its
    children itself (SIGTERM and SIGHUP would otherwise end Python at once). Called from
    the main thread, where Python runs signal handlers."""

    def stop(signum: int, _: object) -> None:
        raise KeyboardInterrupt

    for number in signals:
        signal.signal(number, stop)
