"""Every built page is valid HTML, as the Nu HTML Checker (the W3C's validator, npm's vnu-jar
from tests/js's lock, on Debian's Java) reads it: none of the theme's markup (mended in
generator/site/publishing/theme/) nor the generator's has an error. One run of the checker
reads the whole site; a page known to be invalid goes with it, so that a checker that read
nothing cannot pass."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO

VNU = REPO / "tests" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A label for a control that does not exist, the kind of mistake the theme made.
INVALID = """<!doctype html>
<html lang="sv"><head><title>Fel</title></head>
<body><label for="saknas">Etikett</label></body></html>
"""


def errors(*paths: Path) -> dict[str, list[str]]:
    """The checker's errors by file, each with its line: one run over every path."""
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    found: dict[str, list[str]] = {}
    for problem in json.loads(checked.stderr)["messages"]:
        if problem["type"] == "error" or problem.get("subType") == "fatal":
            where = problem.get("url", "").removeprefix("file:")
            found.setdefault(where, []).append(f"{problem.get('lastLine')}: {problem['message']}")
    return found


def test_every_built_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.html"
    invalid.write_text(INVALID, encoding="utf-8")
    found = errors(site, invalid)
    assert list(found.pop(str(invalid))) == [
        "3: The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control."
    ]
    assert found == {}
