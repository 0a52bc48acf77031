"""Atom feeds of changes: every record's, verdicts' only and each method's own, valid to a
feed parser, with ids and dates that the repository alone decides; every page's head links
the site-wide feeds, and each method page links its own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import BASE, record
from test_history import commit, git

from generator.locale import strings
from generator.reading.project import Project
from generator.rendering.feed_paths import ALL, VERDICTS
from generator.rendering.feeds import CHANGES_JSON
from generator.site.engine.generation import generate

T = strings("sv")["changes"]
ALFA = BASE["intervention"]["title"]


def verdict(rating: str) -> dict[str, Any]:
    """A verdict as an earlier version of the file held it (only the data are compared)."""
    return {"id": "ungsinn-2018", "registry": "registry/ungsinn", "rating": rating, "source": "s1"}


@pytest.fixture
def project(
    make_project: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Project:
    """Alfa rated Nivå 3 on 10 January, then Nivå 5 with a lower top age on 14 February,
    then without its verdict on 1 March (the current file, which the current model reads)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    project = make_project(
        {"intervention/alfa.yaml": record("intervention", evidence=[verdict("Nivå 3")])}
    )
    git(project.root, "init", "-q")
    commit(project.root, "2026-01-10T09:00:00+01:00")
    ages = {"min": 3, "max": 10, "source": "s1"}
    make_project(
        {"intervention/alfa.yaml": record("intervention", ages=ages, evidence=[verdict("Nivå 5")])}
    )
    commit(project.root, "2026-02-14T09:00:00+01:00")
    make_project({"intervention/alfa.yaml": record("intervention", ages=ages)})
    commit(project.root, "2026-03-01T09:00:00+01:00")
    return project


def feed(text: str) -> Any:
    """A feed as a feed reader reads it; a feed it finds malformed fails the test."""
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


VERDICT = "Bedömningar i evidensregister"
NOW_WITHOUT = f"{ALFA}: ändrad {VERDICT}"
RATED_AGAIN = f"{ALFA}: ändrad Ålder, {VERDICT}"


def test_the_feed_of_all_changes_lists_each_revision_newest_first_with_what_changed(
    project: Project,
) -> None:
    parsed = feed(generate(project).text(ALL))
    assert parsed.feed.title == T["feeds"]["all"]
    assert [e.title for e in parsed.entries] == [
        NOW_WITHOUT,
        RATED_AGAIN,
        # Added together: by type, then id.
        "En kurs: posten lades till",
        f"{ALFA}: posten lades till",
        "Steg för steg: posten lades till",
        "Utforskning: posten lades till",
    ]
    assert [e.content[0].value for e in parsed.entries[:2]] == [
        f"{VERDICT} › ungsinn-2018 › Register: ”registry/ungsinn” (borttaget).\n"
        f"{VERDICT} › ungsinn-2018 › Bedömning: ”Nivå 5” (borttaget).",
        "Ålder › Högsta: var ”12”, blev ”10”.\n"
        f"{VERDICT} › ungsinn-2018 › Bedömning: var ”Nivå 3”, blev ”Nivå 5”.",
    ]
    assert [e.updated for e in parsed.entries[:2]] == [
        "2026-03-01T09:00:00+01:00",
        "2026-02-14T09:00:00+01:00",
    ]
    assert parsed.feed.updated == "2026-03-01T09:00:00+01:00"
    # Without a configured address, links are relative to the feed.
    assert parsed.entries[0].link == "../insatser/alfa/"


def test_the_verdict_feed_and_a_methods_own_feed_list_only_their_changes(
    project: Project,
) -> None:
    rendered = generate(project)
    verdicts = feed(rendered.text(VERDICTS))
    assert [e.title for e in verdicts.entries] == [NOW_WITHOUT, RATED_AGAIN]
    own = feed(rendered.text("flode/insatser/alfa.xml"))
    assert own.feed.title == T["feeds"]["method"].format(title=ALFA)
    assert [e.title for e in own.entries] == [
        NOW_WITHOUT,
        RATED_AGAIN,
        f"{ALFA}: posten lades till",
    ]
    assert own.entries[0].link == "../../insatser/alfa/"
    assert json.loads(rendered.text(CHANGES_JSON)) == {
        "methods": {
            "alfa": [
                {"date": "2026-03-01", "created": False, "verdicts": True, "fields": [VERDICT]},
                {
                    "date": "2026-02-14",
                    "created": False,
                    "verdicts": True,
                    "fields": ["Ålder", VERDICT],
                },
                {"date": "2026-01-10", "created": True, "verdicts": False, "fields": []},
            ]
        }
    }
    page = rendered.text("insatser/alfa.md")
    link = T["feed_link"].format(title=ALFA)
    assert f"[{link}](../flode/insatser/alfa.xml)" in page


def test_feed_ids_and_dates_are_the_repositorys_and_links_absolute_with_an_address(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = generate(project).text(ALL)
    assert generate(project).text(ALL) == first
    monkeypatch.setenv("KB_SITE_URL", "https://kunskapsbank.example.se/")
    parsed = feed(generate(project).text(ALL))
    assert [e.id for e in parsed.entries] == [e.id for e in feed(first).entries]
    assert parsed.entries[0].link == "https://kunskapsbank.example.se/insatser/alfa/"
    assert parsed.feed.links[0].href == "https://kunskapsbank.example.se/flode/andringar.xml"


def test_every_page_links_the_feeds_from_its_head(site: Path) -> None:
    for page in ("index.html", "insatser/pmto/index.html", "404.html"):
        head = (site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert 'rel="alternate feed" type="application/atom+xml"' in head
        assert f'title="{T["feeds"]["all"]}"' in head
        assert f'title="{T["feeds"]["verdicts"]}"' in head
    for path in (ALL, VERDICTS, "flode/insatser/pmto.xml"):
        feed((site / path).read_text(encoding="utf-8"))
