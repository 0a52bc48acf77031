"""The real site, built from the bundled data: addresses, anchors, safety (search is in
tests/test_search.py)."""

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from built_site import indexed_pages, mkdocs_build, site_files

from generator.diagnostics import DataError
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.search import index_site
from generator.site.engine.staging import MARK
from generator.site.engine.tree import write_tree

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "address",
    [
        "index.html",
        "insatser/index.html",
        "insatser/mst/index.html",
        "insatser/pmto/index.html",
        "insatser/pals/index.html",
        "insatser/tibir/index.html",
        "implementering/index.html",
        "implementering/utforskning/index.html",
        "implementering/installation/index.html",
        "implementering/initial-implementering/index.html",
        "implementering/full-implementering/index.html",
        "ebp/index.html",
        "utbildning/index.html",
        "utbildning/traineeprogram-socionomstudenter/index.html",
        "utbildning/ebp-kurs-7-5-hp/index.html",
        "redaktorer/index.html",
        "redaktorer/falt/index.html",
        "schemas/intervention.schema.json",
    ],
)
def test_stable_addresses_exist(site: Path, address: str) -> None:
    assert (site / address).is_file()


def test_each_of_the_nine_steps_has_its_own_anchor(site: Path) -> None:
    html = (site / "ebp" / "index.html").read_text(encoding="utf-8")
    for step in [
        "behov",
        "fraga",
        "sok",
        "vardera",
        "brukaren",
        "professionell-expertis",
        "besluta",
        "genomfor",
        "utvardera",
    ]:
        assert f'id="{step}"' in html


def test_record_pages_show_sources_and_review_date(site: Path) -> None:
    html = (site / "insatser" / "pmto" / "index.html").read_text(encoding="utf-8")
    assert 'id="kalla-' in html and "Källor" in html
    assert re.search(r'Senast granskad:</strong> <time datetime="\d{4}-\d\d-\d\d">', html)
    assert 'class="kb-facts"' in html


def test_stage_pages_have_activities_and_a_checklist(site: Path) -> None:
    for stage in ["utforskning", "installation", "initial-implementering", "full-implementering"]:
        html = (site / "implementering" / stage / "index.html").read_text(encoding="utf-8")
        assert 'id="aktiviteter"' in html and 'class="kb-checklist"' in html
        assert html.count('class="task-list-item"') >= 3


def test_a_failed_build_keeps_the_previous_site(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    target = tmp_path / "site"
    build(project, target)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    (project.data_dir / "stage" / "start.yaml").write_text("id: start\n", encoding="utf-8")
    with pytest.raises(DataError):
        build(project, target)
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_generated_tree_builds_with_plain_mkdocs_without_our_plugin(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    config = write_tree(make_project(), tmp_path / "tree")
    assert "- kb" not in config.read_text(encoding="utf-8")
    mkdocs_build(config, tmp_path / "tree" / "site")
    assert (tmp_path / "tree" / "site" / "insatser" / "alfa" / "index.html").is_file()


def test_kb_build_makes_the_site_plain_mkdocs_makes_from_the_generated_tree(
    site: Path, tmp_path: Path
) -> None:
    """`kb build` hands MkDocs the generated pages in memory instead of writing the tree; the
    site must be the same, byte for byte, as plain MkDocs building `kb generate`'s output with
    Pagefind's index on top."""
    config = write_tree(Project(REPO), tmp_path / "tree")
    mkdocs_build(config, tmp_path / "plain")
    index_site(tmp_path / "plain", Project(REPO))

    built, plain = site_files(site), site_files(tmp_path / "plain")
    assert built.pop(MARK)  # kb marks its output as its own (generator/site/engine/staging.py)
    assert sorted(built) == sorted(plain)
    assert [path for path in built if built[path] != plain[path]] == []
    assert indexed_pages(site) == indexed_pages(tmp_path / "plain") > 100


def test_the_measures_page_names_its_questions(site: Path) -> None:
    html = (site / "matt" / "ors" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="fragor">Frågor<a', html)
    assert "built-in method" not in html


def test_mkdocs_build_from_the_root_uses_the_plugin_and_leaves_sources_unchanged(
    tmp_path: Path,
) -> None:
    def snapshot() -> dict[str, bytes]:
        return {
            p.relative_to(REPO).as_posix(): p.read_bytes()
            for folder in ("content", "data")
            for p in (REPO / folder).rglob("*")
            if p.is_file()
        }

    before = snapshot()
    mkdocs_build(REPO / "mkdocs.yml", tmp_path / "s")
    assert (tmp_path / "s" / "insatser" / "pmto" / "index.html").is_file()
    assert snapshot() == before


def test_mkdocs_build_fails_with_located_errors_on_bad_data(
    make_project: Callable[..., Project],
) -> None:
    project = make_project({"process/steg.yaml": "id: steg\ntitle: Steg\ntitel: x\n"})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "data/process/steg.yaml:3:1: error: okänt fält 'titel'" in result.stderr
    assert not (project.root / "site").exists()
