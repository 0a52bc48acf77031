"""A record cannot take an address that the site uses for a page of its own.

A stage with the id `oversikt` would be served at `/implementering/oversikt/`, where the
team's overview is, and one page would silently replace the other. `kb check` names every
such record at the `id` (or old id) the editor wrote, whichever generated page it meets.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.rendering.generated_addresses import generated_addresses, page_address
from generator.site.command.cli import main
from generator.site.engine.generation import generate


def run_check(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check"])
    return result.exit_code, result.stderr.splitlines()


def taken(path: str, line: int, column: int, address: str, what: str = "posten skulle få") -> str:
    return (
        f"data/{path}:{line}:{column}: error: {what} adressen {address}, men där har "
        "webbplatsen redan en egen sida (välj ett annat id; adressen blir typens mapp följd "
        "av id:t)"
    )


def test_every_record_at_a_generated_address_is_reported_at_its_id(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            # The team's overview and the fit assessment, under the stages' own folder.
            "stage/oversikt.yaml": record("stage", "oversikt", order=2),
            "stage/val.yaml": record("stage", "val", order=3, aliases=["val-av-metod"]),
            # The finder, the maintenance list and a section's overview, beside processes.
            "process/hitta.yaml": record("process", "hitta"),
            "process/underhall.yaml": record("process", "underhall"),
            "process/insatser.yaml": record("process", "insatser"),
            # The second page of the methods' overview, once there are more than fit on one.
            "intervention/sida-2.yaml": record("intervention", "sida-2"),
            # A hand-written page in content/.
            "process/om.yaml": record("process", "om"),
            # The id `index` is its folder's index page: the start page, a section's overview.
            "process/index.yaml": record("process", "index"),
            "intervention/index.yaml": record("intervention", "index"),
            # Addresses near the generated ones are free.
            "stage/oversikt-2.yaml": record("stage", "oversikt-2", order=4),
            "intervention/sida-1.yaml": record("intervention", "sida-1"),
        }
    )
    (project.root / "content" / "om.md").write_text("# Om webbplatsen\n", encoding="utf-8")
    assert run_check(project, monkeypatch) == (
        1,
        [
            taken("intervention/index.yaml", 1, 5, "/insatser/"),
            taken("intervention/sida-2.yaml", 1, 5, "/insatser/sida-2/"),
            taken("process/hitta.yaml", 1, 5, "/hitta/"),
            taken("process/index.yaml", 1, 5, "/"),
            taken("process/insatser.yaml", 1, 5, "/insatser/"),
            taken("process/om.yaml", 1, 5, "/om/"),
            taken("process/underhall.yaml", 1, 5, "/underhall/"),
            taken("stage/oversikt.yaml", 1, 5, "/implementering/oversikt/"),
            taken(
                "stage/val.yaml",
                16,
                11,
                "/implementering/val-av-metod/",
                "det gamla id:t skulle leda från",
            ),
        ],
    )


def test_the_check_covers_every_page_a_build_writes_that_no_record_gives(
    make_project: Callable[..., Project],
) -> None:
    """The addresses come from the page producers, not from a list: every page of a real
    build that is neither a record's own page (or old address) nor inside a record's folder
    (a course's handout, a long list of backlinks) is one the check protects."""
    project = make_project(
        {"intervention/beta.yaml": record("intervention", "beta", aliases=["gamla-beta"])}
    )
    records, _ = check(project)
    own = {r.address(a) for r in records for a in ["", *r.aliases]}
    addresses = (page_address(path) for path in generate(project).sources)
    pages = {address for address in addresses if address is not None} - own
    generated = [p for p in sorted(pages) if p and not any(p.startswith(o) for o in own)]
    taken = generated_addresses(project)
    assert "implementering/oversikt/" in generated
    assert [address for address in generated if not taken.holds(address)] == []
    assert [address for address in sorted(own) if taken.holds(address)] == []
