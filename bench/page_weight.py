"""What a first visit to a page fetches: every request until the network is idle, in bytes
as served and gzip-compressed, by kind (HTML, CSS, JS, data and search index, images).

Usage (from the repository root, with the project installed in .venv):

    .venv/bin/kb build --site-dir /tmp/after
    .venv/bin/python bench/page_weight.py /tmp/before /tmp/after

Debian's Chromium visits each page of each built site once, with an empty cache, from a local
server without compression, and waits until the page's scripts have settled (the glossary has
marked its terms) and no request has been open for half a second. "gzip" is each response
compressed at level 6, as a server that compresses every text type would send it (images as
they are); it is what issue 27 item 2 counts against its 80 KB for a method page.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from playwright.sync_api import Browser, Response, sync_playwright
from search import CHROMIUM, served

PAGES = {
    "start page": "",
    "method page": "insatser/pmto/",
    "finder": "hitta/",
    "stage page": "implementering/installation/",
}
KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".mjs": "JS"}
TERMS_MARKED = "document.querySelector('article')?.dataset.kbTerms === 'marked'"
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", "/")


def kind(url: str) -> str:
    path = url.split("?")[0].split("#")[0]
    if "/pagefind/" in path or path.endswith(".json"):
        return "data"
    if path.endswith("/"):
        return "HTML"
    return next((name for end, name in KINDS.items() if path.endswith(end)), "other")


def weigh(responses: list[tuple[str, bytes]]) -> dict[str, tuple[int, int]]:
    """Bytes as served and gzipped, per kind and in all."""
    found: dict[str, tuple[int, int]] = {}
    for url, body in responses:
        path = url.split("?")[0]
        packed = len(gzip.compress(body, 6)) if path.endswith(COMPRESSED) else len(body)
        for key in (kind(url), "all"):
            raw, zipped = found.get(key, (0, 0))
            found[key] = (raw + len(body), zipped + packed)
    return found


def first_visit(browser: Browser, url: str) -> list[tuple[str, bytes]]:
    """What the page fetches with an empty cache (a context of its own) until it is idle:
    each response's address and body."""
    context = browser.new_context()
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    # The glossary marks its terms last of the page's own scripts (as the tests wait for it);
    # what they fetched after that is in once the network is idle again.
    page.wait_for_function(TERMS_MARKED)
    page.wait_for_load_state("networkidle")
    found = [(response.url, response.body()) for response in responses if response.status == 200]
    context.close()
    return found


def visit(site: Path) -> dict[str, tuple[int, dict[str, tuple[int, int]]]]:
    """Per page, the number of requests and their weight."""
    weights = {}
    with served(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        for name, address in PAGES.items():
            responses = first_visit(browser, f"{base_url}{address}")
            weights[name] = (len(responses), weigh(responses))
        browser.close()
    return weights


def kib(value: int) -> str:
    return f"{value / 1024:.1f}"


def main() -> None:
    for folder in sys.argv[1:]:
        print(f"\n{folder}\n")
        print("| page | requests | KiB as served (gzip) | HTML | CSS | JS | data | other |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, (count, found) in visit(Path(folder)).items():
            raw, zipped = found["all"]
            parts = [
                kib(found[key][1]) if key in found else "0"
                for key in ("HTML", "CSS", "JS", "data", "other")
            ]
            row = [name, str(count), f"{kib(raw)} ({kib(zipped)})", *parts]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
