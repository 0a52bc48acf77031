"""Lighthouse's mobile performance on four pages of a built site, served by Debian's nginx
through a sample configuration, as a visitor's phone would get them.

Usage (from the repository root, with the project installed in .venv and Lighthouse with
`cd bench && npm ci`):

    .venv/bin/kb build --site-dir /tmp/site
    .venv/bin/python bench/lighthouse.py /tmp/site                       # the sample as it is
    .venv/bin/python bench/lighthouse.py /tmp/site --sample old.conf     # another nginx sample

Lighthouse (npm, from bench/package-lock.json) drives Debian's Chromium (CHROME_PATH) with its
default mobile settings: a mid-range phone's screen and CPU (4x slowdown) and a slow 4G
network, simulated from one unthrottled load. Each page is measured `--runs` times and the
median run (by performance score) reported: score, first and largest contentful paint, total
blocking time, cumulative layout shift and the bytes transferred. Issue 27 item 2 asks for a
score of at least 90 and a layout shift under 0.1 on each page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median_low

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))
from test_nginx import SAMPLE, nginx  # noqa: E402

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "start page": "/",
    "method page": "/insatser/pmto/",
    "finder": "/hitta/",
    "stage page": "/implementering/installation/",
}
AUDITS = {
    "FCP s": ("first-contentful-paint", 1000),
    "LCP s": ("largest-contentful-paint", 1000),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
    "KiB": ("total-byte-weight", 1024),
}


def lighthouse(url: str, folder: Path) -> dict[str, float]:
    """One Lighthouse run on `url`: the performance score (0-100) and the audits' values."""
    report = folder / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    found = json.loads(report.read_text(encoding="utf-8"))
    values = {"score": round(found["categories"]["performance"]["score"] * 100)}
    for name, (audit, unit) in AUDITS.items():
        values[name] = found["audits"][audit]["numericValue"] / unit
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site built by kb build")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="nginx sample to serve with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| page | score | FCP s | LCP s | TBT ms | CLS | KiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with (
        nginx(args.site, sample=args.sample.resolve()) as base,
        tempfile.TemporaryDirectory() as tmp,
    ):
        for name, address in PAGES.items():
            runs = [lighthouse(base + address, Path(tmp)) for _ in range(args.runs)]
            middle = median_low(run["score"] for run in runs)
            chosen = next(run for run in runs if run["score"] == middle)
            cells = [f"{chosen['score']:.0f}", *(f"{chosen[key]:.2f}" for key in AUDITS)]
            print(f"| {name} (`{address}`) | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
