"""Issue 27 item 4 across the built site: in every table of records' facts, a fact our sources
do not give reads "Uppgift saknas i våra källor.", never an empty cell or a bare dash that a
reader could take for "does not apply" (a study's size, an effect's confidence interval)."""

from __future__ import annotations

import html.parser
from pathlib import Path

MISSING = "Uppgift saknas i våra källor."
# Tables that describe the site rather than records' facts, where an empty cell means
# "nothing to say here": the addresses for trainers (a page's own row has no anchor) and
# the field references for editors and open-data users. The addresses may run over pages.
NOT_FACTS = ("lankar/", "redaktorer/falt/index.html", "oppna-data/index.html")


class _Cells(html.parser.HTMLParser):
    """The text of every table data cell of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self._depth += 1
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.cells[-1] += data


def cells(page: Path) -> list[str]:
    parser = _Cells()
    parser.feed(page.read_text(encoding="utf-8"))
    return [cell.strip() for cell in parser.cells]


def test_no_table_of_facts_has_an_empty_cell_or_a_bare_dash(site: Path) -> None:
    unsaid = {
        page.relative_to(site).as_posix(): [cell for cell in cells(page) if cell in ("", "–")]
        for page in sorted(site.rglob("*.html"))
        if not page.relative_to(site).as_posix().startswith(NOT_FACTS)
    }
    assert {page: found for page, found in unsaid.items() if found} == {}


def test_a_study_without_a_size_or_an_interval_says_so_in_its_tables(site: Path) -> None:
    """Bergman 2018 gives no size in our sources, and Rognstad 2022 no confidence interval."""
    index = cells(site / "evidens" / "index.html")
    bergman = next(i for i, cell in enumerate(index) if cell.startswith("Bergman m.fl. 2018"))
    assert index[bergman + 1 : bergman + 3] == ["Metaanalys", MISSING]
    study = cells(site / "evidens" / "rognstad-2022" / "index.html")
    outcome = study.index("Livskvalitet och funktion")
    assert study[outcome + 1 : outcome + 4] == ["Cohens d", "0,34", MISSING]
