"""Benchmark: our pipeline against plain MkDocs on the same pages, at several dataset sizes.

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/python bench/run.py                 # 100, 1,000 and 10,000 records
    .venv/bin/python bench/run.py --sizes 100     # the CI smoke case

Synthetic datasets are made from the bundled records: the whole set is cloned in groups,
each clone renamed and its cross-references pointed at the clones of the same group, so
every record type, reference and anchor occurs as in the real data. Each step runs in its
own process so that its wall time and peak memory (from wait4) are its own. `kb check` runs
twice, on the new project (cold: no cache of read files yet) and again (warm); the build
runs with the cache removed, so it is cold too. Machines are noisy; read the ratios, not
the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.types import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
BIN = Path(sys.executable).parent
CACHE = Path(".kb") / "cache"  # kb's cache of read record files (generator/cache.py)
_REF = re.compile(rf"\b({'|'.join(RECORD_TYPES)})/([a-z0-9-]+)")


@dataclass
class Step:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    records: int
    check: Step
    check_warm: Step
    generate: Step
    build: Step
    baseline: Step
    site_mb: float
    largest_page_kb: float
    search_index_kb: float


def make_dataset(target: Path, size: int) -> int:
    """A project under `target` with about `size` records; returns the exact count."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    originals = sorted((REPO / "data").glob("*/*.yaml"))
    groups = max(1, round(size / len(originals)))
    for group in range(groups):
        # Group 0 keeps the real ids, so the hand-written pages' links still resolve.
        suffix = f"-g{group}" if group else ""
        for path in originals:
            text = path.read_text(encoding="utf-8")
            text = _REF.sub(rf"\1/\2{suffix}", text)
            text = re.sub(r"^id: ([a-z0-9-]+)$", rf"id: \1{suffix}", text, count=1,
                          flags=re.M)
            if path.parent.name == "reference" and group:
                text = _distinct_work(text, group)
            out = target / "data" / path.parent.name / f"{path.stem}{suffix}.yaml"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return groups * len(originals)


def _distinct_work(text: str, group: int) -> str:
    """A cloned bibliography entry with identifiers of its own: a work may be described only
    once, so a clone gets its own DOI and address, and no ISBN (a check digit cannot vary)."""
    text = re.sub(r"^(doi: .+)$", rf"\1.kopia{group}", text, flags=re.M)
    text = re.sub(r"^(url: .+)$", rf"\1#kopia-{group}", text, flags=re.M)
    return re.sub(r"^isbn: .+\n", "", text, flags=re.M)


def run(command: list[str], cwd: Path) -> Step:
    """Run one step in its own process; its wall time and peak resident memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return Step(round(seconds, 2), round(usage.ru_maxrss / 1024, 1))


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def measure(size: int) -> Result:
    project = OUT / f"data-{size}"
    count = make_dataset(project, size)
    kb = str(BIN / "kb")
    check = run([kb, "check"], project)  # a new project: no cache of read files yet
    check_warm = run([kb, "check"], project)
    generate = run([kb, "generate", "--out", "tree"], project)
    shutil.rmtree(project / CACHE)  # the build is measured cold too
    build = run([kb, "-q", "build", "--site-dir", "site"], project)
    baseline = run([str(BIN / "mkdocs"), "build", "-q", "-f", "tree/mkdocs.yml",
                    "--site-dir", str(project / "baseline-site")], project)
    site = project / "site"
    pages = [p for p in site.rglob("*.html")]
    return Result(
        records=count, check=check, check_warm=check_warm, generate=generate, build=build,
        baseline=baseline,
        site_mb=_size_mb(site),
        largest_page_kb=round(max(p.stat().st_size for p in pages) / 1024, 1),
        search_index_kb=round((site / "search" / "search_index.json").stat().st_size / 1024, 1),
    )


def ratios(results: list[Result]) -> dict[str, float]:
    """The targets of the scale issue, as ratios between runs of the same machine."""
    by_size = sorted(results, key=lambda r: r.records)
    small, large = by_size[0], by_size[-1]
    found = {f"build / baseline at {r.records}": round(r.build.seconds / r.baseline.seconds, 2)
             for r in by_size}
    found[f"largest page {large.records} / {small.records}"] = round(
        large.largest_page_kb / small.largest_page_kb, 2)
    found.update({f"search index KB per record at {r.records}": round(
        r.search_index_kb / r.records, 1) for r in by_size})
    if len(by_size) >= 2:
        previous, last = by_size[-2], by_size[-1]
        found[f"build time {last.records} / {previous.records}"] = round(
            last.build.seconds / previous.build.seconds, 2)
    return found


def table(results: list[Result]) -> str:
    header = ("| records | kb check s (cold) | kb check s (warm) | generate s | kb build s | "
              "plain mkdocs s | build/baseline | peak MB (build) | site MB | largest page KB | "
              "search index KB |\n|---|---|---|---|---|---|---|---|---|---|---|")
    rows = [f"| {r.records} | {r.check.seconds} | {r.check_warm.seconds} | "
            f"{r.generate.seconds} | {r.build.seconds} | "
            f"{r.baseline.seconds} | {r.build.seconds / r.baseline.seconds:.2f} | "
            f"{r.build.peak_mb} | {r.site_mb} | {r.largest_page_kb} | {r.search_index_kb} |"
            for r in results]
    return "\n".join([header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    results = [measure(size) for size in args.sizes]
    print(table(results))
    print()
    for name, value in ratios(results).items():
        print(f"- {name}: {value}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
