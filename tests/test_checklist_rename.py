"""In Debian's Chromium: a team's checklist marks survive an editor renaming the stage and
the item (old ids kept in `aliases`), so a rename never wipes out a team's progress."""

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import new_context, serve
from playwright.sync_api import Browser, Page, expect

from generator.reading.project import Project
from generator.site.engine.build import build

pytestmark = pytest.mark.browser


def rename_stage_and_item(project: Project) -> None:
    """Stage `start` becomes `utforskning` and item `behov-kartlagt` becomes
    `behoven-kartlagda`, each keeping its old id in `aliases`; references follow."""
    old = project.data_dir / "stage" / "start.yaml"
    text = old.read_text(encoding="utf-8").replace(
        "id: start\n", "id: utforskning\naliases: [start]\n"
    )
    (project.data_dir / "stage" / "utforskning.yaml").write_text(text, encoding="utf-8")
    old.unlink()
    for path in project.data_dir.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            "{id: behov-kartlagt,", "{id: behoven-kartlagda, aliases: [behov-kartlagt],"
        )
        text = text.replace("stage/start#behov-kartlagt", "stage/utforskning#behoven-kartlagda")
        text = text.replace("stage/start", "stage/utforskning")
        path.write_text(text, encoding="utf-8")


def test_marks_follow_a_renamed_stage_and_item(
    make_project: Callable[..., Project], tmp_path: Path, page: Page
) -> None:
    project = make_project()
    site = tmp_path / "site"
    build(project, site)
    with serve(site) as url:
        page.goto(f"{url}implementering/start/")
        item = page.locator("li", has=page.locator('[id="behov-kartlagt"]'))
        item.get_by_role("radio", name="Klart", exact=True).check()
        item.get_by_label("Ansvarig").fill("Anna Berg")

        rename_stage_and_item(project)
        build(project, site)
        page.goto(f"{url}implementering/utforskning/")
        for _ in range(2):  # the second time from what was saved under the new ids
            renamed = page.locator("li", has=page.locator('[id="behoven-kartlagda"]'))
            expect(renamed.get_by_role("radio", name="Klart", exact=True)).to_be_checked()
            expect(renamed.get_by_label("Ansvarig")).to_have_value("Anna Berg")
            expect(page.locator(".kb-progress-total")).to_contain_text("1")
            stored = page.evaluate('() => Object.keys(__md_get("kb-team").checklists)')
            page.reload()
        assert stored == ["utforskning"]


def test_a_file_exported_before_the_rename_imports_after_it(
    make_project: Callable[..., Project], tmp_path: Path, page: Page, browser: Browser
) -> None:
    project = make_project()
    site = tmp_path / "site"
    build(project, site)
    with serve(site) as url:
        page.goto(f"{url}implementering/start/")
        item = page.locator("li", has=page.locator('[id="behov-kartlagt"]'))
        item.get_by_role("radio", name="Påbörjat", exact=True).check()
        with page.expect_download() as download:
            page.get_by_role("button", name="Exportera till fil").click()
        exported = tmp_path / "export.json"
        download.value.save_as(exported)

        rename_stage_and_item(project)
        build(project, site)
        colleague = new_context(browser).new_page()
        colleague.goto(f"{url}implementering/utforskning/")
        with colleague.expect_file_chooser() as chooser:
            colleague.get_by_role("button", name="Importera från fil").click()
        chooser.value.set_files(exported)
        renamed = colleague.locator("li", has=colleague.locator('[id="behoven-kartlagda"]'))
        expect(renamed.get_by_role("radio", name="Påbörjat", exact=True)).to_be_checked()
        colleague.context.close()
