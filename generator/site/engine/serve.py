"""`kb serve`: the site on a local dev server, regenerated and rebuilt only where a save changed it.

The generator keeps a tree in `.kb/serve/tree` and updates it with `sync_tree`, so a file is
written only when its content changed. MkDocs' dev server builds that tree; when neither the
configuration (with the navigation, which is on every page) nor the set of files changed, it
builds dirty: only pages whose Markdown is newer than their HTML. The browser reloads as soon
as the pages are built; Pagefind's index of the site follows in a thread of its own
(`Indexer`), so search finds a change a little after the page shows it. All value stays in
the library; this module is the glue to MkDocs' dev server, which other engines replace with
their own.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_date
from mkdocs.utils.meta import get_data

from generator.diagnostics import DataError, UserError
from generator.locale import message, strings
from generator.reading.load import ParseCache
from generator.reading.project import Project
from generator.rendering.memo import PageMemo
from generator.site.children import CLEAN_UP_BOUND, on_stop, start, stopping
from generator.site.engine.search import FOLDER, index_site
from generator.site.engine.site_files import GeneratedHere
from generator.site.engine.staging import MARK, reason
from generator.site.engine.tree import Changes, sync_tree, tree_files


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate, and a strict build
    counts that warning as a failure. Here the navigation is the same by construction (a change
    to it means a full build), so the warning is dropped and strict mode keeps its meaning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _quiet_dirty_notice() -> Iterator[None]:
    logger, notice = logging.getLogger("mkdocs.commands.build"), _DirtyNotice()
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


def _untitled_nav_pages(nav: list[Any]) -> list[str]:
    """Navigation entries without a title: MkDocs takes their title from the page itself,
    which a dirty build does not read unless the page is rebuilt."""
    found: list[str] = []
    for entry in nav:
        if isinstance(entry, str) and entry.endswith(".md"):
            found.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    found += _untitled_nav_pages(value)
    return found


def _titled(nav: list[Any], titles: dict[str, str]) -> list[Any]:
    """The navigation with the given titles on its untitled entries, as if it had them."""
    return [
        {titles[entry]: entry}
        if isinstance(entry, str) and entry in titles
        else {k: _titled(v, titles) if isinstance(v, list) else v for k, v in entry.items()}
        if isinstance(entry, dict)
        else entry
        for entry in nav
    ]


class _NoOptions(Config):
    """The options of a plugin that has none."""


class _TitlesSeen(BasePlugin[_NoOptions]):
    """The titles MkDocs gives the untitled entries of the navigation in a build (from each
    page's first heading, once its Markdown is rendered), for the dirty builds after it."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths, self.titles = paths, dict[str, str]()

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        for path in self.paths:
            file = files.get_file_from_path(path)
            if file is not None and file.page is not None and file.page.title is not None:
                self.titles[path] = file.page.title
        return env


def _title_source(text: str) -> str:
    """What an untitled navigation entry's title comes from: the page's `title` metadata,
    else its first heading (taken with everything before it, so any change that could move
    or alter the heading counts)."""
    body, meta = get_data(text)
    if "title" in meta:
        return str(meta["title"])
    heading = re.search(r"^# .*$", body, re.MULTILINE)
    return body[: heading.end()] if heading else body


def _free_rebuild() -> None:
    """Free what a rebuild left behind as soon as it is done, before the next one allocates,
    so that a `kb serve` running all day keeps a flat memory (tests/test_serve_memory.py).

    A rebuild's objects are garbage once it is done (the site is on disk), but much of it is
    in reference cycles that only Python's full collection frees: MkDocs' pages and files
    point at each other (`mkdocs.structure.pages.Page.__init__` sets `file.page = self`, and
    `mkdocs.structure.nav` links pages and sections to their parents), as do a Markdown
    instance and its processors (`markdown.core.Markdown.build_parser`), the previous
    records and the Jinja2 environment that rendered them. CPython runs a full collection
    only once the objects that reached the oldest generation grow by a quarter of the
    long-lived ones, so one or two earlier rebuilds stayed in memory, and were freed at some
    point of a later build, among its new objects, leaving the heap a little larger each
    time. Collecting here, once per save, frees them while nothing new sits among them."""
    gc.collect()


class Indexer:
    """Pagefind's index of the served site, made in a thread of its own after the browser has
    been told to reload, so that a save shows without waiting for it.

    One index at a time, and never while a build writes the site: a build pauses the
    indexer, which ends a running Pagefind (its index would be out of date, and it would read
    pages half-written) and waits for it; once the build is done the index is made again.
    Pagefind writes into a staging folder that takes the place of `pagefind/` only when it
    is complete (`index_site`), so search always reads a whole index: the last one, until
    the new one is in. An index ended part-way is made again after the build, so the last
    save is always indexed in the end."""

    def __init__(self, site: DevSite) -> None:
        self.site = site
        self._state = threading.Condition()
        self._wanted = False  # the site changed since the last complete index
        self._paused = False  # a build is writing the site
        self._stopping = False
        self._process: subprocess.Popen[str] | None = None  # Pagefind, while it runs
        self._running = False
        self._thread = threading.Thread(target=self._loop, name="kb-index", daemon=True)

    def start(self) -> None:
        """Index from now on, until `stop` (which kb's stop on a signal calls too)."""
        on_stop(self.stop)
        self._thread.start()

    def request(self) -> None:
        """Index the site once no build is writing it."""
        with self._state:
            self._wanted = True
            self._state.notify_all()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """While a build writes the site: no index runs (a running one is ended)."""
        with self._state:
            self._paused = True
            self._end_running()
        try:
            yield
        finally:
            with self._state:
                self._paused = False
                self._state.notify_all()

    def stop(self) -> None:
        """End a running index, leaving the last complete one, and the thread.

        The wait for the thread has a bound, so that nothing keeps kb from ending: all it
        has left to do once Pagefind has ended is to remove the folder Pagefind was writing
        (`index_site` does, as Pagefind failed). At kb's stop on a signal this runs in the
        handler (`children.on_stop`), after the stop has ended Pagefind, in the main thread:
        where the signal came, that thread may hold `_state` (a reentrant lock, so taking it
        again is safe) or wait on it (which lets it go)."""
        with self._state:
            self._stopping = True
            if self._process is not None:
                self._process.terminate()
            self._state.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=CLEAN_UP_BOUND)

    def _end_running(self) -> None:
        """End Pagefind if it runs and wait until its staging folder is gone (the caller
        holds `_state`)."""
        if self._process is not None:
            self._process.terminate()
        self._state.notify_all()
        self._state.wait_for(lambda: not self._running)

    def _loop(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: self._stopping or (self._wanted and not self._paused))
                if self._stopping or stopping():
                    return
                self._wanted, self._running = False, True
            try:
                index_site(self.site.site_dir, self.site.project, run=self._run)
            except UserError as exc:
                with self._state:
                    ended = self._paused or self._stopping or stopping()
                    self._wanted = self._wanted or ended  # made again after the build
                if not ended:  # a real failure (a broken install, a full disk)
                    self.site.echo(str(exc))
            finally:
                with self._state:
                    self._running, self._process = False, None
                    self._state.notify_all()

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        """Pagefind, unless a build or the end of `kb serve` came first. It yields the
        processor to the browser loading the reloaded page and to the server (`nice`), and
        ends with kb however kb ends (`children.start`)."""
        with self._state:
            if self._paused or self._stopping or stopping():
                return subprocess.CompletedProcess(command, -signal.SIGTERM, "", "")
            self._process = start(command, nice=10)
        out, err = self._process.communicate()
        return subprocess.CompletedProcess(command, self._process.returncode, out, err)


