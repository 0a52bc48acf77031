"""`kb serve`: the site is served locally, and a saved change regenerates and rebuilds only
what it changed; a data error is reported and the last good site stays served."""

import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import record, search_results
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Page, expect
from running_kb import WAIT_BOUND, children, fetch, free_port, polled, running, wait_for

from generator.reading.project import Project

ALFA_PAGE = "insatser/alfa/"
# A second method that nothing links to and that links nowhere.
BETA = record(
    "intervention",
    "beta",
    title="Beta – en insats till",
    abbreviation=None,
    summary="Ännu en påhittad insats.",
    keywords=None,
    related=None,
    description="Beskrivning av Beta.",
)


def fetch_until(url: str, needle: str, seconds: float = WAIT_BOUND) -> str:
    wait_for(lambda: needle in fetch(url)[1], f"{needle!r} at {url}", seconds)
    return fetch(url)[1]


@dataclass
class Served:
    """A running `kb serve` (or `mkdocs serve`) of a project, and what it printed."""

    project: Project
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        record = self.project.data_dir / rel
        text = record.read_text(encoding="utf-8")
        assert old in text
        record.write_text(text.replace(old, new), encoding="utf-8")

    @property
    def tree(self) -> Path:
        return self.project.root / ".kb" / "serve" / "tree"

    @property
    def site(self) -> Path:
        return self.project.root / ".kb" / "serve" / "site"


def start(project: Project, command: str) -> tuple[subprocess.Popen[bytes], Served]:
    port = free_port()
    log = project.root / f"{command}.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name(command)), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    served = Served(project, f"http://127.0.0.1:{port}/", log)
    wait_for(
        lambda: fetch(served.url + ALFA_PAGE)[0] == 200 or server.poll() is not None,
        "the first build",
    )
    assert server.poll() is None, served.output()
    return server, served


@pytest.fixture
def served(make_project: Callable[..., Project]) -> Iterator[Served]:
    server, running = start(make_project({"intervention/beta.yaml": BETA}), "kb")
    try:
        yield running
    finally:
        server.terminate()
        server.wait(timeout=10)


def stat(path: Path) -> tuple[int, int]:
    return path.stat().st_ino, path.stat().st_mtime_ns


def test_editing_a_record_rebuilds_only_what_it_changed(served: Served) -> None:
    tree_before = {p: stat(p) for p in served.tree.rglob("*") if p.is_file()}
    site_before = {p: stat(p) for p in served.site.rglob("*.html")}
    served.edit("intervention/alfa.yaml", "Beskrivning av Alfa.", "Alfa beskrivs på nytt.")
    fetch_until(served.url + ALFA_PAGE, "Alfa beskrivs på nytt.")

    rewritten = {
        p.relative_to(served.tree).as_posix() for p, s in tree_before.items() if stat(p) != s
    }
    assert "docs/insatser/alfa.md" in rewritten
    assert not rewritten & {
        "mkdocs.yml",
        "docs/index.md",
        "docs/insatser/beta.md",
        "docs/implementering/start.md",
        "docs/assets/kb.css",
    }
    assert re.search(r"Genererade om \d+ av \d+ sidor \(\d+,\d s\)", served.output())
    # Only the changed pages were built again: the page of an unrelated record was not.
    rebuilt = {
        p.relative_to(served.site).as_posix() for p, s in site_before.items() if stat(p) != s
    }
    assert "insatser/alfa/index.html" in rebuilt
    assert "insatser/beta/index.html" not in rebuilt
    assert "implementering/start/index.html" not in rebuilt


