"""Courses as a trainer builds them: modules with sessions, reading lists whose DOI, ISBN and
URL are checked, assignments and material; material files are copied into the site in both
build paths, and a missing file or a mistyped identifier is a located error."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.generation import generate
from generator.site.engine.tree import write_tree

BOOK = {
    "title": "Om evidensbaserad praktik",
    "publisher": "Socialstyrelsen",
    "year": 2012,
    "isbn": "978-91-7555-004-6",
}
SLIDES = {"title": "Bildspel vecka 1", "kind": "bildspel", "file": "kurs/vecka-1.pdf"}


def course(book: dict[str, Any] = BOOK, slides: dict[str, Any] = SLIDES) -> str:
    """The course with one module that has a session, an assignment, two readings (`book`
    first, on line 18) and two pieces of material (`slides` first, on line 21)."""
    return record(
        "curriculum",
        modules=[
            {
                "id": "modul-1",
                "title": "Fråga",
                "credits": 2.5,
                "sessions": [
                    {
                        "id": "seminarium-1",
                        "title": "Seminarium",
                        "length": "3 timmar",
                        "source": "s1",
                    }
                ],
                "assignments": [
                    {
                        "id": "fraga-uppgift",
                        "title": "Formulera en egen fråga",
                        "text": "Lämnas in skriftligt.",
                    }
                ],
                "reading": [
                    book,
                    {
                        "title": "Feedback-system",
                        "authors": "Rognstad m.fl.",
                        "year": 2022,
                        "doi": "10.1007/s10488-022-01236-9",
                    },
                ],
                "material": [
                    slides,
                    {"title": "Föreläsning", "kind": "video", "url": "https://example.org/video"},
                ],
                "links": ["process/steg#fraga", "stage/start#behov-kartlagt"],
            }
        ],
    )


COURSE = course()


def course_project(
    make_project: Callable[..., Project], course: str = COURSE, material: bool = True
) -> Project:
    project = make_project({"curriculum/kurs.yaml": course})
    if material:
        slides = project.data_dir / "material" / "kurs" / "vecka-1.pdf"
        slides.parent.mkdir(parents=True, exist_ok=True)
        slides.write_bytes(b"%PDF-1.4\n" + b"0" * 1_234_000)
    return project


def test_a_course_page_shows_sessions_assignments_reading_and_material(
    make_project: Callable[..., Project],
) -> None:
    page = generate(course_project(make_project)).files["utbildning/kurs.md"]
    assert '<span id="seminarium-1">**Seminarium**</span> (3 timmar)' in page
    assert '<span id="fraga-uppgift">**Formulera en egen fråga**</span> – Lämnas in' in page
    assert "ISBN 978-91-7555-004-6." in page
    assert "DOI [10.1007/s10488-022-01236-9](https://doi.org/10.1007/s10488-022-01236-9)" in page
    assert "Bildspel: [Bildspel vecka 1](../material/kurs/vecka-1.pdf) (1,2 MB)" in page
    assert "Video: [Föreläsning](<https://example.org/video>)" in page
    assert "*Högskolepoäng: 2,5 hp*" in page


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"title": "Bok", "isbn": "978-91-7555-004-7"},
            "ISBN '978-91-7555-004-7' har fel kontrollsiffra",
        ),
        ({"title": "Bok", "isbn": "91-7555"}, "ISBN '91-7555' ska ha 10 eller 13 siffror"),
        ({"title": "Artikel", "doi": "doi:10.1007/x"}, "'doi:10.1007/x' har fel form för 'doi'"),
        (
            {"title": "Sida", "url": "ftp://example.org"},
            "'ftp://example.org' har fel form för 'url'",
        ),
        ({"title": "Bok utan adress"}, "ange doi, isbn eller url så att texten går att hitta"),
    ],
)
def test_a_reading_list_entry_that_cannot_be_found_is_a_located_error(
    make_project: Callable[..., Project], entry: dict[str, Any], message: str
) -> None:
    problems = [p.format() for p in check(course_project(make_project, course(entry)))[1]]
    assert len(problems) == 1
    assert problems[0].startswith("data/curriculum/kurs.yaml:18:")
    assert message in problems[0]


def test_a_missing_material_file_is_an_error_at_its_line_and_column(
    make_project: Callable[..., Project],
) -> None:
    problems = [p.format() for p in check(course_project(make_project, material=False))[1]]
    assert problems == [
        "data/curriculum/kurs.yaml:21:57: error: filen "
        "'material/kurs/vecka-1.pdf' finns inte i data/ (lägg filen i "
        "data/material/ eller rätta sökvägen)"
    ]


def test_material_is_a_file_or_a_link_never_a_path_out_of_the_folder(
    make_project: Callable[..., Project],
) -> None:
    outside = course(slides={**SLIDES, "file": "../../mkdocs.yml"})
    problems = [p.format() for p in check(course_project(make_project, outside))[1]]
    assert problems == [
        "data/curriculum/kurs.yaml:21:57: error: '../../mkdocs.yml' har fel form för 'file'"
    ]


def test_material_files_are_copied_by_kb_build_and_by_plain_mkdocs(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = course_project(make_project)
    source = project.data_dir / "material" / "kurs" / "vecka-1.pdf"
    build(project, tmp_path / "site")
    assert (tmp_path / "site" / "material" / "kurs" / "vecka-1.pdf").read_bytes() == (
        source.read_bytes()
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "--site-dir",
            str(tmp_path / "plugin"),
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plugin" / "material" / "kurs" / "vecka-1.pdf").read_bytes() == (
        source.read_bytes()
    )
    config = write_tree(project, tmp_path / "tree")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tree" / "site" / "material" / "kurs" / "vecka-1.pdf").is_file()


def test_the_handout_gives_each_of_the_courses_facts_a_line_of_its_own(
    make_project: Callable[..., Project],
) -> None:
    """Scope, credits and organiser are three bullets, never one glued to the next."""
    organiser = {"text": "Stadens socialtjänst", "source": "s1"}
    project = make_project({"curriculum/kurs.yaml": record("curriculum", organiser=organiser)})
    handout = generate(project).files["utbildning/kurs/utdelning/index.md"]
    assert (
        "- **Målgrupp:** Socionomstudenter\n"
        "- **Omfattning:** 7,5 högskolepoäng\n"
        "- **Högskolepoäng:** 7,5 hp\n"
        "- **Anordnare:** Stadens socialtjänst\n"
    ) in handout


def test_each_course_has_a_handout_kept_out_of_navigation_and_search(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = course_project(make_project)
    rendered = generate(project)
    handout = rendered.files["utbildning/kurs/utdelning/index.md"]
    assert '<div class="kb-handout" data-pagefind-ignore="all" markdown>' in handout
    assert "  - navigation\n" in handout
    assert '<a href="../../../steg/#fraga">Formulera en fråga</a> `/steg/#fraga`' in handout
    assert "utbildning/kurs/utdelning/index.md" in rendered.not_in_nav
    build(project, tmp_path / "site")
    assert (tmp_path / "site" / "utbildning" / "kurs" / "utdelning" / "index.html").is_file()
    index = json.loads(
        (tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    )
    pages = [
        page
        for page in (tmp_path / "site").rglob("index.html")
        if "<article" in page.read_text(encoding="utf-8")
    ]
    # Every page but the handout, /lankar/ and /underhall/.
    assert index["languages"]["sv"]["page_count"] == len(pages) - 3
