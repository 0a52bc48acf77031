"""The search benchmark runs end to end on the smallest dataset (a smoke test, not a timing
test): both searches answer in Chromium and a visitor who does not search fetches no index."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser


def test_search_benchmark_measures_both_searches_at_100_records(tmp_path: Path) -> None:
    report = tmp_path / "search.json"
    result = subprocess.run(
        [
            sys.executable,
            "bench/search.py",
            "--sizes",
            "100",
            "--methods",
            "--json",
            str(report),
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(report.read_text())
    assert row["pagefind"]["index_kb_on_load"] == 0
    assert row["theme"]["index_kb_on_load"] > 100
    assert 0 < row["pagefind"]["search_kb"] < 300
    assert row["largest_page_kb"] > 0 and row["pages"] > 100
    assert "first search, theme / Pagefind" in result.stdout