def test_an_incremental_rebuild_serves_the_same_site_as_a_full_build(served: Served) -> None:
    served.edit("intervention/alfa.yaml", "Beskrivning av Alfa.", "Alfa beskrivs på nytt.")
    served.edit("intervention/beta.yaml", "Beskrivning av Beta.", "Beta beskrivs på nytt.")
    fetch_until(served.url + "insatser/beta/", "Beta beskrivs på nytt.")
    fetch_until(served.url + ALFA_PAGE, "Alfa beskrivs på nytt.")
    # Pages whose navigation entries take their titles from the pages: the list of methods,
    # and hand-written pages; a dirty build reads only one of them.
    served.edit("intervention/alfa.yaml", "En påhittad insats för tester.", "Ny sammanfattning.")
    fetch_until(served.url + "insatser/", "Ny sammanfattning.")
    content = served.project.content_dir
    (content / "om.md").write_text("# Om kunskapsbanken\n\nText.\n", encoding="utf-8")
    (content / "kontakt.md").write_text("# Kontakta oss\n\nText.\n", encoding="utf-8")
    fetch_until(served.url + "insatser/beta/", "Kontakta oss")
    (content / "om.md").write_text("# Om kunskapsbanken\n\nNy text.\n", encoding="utf-8")
    fetch_until(served.url + "om/", "Ny text.")
    with tempfile.TemporaryDirectory() as full:
        config = load_config(str(served.tree / "mkdocs.yml"), site_dir=full)
        config.site_url = served.url
        build(config, serve_url=served.url)
        built = {p.relative_to(full): p.read_bytes() for p in Path(full).rglob("*") if p.is_file()}
    # Pagefind's index is not the same byte for byte from run to run, and the next one may
    # be being written beside it right now (`.pagefind.*`, serve.py's Indexer), so neither
    # is walked; the browser test below checks that a rebuild's index finds what changed.
    assert {
        p.relative_to(served.site): p.read_bytes()
        for top in served.site.iterdir()
        if top.name != "pagefind" and not top.name.startswith(".pagefind.")
        for p in (top.rglob("*") if top.is_dir() else [top])
        if p.is_file()
    } == built


def test_renaming_a_record_updates_the_navigation_of_every_page(served: Served) -> None:
    served.edit("intervention/alfa.yaml", "title: Alfa – föräldraträning", "title: Alfa – omdöpt")
    fetch_until(served.url + "insatser/beta/", "Alfa – omdöpt")


def test_retitling_a_hand_written_page_updates_the_navigation_of_every_page(served: Served) -> None:
    page = served.project.content_dir / "om.md"
    page.write_text("# Om kunskapsbanken\n\nText.\n", encoding="utf-8")
    fetch_until(served.url + "insatser/beta/", "Om kunskapsbanken")
    page.write_text("# Om oss\n\nText.\n", encoding="utf-8")
    fetch_until(served.url + "insatser/beta/", "Om oss")
    assert "Om kunskapsbanken" not in fetch(served.url + "insatser/beta/")[1]


def test_a_deleted_record_page_disappears(served: Served) -> None:
    (served.project.data_dir / "intervention" / "beta.yaml").unlink()
    wait_for(lambda: fetch(served.url + "insatser/beta/")[0] == 404, "beta's page to go")
    assert not (served.tree / "docs" / "insatser" / "beta.md").exists()
    assert "Beta – en insats till" not in fetch(served.url + "insatser/")[1]


def test_a_yaml_error_is_located_and_the_last_good_page_stays(served: Served) -> None:
    tree_before = {p: stat(p) for p in served.tree.rglob("*") if p.is_file()}
    served.edit(
        "intervention/alfa.yaml",
        "description: Beskrivning av Alfa.",
        "description: [Alfa beskrivs på nytt.",
    )
    wait_for(lambda: "data/intervention/alfa.yaml:" in served.output(), "the error")
    assert re.search(
        r"^data/intervention/alfa\.yaml:\d+:\d+: error: ogiltig YAML", served.output(), re.MULTILINE
    )
    assert "1 fel – webbplatsen visar den senaste fungerande versionen" in served.output()
    assert "Beskrivning av Alfa." in fetch(served.url + ALFA_PAGE)[1]
    assert {p: stat(p) for p in served.tree.rglob("*") if p.is_file()} == tree_before

    served.edit("intervention/alfa.yaml", "[Alfa beskrivs på nytt.", "Alfa beskrivs på nytt.")
    fetch_until(served.url + ALFA_PAGE, "Alfa beskrivs på nytt.")


