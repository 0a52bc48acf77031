"""Processes that `kb` starts (decap-server and npm for `kb cms`, Pagefind for `kb serve`)
never outlive it, and one signal stops a long-running `kb` within a bounded time, whatever it
is doing, with one Swedish line.

`kb serve` and `kb cms` stop on SIGINT (Ctrl+C), SIGTERM (`kill`, a service manager, make
passing on its own SIGTERM) and SIGHUP (a closed terminal), during a build, a rebuild,
Pagefind's indexing, a request held open or idle: the handler (`stop_on_signals`) ends every
child, lets the parts that must clear up after a child do so within a bound (`on_stop`),
prints its line and ends the process. Everything else (threads, sockets, the listening port)
ends with the process, so no thread has to cooperate, and none can keep kb running.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

# prctl(2): ask for a signal when the parent ends.
PR_SET_PDEATHSIG = 1
# The signals that stop `kb serve` and `kb cms` (see `stop_on_signals`).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# How long a stop waits for children to end on SIGTERM before it kills them (SIGKILL), and
# for each clean-up after them: bounds on waiting, so that a stop takes at most a few
# seconds, however a child or a thread behaves.
CHILD_BOUND = 1.5
CLEAN_UP_BOUND = 1.5


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


class _Stop:
    """What a stop needs, set once by `stop_on_signals`: the process that stops (a child
    forked from it inherits the handler, and must not print or end kb's children), its
    line, the children that may still run and the clean-ups after them."""

    owner = 0
    line = ""
    begun = False
    started: ClassVar[set[subprocess.Popen[str]]] = set()
    clean_ups: ClassVar[list[Callable[[], None]]] = []


def stopping() -> bool:
    """Whether kb has begun to stop: a child that fails from now on was ended by the stop,
    and is no failure to report, and no new child may start."""
    return _Stop.begun


def on_stop(clean_up: Callable[[], None]) -> None:
    """Run `clean_up` when kb stops, after every child has ended. It must wait for nothing
    longer than CLEAN_UP_BOUND (a join with that timeout, say): kb ends after it anyway."""
    _Stop.clean_ups.append(clean_up)


def start(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
    stderr: int | None = subprocess.PIPE,
    nice: int = 0,
) -> subprocess.Popen[str]:
    """A child that ends when kb stops, however it stops.

    It gets a process group of its own, so that a stop ends whatever it started in turn (npm's
    scripts, a wrapper's program) with one `killpg`, and a Ctrl+C meant for kb reaches it
    only through kb, which ends it and waits for it; it reads nothing (its standard input is
    /dev/null), as a process outside the terminal's foreground group that read the terminal
    would be stopped, and then not end on SIGTERM. It dies with kb (`ends_with`), and runs at
    a lower priority if `nice` says so (both only make system calls, so they are safe in the
    forked child while other threads run). A child started while kb stops is ended at once."""
    die_with_parent = ends_with(os.getpid())

    def before_exec() -> None:
        if die_with_parent is not None:
            die_with_parent()
        if nice:
            os.nice(nice)

    for ended in [child for child in _Stop.started if child.returncode is not None]:
        _Stop.started.discard(ended)
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        text=True,
        process_group=0,
        preexec_fn=before_exec,
    )
    _Stop.started.add(process)
    if stopping():  # the stop may have ended the others before this one was added
        _signal_group(process, signal.SIGKILL)
    return process


def stop_on_signals(line: str) -> None:
    """Stop kb on SIGINT, SIGTERM and SIGHUP, printing `line` (and nothing else) and ending
    with status 0. Called from the main thread, where Python runs signal handlers, as early
    as a command can: a signal before it gets Python's defaults (a traceback for Ctrl+C).

    Why the handler ends the process itself instead of raising KeyboardInterrupt for the
    code to unwind: an exception raised wherever the main thread happens to be may land
    inside a library's own shutdown (MkDocs' server, between ending its watcher and its
    serving thread), leaving a thread that is no daemon running, which Python's exit then
    waits for without end (issue 24: `make serve` stopped by a SIGTERM to its process group
    got a second SIGTERM from make, and hung in threading._shutdown for nine minutes; a third
    signal printed a traceback). Here nothing waits without a bound: children are ended and
    waited for (`_end_children`), the clean-ups have a bound, and `os._exit` ends the rest.
    Python's handler runs in the main thread between two bytecodes, or when a system call
    it waits in is interrupted, so it runs at once whatever kb is building or waiting for.

    SIGINT is caught even when kb inherited it ignored, as a background job of a shell
    script does (a shell ignores Ctrl+C for its background jobs, so that a Ctrl+C meant for
    the program in front does not end them too). A server has no work that such a stray
    Ctrl+C would lose, and ignoring it would make `kill -INT` (what an editor's or a
    script's "stop" sends, `timeout -s INT`, a Ctrl+C at the script's terminal) do nothing,
    leaving a server that holds its port after the script that started it has ended.

    Status 0, since a server stopped on request has done what it was asked: make then adds
    no "*** [serve] Terminated" of its own (in English), a service manager counts the stop
    as clean, and a script goes on as after any stop. A second signal while kb stops changes
    nothing (make passes its SIGTERM on to kb, which the process group's SIGTERM reached
    already): the stop under way ends in its bounded time."""
    _Stop.owner, _Stop.line = os.getpid(), line
    for number in STOP_SIGNALS:
        signal.signal(number, _on_signal)


def _on_signal(number: int, _frame: object) -> None:
    """The handler of `stop_on_signals`."""
    if os.getpid() != _Stop.owner:  # a child forked to share work (generator/parallel.py)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return
    if _Stop.begun:
        return
    _Stop.begun = True
    out = _silenced()
    _end_children()
    for clean_up in _Stop.clean_ups:
        with contextlib.suppress(Exception):  # kb ends anyway, and says only its line
            clean_up()
    _say(out, _Stop.line)
    os._exit(0)


def _silenced() -> int:
    """Send what any thread prints from now on to /dev/null, and return a copy of standard
    error for the stop's own line. A thread whose request or child the stop ends (a request
    forwarded to decap-server, a failed index) would otherwise print its error, in English
    or as a traceback, after kb's last line. What kb printed before is flushed first."""
    for stream in (sys.stdout, sys.stderr):
        # (closed, or the main thread was writing to it where the signal came)
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            stream.flush()
    try:
        out = os.dup(2)
    except OSError:  # started without a standard error
        out = -1
    null = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
    os.close(null)
    return out


