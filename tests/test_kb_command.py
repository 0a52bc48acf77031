"""The installed `kb` command: every line is printed and the status is the command's own,
although it leaves without freeing its records one by one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.reading.project import Project

KB = str(Path(sys.executable).with_name("kb"))


def kb(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KB, *args], cwd=project.root, capture_output=True, text=True, check=False
    )


def test_a_clean_check_says_so_and_exits_0(make_project: Callable[..., Project]) -> None:
    result = kb(make_project(), "check")
    assert result.returncode == 0, result.stderr
    assert "inga fel" in result.stdout


def test_a_check_with_errors_prints_each_of_them_and_exits_1(
    make_project: Callable[..., Project],
) -> None:
    project = make_project(
        {f"process/p{i}.yaml": f"id: p{i}\ntitle: P\ntitel: x\n" for i in range(200)}
    )
    result = kb(project, "check")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "okänt fält 'titel'" in line]
    assert len(lines) == 200


def test_json_output_is_complete(make_project: Callable[..., Project]) -> None:
    result = kb(
        make_project({"process/p.yaml": "id: p\ntitle: P\ntitel: x\n"}), "check", "--format", "json"
    )
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("]")


def test_a_wrong_record_type_is_a_usage_error_naming_the_types(
    make_project: Callable[..., Project],
) -> None:
    result = kb(make_project(), "new", "metod", "x")
    assert result.returncode == 2
    assert "välj en av intervention" in result.stderr
