"""Nothing a user or their machine can cause ends in a traceback: each condition here runs the
real `kb` and must end in a Swedish sentence, located in mkdocs.yml where it lies there. A
command that stops before it builds runs in the test's own process (running_kb.kb_here),
the rest as a process of their own."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from running_kb import kb, kb_here

from generator.reading.project import Project

BROKEN_CONFIGS = {
    "a syntax error": (
        "site_name: [Kunskapsbank\ntheme: material\n",
        "mkdocs.yml:1:12: error: ogiltig YAML: hakparentesen '[' stängs aldrig",
    ),
    "an empty file": ("", "mkdocs.yml:1:1: error: mkdocs.yml är tom"),
    "only a comment": ("# inget här\n", "mkdocs.yml:1:1: error: mkdocs.yml är tom"),
    "a list": ("- site_name\n- theme\n", "mkdocs.yml:1:1: error: mkdocs.yml ska vara"),
    "a number": ("42\n", "mkdocs.yml:1:1: error: mkdocs.yml ska vara inställningar"),
    "an unknown tag": (
        "site_name: Kb\ntheme: !okand material\n",
        "mkdocs.yml:2:8: error: YAML-taggen '!okand' stöds inte",
    ),
    "a Python tag": (
        "site_name: !!python/object/apply:os.getcwd []\n",
        "mkdocs.yml:1:12: error: YAML-taggen",
    ),
    "a missing inherited file": (
        "site_name: Kb\nINHERIT: finns-inte.yml\n",
        "mkdocs.yml:2:1: error: filen som INHERIT pekar på finns inte",
    ),
    "an inherited list": (
        "INHERIT: lista.yml\nsite_name: Kb\n",
        "mkdocs.yml:1:1: error: filen som INHERIT pekar på ska vara",
    ),
    "inheriting itself": ("INHERIT: mkdocs.yml\n", "mkdocs.yml:1:1: error: filen ärver"),
    "plugins not a list": ("site_name: Kb\nplugins: kb\n", "mkdocs.yml:2:10: error: 'plugins'"),
    "docs_dir not a path": ("site_name: Kb\ndocs_dir: [a]\n", "mkdocs.yml:2:1: error: docs_dir"),
    "not UTF-8": (
        "site_name: K\xf6\n".encode("latin-1").decode("utf-8", "surrogateescape"),
        "mkdocs.yml:1:1: error:",
    ),
}


@pytest.mark.parametrize(
    "command", [["check"], ["build", "--site-dir", "ut"], ["generate", "--out", "ut"]]
)
@pytest.mark.parametrize("case", list(BROKEN_CONFIGS))
def test_a_broken_mkdocs_yml_is_located_and_never_a_traceback(
    make_project: Callable[..., Project], case: str, command: list[str]
) -> None:
    project = make_project()
    text, expected = BROKEN_CONFIGS[case]
    project.config_file.write_bytes(text.encode("utf-8", "surrogateescape"))
    (project.root / "lista.yml").write_text("- a\n", encoding="utf-8")
    result = kb_here(project, *command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert not (project.root / "ut").exists()


def test_env_tags_and_inherit_work_and_the_generated_config_is_plain(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project()
    base = project.config_file.read_text(encoding="utf-8")
    (project.root / "bas.yml").write_text(base, encoding="utf-8")
    project.config_file.write_text(
        "INHERIT: bas.yml\nsite_name: !ENV [KB_NAMN, Reserv]\n"
        "site_description: !ENV [KB_SAKNAS, Beskrivning från reserven]\n",
        encoding="utf-8",
    )
    env = {"KB_NAMN": "Kunskapsbank från miljön"}
    assert kb(project, "check", env=env).returncode == 0
    result = kb(project, "generate", "--out", str(tmp_path / "tree"), env=env)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "tree" / "mkdocs.yml").read_text(encoding="utf-8")
    derived = yaml.safe_load(text)  # plain YAML: no tags, nothing inherited
    assert "!ENV" not in text and "INHERIT" not in derived
    assert derived["site_name"] == "Kunskapsbank från miljön"
    assert derived["site_description"] == "Beskrivning från reserven"
    assert derived["theme"]["language"] == "sv"
    built = kb(project, "build", "--site-dir", str(tmp_path / "site"), env=env)
    assert built.returncode == 0, built.stderr
    assert "Kunskapsbank från miljön" in (tmp_path / "site" / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("epoch", ["igår", "1.5e9", "", "99999999999999999999"])
def test_an_invalid_source_date_epoch_is_named(
    make_project: Callable[..., Project], epoch: str
) -> None:
    project = make_project()
    for command in (["check"], ["build", "--site-dir", "ut"]):
        result = kb_here(project, *command, env={"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "miljövariabeln SOURCE_DATE_EPOCH" in result.stderr, result.stderr


def test_a_taken_port_points_to_dev_addr(make_project: Callable[..., Project]) -> None:
    project = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = kb(project, "serve", "--dev-addr", address)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"kan inte ta emot anrop på {address}" in result.stderr
    assert "--dev-addr" in result.stderr


@pytest.mark.parametrize("address", ["8000", "localhost:", "localhost:port", ":80", "a:99999"])
def test_a_malformed_dev_addr_is_a_sentence(
    make_project: Callable[..., Project], address: str
) -> None:
    result = kb(make_project(), "serve", "--dev-addr", address)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "ska vara adress:port" in result.stderr
