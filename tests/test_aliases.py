"""Links never break: after an id is renamed and the old one kept in `aliases`, every address
and anchor of the earlier site still leads somewhere real; old ids that could lead to two
places are located errors."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from built_site import internal_links, page_file, parse
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.build import build
from generator.site.engine.tree import write_tree

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
ALIASES = re.compile(r"data-aliases='([^']*)'")


def rename_record_and_step(project: Project) -> None:
    """What an editor does: stage `start` becomes `utforskning` and step `fraga` becomes
    `formulera-fraga`, each keeping its old id in `aliases`, and references follow."""
    data = project.data_dir
    old = data / "stage" / "start.yaml"
    renamed = old.read_text(encoding="utf-8").replace(
        "id: start\n", "id: utforskning\naliases: [start]\n"
    )
    (data / "stage" / "utforskning.yaml").write_text(renamed, encoding="utf-8")
    old.unlink()
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("{id: fraga, title:", "{id: formulera-fraga, aliases: [fraga], title:")
        text = text.replace("stage/start", "stage/utforskning")
        text = text.replace("process/steg#fraga", "process/steg#formulera-fraga")
        path.write_text(text, encoding="utf-8")


def addresses(site: Path) -> set[tuple[str, str]]:
    """Every page of a built site, every id on it, and every internal link target."""
    found: set[tuple[str, str]] = set()
    for page in site.rglob("*.html"):
        url = (
            page.parent.relative_to(site).as_posix()
            if page.name == "index.html"
            else (page.relative_to(site).as_posix())
        )
        url = "" if url == "." else url
        found.add((url, ""))
        found.update((url, anchor) for anchor in parse(page).ids)
        found.update(internal_links(site, page))
    return found


def resolve(site: Path, url: str, anchor: str) -> str | None:
    """Where a visitor ends up in `site`, following redirect pages and forwarded anchors the
    way the browser and kb-links.js do; None if the address is dead."""
    page = page_file(site, url)
    for _ in range(5):
        if not page.is_file():
            return None
        moved = REFRESH.search(page.read_text(encoding="utf-8"))
        if not moved:
            break
        url = posixpath.normpath(posixpath.join(url, moved.group(1)))
        page = page_file(site, url)
    ids = parse(page).ids
    if anchor and anchor not in ids:
        forwarded = ALIASES.search(page.read_text(encoding="utf-8"))
        anchor = json.loads(forwarded.group(1)).get(anchor, "") if forwarded else ""
        if anchor not in ids:
            return None
    return f"{url}#{anchor}" if anchor else url


def test_every_address_and_anchor_of_a_build_still_resolves_after_a_rename(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    build(project, tmp_path / "before")
    rename_record_and_step(project)
    build(project, tmp_path / "after")
    before = addresses(tmp_path / "before")
    assert ("implementering/start", "behov-kartlagt") in before
    assert ("steg", "fraga") in before
    dead = sorted(
        f"{url}#{anchor}"
        for url, anchor in before
        if resolve(tmp_path / "after", url, anchor) is None
    )
    assert dead == []
    assert resolve(tmp_path / "after", "implementering/start", "behov-kartlagt") == (
        "implementering/utforskning#behov-kartlagt"
    )
    assert resolve(tmp_path / "after", "steg", "fraga") == "steg#formulera-fraga"


def test_a_redirect_page_works_on_any_static_host(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    rename_record_and_step(project)
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / "implementering" / "start" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<meta http-equiv="refresh" content="0; url=../utforskning/">' in page
    assert '<link rel="canonical" href="../utforskning/">' in page
    assert '<a href="../utforskning/">Utforskning</a>' in page
    assert 'location.replace("../utforskning/" + location.hash)' in page


def test_redirects_and_forwarding_build_with_plain_mkdocs(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    rename_record_and_step(project)
    config = write_tree(project, tmp_path / "tree")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "tree" / "site"
    assert resolve(site, "implementering/start", "") == "implementering/utforskning"
    assert resolve(site, "steg", "fraga") == "steg#formulera-fraga"


STEPS_WITH_OLD_IDS_IN_USE = [
    {"id": "fraga", "title": "Formulera en fråga"},
    {"id": "sok", "title": "Sök kunskap", "aliases": ["leta", "fraga", "leta"]},
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"process/steg.yaml": record("process", steps=STEPS_WITH_OLD_IDS_IN_USE)},
            [
                "data/process/steg.yaml:8:51: error: det gamla ankaret 'fraga' är id för en del av "
                "posten som finns",
                "data/process/steg.yaml:8:58: error: det gamla ankaret 'leta' står redan som "
                "gammalt id i posten",
            ],
        ),
        (
            {
                "process/steg.yaml": record(
                    "process", steps=STEPS_WITH_OLD_IDS_IN_USE, aliases=["steg"]
                )
            },
            [
                "data/process/steg.yaml:8:51: error: det gamla ankaret 'fraga' är id för en del av "
                "posten som finns",
                "data/process/steg.yaml:8:58: error: det gamla ankaret 'leta' står redan som "
                "gammalt id i posten",
                "data/process/steg.yaml:11:11: error: det gamla id:t 'steg' är id för en post "
                "som finns: process/steg",
            ],
        ),
    ],
)
def test_an_old_id_that_could_lead_to_two_places_is_a_located_error(
    make_project: Callable[..., Project], files: dict[str, str], expected: list[str]
) -> None:
    problems = [p.format().split(" (")[0] for p in check(make_project(files))[1]]
    assert problems == expected
