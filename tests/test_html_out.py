"""The links, citation marks and lists the generator writes as HTML (rendering/html_out.py)
are what the engine made of the Markdown they replaced: the same addresses as MkDocs gives a
link between the two files, the same elements as Python-Markdown with the site's extensions
makes of the link or the list (issue 29). A whole site compared before and after is in
bench/same_site.py and bench/README.md."""

from __future__ import annotations

import re
from typing import Any

import markdown
import yaml
from conftest import REPO
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator.rendering.html_out import (
    anchor,
    bullets,
    fact_card,
    href,
    is_plain,
    labelled,
    lines_as_bullets,
    stays_as_written,
)
from generator.types.text import table_cell

SEGMENT = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)
# A docs-relative Markdown file as the generator names them: folders, then a name or index.
DOCS_PATH = st.builds(
    lambda folders, name: "/".join([*folders, f"{name}.md"]),
    st.lists(SEGMENT, max_size=3),
    st.one_of(SEGMENT, st.just("index")),
)
# Record text as editors write it, with every character Markdown treats as markup.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("\\`*_[]()!<>&{}#|:;.,-–\"' \n\t"),
        st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "S")),
    ),
    max_size=40,
)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of the bundled site's mkdocs.yml."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings_of: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            settings_of[name] = entry[name]
    return markdown.Markdown(extensions=names, extension_configs=settings_of)


MD = site_markdown()


def converted(text: str) -> str:
    """The HTML of `text`, white space between elements left out (a browser, Pagefind and
    bench/same_site.py do not see it)."""
    return re.sub(r">\s+<", "><", MD.reset().convert(text))


@settings(max_examples=300, deadline=None)
@given(DOCS_PATH, DOCS_PATH, st.one_of(st.just(""), SEGMENT), st.booleans())
def test_a_link_has_the_address_mkdocs_gives_a_link_between_the_two_files(
    here: str, there: str, fragment: str, directory_urls: bool
) -> None:
    page = File(here, None, "site", directory_urls)
    target = File(there, None, "site", directory_urls)
    expected = get_relative_url(target.url, page.url) + (f"#{fragment}" if fragment else "")
    assert href(here, there, fragment, directory_urls) == expected


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_title_written_as_html_is_what_markdown_makes_of_it(title: str) -> None:
    text = table_cell(title)
    if is_plain(text) and text.strip():
        written = anchor("../a/", text)
        assert converted(f"[{text}](../a/)") == f"<p>{written}</p>"
        assert converted(f"Före {written} efter.") == f"<p>Före {written} efter.</p>"


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_a_list_of_links_is_what_markdown_makes_of_its_lines(titles: list[str]) -> None:
    items = []
    for title in titles:
        text = table_cell(title)
        plain = is_plain(text) and bool(text.strip())
        items.append((anchor("x/", text) if plain else Markup(f"[{text}](x/)"), plain))
    written = bullets(items)
    lines = "\n".join(f"- {item}" for item, _ in items)
    assert converted(f"## Rubrik\n\n{written}\n\nSlut.") == converted(
        f"## Rubrik\n\n{lines}\n\nSlut."
    )


def test_a_citation_mark_is_what_markdown_makes_of_the_numbered_link() -> None:
    written = f"<sup>{anchor('#kalla-x', Markup('[3]'))}</sup>"
    assert converted(f"Text {written}") == converted("Text <sup>[[3]](#kalla-x)</sup>")


def facts_block(card: str) -> str:
    """A page's block of fact cards around one card, as the templates write it."""
    return f'<div class="kb-facts" markdown>\n\n{card}\n\n</div>'


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.booleans())
@example("Målgrupp", "Familjer med barn 3–12 år", True)
def test_a_fact_card_written_as_html_is_what_markdown_makes_of_its_block(
    label: str, text: str, cited: bool
) -> None:
    mark = f"<sup>{anchor('#kalla-x', Markup('[3]'))}</sup>"
    line = Markup(f"{table_cell(text)} {mark}") if cited else table_cell(text)
    heading = table_cell(label)
    card = fact_card(heading, line)
    as_markdown = (
        f'<div class="kb-fact" markdown>\n<span class="kb-fact-label">{heading}</span>\n'
        f"{line}\n</div>"
    )
    assert converted(facts_block(card)) == converted(facts_block(as_markdown))
    assert ("markdown>" not in card) == (stays_as_written(heading) and stays_as_written(line))


def test_a_fact_card_of_plain_text_is_written_as_html() -> None:
    card = fact_card(Markup("Målgrupp"), Markup("Familjer med barn 3–12 år &amp; deras lärare"))
    assert card == (
        '<div class="kb-fact">\n<p><span class="kb-fact-label">Målgrupp</span>\n'
        "Familjer med barn 3–12 år &amp; deras lärare</p>\n</div>"
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, st.booleans()), min_size=1, max_size=4))
@example([("Familjer med barn 3–12 år", True), ("Två gånger i veckan", False)])
def test_a_list_of_facts_is_what_markdown_makes_of_its_lines(facts: list[tuple[str, bool]]) -> None:
    mark = f"<sup>{anchor('#kalla-x', Markup('[3]'))}</sup>"
    lines = [
        Markup(f"{table_cell(text)} {mark}") if cited else table_cell(text) for text, cited in facts
    ]
    written = lines_as_bullets(lines)
    as_markdown = "\n".join(f"- {line}" for line in lines)
    assert converted(f"## Rubrik\n\n{written}\n\nSlut.") == converted(
        f"## Rubrik\n\n{as_markdown}\n\nSlut."
    )
    assert written.startswith("<ul>") == all(stays_as_written(line) for line in lines)


def meta_block(keywords: Markup, as_html: bool) -> str:
    """A record page's block of search words and review date, as `_record.md.j2` writes it."""
    reviewed = Markup('<time datetime="2026-12-07">2026-12-07</time>')
    opening = '<div class="kb-meta">' if as_html else '<div class="kb-meta" markdown>'
    lines = [
        labelled(Markup("Sökord"), keywords, as_html),
        labelled(Markup("Granskad"), reviewed, as_html),
    ]
    return (
        f'{opening}\n\n<div data-pagefind-meta="exakt_titel:kb1"></div>\n\n'
        + "\n\n".join(lines)
        + "\n\n</div>\n\n## Nästa"
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
@example(["MST", "Multisystemisk terapi", "familjebehandling"])
def test_the_search_words_and_review_date_written_as_html_are_what_markdown_makes_of_them(
    words: list[str],
) -> None:
    keywords = Markup(
        f'<span data-pagefind-meta="keywords">{Markup(", ").join(map(table_cell, words))}</span>'
    )
    if stays_as_written(keywords):
        assert converted(meta_block(keywords, True)) == converted(meta_block(keywords, False))
