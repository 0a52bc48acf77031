"""Benchmark: the site's search (Pagefind) beside the theme's own (lunr), in one run, and the
largest page, on datasets of several sizes.

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/python bench/search.py                            # the sizes of issue 15
    .venv/bin/python bench/search.py --sizes 100 --methods 0    # the CI smoke case

Two kinds of dataset: the bundled records cloned in groups, as bench/run.py makes them
(`--sizes`, every record type in its real proportion), and the bundled records with one
method (PMTO, with its checklists, sources and links) cloned until there are `--methods`
records, nearly all of them methods, as in a national registry. For each, `kb build` builds
the site with its Pagefind index, and plain MkDocs builds the same generated pages with the
theme's search turned back on, as it was configured before Pagefind (the "today" column).
Debian's Chromium then visits each site as a first-time visitor: it opens the start page
(what a visitor who does not search downloads of the search index), then searches for
"föräldraträning" as soon as the page has loaded: the bytes the search fetched and the time
from the word's last key (the rest entered at once, as typed quickly) until the first result
is shown. Sizes are bytes on the wire from a local server without compression. `--zensical`
also builds the largest dataset's generated tree with Zensical 0.0.73 and puts Pagefind's
index on top (bench/zensical.py installs it). Datasets and sites go to `--out`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.sync_api import Page, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, OUT, REPO, make_dataset, run

QUERY = "föräldraträning"
CHROMIUM = "/usr/bin/chromium"
# The theme's search as it was configured before Pagefind replaced it.
THEME_SEARCH = {"search": {"lang": "sv", "separator": r'[\s\-,:!=\[\]()"/;]+|\.(?!\d)|&[lg]t;'}}
METHOD = REPO / "data" / "intervention" / "pmto.yaml"
# The time a visitor waits, taken in the page: from the key event's own time stamp to the
# first frame after a result entered the page. Playwright's waiting for an element polls at
# growing intervals (up to half a second), which a timer around it would count as waiting.
SHOWN_AFTER_NEXT_KEY = """selector => {
  window.kbBench = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("no result within 120 s")), 120000);
    document.addEventListener("keydown", key => {
      const shown = () => requestAnimationFrame(() => resolve(performance.now() - key.timeStamp));
      new MutationObserver((records, observer) => {
        const added = records.flatMap(record => [...record.addedNodes]);
        if (added.some(node => node.nodeType === 1
                       && (node.matches(selector) || node.querySelector(selector)))) {
          observer.disconnect();
          shown();
        }
      }).observe(document.body, { childList: true, subtree: true });
    }, { capture: true, once: true });
  });
}"""


@dataclass
class Visit:
    """One first visit: index bytes fetched by the start page, then by the first search, and
    the time from the word's last key to the first result shown."""

    index_kb_on_load: float
    search_kb: float
    search_requests: int
    ms_to_results: float


@dataclass
class Result:
    dataset: str
    records: int
    pages: int
    build_s: float
    pagefind_index_mb: float
    theme_index_kb: float
    largest_page_kb: float
    largest_page: str
    pagefind: Visit
    theme: Visit


def make_methods_dataset(target: Path, records: int) -> int:
    """The bundled records plus clones of one method, `records` in all; returns the count."""
    bundled = make_dataset(target, 0)  # the bundled records as they are
    text = METHOD.read_text(encoding="utf-8")
    for n in range(max(0, records - bundled)):
        clone = re.sub(r"^id: pmto$", f"id: pmto-k{n}", text, count=1, flags=re.M)
        (target / "data" / "intervention" / f"pmto-k{n}.yaml").write_text(clone, encoding="utf-8")
    return max(records, bundled)


def theme_search_site(project: Path) -> Path:
    """The same generated pages built by plain MkDocs with the theme's search on."""
    tree, site = project / "tree", project / "theme-search-site"
    subprocess.run(
        [str(BIN / "kb"), "generate", "--out", str(tree)],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    config = tree / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(
        r"^plugins:\n- search:\n    enabled: false\n",
        lambda _: "plugins:\n" + _yaml_list(THEME_SEARCH),
        text,
        flags=re.M,
    )
    assert "enabled: false" not in text, "the theme's search is configured differently now"
    config.write_text(text, encoding="utf-8")
    run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "--site-dir", str(site)], project)
    return site


def _yaml_list(plugin: dict[str, dict[str, str]]) -> str:
    ((name, options),) = plugin.items()
    lines = [f"- {name}:"] + [f"    {key}: {json.dumps(value)}" for key, value in options.items()]
    return "\n".join(lines) + "\n"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Only the measurements are printed."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _is_index(url: str) -> bool:
    return "/pagefind/" in url or "/search/" in url


def visit(page: Page, base_url: str, theme: bool) -> Visit:
    """A first visit to the start page, then a search as soon as it has loaded."""
    fetched: list[tuple[float, int]] = []  # (time, bytes) of index requests, in order

    def finished(request: Request) -> None:
        if _is_index(request.url):
            sizes = request.sizes()
            fetched.append(
                (time.perf_counter(), sizes["responseBodySize"] + sizes["responseHeadersSize"])
            )

    page.on("requestfinished", finished)
    page.goto(base_url, wait_until="networkidle")
    on_load = sum(size for _, size in fetched)
    loaded = len(fetched)
    if theme:
        page.locator(".md-search__input").click()
        box, selector = page.locator(".md-search__input"), ".md-search-result__item"
    else:
        page.keyboard.press("/")
        box, selector = page.get_by_role("searchbox"), ".kb-search__result"
    box.fill(QUERY[:-1])  # typed quickly, up to the last key (the theme answers on keyup)
    page.evaluate(SHOWN_AFTER_NEXT_KEY, selector)
    box.press(QUERY[-1])
    shown_ms = page.evaluate("window.kbBench")
    page.wait_for_load_state("networkidle")
    after = fetched[loaded:]
    page.remove_listener("requestfinished", finished)
    return Visit(
        round(on_load / 1024, 1),
        round(sum(size for _, size in after) / 1024, 1),
        len(after),
        round(shown_ms),
    )


