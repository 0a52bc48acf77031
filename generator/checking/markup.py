"""What record text may hold as Markdown: bounded markup, and links to web addresses.

Python-Markdown rebuilds a paragraph's text after every inline match (an escape, an
emphasis, an entity, a bracket), so its cost grows with matches times length: a few hundred
kilobytes of punctuation in one paragraph kept a build busy for minutes. Nested block quotes
and lists are parsed again at every level, so a line that opens thousands of levels costs as
much, and every match costs tens of microseconds. Prose needs none of this (the bundled
records have at most a few dozen markup characters in a text): a text with more than
MAX_MARKUP markup characters, a paragraph with more than MAX_MARKUP_PER_PARAGRAPH, or a line
nested deeper than MAX_NESTING levels, or more than MAX_LINES lines (thirty thousand lines of
'-' took Markdown minutes), is an error at its value. Below these bounds a text renders
in bounded time (brackets are balanced by
`generator.types.text.balanced_brackets`).

A link in record text goes to a full web address (or an e-mail address). Anything else —
a script or data address, however disguised, or a relative link that the site engine could
only report at a generated page — is shown as text (generator/types/text.py), and `kb check`
warns of it at the value that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.reading.load import FieldPath, SourceDocument
from generator.types.text import is_reference_definition, is_web_address, link_destinations

MAX_MARKUP = 10_000
MAX_MARKUP_PER_PARAGRAPH = 500
MAX_NESTING = 32
MAX_LINES = 1_000

# Characters that start an inline match in Python-Markdown, or become an entity
# (generator.types.text escapes '&', '<', '>', '{' and '}').
_MARKUP_CHARACTERS = "\\`*_[]()!<>&{}~^=|"
_MARKUP = re.compile(f"[{re.escape(_MARKUP_CHARACTERS)}]")
_MARKUP_BYTES = _MARKUP_CHARACTERS.encode()
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A line's opening: indentation, quote markers and list markers.
_OPENING = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t][ \t>]*)*", re.MULTILINE)
_LONG_OPENING = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_NESTING},}}", re.MULTILINE)


def unsafe_link(text: str) -> tuple[str, str] | None:
    """The first link in `text` that the page shows as text, as a Swedish message and hint,
    or None: a reference definition (it would hold for the whole page), or a destination
    that is not a full web or e-mail address."""
    for match, destination in link_destinations(text):
        if is_reference_definition(match):
            label = match.group(0)[len(match.group(3)) :].split("]", 1)[0] + "]"
            return (
                message("messages.markup.reference", label=label[:60]),
                message("messages.markup.reference_hint"),
            )
        if not is_web_address(destination):
            shown = destination[:60].encode("unicode_escape").decode("ascii")
            return message("messages.markup.link", link=shown), message("messages.markup.link_hint")
    return None


def _nesting(opening: str) -> int:
    """How many levels a line's opening nests: each quote marker and list marker is one,
    and so is every four columns of indentation."""
    markers = len(re.findall(r"(?:[-*+]|\d{1,9}[.)])[ \t]", opening))
    columns = opening.count(" ") + 4 * opening.count("\t")
    return opening.count(">") + markers + columns // 4


def unbounded_markup(text: str) -> str | None:
    """Why `text` would take Markdown unbounded time to render, in Swedish, or None."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return message("messages.markup.lines", lines=lines, limit=MAX_LINES)
    total = len(_MARKUP.findall(text)) if len(text) > MAX_MARKUP_PER_PARAGRAPH else 0
    if total > MAX_MARKUP:
        return message("messages.markup.markup", count=total, limit=MAX_MARKUP)
    if total > MAX_MARKUP_PER_PARAGRAPH:
        for paragraph in _PARAGRAPH_BREAK.split(text):
            count = len(_MARKUP.findall(paragraph))
            if count > MAX_MARKUP_PER_PARAGRAPH:
                return message(
                    "messages.markup.paragraph", count=count, limit=MAX_MARKUP_PER_PARAGRAPH
                )
    if len(text) >= MAX_NESTING and _LONG_OPENING.search(text):
        for match in _OPENING.finditer(text):
            depth = _nesting(match.group(0))
            if depth > MAX_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                return message("messages.markup.nesting", line=line, depth=depth, limit=MAX_NESTING)
    return None


def strings_in(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in a record's plain data with its path, in any field, known to the type
    or not: markup and the placeholders of `kb new` can stand anywhere."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings_in(item, (*path, i))


# In a file's YAML text: anything that could make a value one of the above. An escape can
# make any character, so a text with one is always looked at; the others are the same
# conditions on the file, which holds every value (an alias repeats a value, not its size),
# with a value's lines starting on the file's lines or after its key or quote. A rare
# character first lets the search skip to it: tried at every character, the opening took a
# tenth of a check.
_RAW_OPENING = re.compile(rf"[\n\"':|>][ \t>*+\-.)0-9]{{{MAX_NESTING}}}")


def _may_have_problems(yaml_text: str) -> bool:
    return (
        "\\" in yaml_text
        or "](" in yaml_text
        or "]:" in yaml_text
        or yaml_text.count("\n") > MAX_LINES
        or bool(_LONG_OPENING.match(yaml_text) or _RAW_OPENING.search(yaml_text))
        or _markup_count(yaml_text) > MAX_MARKUP_PER_PARAGRAPH
    )


def _markup_count(text: str) -> int:
    """How many markup characters `text` has (deleting them from its bytes is a third of
    the cost of finding them with a regular expression)."""
    raw = text.encode()
    return len(raw) - len(raw.translate(None, _MARKUP_BYTES))


def markup_problems(doc: SourceDocument) -> list[Diagnostic]:
    """Every text value of a record that Markdown could not render in bounded time (an
    error), and every link in one that does not go to a web address (a warning: it is
    shown as text). Most files are ruled out by their YAML text alone: walking every value
    of ten thousand records cost a third of their validation."""
    if doc.text and not _may_have_problems(doc.text):
        return []
    problems = []
    for path, text in strings_in(doc.data):
        reason = unbounded_markup(text)
        if reason:
            problems.append(
                doc.problem(
                    path,
                    reason,
                    message("messages.markup.unbounded_hint"),
                )
            )
        link = unsafe_link(text)
        if link:
            problems.append(doc.problem(path, *link, severity="warning"))
    return problems