def test_editing_a_hand_written_page_shows_the_change(served: Served) -> None:
    (served.project.content_dir / "index.md").write_text("# Start\n\nNy text.\n", encoding="utf-8")
    fetch_until(served.url, "Ny text.")


@pytest.mark.browser
def test_the_browser_reloads_after_a_saved_change(served: Served, page: Page) -> None:
    page.goto(served.url + ALFA_PAGE)
    expect(page.get_by_text("Beskrivning av Alfa.")).to_be_visible()
    served.edit("intervention/alfa.yaml", "Beskrivning av Alfa.", "Alfa beskrivs på nytt.")
    expect(page.get_by_text("Alfa beskrivs på nytt.")).to_be_visible(timeout=60_000)


def searched(page: Page, query: str) -> list[str]:
    """The results of a search on the page as it is served now (a page keeps the index it
    first loaded, so it is loaded again)."""
    page.reload()
    return search_results(page, query)


@pytest.mark.browser
def test_search_finds_what_a_saved_change_added(served: Served, page: Page) -> None:
    """The page reloads as soon as the changed pages are built, and shows the change; the
    search index follows, and search finds the change once it is in."""
    page.goto(served.url + "insatser/beta/")
    wait_for(lambda: "/insatser/beta/" in searched(page, "Beta"), "the first index")
    assert searched(page, "Zyxord") == []
    served.edit("intervention/beta.yaml", "Beskrivning av Beta.", "Beta har ordet Zyxord.")
    expect(page.get_by_text("Beta har ordet Zyxord.")).to_be_visible(timeout=60_000)
    wait_for(lambda: searched(page, "Zyxord") == ["/insatser/beta/"], "the new index")


def pagefind_of(server: subprocess.Popen[bytes]) -> int | None:
    """The Pagefind process that `kb serve` runs now, if any."""
    for child in children(server.pid):
        try:
            if b"pagefind" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except FileNotFoundError:
            continue
    return None


@pytest.mark.parametrize(
    "how",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
    ids=["ctrl-c", "sigterm", "sighup", "sigkill"],
)
def test_ending_kb_serve_while_it_indexes_leaves_no_pagefind_and_no_half_index(
    make_project: Callable[..., Project], how: signal.Signals
) -> None:
    """However `kb serve` ends while Pagefind indexes a save, Pagefind ends with it; on every
    signal it can catch, it also removes the index Pagefind was writing, and the last complete
    index stays."""
    server, running_kb = start(make_project(), "kb")
    index = running_kb.site / "pagefind" / "pagefind-entry.json"
    pagefind = None

    def indexing() -> bool:
        nonlocal pagefind
        assert server.poll() is None, running_kb.output()
        pagefind = pagefind_of(server)
        return pagefind is not None

    try:
        wait_for(index.is_file, "the first index")
        text = "Beskrivning av Alfa."
        for save in range(50):  # until a save's index is caught running
            running_kb.edit("intervention/alfa.yaml", text, f"Sparad {save}.")
            text = f"Sparad {save}."
            if polled(indexing, 10, every=0.005):
                break
        assert pagefind is not None, running_kb.output()
        server.send_signal(how)
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    wait_for(lambda: not running(pagefind), "Pagefind has ended")
    # It ended with kb serve, before it wrote an index that no one would use.
    assert list(running_kb.site.glob(".pagefind.*/pagefind-entry.json")) == []
    if how != signal.SIGKILL:
        assert "Traceback" not in running_kb.output()
        assert sorted(p.name for p in running_kb.site.glob(".pagefind*")) == []
        assert index.is_file()


def test_mkdocs_serve_with_the_plugin_regenerates_too(make_project: Callable[..., Project]) -> None:
    server, running = start(make_project(), "mkdocs")
    try:
        running.edit(
            "intervention/alfa.yaml", "title: Alfa – föräldraträning", "title: Alfa – omdöpt"
        )
        fetch_until(running.url + ALFA_PAGE, "Alfa – omdöpt")
    finally:
        server.terminate()
        server.wait(timeout=10)
