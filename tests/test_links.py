"""Permanent addresses, as a trainer relies on them: every page and anchor listed on the
link page exists, each record's linkable parts carry their YAML id as anchor, and old ids
keep leading to the new ones after a rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from built_site import internal_links, page_file, parse


def test_every_address_on_the_link_page_exists(site: Path) -> None:
    links = internal_links(site, site / "lankar" / "index.html")
    listed = [(t, a) for t, a in links if t and t != "lankar"]
    assert len(listed) > 100
    for target, anchor in listed:
        page = page_file(site, target)
        assert page.is_file(), target
        assert not anchor or anchor in parse(page).ids, f"{target}#{anchor}"


@pytest.mark.parametrize(
    ("address", "anchors"),
    [
        ("ebp/", ["fraga", "besluta", "forskning"]),
        ("utbildning/ebp-kurs-7-5-hp/", ["grunder-ebp", "uppfoljning"]),
        ("implementering/utforskning/", ["bilda-implementeringsteam", "team-utsett"]),
        ("implementering/installation/", ["implementeringsplan-klar", "manual-pa-plats"]),
        ("insatser/pmto/", ["individuell-pmto", "terapeuter-antagna"]),
        ("insatser/mst/", ["handledning-och-boosters-planerade"]),
    ],
)
def test_linkable_parts_are_anchored_by_their_yaml_id_and_listed(
    site: Path, address: str, anchors: list[str]
) -> None:
    assert set(anchors) <= parse(site / address / "index.html").ids
    listed = {
        f"{t}/#{a}"
        for page in (site / "lankar").rglob("index.html")
        for t, a in internal_links(site, page)
    }
    assert {f"{address}#{a}" for a in anchors} <= listed


def test_a_record_page_says_which_curricula_use_it(site: Path) -> None:
    text = (site / "insatser" / "tibir" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="utbildningar"') : text.index('id="kallor"')]
    assert "Praktik- och traineeprogram för socionomstudenter" in section
    assert "../../utbildning/traineeprogram-socionomstudenter/#insatser-och-uppfoljning" in section
