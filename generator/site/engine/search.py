"""Site search: a Pagefind index of a built site, in its `pagefind/` folder.

Pagefind splits the index into small chunks, so a visitor's browser downloads only what a
query needs (and nothing until the visitor opens search, see assets/kb-search.js), however
many records the site holds. It stems Swedish, matches across diacritics ("losning" finds
"lösning") and keeps words such as "bbic" and "2005" whole. What is indexed, and how, is
marked in the pages themselves with Pagefind's attributes (`data-pagefind-weight` on a
record's keywords, `data-pagefind-filter` on a method's facets, `data-pagefind-ignore` on
pages kept out of search), so any engine's output of `kb generate` gets the same index from
`index_site`.

Pagefind comes from npm, whose package ships its binary for each platform: PyPI's newest is
1.5.2, and 1.6 answers a query that matches nearly every page of a large site several times
faster (bench/README.md, "Pagefind 1.6"). kb installs it from the lock beside this module
(engine/pagefind/) into its own environment the first time it indexes, so that `make serve`
and `kb build` work on a fresh machine that has npm.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import UserError
from generator.locale import message
from generator.reading.project import Project
from generator.site import locked_npm
from generator.site.engine.staging import replacing

FOLDER = "pagefind"
# Only a page's article is searched, not the header, navigation and footer every page has.
ROOT_SELECTOR = "article"
# The theme's 404 page sits at the top of the site; every page of ours is in a folder.
PAGES = "{index.html,*/**/*.html}"
# Heading permalinks ("¶") and citation numbers ("[1]") say nothing in an excerpt.
IGNORED = (".headerlink", "a[href^='#kalla-']")
LANGUAGE = "sv"
MANIFEST = Path(__file__).resolve().parent / "pagefind"
# Where kb's Pagefind is installed: in kb's environment (the project's .venv), shared by every
# knowledge base that this kb builds.
INSTALLED = Path(sys.prefix) / "pagefind"
# The package's binary for this platform, the only one of its platform packages npm installs.
BINARIES = ("pagefind_extended", "pagefind_extended.exe")


class SearchIndexError(UserError):
    """Pagefind could not index the site (a broken install, a full disk): told in Swedish,
    with Pagefind's own message, instead of a traceback."""


def executable() -> Path:
    """Pagefind's binary, installed from the lock first if it is not yet. Two processes that
    install at once (a test run's workers) each install into a folder of their own and move it
    into place; the one that comes second finds it there and removes its own."""
    if not locked_npm.is_installed(MANIFEST, INSTALLED):
        own = INSTALLED.with_name(f".pagefind-{os.getpid()}")
        shutil.rmtree(own, ignore_errors=True)
        locked_npm.install(MANIFEST, own, SearchIndexError(message("messages.search.npm_missing")))
        if not locked_npm.is_installed(MANIFEST, INSTALLED):
            shutil.rmtree(INSTALLED, ignore_errors=True)
            try:
                own.rename(INSTALLED)
            except OSError:
                if not locked_npm.is_installed(MANIFEST, INSTALLED):
                    raise
        shutil.rmtree(own, ignore_errors=True)
    found = [
        path
        for path in (INSTALLED / "node_modules" / "@pagefind").glob("*/bin/*")
        if path.name in BINARIES
    ]
    if not found:
        raise SearchIndexError(message("messages.search.no_binary", folder=INSTALLED))
    return found[0]


def pagefind_command(site_dir: Path, output: Path) -> list[str]:
    """Pagefind's command line for a built site: what `kb build` runs, and what a publisher
    would run after building `kb generate`'s output with an engine alone (bench/run.py)."""
    return [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(output),
        "--root-selector",
        ROOT_SELECTOR,
        "--glob",
        PAGES,
        "--force-language",
        LANGUAGE,
        "--silent",
        *(arg for selector in IGNORED for arg in ("--exclude-selectors", selector)),
    ]


Run = Callable[[list[str]], subprocess.CompletedProcess[str]]


def run_captured(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, with what it printed."""
    return subprocess.run(command, capture_output=True, text=True, check=False)


def index_site(site_dir: Path, project: Project, run: Run = run_captured) -> Path:
    """Index the built site in `site_dir` (a site of `project`) into `site_dir/pagefind`,
    replacing an earlier index only when the new one is complete; returns that folder.
    `run` runs Pagefind's command line: `kb serve` runs it so that it can end it, when a
    newer save makes the index out of date (an index so ended fails, and the earlier one
    stays)."""
    target = site_dir / FOLDER
    with replacing(target, project.root, project.content_dir) as staging:
        result = run(pagefind_command(site_dir, staging))
        if result.returncode != 0:
            raise SearchIndexError(
                message(
                    "messages.search.failed",
                    output=(result.stderr or result.stdout).strip()[-1000:],
                )
            )
    return target