def _say(out: int, line: str) -> None:
    """Write `line` to `out` (a copy of standard error), if anyone still reads it."""
    data = f"{line}\n".encode()
    try:
        while data and out >= 0:
            data = data[os.write(out, data) :]
    except OSError:
        pass


def _end_children() -> None:
    """End every child kb started and the process groups they lead: SIGTERM, then SIGKILL
    for those still there after CHILD_BOUND. The children forked to share work
    (generator/parallel.py) only compute, and get SIGKILL at once."""
    for worker in multiprocessing.active_children():
        worker.kill()
    children = [child for child in list(_Stop.started) if child.returncode is None]
    for child in children:
        _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + CHILD_BOUND
    while any(_runs(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.01)
    for child in children:
        _signal_group(child, signal.SIGKILL)  # what it started, if it did not end it
    for worker in multiprocessing.active_children():
        worker.join(timeout=CHILD_BOUND)


def _runs(child: subprocess.Popen[str]) -> bool:
    """Whether a child has not ended. It asks without collecting the child (WNOWAIT): the
    thread that started it may be waiting for it, and `Popen.poll` would say "still
    running" whenever that thread holds the child's lock."""
    if child.returncode is not None:
        return False
    try:
        return os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
    except ChildProcessError:  # collected already
        return False


def _signal_group(child: subprocess.Popen[str], number: int) -> None:
    """Send `number` to the process group `child` leads, if any of it is left."""
    with contextlib.suppress(OSError):  # the group has ended
        os.killpg(child.pid, number)
