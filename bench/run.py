"""Benchmark: our pipeline against plain MkDocs on the same pages, at several dataset sizes.

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/python bench/run.py                 # 100, 1,000 and 10,000 records
    .venv/bin/python bench/run.py --sizes 100 --repeat 1   # the CI smoke case
    .venv/bin/python bench/run.py --against ../main        # this code against another checkout

Synthetic datasets are made from the bundled records: the whole set is cloned in groups,
each clone renamed and its cross-references pointed at the clones of the same group, so
every record type, reference and anchor occurs as in the real data. Each step runs in its
own processes so that its wall time and peak memory are its own. `kb check` runs cold (the
cache of read files removed) and warm; the build runs with the cache removed, so it is cold
too. Machines are noisy, so every timed step runs `--repeat` times and the median is
reported, and the build and the baseline alternate, so that a pair sees the same machine:
build/baseline is the median of the pairs' ratios. Read the ratios, not the seconds.

With `--against`, another checkout of the generator (run with this environment's packages)
is measured in the same run, each of its steps right after the same step of this code, and
the ratios this / other are reported per step.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.site.engine.search import FOLDER, pagefind_command
from generator.types import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
BIN = Path(sys.executable).parent
CACHE = Path(".kb") / "cache"  # kb's cache of read record files (generator/reading/cache.py)
THIS, OTHER = "this", "other"
# `kb serve` is measured for sizes up to this (the clones are whole copies, so the dataset may
# hold a few more): a record of the first group is saved and its page watched.
SERVE_UP_TO = 1_000
SAVED_RECORD, SAVED_PAGE = "data/intervention/mst.yaml", "insatser/mst/"
SERVED_INDEX = ".kb/serve/site/pagefind"  # where `kb serve` puts the search index
_REF = re.compile(rf"\b({'|'.join(RECORD_TYPES)})/([a-z0-9-]+)")


@dataclass
class Step:
    seconds: float
    peak_mb: float

    @classmethod
    def of(cls, runs: list[Step]) -> Step:
        """Repeated runs of one step: the median time, the highest peak."""
        return cls(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


@dataclass(frozen=True)
class Code:
    """A checkout of the generator: its `kb` runs from its own source folder."""

    name: str
    root: Path

    def kb(self) -> list[str]:
        """The command of its `kb`, as its pyproject.toml declares it."""
        scripts = tomllib.loads((self.root / "pyproject.toml").read_text(encoding="utf-8"))
        module, function = scripts["project"]["scripts"]["kb"].split(":")
        return [sys.executable, "-c", f"import {module} as m; m.{function}()"]

    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.root)}  # before the installed (editable) project


@dataclass
class Result:
    code: str
    records: int
    check: Step
    check_warm: Step
    generate: Step
    build: Step
    baseline: Step
    build_ratio: float  # median of build / baseline over alternated pairs
    save_shown: float | None  # `kb serve`: from saving a record to its page showing it, median
    save_indexed: float | None  # and to the search index of the saved site being in place
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
            if group and RECORD_TYPES[path.parent.name].one_per_site:
                continue  # a site has one accessibility statement, not one per clone
            text = path.read_text(encoding="utf-8")
            text = _REF.sub(rf"\1/\2{suffix}", text)
            text = re.sub(r"^id: ([a-z0-9-]+)$", rf"id: \1{suffix}", text, count=1, flags=re.M)
            if path.parent.name == "reference" and group:
                text = _distinct_work(text, group)
            out = target / "data" / path.parent.name / f"{path.stem}{suffix}.yaml"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return len(list((target / "data").glob("*/*.yaml")))


def _distinct_work(text: str, group: int) -> str:
    """A cloned bibliography entry with identifiers of its own: a work may be described only
    once, so a clone gets its own DOI, address and ISBN (some works are found by their ISBN
    alone, and a work must be findable by one of them)."""
    text = re.sub(r"^(doi: .+)$", rf"\1.kopia{group}", text, flags=re.M)
    text = re.sub(r"^(url: .+)$", rf"\1#kopia-{group}", text, flags=re.M)
    return re.sub(
        r"^isbn: (.+)$", lambda m: f"isbn: {_isbn_of_clone(m[1], group)}", text, flags=re.M
    )


def _isbn_of_clone(isbn: str, group: int) -> str:
    """An ISBN-13 of the same publisher's range whose last three digits before the check digit
    are moved by `group`, with the check digit that makes it valid again."""
    digits = isbn.replace("-", "").replace(" ", "")
    body = digits[:9] + f"{(int(digits[9:12]) + group) % 1000:03d}"
    check = -sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10
    return f"{body[:3]}-{body[3:]}-{check}"


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


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Step:
    """Run one step in its own process; its wall time and peak resident memory: the most
    that the step's processes held at once (`kb build` generates in a second process while
    MkDocs builds), sampled every 20 ms, or one process's peak if that was higher."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
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


