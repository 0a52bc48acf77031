"""Issue 27 item 1, in Debian's Chromium: for every record of the bundled data, its title, its
abbreviation and each of its search words put its page first in the site's search, and what
a result shows under its title is what the page says, not its search words, sources or dates.

Every phrase goes through the search the header's box asks (`search` in assets/kb-pagefind.js)
in one page, so that the hundreds of queries take seconds; a few go through the box itself.
A phrase that is several records' own (a method's abbreviation and a term's title, a search
word two methods share, "ART (…)" and "ART – …" alike without punctuation) may put any of
them first.
"""

from __future__ import annotations

from typing import Any

import pytest
from accessibility import SETTLED
from conftest import REPO, search_results
from playwright.sync_api import Page

from generator.checking.check import check
from generator.locale import strings
from generator.reading.project import Project
from generator.rendering.exact_search import exact_word, normalized

pytestmark = pytest.mark.browser

# The examples, typed into the box: each method's abbreviation finds the method.
TYPED = {
    "MST": "/insatser/mst/",
    "PMTO": "/insatser/pmto/",
    "PALS": "/insatser/pals/",
    "TIBIR": "/insatser/tibir/",
    "ABC": "/insatser/abc/",
    "FIT": "/insatser/fit/",
}


def own_phrases() -> dict[str, tuple[str, set[str]]]:
    """Each record's title, abbreviation and search words as a visitor types them, by their
    words without case and punctuation: one way of typing them, and the addresses of the
    records whose own phrase it is."""
    records, problems = check(Project(REPO))
    assert problems == []
    phrases: dict[str, tuple[str, set[str]]] = {}
    for record in records:
        abbreviation = getattr(record, "abbreviation", None)
        for text in [record.title, *([abbreviation] if abbreviation else []), *record.keywords]:
            _, addresses = phrases.setdefault(normalized(text), (text, set()))
            addresses.add(f"/{record.address()}")
    return phrases


@pytest.fixture(scope="module")
def phrases() -> dict[str, tuple[str, set[str]]]:
    return own_phrases()


def first_hits(page: Page, queries: list[str]) -> dict[str, Any]:
    """For each query, the site's first result (address, excerpt, title and summary) and the
    exact word the script makes of the query, asked in the page."""
    page.wait_for_function(SETTLED)
    return dict(
        page.evaluate(
            """async queries => {
                 const { search, exactWord } =
                   await import(new URL("assets/kb-pagefind.js", document.baseURI).href);
                 const found = {};
                 for (const query of queries) {
                   const first = await (await search(query)).results[0]?.data();
                   found[query] = { url: first?.url, excerpt: first?.excerpt ?? "",
                                    title: first?.meta.title, summary: first?.meta.summary,
                                    word: exactWord(query) };
                 }
                 return found;
               }""",
            queries,
        )
    )


def test_every_records_title_abbreviation_and_search_words_find_it_first(
    page: Page, base_url: str, phrases: dict[str, tuple[str, set[str]]]
) -> None:
    page.goto(base_url)
    for query, address in TYPED.items():
        assert search_results(page, query)[0] == address, query
    page.keyboard.press("Escape")

    typed = {text: addresses for text, addresses in phrases.values()}
    found = first_hits(page, sorted(typed))
    assert len(found) > 700
    assert {q: hit["word"] for q, hit in found.items()} == {q: exact_word(q) for q in typed}
    assert {q: hit["url"] for q, hit in found.items() if hit["url"] not in typed[q]} == {}

    record = strings()["record"]
    labels = (record["keywords"], record["reviewed"], record["sources"])
    excerpts = [hit["excerpt"] for hit in found.values()]
    assert [text for text in excerpts if any(label in text for label in labels)] == []
