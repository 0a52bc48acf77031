"""Every text a user reads is in the locale (generator/locale/sv.yml), which every stage reads
through generator.locale: a Swedish literal in Python anywhere else fails here, so that the
wording can be reviewed, and translated, in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent
SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(och|inte|finns|ska|eller|saknas|posten|poster|fältet|filen|kan|har|med|som"
    r"|är|ett|till|menade|skriv|ange|fel|inga|ingenting|varningar|stoppad|byggt|genererat"
    r"|skapade|sidor)\b",
    re.IGNORECASE,
)
# Text that stays beside what it describes: a field's or a model's description in its type's
# declaration (the field reference and JSON Schema show it) and a command's help (click shows
# a command's docstring and its options' help texts).
DESCRIBING = frozenset({"description", "help", "__doc__"})
# Codes that happen to be Swedish words: the finder's value for missing data, which stands
# in addresses and in the open data; and addresses and paths, which are named in Swedish
# like the site's (`data/poster/`).
CODES = frozenset({"saknas"})
ADDRESS = re.compile(r"[\w.#-]*/[\w.#/-]*")


def swedish_literals(path: Path) -> list[tuple[int, str]]:
    """The string constants in a module that read as Swedish, with their lines; docstrings
    and the DESCRIBING keywords' values are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.keyword) and node.arg in DESCRIBING:
            skipped.update(id(inner) for inner in ast.walk(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and node.value not in CODES
        and not ADDRESS.fullmatch(node.value)
        and SWEDISH.search(node.value)
    ]


def test_no_swedish_text_in_python_outside_the_locale() -> None:
    stray = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in swedish_literals(path)
    ]
    assert stray == []


def test_the_test_finds_a_swedish_literal(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""Modulen."""\n\nHINT = "skriv id med gemener"\n'
        'FIELD = Field(description="Fältets beskrivning.")\n',
        encoding="utf-8",
    )
    assert swedish_literals(module) == [(3, "skriv id med gemener")]
