"""The benchmark runs end to end on the smallest dataset (a smoke test, not a timing test)."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_reports_every_measure_for_100_records(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "100", "--repeat", "1", "--json", str(report)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    originals = len(list((REPO / "data").glob("*/*.yaml")))
    records = max(1, round(100 / originals)) * originals  # whole copies of the bundled data
    assert f"build / baseline at {records}" in result.stdout
    (row,) = json.loads(report.read_text())
    assert row["records"] == records
    assert row["build"]["seconds"] > 0 and row["baseline"]["seconds"] > 0
    assert row["build_ratio"] > 0 and row["build"]["peak_mb"] > 0
    assert row["largest_page_kb"] > 0 and row["search_index_kb"] > 0
