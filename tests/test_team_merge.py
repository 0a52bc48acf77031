"""Merging two copies of a team's data is a join, whoever merges into whom and however often:
fast-check, in Node, over random histories of two to five members working on the site's own
team module (tests/js/team-merge.property.mjs, installed by `make js-install`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROPERTY = REPO / "tests" / "js" / "team-merge.property.mjs"


def test_merge_is_a_join_and_the_newest_version_of_everything_wins() -> None:
    node = shutil.which("node")
    assert node, "the property test needs Node.js (make js-install)"
    result = subprocess.run(
        [node, str(PROPERTY)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "300 slumpade historier" in result.stdout
