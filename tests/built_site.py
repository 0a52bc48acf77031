"""Reading a built site the way a browser follows it (the ids and links of each page), and
comparing two builds of it."""

from __future__ import annotations

import html.parser
import json
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag


class _Page(html.parser.HTMLParser):
    """The ids and links of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def internal_links(site: Path, page: Path) -> list[tuple[str, str]]:
    """Site-relative targets (`insatser/pmto/`, anchor) of the page's links inside the site;
    a query (`jamfor/?m=pmto`) is for the page's script, so the target is the page itself."""
    base = page.parent.relative_to(site).as_posix()
    found = []
    for href in parse(page).hrefs:
        url, anchor = urldefrag(href)
        url = url.partition("?")[0]
        if "://" in url or url.startswith(("mailto:", "/")) or not (url or anchor):
            continue
        target = posixpath.normpath(posixpath.join(base, url)) if url else base
        found.append((target.removeprefix("./").lstrip("."), anchor))
    return found


def page_file(site: Path, target: str) -> Path:
    path = site / target
    return path / "index.html" if path.is_dir() or not path.suffix else path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by path, byte for byte: what must stay exactly as it was."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def site_files(folder: Path) -> dict[str, bytes]:
    """A built site's files by path, for comparing two builds of the same pages. The compressed
    sitemap embeds the time it was written, and Pagefind names and orders its filter chunks
    differently from run to run, so its index is compared by what it holds (indexed_pages)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.name != "sitemap.xml.gz"
        and p.relative_to(folder).parts[0] != "pagefind"
    }


def indexed_pages(site: Path) -> int:
    """How many pages Pagefind's index of a built site holds."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"]["sv"]["page_count"])


def mkdocs_build(config: Path, site_dir: Path) -> None:
    """Build `config` with MkDocs itself (`mkdocs build`): a generated tree without our plugin,
    as a publisher without kb would, or a project through the plugin; MkDocs' messages explain
    a failure."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config),
            "--site-dir",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
