"""The `kb` command speaks Swedish: its help, every subcommand's help and its usage errors
have none of click's English words ("Usage:", "Show this message and exit.", "No such
option"), which the locale words instead (`click` in generator/locale/sv.yml)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from generator.locale import strings
from generator.site.command.cli import main


def words(text: str) -> set[str]:
    """The words of a text, placeholders (`{name!r}`) left out."""
    return {word.lower() for word in re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text))}


def texts(found: object) -> Iterator[str]:
    """Every text in the locale (its values, not its keys: click's English is in keys)."""
    if isinstance(found, str):
        yield found
    elif isinstance(found, dict):
        for value in found.values():
            yield from texts(value)
    elif isinstance(found, list):
        for value in found:
            yield from texts(value)


# Every word of click's English texts that the locale translates, but for those the locale's
# Swedish uses too ("argument", "var"); the options' own names (`--help`) and the values a
# person types are left out of what is read.
ENGLISH = frozenset(
    set().union(*map(words, strings()["click"])) - set().union(*map(words, texts(strings()))),
)
TYPED = re.compile(r"-{1,2}[\w-]+|'[^']*'|\[[a-z|]+\]")


def english_words(output: str) -> set[str]:
    return words(TYPED.sub("", output)) & ENGLISH


def run(*arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments), prog_name="kb")
    return result.output


@pytest.mark.parametrize("command", ["", *sorted(main.commands)])
def test_every_help_is_swedish(command: str) -> None:
    shown = run(*command.split(), "--help")
    assert shown.startswith(f"Användning: kb {command}".rstrip() + " ")
    assert "Flaggor:" in shown
    assert "Visa den här hjälpen och avsluta." in shown
    assert english_words(shown) == set()


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["check", "--bogus"], "Fel: Det finns ingen flagga '--bogus'."),
        (["nosuch"], "Fel: Det finns inget kommando 'nosuch'."),
        (["new"], "Fel: Argument saknas 'TYP'."),
        (["check", "--format", "xml"], "Fel: Ogiltigt värde för '--format': 'xml' är inte"),
        (["build", "--site-dir"], "Fel: Flaggan '--site-dir' behöver ett värde."),
        (["check", "mer"], "Fel: Oväntat argument (mer)"),
    ],
)
def test_a_usage_error_is_swedish(arguments: list[str], error: str) -> None:
    shown = run(*arguments)
    assert error in shown
    assert english_words(shown) == set()


def test_the_test_knows_clicks_english() -> None:
    assert english_words("Usage: kb [OPTIONS]\n  --help  Show this message and exit.") == {
        "usage",
        "options",
        "show",
        "this",
        "message",
        "and",
        "exit",
    }