@contextmanager
def _index_kept(site_dir: Path) -> Iterator[None]:
    """Keep the search index through a full build, which empties the site folder first
    (but for hidden entries): search answers from the last index until the new one is in."""
    index, kept = site_dir / FOLDER, site_dir / f".kept-{FOLDER}"
    if (index / MARK).is_file():
        if (kept / MARK).is_file():
            shutil.rmtree(kept)
        index.rename(kept)
    try:
        yield
    finally:
        if (kept / MARK).is_file():
            if index.exists():
                shutil.rmtree(kept)
            else:
                kept.rename(index)


@dataclass
class _FullBuild:
    """What the dirty builds after a full build reuse: its configuration (with the theme's
    Jinja environment, whose templates it compiled), the titles MkDocs gave the untitled
    entries of the navigation, the theme's static pages and the date they show."""

    config: MkDocsConfig
    nav_titles: dict[str, str]
    static: set[str]
    date: str


class DevSite:
    """The generated tree and built site of one `kb serve`, updated on every change."""

    def __init__(self, project: Project, serve_url: str, echo: Callable[[str], None]) -> None:
        self.project, self.serve_url, self.echo = project, serve_url, echo
        self.tree = project.root / ".kb" / "serve" / "tree"
        self.site_dir = project.root / ".kb" / "serve" / "site"
        self.t = strings()["serve"]
        # The last full build, while the site matches the tree (so a dirty build is safe).
        self.last: _FullBuild | None = None
        self.titles: dict[str, str] = {}  # title sources of untitled navigation entries
        self.parsed: ParseCache = {}
        self.memo = PageMemo()
        self.indexer = Indexer(self)

    def generate(self) -> Changes:
        """Regenerate and sync the tree; raises DataError and leaves the tree as it was."""
        start = time.monotonic()
        files = tree_files(self.project, GeneratedHere(self.project, self.parsed, self.memo))
        changes = sync_tree(files, self.tree)
        pages = [rel for rel in changes.written if rel.endswith(".md")]
        removed = [rel for rel in changes.removed if rel.endswith(".md")]
        self.echo(
            self.t["regenerated"].format(
                changed=len(pages),
                total=sum(rel.endswith(".md") for rel in files),
                removed=self.t["removed"].format(n=len(removed)) if removed else "",
                seconds=f"{time.monotonic() - start:.1f}".replace(".", ","),
            )
        )
        return changes

    def update(self) -> None:
        """The dev server's builder: on a data error, report it and keep the last good site.
        When it returns, the browser reloads; the search index follows."""
        try:
            with self.indexer.paused():
                changes = self.generate()
                self.build(changes)
        except DataError as exc:
            for diagnostic in exc.diagnostics:
                self.echo(diagnostic.format())
            errors = sum(d.severity == "error" for d in exc.diagnostics)
            self.echo(self.t["kept"].format(n=errors))
        finally:
            _free_rebuild()

    def build(self, changes: Changes) -> None:
        """Build what `changes` require: dirty when only the content of existing pages changed,
        all when the navigation, a title in it or the set of files changed, since the
        navigation is on every page; then ask for the search index. The caller pauses the
        indexer."""
        if self.last and not (changes.written or changes.removed):
            return
        last, self.last = self.last, None  # the site is not whole until the build is done
        full = (
            last is None
            or bool(changes.added or changes.removed)
            or ("mkdocs.yml" in changes.written)
        )
        config = self.config() if last is None or full else last.config
        paths = _untitled_nav_pages(config.nav or []) if full else list(self.titles)
        titles = {
            path: _title_source((self.tree / "docs" / path).read_text(encoding="utf-8"))
            for path in paths
        }
        if last is None or full or titles != self.titles or set(titles) != set(last.nav_titles):
            self.titles = titles
            self.last = self._build_full(config if full else self.config())
        else:
            self._build_dirty(last, [rel.removeprefix("docs/") for rel in changes.written])
            self.last = last
        self.indexer.request()

    def config(self) -> MkDocsConfig:
        config = load_config(str(self.tree / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        return config

    def _build_full(self, config: MkDocsConfig) -> _FullBuild:
        """Build the whole site, and keep what the dirty builds after it reuse."""
        seen = _TitlesSeen(list(self.titles))
        config.plugins["kb-serve-titles"] = seen
        # One Jinja environment for this build and the dirty ones after it, so the theme's
        # templates are compiled once (MkDocs makes a new environment for each build).
        env = config.theme.get_env()
        config.theme.get_env = lambda: env  # type: ignore[method-assign]
        date = get_build_date()
        with _index_kept(self.site_dir):
            build(config, serve_url=self.serve_url)
        seen.paths = []  # the dirty builds read the titles from the navigation
        config.nav = _titled(config.nav or [], seen.titles)
        return _FullBuild(config, seen.titles, set(config.theme.static_templates), date)

    def _build_dirty(self, last: _FullBuild, written: list[str]) -> None:
        """Rebuild the written pages (marking their HTML as old) with the configuration of
        the last full build, whose navigation is the same (or the build would be full) and
        has the titles of its untitled entries, as a dirty build reads only the written
        pages. The theme's pages outside the Markdown (404.html, the sitemap) depend only on
        the navigation and the date, so they are left as they are on the same day."""
        config = last.config
        today = get_build_date()
        config.theme.static_templates = set() if today == last.date else set(last.static)
        last.date = today
        for path in {path for path in written if path.endswith(".md")}:
            file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
            if Path(file.abs_dest_path).is_file():
                os.utime(file.abs_dest_path, (0, 0))
        with _quiet_dirty_notice():
            build(config, serve_url=self.serve_url, dirty=True)


# MkDocs' dev server notices a save by polling: a stat of every watched file, which works on
# every file system (a Docker volume, a network share) where change notification does not. A
# poll costs time for each file (bench/README.md), so the interval is as short as keeps the
# polling of an idle server within about 5 % of a core, between these bounds (the upper one
# is MkDocs' own interval).
POLL_SECONDS_PER_FILE = 0.00025
POLL_BOUNDS = (0.1, 0.5)


def polling_interval(paths: list[Path]) -> float:
    """How often to poll `paths` (folders, or files) for saves."""
    entries = sum(1 + len(files) for path in paths for _, _, files in os.walk(path))
    return min(POLL_BOUNDS[1], max(POLL_BOUNDS[0], entries * POLL_SECONDS_PER_FILE))


def serve(project: Project, dev_addr: str, echo: Callable[[str], None]) -> None:
    """Build the site, serve it at `dev_addr` and update it whenever data/, the content folder
    or mkdocs.yml change; raises DataError if the data cannot be built at the start. It runs
    until a signal stops kb (`children.stop_on_signals`, which the command sets up first),
    which ends Pagefind and the indexing thread (`Indexer.stop`) without returning here."""
    host, _, port = dev_addr.rpartition(":")
    if not (host and port.isdigit() and 0 < int(port) < 65536):
        raise UserError(message("messages.serve.address", address=repr(dev_addr)))
    site = DevSite(project, f"http://{dev_addr}/", echo)
    changes = site.generate()
    watched = [project.data_dir, project.content_dir, project.config_file]
    server = LiveReloadServer(
        builder=site.update,
        host=host,
        port=int(port),
        root=str(site.site_dir),
        polling_interval=polling_interval(watched),
    )
    server.error_handler = lambda code: (
        (site.site_dir / "404.html").read_bytes()
        if code == 404 and (site.site_dir / "404.html").is_file()
        else None
    )
    plugins = site.config().plugins
    plugins.on_startup(command="serve", dirty=False)
    try:
        with site.indexer.paused():
            site.build(changes)
        site.indexer.start()
        for path in watched:
            server.watch(str(path))
        try:
            server.serve()
        except OSError as exc:  # the address cannot be had: in use, or not this machine's
            raise UserError(
                message(
                    "messages.serve.unavailable",
                    address=dev_addr,
                    reason=reason(exc),
                    other=f"{host}:{int(port) + 1}",
                )
            ) from exc
        finally:
            server.shutdown()
    finally:
        site.indexer.stop()
        plugins.on_shutdown()