def first_visits(pagefind_site: Path, theme_site: Path) -> tuple[Visit, Visit]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        try:
            visits = []
            for site, theme in ((pagefind_site, False), (theme_site, True)):
                context = browser.new_context(locale="sv-SE")
                with served(site) as url:
                    visits.append(visit(context.new_page(), url, theme))
                context.close()
        finally:
            browser.close()
    return visits[0], visits[1]


def largest_page(site: Path) -> tuple[str, float]:
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind"]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.relative_to(site).as_posix(), round(biggest.stat().st_size / 1024, 1)


def _kb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024


def measure(dataset: str, project: Path, records: int) -> Result:
    shutil.rmtree(project / ".kb", ignore_errors=True)
    build = run([str(BIN / "kb"), "-q", "build", "--site-dir", "site"], project)
    site = project / "site"
    theme_site = theme_search_site(project)
    page, page_kb = largest_page(site)
    pagefind, theme = first_visits(site, theme_site)
    return Result(
        dataset,
        records,
        sum(1 for _ in site.rglob("index.html")),
        build.seconds,
        round(_kb(site / "pagefind") / 1024, 1),
        round((theme_site / "search" / "search_index.json").stat().st_size / 1024, 1),
        page_kb,
        page,
        pagefind,
        theme,
    )


def zensical_build(project: Path) -> str:
    """Zensical 0.0.73 building the dataset's generated tree, with Pagefind on top."""
    from zensical import zensical  # bench/zensical.py: installs it into its own venv

    from generator.reading.project import Project
    from generator.site.engine.search import index_site

    tree = project / "zensical-tree"
    subprocess.run(
        [str(BIN / "kb"), "generate", "--out", str(tree)],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    start = time.perf_counter()
    result = subprocess.run(
        [str(zensical()), "build", "-f", "mkdocs.yml"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        return f"failed after {seconds:.0f} s: {result.stderr[-800:]}"
    entry = json.loads(
        (index_site(tree / "site", Project(project)) / "pagefind-entry.json").read_text()
    )
    pages = sum(language["page_count"] for language in entry["languages"].values())
    return f"built in {seconds:.0f} s; Pagefind indexed {pages} pages"


def table(results: list[Result]) -> str:
    rows = [
        "| dataset | records | pages | kb build s | Pagefind index MB | theme index KB | "
        "index KB on first visit (Pagefind / theme) | first search KB (Pagefind / theme) | "
        "requests | ms to results (Pagefind / theme) | largest page KB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows += [
        f"| {r.dataset} | {r.records} | {r.pages} | {r.build_s} | {r.pagefind_index_mb} | "
        f"{r.theme_index_kb} | {r.pagefind.index_kb_on_load} / {r.theme.index_kb_on_load} | "
        f"{r.pagefind.search_kb} / {r.theme.search_kb} | "
        f"{r.pagefind.search_requests} / {r.theme.search_requests} | "
        f"{r.pagefind.ms_to_results} / {r.theme.ms_to_results} | "
        f"{r.largest_page_kb} (`{r.largest_page}`) |"
        for r in results
    ]
    return "\n".join(rows)


def ratios(results: list[Result]) -> dict[str, float]:
    found: dict[str, float] = {}
    for r in results:
        theme_first = r.theme.index_kb_on_load + r.theme.search_kb
        found[f"{r.dataset} {r.records}: first search, theme / Pagefind (bytes)"] = round(
            theme_first / max(r.pagefind.search_kb, 0.1), 1
        )
        found[f"{r.dataset} {r.records}: ms to results, theme / Pagefind"] = round(
            r.theme.ms_to_results / max(r.pagefind.ms_to_results, 1), 1
        )
    for dataset in {r.dataset for r in results}:
        runs = sorted((r for r in results if r.dataset == dataset), key=lambda r: r.records)
        if len(runs) >= 2:
            found[f"{dataset}: largest page {runs[-1].records} / {runs[0].records}"] = round(
                runs[-1].largest_page_kb / runs[0].largest_page_kb, 2
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 1000, 10000],
        help="records in the cloned-groups datasets",
    )
    parser.add_argument(
        "--methods",
        type=int,
        nargs="*",
        default=[100, 2000, 10000],
        help="records in the datasets that are nearly all methods",
    )
    parser.add_argument(
        "--zensical",
        action="store_true",
        help="also build the largest dataset's tree with Zensical",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--out", type=Path, default=OUT, help="where datasets and sites go")
    args = parser.parse_args()
    results = []
    datasets = [("mixed", size, make_dataset) for size in args.sizes] + [
        ("methods", size, make_methods_dataset) for size in args.methods
    ]
    projects = []
    for dataset, size, make in datasets:
        project = args.out / f"search-{dataset}-{size}"
        results.append(measure(dataset, project, make(project, size)))
        projects.append(project)
        print(table(results[-1:]).splitlines()[-1], flush=True)  # a long run shows progress
    print()
    print(table(results))
    print()
    for name, value in ratios(results).items():
        print(f"- {name}: {value}")
    if args.zensical:
        # The project folder is named by the size asked for, a result by the records made.
        at = max(range(len(results)), key=lambda i: results[i].records)
        built = zensical_build(projects[at])
        print(f"- Zensical 0.0.73, {results[at].dataset} {results[at].records}: {built}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