def engine_alone(project: Path, name: str) -> Step:
    """What a publisher would run without our generator on the same pages: plain MkDocs on
    `kb generate`'s output, then Pagefind with the options `kb build` gives it, so that both
    sides of build/baseline make the same searchable site."""
    tree, site = project / f"tree-{name}", project / f"baseline-{name}"
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-f", str(tree / "mkdocs.yml")]
    built = run([*mkdocs, "--site-dir", str(site)], project)
    indexed = run(pagefind_command(site, site / FOLDER), project)
    return Step(round(built.seconds + indexed.seconds, 2), max(built.peak_mb, indexed.peak_mb))


def measure(size: int, repeat: int, codes: list[Code]) -> list[Result]:
    """Every step for each code, the codes taking turns at each step, so that they see the
    same machine; one result per code."""
    project = OUT / f"data-{size}"
    count = make_dataset(project, size)
    steps: dict[str, dict[str, list[Step]]] = {
        code.name: {"cold": [], "warm": [], "build": [], "baseline": []} for code in codes
    }

    def each(code: Code, *args: str) -> Step:
        return run([*code.kb(), *args], project, code.env())

    for _ in range(repeat):
        for code in codes:
            shutil.rmtree(project / CACHE, ignore_errors=True)
            steps[code.name]["cold"].append(each(code, "check"))
            steps[code.name]["warm"].append(each(code, "check"))
    generated = {code.name: each(code, "generate", "--out", f"tree-{code.name}") for code in codes}
    for _ in range(repeat):
        for code in codes:
            shutil.rmtree(project / CACHE)  # the build is measured cold too
            steps[code.name]["build"].append(
                each(code, "-q", "build", "--site-dir", f"site-{code.name}")
            )
            steps[code.name]["baseline"].append(engine_alone(project, code.name))
    saves = {
        code.name: saves_shown(code, project, repeat) if size <= SERVE_UP_TO else ([], [])
        for code in codes
    }
    return [
        _result(
            code.name,
            count,
            project / f"site-{code.name}",
            generated[code.name],
            steps[code.name],
            saves[code.name],
        )
        for code in codes
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _index_id(project: Path) -> int | None:
    """Which search index `kb serve` has in place (a new one is a new folder), if any."""
    try:
        return (project / SERVED_INDEX).stat().st_ino
    except FileNotFoundError:
        return None


def saves_shown(code: Code, project: Path, repeat: int) -> tuple[list[float], list[float]]:
    """`kb serve` of the project; a record saved `repeat` times, each time the seconds from
    the save until its page, fetched every 20 ms as live reload would, shows the change
    (a page is served only once the build that was under way is done, so this is when the
    browser is told to reload), and until the search index of that site is in place. Each
    save waits for the last one's index, as an editor reads the page before saving again."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{SAVED_PAGE}"
    server = subprocess.Popen(
        [*code.kb(), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, **code.env()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    record = project / SAVED_RECORD
    original = record.read_text(encoding="utf-8")
    shown, indexed = [], []
    try:
        while "<html" not in _page(url) or _index_id(project) is None:  # the first build
            if server.poll() is not None:
                raise RuntimeError(f"kb serve ended with {server.returncode}")
            time.sleep(0.2)
        for save in range(repeat):
            marker = f"Sparad {save}"
            index = _index_id(project)
            start = time.perf_counter()
            record.write_text(
                original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1), encoding="utf-8"
            )
            while marker not in _page(url):
                time.sleep(0.02)
            shown.append(round(time.perf_counter() - start, 2))
            while _index_id(project) in (index, None):
                time.sleep(0.02)
            indexed.append(round(time.perf_counter() - start, 2))
    finally:
        server.terminate()
        server.wait(timeout=30)
        record.write_text(original, encoding="utf-8")
    return shown, indexed


def _result(
    name: str,
    count: int,
    site: Path,
    generate: Step,
    steps: dict[str, list[Step]],
    saves: tuple[list[float], list[float]],
) -> Result:
    pages = [p for p in site.rglob("*.html")]
    return Result(
        code=name,
        records=count,
        check=Step.of(steps["cold"]),
        check_warm=Step.of(steps["warm"]),
        generate=generate,
        build=Step.of(steps["build"]),
        baseline=Step.of(steps["baseline"]),
        build_ratio=round(
            statistics.median(
                b.seconds / a.seconds
                for b, a in zip(steps["build"], steps["baseline"], strict=True)
            ),
            2,
        ),
        save_shown=statistics.median(saves[0]) if saves[0] else None,
        save_indexed=statistics.median(saves[1]) if saves[1] else None,
        site_mb=_size_mb(site),
        largest_page_kb=round(max(p.stat().st_size for p in pages) / 1024, 1),
        # Pagefind's whole index (a visitor's query loads only a few of its chunks; bench/search.py
        # measures what a search transfers).
        search_index_kb=round(
            sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1024, 1
        ),
    )


def against(results: list[Result], this: str, other: str) -> dict[str, float]:
    """This code's time over the other's, step by step, at each size."""
    found = {}
    for mine in (r for r in results if r.code == this):
        theirs = next(r for r in results if r.code == other and r.records == mine.records)
        for step in ("check", "check_warm", "generate", "build", "baseline"):
            found[f"{step} {this} / {other} at {mine.records}"] = round(
                getattr(mine, step).seconds / getattr(theirs, step).seconds, 2
            )
        found[f"build/baseline {this} / {other} at {mine.records}"] = round(
            mine.build_ratio / theirs.build_ratio, 2
        )
        for save in ("save_shown", "save_indexed"):
            if getattr(mine, save) and getattr(theirs, save):
                found[f"{save.replace('_', ' ')} {this} / {other} at {mine.records}"] = round(
                    getattr(mine, save) / getattr(theirs, save), 2
                )
    return found


def ratios(results: list[Result]) -> dict[str, float]:
    """The targets of the scale issue, as ratios between runs of the same machine."""
    by_size = sorted((r for r in results if r.code == THIS), key=lambda r: r.records)
    small, large = by_size[0], by_size[-1]
    found = {f"build / baseline at {r.records}": r.build_ratio for r in by_size}
    found[f"largest page {large.records} / {small.records}"] = round(
        large.largest_page_kb / small.largest_page_kb, 2
    )
    found.update(
        {
            f"search index KB per record at {r.records}": round(r.search_index_kb / r.records, 1)
            for r in by_size
        }
    )
    if len(by_size) >= 2:
        previous, last = by_size[-2], by_size[-1]
        found[f"build time {last.records} / {previous.records}"] = round(
            last.build.seconds / previous.build.seconds, 2
        )
    return found


def table(results: list[Result]) -> str:
    header = (
        "| code | records | kb check s (cold) | kb check s (warm) | generate s | "
        "kb build s | plain mkdocs s | build/baseline | save shown s | save indexed s | "
        "peak MB (build) | site MB | largest page KB | search index KB |\n" + "|---" * 14 + "|"
    )
    rows = [
        f"| {r.code} | {r.records} | {r.check.seconds} | {r.check_warm.seconds} | "
        f"{r.generate.seconds} | {r.build.seconds} | "
        f"{r.baseline.seconds} | {r.build_ratio:.2f} | "
        f"{'–' if r.save_shown is None else r.save_shown} | "
        f"{'–' if r.save_indexed is None else r.save_indexed} | {r.build.peak_mb} | "
        f"{r.site_mb} | {r.largest_page_kb} | {r.search_index_kb} |"
        for r in results
    ]
    return "\n".join([header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each timed step (medians are reported)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--against", type=Path, help="another checkout of the generator to measure in the same run"
    )
    args = parser.parse_args()
    codes = [Code(THIS, REPO), *([Code(OTHER, args.against.resolve())] if args.against else [])]
    results = [result for size in args.sizes for result in measure(size, args.repeat, codes)]
    print(table(results))
    print()
    found = ratios(results) | (against(results, THIS, OTHER) if args.against else {})
    for name, value in found.items():
        print(f"- {name}: {value}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
