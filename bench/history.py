"""What the record pages' "Ändringar" and the feeds cost a build: the repository's history of
data/ read (one `git log`, one `git cat-file --batch`, the methods' versions parsed) and every
record's versions compared, at the size of the bench's largest dataset.

The dataset is run.py's, committed three times into a git repository of its own: as made,
with every method's top age one year higher, and with a third of all records' summaries
reworded (which the pages do not list, summaries being no field readers rely on). Run:
`.venv/bin/python bench/history.py [--size 10000] [--repeat 3]`; the first reading parses
every version, later ones in the same process (as in `kb serve`) only new commits' versions.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from run import make_dataset

from generator.model.changes import revisions
from generator.reading.versions import read_history
from generator.types import RECORD_TYPES
from generator.types.meaning import relied_on


def commit(project: Path, day: str) -> None:
    when = f"{day}T09:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for args in (["add", "-A"], ["-c", "commit.gpgsign=false", "commit", "-q", "-m", day]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def history_of(project: Path, size: int) -> int:
    """The dataset in `project` with three commits; the number of records."""
    count = make_dataset(project, size)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit(project, "2026-01-01")
    for path in sorted((project / "data" / "intervention").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        older = re.sub(r"(\n  max: )(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}", text, count=1)
        path.write_text(older, encoding="utf-8")
    commit(project, "2026-02-01")
    for path in sorted((project / "data").glob("*/*.yaml"))[::3]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nsummary: ", "\nsummary: Nu: ", 1), encoding="utf-8")
    commit(project, "2026-03-01")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        count = history_of(project, args.size)
        parsed = [name for name in RECORD_TYPES if relied_on(RECORD_TYPES[name])]
        for run in range(1, args.repeat + 1):
            start = time.perf_counter()
            history = read_history(project / "data", parsed)
            read = time.perf_counter()
            found = sum(
                len(revisions(RECORD_TYPES[key.partition("/")[0]], versions))
                for key, versions in history.files.items()
            )
            done = time.perf_counter()
            print(
                f"run {run}: {count} records, {found} revisions: history read in "
                f"{read - start:.2f} s, compared in {done - read:.2f} s"
            )


if __name__ == "__main__":
    main()
