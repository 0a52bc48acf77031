"""Permanent addresses, as a trainer relies on them: every page and anchor listed on the
link page exists, each record's linkable parts carry their YAML id as anchor, and old ids
keep leading to the new ones after a rename."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import urldefrag

import pytest


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
    """Site-relative targets (`insatser/pmto/`, anchor) of the page's links inside the site."""
    base = page.parent.relative_to(site).as_posix()
    found = []
    for href in parse(page).hrefs:
        url, anchor = urldefrag(href)
        if "://" in url or url.startswith(("mailto:", "/")) or not (url or anchor):
            continue
        target = posixpath.normpath(posixpath.join(base, url)) if url else base
        found.append((target.removeprefix("./").lstrip("."), anchor))
    return found


def page_file(site: Path, target: str) -> Path:
    path = site / target
    return path / "index.html" if path.is_dir() or not path.suffix else path


def test_every_address_on_the_link_page_exists(site: Path) -> None:
    links = internal_links(site, site / "lankar" / "index.html")
    listed = [(t, a) for t, a in links if t and t != "lankar"]
    assert len(listed) > 100
    for target, anchor in listed:
        page = page_file(site, target)
        assert page.is_file(), target
        assert not anchor or anchor in parse(page).ids, f"{target}#{anchor}"


@pytest.mark.parametrize(("address", "anchors"), [
    ("ebp/", ["fraga", "besluta", "forskning"]),
    ("utbildning/ebp-kurs-7-5-hp/", ["grunder-ebp", "uppfoljning"]),
    ("implementering/utforskning/", ["bilda-implementeringsteam", "team-utsett"]),
    ("implementering/installation/", ["pmto-terapeuter-antagna",
                                      "mst-handledning-och-boosters-planerade"]),
    ("insatser/pmto/", ["individuell-pmto", "terapeuter-antagna"]),
])
def test_linkable_parts_are_anchored_by_their_yaml_id_and_listed(
        site: Path, address: str, anchors: list[str]) -> None:
    assert set(anchors) <= parse(site / address / "index.html").ids
    listed = {f"{t}/#{a}" for t, a in internal_links(site, site / "lankar" / "index.html")}
    assert {f"{address}#{a}" for a in anchors} <= listed


def test_a_record_page_says_which_curricula_use_it(site: Path) -> None:
    text = (site / "insatser" / "tibir" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="utbildningar"'):text.index('id="kallor"')]
    assert "Praktik- och traineeprogram för socionomstudenter" in section
    assert "../../utbildning/traineeprogram-socionomstudenter/#insatser-och-uppfoljning" in section
