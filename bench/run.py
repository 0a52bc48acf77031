"""Benchmark: our pipeline against plain MkDocs on the same pages, at several dataset sizes.

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/python bench/run.py                 # 100, 1,000 and 10,000 records
    .venv/bin/python bench/run.py --sizes 100 --repeat 1   # the CI smoke case

Synthetic datasets are made from the bundled records: the whole set is cloned in groups,
each clone renamed and its cross-references pointed at the clones of the same group, so
every record type, reference and anchor occurs as in the real data. Each step runs in its
own processes so that its wall time and peak memory are its own. `kb check` runs cold (the
cache of read files removed) and warm; the build runs with the cache removed, so it is cold
too. Machines are noisy, so every timed step runs `--repeat` times and the median is
reported, and the build and the baseline alternate, so that a pair sees the same machine:
build/baseline is the median of the pairs' ratios. Read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.types import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
BIN = Path(sys.executable).parent
CACHE = Path(".kb") / "cache"  # kb's cache of read record files (generator/cache.py)
# Record types a site has one of (its accessibility statement): not cloned.
SINGLE = {"accessibility"}
_REF = re.compile(rf"\b({'|'.join(RECORD_TYPES)})/([a-z0-9-]+)")


@dataclass
class Step:
    seconds: float
    peak_mb: float

    @classmethod
    def of(cls, runs: list[Step]) -> Step:
        """Repeated runs of one step: the median time, the highest peak."""
        return cls(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


@dataclass
class Result:
    records: int
    check: Step
    check_warm: Step
    generate: Step
    build: Step
    baseline: Step
    build_ratio: float  # median of build / baseline over alternated pairs
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
    count = 0
    for group in range(groups):
        # Group 0 keeps the real ids, so the hand-written pages' links still resolve.
        suffix = f"-g{group}" if group else ""
        for path in originals:
            if group and path.parent.name in SINGLE:
                continue
            count += 1
            text = path.read_text(encoding="utf-8")
            text = _REF.sub(rf"\1/\2{suffix}", text)
            text = re.sub(r"^id: ([a-z0-9-]+)$", rf"id: \1{suffix}", text, count=1,
                          flags=re.M)
            if path.parent.name == "reference" and group:
                text = _distinct_work(text, group)
            out = target / "data" / path.parent.name / f"{path.stem}{suffix}.yaml"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return count


def _distinct_work(text: str, group: int) -> str:
    """A cloned bibliography entry with identifiers of its own: a work may be described only
    once, so a clone gets its own DOI and address, and no ISBN (a check digit cannot vary)."""
    text = re.sub(r"^(doi: .+)$", rf"\1.kopia{group}", text, flags=re.M)
    text = re.sub(r"^(url: .+)$", rf"\1#kopia-{group}", text, flags=re.M)
    return re.sub(r"^isbn: .+\n", "", text, flags=re.M)


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants now, in KiB (pages a fork
    shares are counted in each process, so this errs on the high side)."""
    total, todo = 0, [pid]
    while todo:
        proc = Path("/proc") / str(todo.pop())
        try:
            rss = re.search(r"^VmRSS:\s+(\d+)", (proc / "status").read_text(), re.M)
            total += int(rss.group(1)) if rss else 0
            for task in (proc / "task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # the process ended meanwhile
            continue
    return total


def run(command: list[str], cwd: Path) -> Step:
    """Run one step in its own process; its wall time and peak resident memory: the most
    that the step's processes held at once (`kb build` generates in a second process while
    MkDocs builds), sampled every 20 ms, or one process's peak if that was higher."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak_kb = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak_kb[0] = max(peak_kb[0], _tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return Step(round(seconds, 2), round(max(peak_kb[0], usage.ru_maxrss) / 1024, 1))


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def measure(size: int, repeat: int) -> Result:
    project = OUT / f"data-{size}"
    count = make_dataset(project, size)
    kb = str(BIN / "kb")
    cold, warm, builds, baselines = [], [], [], []
    for _ in range(repeat):
        shutil.rmtree(project / CACHE, ignore_errors=True)
        cold.append(run([kb, "check"], project))
        warm.append(run([kb, "check"], project))
    generate = run([kb, "generate", "--out", "tree"], project)
    for _ in range(repeat):
        shutil.rmtree(project / CACHE)  # the build is measured cold too
        builds.append(run([kb, "-q", "build", "--site-dir", "site"], project))
        baselines.append(run([str(BIN / "mkdocs"), "build", "-q", "-f", "tree/mkdocs.yml",
                              "--site-dir", str(project / "baseline-site")], project))
    site = project / "site"
    pages = [p for p in site.rglob("*.html")]
    return Result(
        records=count, check=Step.of(cold), check_warm=Step.of(warm), generate=generate,
        build=Step.of(builds), baseline=Step.of(baselines),
        build_ratio=round(statistics.median(
            b.seconds / a.seconds for b, a in zip(builds, baselines, strict=True)), 2),
        site_mb=_size_mb(site),
        largest_page_kb=round(max(p.stat().st_size for p in pages) / 1024, 1),
        search_index_kb=round(sum(p.stat().st_size for p in (site / "pagefind").rglob("*")
                                  if p.is_file()) / 1024, 1),
    )


def ratios(results: list[Result]) -> dict[str, float]:
    """The targets of the scale issue, as ratios between runs of the same machine."""
    by_size = sorted(results, key=lambda r: r.records)
    small, large = by_size[0], by_size[-1]
    found = {f"build / baseline at {r.records}": r.build_ratio for r in by_size}
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
            f"{r.baseline.seconds} | {r.build_ratio:.2f} | "
            f"{r.build.peak_mb} | {r.site_mb} | {r.largest_page_kb} | {r.search_index_kb} |"
            for r in results]
    return "\n".join([header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each timed step (medians are reported)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    results = [measure(size, args.repeat) for size in args.sizes]
    print(table(results))
    print()
    for name, value in ratios(results).items():
        print(f"- {name}: {value}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
