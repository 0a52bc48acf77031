"""Hostile record text costs bounded time: any text under the size limit is either refused
at its line by `kb check` or rendered in time proportional to its length. The only time
limit here is a generous hang timeout (an alarm), never a measured duration."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checking.check import check
from generator.checking.markup import MAX_MARKUP, MAX_MARKUP_PER_PARAGRAPH, unbounded_markup
from generator.reading.project import Project
from generator.types.text import safe_markdown

REPO = Path(__file__).resolve().parent.parent
HANG = 120  # seconds: far beyond any bounded render, far below "kept busy for minutes"
EXTENSIONS = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))[
    "markdown_extensions"
]


class Hung(Exception):
    pass


@contextlib.contextmanager
def hang_timeout(seconds: int = HANG) -> Iterator[None]:
    def hung(*_: object) -> None:
        raise Hung(f"still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render(text: str) -> str:
    names = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]
    configs = {k: v for e in EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
    return markdown.markdown(str(safe_markdown(text)), extensions=names, extension_configs=configs)


MARKUP = "[]()*_`\\!<>&{}~^=|#:-+. \t\n>"
# A unit of markup repeated into a long run (runs of one character, nested brackets,
# emphasis, quotes and lists), optionally cut into lines or paragraphs.
units = st.text(alphabet=MARKUP + "ab", min_size=1, max_size=12)
hostile = st.builds(
    lambda unit, count, prefix, joiner: prefix + joiner.join([unit] * count),
    units,
    st.integers(1, 60_000),
    st.sampled_from(["", "> " * 40, "  " * 80 + "- ", "["]),
    st.sampled_from(["", "\n", "\n\n", " "]),
).filter(lambda text: len(text.encode()) < 900_000)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile)
def test_dense_markup_is_refused_or_rendered_without_hanging(text: str) -> None:
    with hang_timeout():
        if unbounded_markup(text) is None:
            render(text)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=MARKUP + "ab", min_size=1, max_size=3), st.integers(0, 1_000_000))
def test_a_text_just_within_the_bounds_renders_without_hanging(unit: str, length: int) -> None:
    """Most markup allowed in one paragraph, then plain text up to the size limit."""
    text = ("[" * (MAX_MARKUP_PER_PARAGRAPH - 1) + unit.replace("\n", " ") + "a" * length)[:900_000]
    with hang_timeout():
        assert unbounded_markup(text) is None or len(unit) > 1
        if unbounded_markup(text) is None:
            render(text)


def test_a_record_of_markdown_punctuation_is_refused_at_its_line(
    make_project: Callable[..., Project],
) -> None:
    description = "[" * 300_000
    project = make_project(
        {
            "process/steg.yaml": f"""
        id: steg
        title: Steg för steg
        summary: En process.
        reviewed: 2026-01-15
        description: "{description}"
        steps: [{{id: fraga, title: Fråga}}]
        sources: [{{id: s1, title: Källa}}]
    """
        }
    )
    with hang_timeout():
        _, problems = check(project)
    [problem] = problems
    assert (problem.path, problem.line, problem.column) == ("data/process/steg.yaml", 5, 14)
    assert f"fler än {MAX_MARKUP}" in problem.message


def test_deeply_nested_quotes_and_lists_are_refused_at_their_value(
    make_project: Callable[..., Project],
) -> None:
    project = make_project(
        {
            "term/djup.yaml": """
        id: djup
        title: Djup
        summary: Kort.
        reviewed: 2026-01-15
        definition:
          text: "> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > x"
          source: s1
        sources: [{id: s1, title: Källa}]
    """
        }
    )
    _, problems = check(project)
    assert [
        (p.path, p.line, p.column, "rad 1 i texten är nästlad i" in p.message) for p in problems
    ] == [("data/term/djup.yaml", 6, 9, True)]


def test_brackets_without_partners_show_as_written() -> None:
    html = render("Se [bilaga (sid. 3 och [a](https://example.org/) :)")
    assert html == ('<p>Se [bilaga (sid. 3 och <a href="https://example.org/">a</a> :)</p>')
