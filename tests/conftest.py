"""Shared fixtures: small projects in tmp_path (as mkdocs-awesome-nav's tests do) and the
real site built once per session."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site import Project, build

REPO = Path(__file__).resolve().parent.parent

MINIMAL = {
    "intervention/alfa.yaml": """
        id: alfa
        title: Alfa – föräldraträning
        abbreviation: ALFA
        summary: En påhittad insats för tester.
        reviewed: 2026-01-15
        keywords: [foreldre]
        description: Beskrivning av Alfa.
        target_group: {text: Föräldrar till barn 3–12 år, source: s1}
        ages: {min: 3, max: 12, source: s1}
        problems: [beteendeproblem]
        arenas: [hem]
        formats: [familj]
        intensity: {text: En timme i veckan, source: s1}
        duration: {text: 20–30 träffar, source: s1}
        training: {text: 21 seminariedagar, source: s1}
        related: [stage/start, process/steg#fraga]
        sources:
          - {id: s1, title: Källa ett, year: 2005, url: "https://example.org/a"}
    """,
    "stage/start.yaml": """
        id: start
        title: Utforskning
        summary: Första steget.
        reviewed: 2026-01-15
        order: 1
        framework: nirn
        english_name: Exploration
        fixsen_2005: Exploration and adoption
        description: Om utforskning.
        activities:
          - {id: team, title: Bilda ett team, text: Ett team med 3–5 personer.}
        checklist:
          - {id: behov-kartlagt, text: Behoven är kartlagda.}
        sources:
          - {id: s1, title: Källa ett}
    """,
    "process/steg.yaml": """
        id: steg
        title: Steg för steg
        summary: En process.
        reviewed: 2026-01-15
        description: Om processen.
        steps:
          - {id: fraga, title: Formulera en fråga, related: [intervention/alfa]}
          - {id: sok, title: Sök kunskap}
        sources:
          - {id: s1, title: Källa ett}
    """,
    "curriculum/kurs.yaml": """
        id: kurs
        title: En kurs
        summary: En kurs om EBP.
        reviewed: 2026-01-15
        audience: Socionomstudenter
        scope: {text: "7,5 högskolepoäng", source: s1}
        credits: 7.5
        description: Om kursen.
        modules:
          - id: modul-1
            title: Fråga
            outcomes: [Kunna formulera en fråga]
            links: [process/steg#fraga, intervention/alfa, stage/start#behov-kartlagt]
        sources:
          - {id: s1, title: Källa ett}
    """,
}


def write_project(root: Path, files: dict[str, str | None]) -> Project:
    """A small knowledge base under `root`: the repo's mkdocs.yml, one content page, and
    the given data files (None removes a minimal record)."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "assets").mkdir(parents=True)
    shutil.copy(REPO / "content" / "assets" / "kb.css", root / "content" / "assets")
    (root / "content" / "index.md").write_text("# Start\n\nVälkommen.\n", encoding="utf-8")
    for rel, text in {**MINIMAL, **files}.items():
        path = root / "data" / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return Project(root)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    def make(files: dict[str, str | None] | None = None) -> Project:
        return write_project(tmp_path, files or {})

    return make


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base, built once from the repository's data."""
    target = tmp_path_factory.mktemp("real") / "site"
    build(Project(REPO), target)
    return target


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is a failure here: a missing dependency must never pass silently."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
