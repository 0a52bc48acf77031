"""The installed `kb` command as a user runs it: to its end, killed part-way through a build,
or serving on a port of its own while a test polls it for a state."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from generator.reading.project import Project
from generator.site.command.cli import main

KB = Path(sys.executable).parent / "kb"
# How long a test waits for a process to reach a state before it fails: a bound on waiting,
# there only so that a hung process fails the test, never a measure of speed. It is far
# above what anything takes on an idle machine because a CI machine may be loaded many
# times over: with the load average at 25 on two cores, `kb serve`'s first build of the
# bundled knowledge base took more than the minute an earlier bound allowed.
WAIT_BOUND = 600


def kb(
    project: Project, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`kb -q ARGS` in the project, to its end, with what it printed."""
    return subprocess.run(
        [str(KB), "-q", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=WAIT_BOUND,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def kb_here(
    project: Project, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`kb -q ARGS` in the project as `kb` runs it, with what it printed, but in this process:
    a command that stops before it builds (a refused folder, a broken mkdocs.yml, a bad
    SOURCE_DATE_EPOCH) is mostly Python starting and importing, which a process pays each
    time and this once. What a command sets for the rest of its process is put back: the
    working folder, the cycle collector `kb check` turns off, the handler and level `kb`
    gives MkDocs' log, and the environment variables `env` sets. An exception that escaped
    the command is printed after what it printed, as Python prints one on leaving, so that
    a traceback shows as it would in a terminal."""
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, level = list(mkdocs_log.handlers), mkdocs_log.level
    collecting = gc.isenabled()
    folder = Path.cwd()
    os.chdir(project.root)
    try:
        result = CliRunner().invoke(main, ["-q", *args], env=env)
    finally:
        os.chdir(folder)
        mkdocs_log.handlers[:] = handlers
        mkdocs_log.setLevel(level)
        if collecting:
            gc.enable()
    escaped = result.exception
    printed = result.stderr
    if escaped is not None and not isinstance(escaped, SystemExit):
        printed += "".join(traceback.format_exception(escaped))
    return subprocess.CompletedProcess(
        [str(KB), "-q", *args], result.exit_code, result.stdout, printed
    )


def kill_build_when(project: Project, site: Path, reached: Callable[[Path], bool]) -> None:
    """Start `kb build --site-dir SITE` and kill it (SIGKILL, so no clean-up runs, with every
    process it started) as soon as one of its staging folders beside `site` is in the state
    `reached` tells. Fails if the build ends before that, or does not get there in
    WAIT_BOUND seconds.

    The build is looked at only while it is stopped (SIGSTOP to its process group), and
    killed before it runs on: on a loaded machine it could otherwise get from the state to
    its end between the look and the kill, and put its new site in place. The site it is
    replacing waits beside it as `.SITE.old` until it is removed; that is not a staging
    folder, whatever it holds."""
    process = subprocess.Popen(
        [str(KB), "-q", "build", "--site-dir", str(site)],
        cwd=project.root,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    retiring = site.with_name(f".{site.name}.old")
    try:
        deadline = time.monotonic() + WAIT_BOUND
        while True:
            os.killpg(process.pid, signal.SIGSTOP)
            _, status = os.waitpid(process.pid, os.WUNTRACED)  # stopped, not just signalled
            assert os.WIFSTOPPED(status), "the build finished before it could be killed"
            if any(
                reached(staging)
                for staging in site.parent.glob(f".{site.name}.*")
                if staging != retiring
            ):
                break
            assert time.monotonic() < deadline, "the build never reached the state to kill it in"
            os.killpg(process.pid, signal.SIGCONT)
            time.sleep(0.005)
    finally:
        with contextlib.suppress(ProcessLookupError):  # a build that ended has no group left
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL


def free_port() -> int:
    """A local port no one listens on now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """The status and text a server answers `url` with (an error status with no text);
    raises OSError while nothing answers at all."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def children(pid: int) -> list[int]:
    """The processes that `pid`'s threads started, from /proc (a thread that ends while we
    look started none that are left)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def running(pid: int) -> bool:
    """Whether a process exists and has not ended (an ended child nobody has waited for
    stays in the table as a zombie, which holds no port and no files)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def polled(condition: Callable[[], bool], seconds: float, every: float = 0.1) -> bool:
    """Whether `condition` came to hold, polled every `every` seconds for at most `seconds`,
    counting an OSError (a server not listening yet, a process gone) as not yet: a bound on
    waiting for a state (the machine may be busy), never a measure of speed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(every)
    return False


def wait_for(condition: Callable[[], bool], what: str, seconds: float = WAIT_BOUND) -> None:
    """Poll until `condition` holds (see `polled`); fails if it never does."""
    if not polled(condition, seconds):
        raise AssertionError(f"never happened: {what}")


def _stat_fields(pid: int) -> list[str]:
    """A process's /proc stat fields after its name (state, ppid, pgrp, session, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def in_session(session: int) -> list[int]:
    """The processes of a session that have not ended, whoever their parent is now (a child
    whose parent ended is adopted by init, and stays in its session): a command started in
    a session of its own (`start_new_session`) left nothing running once this is empty."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat_fields(int(entry.name))
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def child_named(pid: int, needle: bytes) -> int | None:
    """A process `pid` started whose command line holds `needle`, if one runs now."""
    for child in children(pid):
        try:
            if needle in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    return None


def refuses(port: int) -> bool:
    """Whether nothing listens on the local `port` any more (a connection is refused)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False
