"""The kb plugin's options in mkdocs.yml: MkDocs accepts them, and `kb check` applies them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from built_site import mkdocs_build
from click.testing import CliRunner
from mkdocs.config import defaults as mkdocs_defaults
from mkdocs.utils.yaml import yaml_load

from generator.reading import config_file
from generator.reading.project import Project
from generator.reading.project import today as build_day
from generator.site.command.cli import main
from generator.site.engine.mkdocs_pages import build_with
from generator.site.engine.site_files import GeneratedHere
from generator.site.engine.tree import write_tree


def configure(project: Project, options: str) -> None:
    """Replace the bare `- kb` plugin entry with one carrying `options`."""
    text = project.config_file.read_text(encoding="utf-8")
    assert "\n  - kb\n" in text
    project.config_file.write_text(
        text.replace("\n  - kb\n", f"\n  - kb:\n{options}"), encoding="utf-8"
    )


def kb_check(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check"])
    return result.exit_code, result.stderr.splitlines()


def test_mkdocs_build_accepts_the_options_and_kb_generate_drops_them(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    configure(project, "      review_max_age_years: 2\n      max_file_bytes: 50000\n")
    mkdocs_build(project.config_file, project.root / "site")
    config = yaml.safe_load(write_tree(project, tmp_path / "tree").read_text(encoding="utf-8"))
    assert not any("kb" in (p if isinstance(p, dict) else {p: 0}) for p in config["plugins"])


def test_max_file_bytes_from_mkdocs_yml_limits_record_files(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    configure(project, "      max_file_bytes: 400\n")
    size = (project.data_dir / "intervention" / "alfa.yaml").stat().st_size
    assert kb_check(project, monkeypatch) == (
        1,
        [
            f"data/intervention/alfa.yaml:1:1: error: filen är {size} byte, större än gränsen 400 "
            "byte (dela upp posten eller flytta långa texter till content/)"
        ],
    )


def test_review_max_age_years_from_mkdocs_yml_sets_when_a_review_is_due(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    today = build_day()
    reviewed = today.replace(year=today.year - 1, day=min(today.day, 28)) - dt.timedelta(days=1)
    path = "process/steg.yaml"
    project = make_project()
    record = project.data_dir / path
    record.write_text(
        record.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", f"reviewed: {reviewed}"),
        encoding="utf-8",
    )
    assert kb_check(project, monkeypatch) == (0, [])
    configure(project, "      review_max_age_years: 1\n")
    assert kb_check(project, monkeypatch) == (
        0,
        [
            f"data/{path}:4:11: warning: posten granskades senast {reviewed}, "
            "för mer än 1 år sedan (granska innehållet och sätt reviewed till dagens datum)"
        ],
    )


@pytest.mark.parametrize(
    ("options", "column", "name"),
    [
        ("      review_max_age_yeras: 2\n", 7, "review_max_age_yeras"),
        ("      max_file_bytes: -1\n", 23, "max_file_bytes"),
        ("      review_max_age_years: tre\n", 29, "review_max_age_years"),
    ],
)
def test_an_invalid_option_is_located_in_mkdocs_yml(
    make_project: Callable[..., Project],
    monkeypatch: pytest.MonkeyPatch,
    options: str,
    column: int,
    name: str,
) -> None:
    """An unknown option at its key, a wrong value at the value."""
    project = make_project()
    configure(project, options)
    line = project.config_file.read_text(encoding="utf-8").split("\n").index(options.rstrip()) + 1
    assert kb_check(project, monkeypatch) == (
        1,
        [
            f"mkdocs.yml:{line}:{column}: error: ogiltig inställning för kb: {name} (tillåtet är "
            "review_max_age_years, max_file_bytes med positiva heltal)"
        ],
    )


def test_mkdocs_yml_is_read_once_for_each_state_of_the_file(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build asks for the settings many times; MkDocs' loader reads them once, and again
    only when the file (or, for `!ENV`, the environment) changes."""
    project = make_project()
    reads: list[object] = []

    def counted(*args: Any) -> dict[str, Any]:
        reads.append(args)
        return yaml_load(*args)

    monkeypatch.setattr(config_file, "yaml_load", counted)
    first = project.config()
    first["site_name"] = "Ändrad av den som frågade"
    assert project.config()["site_name"] != first["site_name"]
    assert len(reads) == 1
    project.config_file.write_text(
        project.config_file.read_text(encoding="utf-8").replace(
            "site_name:", "site_url: !ENV [KB_TEST_URL, 'https://a.example/']\nsite_name:", 1
        ),
        encoding="utf-8",
    )
    assert project.config()["site_url"] == "https://a.example/"
    monkeypatch.setenv("KB_TEST_URL", "https://b.example/")
    assert project.config()["site_url"] == "https://b.example/"
    assert project.config()["site_url"] == "https://b.example/"
    assert len(reads) == 3


def test_a_build_parses_mkdocs_yml_once(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """kb and MkDocs build from the one reading of the file: MkDocs is handed the settings
    kb read, never its path to read again (issue 28 item 4)."""
    project = make_project()
    parsed: list[str] = []

    def counted(stream: Any, *args: Any) -> Any:
        parsed.append(Path(getattr(stream, "name", "?")).name)
        return yaml_load(stream, *args)

    monkeypatch.setattr(config_file, "yaml_load", counted)
    monkeypatch.setattr(mkdocs_defaults, "yaml_load", counted)
    monkeypatch.setattr(config_file, "_KEPT", {})
    build_with(GeneratedHere(project), project, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
    assert parsed.count("mkdocs.yml") == 1


@pytest.mark.parametrize(
    ("setting", "strict", "said"),
    [
        (
            "use_directory_urls: 5",
            False,
            "error: MkDocs godtar inte inställningen use_directory_urls",
        ),
        ("no_such_setting: 1", True, "error: MkDocs godtar inte inställningen no_such_setting"),
        ("no_such_setting: 1", False, "warning: MkDocs varnar för inställningen no_such_setting"),
    ],
)
def test_a_setting_mkdocs_objects_to_is_located_in_swedish(
    make_project: Callable[..., Project],
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    strict: bool,
    said: str,
) -> None:
    """MkDocs' own objections to mkdocs.yml are told like kb's: at the line, in Swedish, with
    MkDocs' reason after. An error stops the build before anything is built; a warning does
    too in MkDocs' strict mode, as MkDocs' own would, and is only told otherwise."""
    project = make_project()
    text = project.config_file.read_text(encoding="utf-8").rstrip("\n") + "\n"
    text = text.replace("strict: true", f"strict: {str(strict).lower()}")
    project.config_file.write_text(f"{text}{setting}\n", encoding="utf-8")
    line = text.count("\n") + 1
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["-q", "build", "--site-dir", "site"])
    located = [text for text in result.output.splitlines() if f"mkdocs.yml:{line}:" in text]
    assert len(located) == 1 and said in located[0], result.output
    assert (result.exit_code == 1) == said.startswith("error"), result.output
    assert (project.root / "site").is_dir() == said.startswith("warning")
