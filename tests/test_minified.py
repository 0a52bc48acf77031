"""The site's own scripts and stylesheets reach the browser minified (issue 27 item 2: a
method page's first visit transfers as little as it can), while their sources in
content/assets keep the comments that say why; every minified script still runs."""

from __future__ import annotations

import gzip
from pathlib import Path

from conftest import REPO
from playwright.sync_api import Page

SOURCES = sorted((REPO / "content" / "assets").glob("kb*.*"))


def _compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def test_the_sites_own_scripts_and_styles_are_built_without_comments_or_layout(
    site: Path,
) -> None:
    built = {source.name: site / "assets" / source.name for source in SOURCES}
    assert {name[name.rindex(".") :] for name in built} == {".js", ".css"}
    for source in SOURCES:
        text = built[source.name].read_text(encoding="utf-8")
        assert "\n  " not in text and len(text) < 0.8 * source.stat().st_size, source.name
    # What a server that compresses them sends: a little more than half of the sources'.
    sent, written = sum(map(_compressed, built.values())), sum(map(_compressed, SOURCES))
    assert sent < 0.6 * written, (sent, written)


def test_every_minified_script_still_loads_as_a_module(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.wait_for_function("document.documentElement.dataset.kbReady !== undefined")
    scripts = [source.name for source in SOURCES if source.suffix == ".js"]
    failed = page.evaluate(
        """async names => {
            const failed = [];
            for (const name of names) {
                await import(new URL(`assets/${name}`, document.baseURI).href)
                    .catch(error => failed.push(`${name}: ${error}`));
            }
            return failed;
        }""",
        scripts,
    )
    assert len(scripts) > 10 and failed == []
