"""The sweep of every page (tests/test_wcag_browser.py) runs pa11y's own runners in a page it
has already loaded instead of starting pa11y, which would open a second browser and load
every page again. That is only honest if it finds what pa11y finds: here pa11y's command
line, driving Debian's Chromium, and the sweep's way judge the same page, one with the
mistakes pa11y reported on the site before they were mended."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from accessibility import pa11y_issues
from conftest import CHROMIUM, REPO, new_context, serve
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PA11Y = REPO / "tests" / "js" / "node_modules" / ".bin" / "pa11y"

# A group of choices without a legend, a form without a submit button, a file input and a
# checkbox without a name: each an error of pa11y's WCAG 2 AA standard.
MISTAKES = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Fel som pa11y hittar</title></head>
<body><main><h1>Fel som pa11y hittar</h1>
<form><fieldset><input type="checkbox" id="a"><label for="a">Ett val</label></fieldset>
<input type="file" id="fil"><input type="checkbox" id="ensam"></form>
</main></body></html>
"""

WIDTH, HEIGHT = 1366, 900


def by_pa11y(url: str, tmp_path: Path) -> list[str]:
    """What pa11y's command line reports for the page (errors of WCAG 2 AA, its defaults)."""
    config = tmp_path / "pa11y.json"
    config.write_text(
        json.dumps(
            {
                "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": ["--no-sandbox"]},
                "viewport": {"width": WIDTH, "height": HEIGHT},
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(PA11Y), "--config", str(config), "--reporter", "json", url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout, done.stderr
    return [f"{i['code']} {i['selector']}: {i['message']}" for i in json.loads(done.stdout)]


def test_the_sweep_finds_what_pa11y_finds(browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(MISTAKES, encoding="utf-8")
    with serve(site) as url:
        context = new_context(browser, viewport={"width": WIDTH, "height": HEIGHT})
        page = context.new_page()
        page.goto(url)
        ours = pa11y_issues(page)
        context.close()
        theirs = by_pa11y(url, tmp_path)
    assert sorted(ours) == sorted(theirs)
    codes = " ".join(ours)
    for mistake in ("H71.NoLegend", "H32.2", "InputFile.Name", "InputCheckbox.Name"):
        assert mistake in codes
