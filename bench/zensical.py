"""Non-blocking check: does the output of `kb generate` build with Zensical, and how does it
differ from the MkDocs build of the same tree?

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/python bench/zensical.py

Zensical (Material's successor) reads mkdocs.yml but runs no third-party plugins, which is
why `kb generate` writes a tree that needs none. This script installs Zensical (0.0.73, the
newest release whose dependencies the registry here offers) into its own virtual environment
under bench/out/ (so it never touches the project's), builds the tree with both engines, puts
Pagefind's search index on top of each (`generator.search.index_site`, as `kb build` does) and
reports, per engine, the build time, the pages indexed for search and the pages, element ids
and scripts that one has and the other lacks. It always exits 0: Zensical is 0.x and this is
a watch, not a gate.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from generator.reading.project import Project  # noqa: E402
from generator.site.engine.search import index_site  # noqa: E402

ZENSICAL = "zensical==0.0.73"
OUT = REPO / "bench" / "out" / "zensical"
ZENSICAL_VENV = REPO / "bench" / "out" / "zensical-venv"
_ID = re.compile(r'\sid="([^"]+)"')


def zensical() -> Path:
    """The zensical command in its own environment, installed on first use (and again when
    another version is there)."""
    command = ZENSICAL_VENV / "bin" / "zensical"
    pip = ZENSICAL_VENV / "bin" / "pip"
    if not command.exists():
        venv.create(ZENSICAL_VENV, with_pip=True)
    installed = subprocess.run(
        [str(pip), "freeze"], capture_output=True, text=True, check=True
    ).stdout
    if ZENSICAL not in installed.split():
        subprocess.run([str(pip), "install", "--quiet", ZENSICAL], check=True)
    return command


def indexed_pages(site: Path) -> int:
    """Pagefind's index on top of a built site; how many pages it holds."""
    entry = json.loads(
        (index_site(site, Project(REPO)) / "pagefind-entry.json").read_text(encoding="utf-8")
    )
    return sum(language["page_count"] for language in entry["languages"].values())


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        return seconds, f"exit {result.returncode}: {result.stderr[-1500:]}"
    return seconds, ""


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*.html")
    }


def main() -> None:
    tree = OUT / "tree"
    subprocess.run(
        [str(Path(sys.executable).parent / "kb"), "generate", "--out", str(tree)],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    mkdocs_site, zensical_site = OUT / "site-mkdocs", OUT / "site-zensical"
    mk_seconds, mk_error = timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(mkdocs_site)],
        tree,
    )
    ze_seconds, ze_error = timed([str(zensical()), "build", "-f", "mkdocs.yml"], tree)
    if (tree / "site").exists():
        shutil.rmtree(zensical_site, ignore_errors=True)  # an earlier run's
        (tree / "site").replace(zensical_site)
    print(f"MkDocs:   {mk_seconds:.2f} s {mk_error or 'ok'}")
    print(f"Zensical: {ze_seconds:.2f} s {ze_error or 'ok'}")
    if mk_error or ze_error:
        return
    print(f"Zensical / MkDocs build time: {ze_seconds / mk_seconds:.2f}")
    mk, ze = pages(mkdocs_site), pages(zensical_site)
    print(
        f"pages: MkDocs {len(mk)}, Zensical {len(ze)}; only MkDocs: {sorted(set(mk) - set(ze))}"
        f"; only Zensical: {sorted(set(ze) - set(mk))}"
    )
    for name in sorted(set(mk) & set(ze)):
        missing = set(_ID.findall(mk[name])) - set(_ID.findall(ze[name]))
        if missing:
            print(f"{name}: ids only in the MkDocs build: {sorted(missing)[:10]}")
    print(
        f"pages in the search index (Pagefind): MkDocs {indexed_pages(mkdocs_site)}, "
        f"Zensical {indexed_pages(zensical_site)}"
    )


if __name__ == "__main__":
    main()
