"""The bibliography: each work described once under /referenser/, cited by key from the
records that rest on it, with the records that cite it listed beside it."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.generation import generate

REPO = Path(__file__).resolve().parent.parent

WORK = """
    id: ogden-2004
    title: Multisystemic treatment of antisocial adolescents in Norway
    reviewed: 2026-01-15
    kind: artikel
    authors: Ogden & Halliday-Boykins
    year: 2004
    journal: Child and Adolescent Mental Health 9(2)
    doi: 10.1111/j.1475-3588.2004.00085.x
"""

CITES = {"id": "s1", "ref": "reference/ogden-2004"}
CITES_TABLE = {"id": "s2", "ref": "reference/ogden-2004", "note": "tabell 2"}


def alfa_citing(first: dict[str, Any] = CITES, second: dict[str, Any] = CITES_TABLE) -> str:
    """Alfa resting on the work in the bibliography: its sources (on lines 18 and 19) cite
    the work, the second for a table."""
    return record(
        "intervention", ages={"min": 3, "max": 12, "source": "s2"}, sources=[first, second]
    )


ALFA_CITING = alfa_citing()


def problems_of(make_project: Callable[..., Project], files: dict[str, str]) -> list[str]:
    return [d.format() for d in check(make_project(files))[1]]


def test_a_record_cites_a_work_by_key_and_links_to_its_entry(
    make_project: Callable[..., Project],
) -> None:
    rendered = generate(
        make_project({"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": ALFA_CITING})
    )
    method = rendered.files["insatser/alfa.md"]
    sources = method.split("## Källor")[1]
    assert "Ogden &amp; Halliday-Boykins (2004). [Multisystemic treatment" in sources
    assert "(../referenser/ogden-2004.md){ #kalla-s1 }" in sources
    assert "*Child and Adolescent Mental Health 9(2)*" in sources
    assert "[10.1111/j.1475-3588.2004.00085.x](https://doi.org/10.1111/" in sources
    assert "Används: tabell 2." in sources


def test_the_works_entry_lists_every_record_that_cites_it(
    make_project: Callable[..., Project],
) -> None:
    rendered = generate(
        make_project({"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": ALFA_CITING})
    )
    entry = rendered.files["referenser/ogden-2004.md"]
    assert "## Citeras i" in entry
    link = '<a href="../../insatser/alfa/">Alfa – föräldraträning</a>'
    assert link in entry.split("## Citeras i")[1]
    listing = rendered.files["referenser/index.md"]
    assert 'Citeras i: <a href="../insatser/alfa/">Alfa – föräldraträning</a>' in listing


def test_a_work_nobody_cites_says_so(make_project: Callable[..., Project]) -> None:
    rendered = generate(make_project({"reference/ogden-2004.yaml": WORK}))
    assert "Ingen post citerar verket ännu." in rendered.files["referenser/ogden-2004.md"]


def test_open_data_describes_a_cited_work_in_full(make_project: Callable[..., Project]) -> None:
    rendered = generate(
        make_project({"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": ALFA_CITING})
    )
    source = json.loads(rendered.files["data/insatser.json"])["methods"][0]["sources"][0]
    assert source["ref"] == "reference/ogden-2004"
    assert source["title"] == (
        "Ogden & Halliday-Boykins: Multisystemic treatment of antisocial adolescents in Norway"
    )
    assert source["url"] == "https://doi.org/10.1111/j.1475-3588.2004.00085.x"
    assert source["year"] == 2004


def test_a_citation_of_a_missing_work_is_located_with_a_suggestion(
    make_project: Callable[..., Project],
) -> None:
    problems = problems_of(
        make_project,
        {
            "reference/ogden-2004.yaml": WORK,
            "intervention/alfa.yaml": alfa_citing({**CITES, "ref": "reference/ogden-2005"}),
        },
    )
    assert problems == [
        "data/intervention/alfa.yaml:18:19: error: hänvisningen "
        "'reference/ogden-2005' pekar på en post som inte finns "
        "(menade du 'reference/ogden-2004'?)"
    ]


def test_a_citation_must_point_into_the_bibliography(make_project: Callable[..., Project]) -> None:
    problems = problems_of(
        make_project,
        {
            "reference/ogden-2004.yaml": WORK,
            "intervention/alfa.yaml": alfa_citing({**CITES, "ref": "intervention/pmto"}),
        },
    )
    assert problems == [
        "data/intervention/alfa.yaml:18:19: error: 'intervention/pmto' har "
        "fel form för 'ref' (skriv 'reference/id', t.ex. "
        "'reference/fixsen-2005', och lägg referensen i data/reference/)"
    ]


def test_a_source_needs_a_work_or_a_title_but_not_both(
    make_project: Callable[..., Project],
) -> None:
    neither = alfa_citing({"id": "s1"})
    both = alfa_citing({**CITES, "year": 2004})
    assert problems_of(
        make_project, {"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": neither}
    ) == [
        "data/intervention/alfa.yaml:18:5: error: ange ref (en referens i litteraturlistan) "
        "eller title"
    ]
    assert problems_of(
        make_project, {"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": both}
    ) == [
        "data/intervention/alfa.yaml:18:5: error: year finns redan i reference/ogden-2004; "
        "ta bort dem här så att uppgifterna bara står på ett ställe"
    ]


def test_citing_the_same_work_twice_for_the_same_thing_is_an_error(
    make_project: Callable[..., Project],
) -> None:
    twice = alfa_citing(second={"id": "s2", "ref": "reference/ogden-2004"})
    problems = problems_of(
        make_project, {"reference/ogden-2004.yaml": WORK, "intervention/alfa.yaml": twice}
    )
    assert problems == [
        "data/intervention/alfa.yaml:19:19: error: källan 's2' hänvisar till "
        "samma verk som 's1' (använd den andra källans id i posten, eller "
        "skriv i note vilken del av verket källan gäller)"
    ]


def test_a_work_is_described_only_once(make_project: Callable[..., Project]) -> None:
    copy = WORK.replace("id: ogden-2004", "id: ogden-kopia").replace(
        "10.1111/j.1475", "10.1111/J.1475"
    )
    problems = problems_of(
        make_project, {"reference/ogden-2004.yaml": WORK, "reference/ogden-kopia.yaml": copy}
    )
    assert problems == [
        "data/reference/ogden-kopia.yaml:8:6: error: verket finns redan i "
        "litteraturlistan som reference/ogden-2004 (hänvisa till "
        "reference/ogden-2004 och ta bort den här posten)"
    ]


def test_a_published_work_must_be_findable_and_its_identifiers_valid(
    make_project: Callable[..., Project],
) -> None:
    unfindable = WORK.replace("    journal: Child and Adolescent Mental Health 9(2)\n", "")
    unfindable = unfindable.replace("    doi: 10.1111/j.1475-3588.2004.00085.x\n", "")
    slides = unfindable.replace("kind: artikel", "kind: bildspel")
    bad_isbn = WORK.replace("doi: 10.1111/j.1475-3588.2004.00085.x", "isbn: 978-91-7555-004-7")
    assert problems_of(make_project, {"reference/ogden-2004.yaml": unfindable}) == [
        "data/reference/ogden-2004.yaml:1:1: error: ange doi, isbn, url eller tidskrift så att "
        "verket går att hitta (bara bildspel och dokument får sakna dem)"
    ]
    assert problems_of(make_project, {"reference/ogden-2004.yaml": slides}) == []
    assert problems_of(make_project, {"reference/ogden-2004.yaml": bad_isbn}) == [
        "data/reference/ogden-2004.yaml:8:7: error: ISBN '978-91-7555-004-7' har fel kontrollsiffra"
    ]


def test_every_source_in_the_bundled_data_cites_the_bibliography() -> None:
    uncited = []
    for path in sorted((REPO / "data").glob("*/*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        uncited += [f"{path.name}: {s['id']}" for s in record.get("sources", []) if "ref" not in s]
    assert uncited == []


def test_the_bibliography_lists_each_bundled_work_once_with_its_citing_records(site: Path) -> None:
    works = sorted(p.stem for p in (REPO / "data" / "reference").glob("*.yaml"))
    rendered = generate(Project(REPO))
    pages = [
        text
        for path, text in rendered.files.items()
        if path == "referenser/index.md" or path.startswith("referenser/sida-")
    ]
    entries = [line for text in pages for line in text.splitlines() if line.startswith("- ")]
    links = [re.search(r"\]\((?:\.\./)?([a-z0-9-]+)\.md\)", line) for line in entries]
    assert all(links), entries
    listed = sorted(link.group(1) for link in links if link)
    assert listed == works
    fixsen = (site / "referenser" / "fixsen-2005" / "index.html").read_text(encoding="utf-8")
    cited_in = fixsen.split('id="citeras-i"')[1]
    for stage in (
        "utforskning",
        "installation",
        "initial-implementering",
        "full-implementering",
        "innovation",
        "hallbarhet",
    ):
        assert f"implementering/{stage}/" in cited_in, stage


def course_reading(reading: dict[str, str]) -> str:
    """The course with one module whose reading list has one entry, on line 13."""
    return record("curriculum", modules=[{"id": "modul-1", "title": "Fråga", "reading": [reading]}])


COURSE_READING = course_reading({"ref": "reference/ogden-2004", "note": "Läs sidorna 1–10."})


def test_a_reading_list_cites_the_bibliography_and_is_listed_as_citing_it(
    make_project: Callable[..., Project],
) -> None:
    rendered = generate(
        make_project({"reference/ogden-2004.yaml": WORK, "curriculum/kurs.yaml": COURSE_READING})
    )
    course = rendered.files["utbildning/kurs.md"]
    assert (
        "- Ogden &amp; Halliday-Boykins (2004). [Multisystemic treatment of antisocial "
        "adolescents in Norway](../referenser/ogden-2004.md)."
    ) in course
    assert "Läs sidorna 1–10." in course
    link = '<a href="../../utbildning/kurs/">En kurs</a>'
    assert link in rendered.files["referenser/ogden-2004.md"]


def test_describing_a_listed_work_again_points_to_its_entry(
    make_project: Callable[..., Project],
) -> None:
    again = course_reading({"title": "MST i Norge", "doi": "10.1111/J.1475-3588.2004.00085.x"})
    problems = problems_of(
        make_project, {"reference/ogden-2004.yaml": WORK, "curriculum/kurs.yaml": again}
    )
    assert problems == [
        "data/curriculum/kurs.yaml:13:35: error: verket finns redan i "
        "litteraturlistan som reference/ogden-2004 (skriv ref: "
        "reference/ogden-2004 i stället för att beskriva verket igen)"
    ]


WEB_PAGE = """
    id: metodguiden-alfa
    title: Alfa
    reviewed: 2026-11-26
    kind: webbsida
    publisher: Socialstyrelsen, Metodguiden
    url: https://www.socialstyrelsen.se/alfa/
    accessed: 2026-11-26
"""


def test_a_web_page_is_cited_with_the_day_it_was_read(make_project: Callable[..., Project]) -> None:
    rendered = generate(
        make_project(
            {
                "reference/metodguiden-alfa.yaml": WEB_PAGE,
                "intervention/alfa.yaml": ALFA_CITING.replace(
                    "reference/ogden-2004", "reference/metodguiden-alfa"
                ),
            }
        )
    )
    for page in (
        rendered.files["insatser/alfa.md"].split("## Källor")[1],
        rendered.files["referenser/metodguiden-alfa.md"],
    ):
        assert "<https://www.socialstyrelsen.se/alfa/> Läst 2026-11-26." in page


def test_a_reading_date_needs_the_address_that_was_read(
    make_project: Callable[..., Project],
) -> None:
    no_address = WEB_PAGE.replace("    url: https://www.socialstyrelsen.se/alfa/\n", "")
    problems = problems_of(
        make_project,
        {"reference/metodguiden-alfa.yaml": no_address.replace("webbsida", "dokument")},
    )
    assert len(problems) == 1
    assert problems[0].startswith("data/reference/metodguiden-alfa.yaml:1:1: error:")
    assert "accessed anger när sidan på url lästes; ange url också" in problems[0]
