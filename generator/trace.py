"""Problems MkDocs finds in generated pages, told at the YAML the editor wrote.

A link in record text is checked by MkDocs when it builds the record's page, and MkDocs names
the generated page (`insatser/loke.md`), a file the editor never saw. The warning is rewritten
before it is shown: the record's file, and the line and column of the link in it, in the
compiler format `kb check` uses, in Swedish. Warnings about other pages pass unchanged.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from generator.project import Project

_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but "
                   r"(?P<why>.*)", re.DOTALL)
_REASONS = [
    (re.compile(r"the target (?:'[^']+' )?is not found"),
     "länken '{link}' leder till en sida som inte finns"),
    (re.compile(r"there is no such anchor on this page"),
     "länken '{link}' leder till ett ankare som inte finns på sidan"),
    (re.compile(r"the doc '(?P<target>[^']+)' does not contain an anchor"),
     "länken '{link}' leder till ett ankare som inte finns på sidan {target}"),
]
HINT = ("länka till en annan post med related: [typ/id#ankare] i stället; en länk i text "
        "räknas från sidan {page}")


def record_file(root: Path, page: str) -> Path | None:
    """The record file a generated page was made from, if it was made from one. (The types
    are imported here, when a link warning comes, not whenever `kb` starts.)"""
    from generator.types import RECORD_TYPES

    folder, _, name = page.rpartition("/")
    for type_name, cls in RECORD_TYPES.items():
        if cls.url_prefix == folder and name.endswith(".md"):
            path = root / "data" / type_name / f"{name.removesuffix('.md')}.yaml"
            if path.is_file():
                return path
    return None


def locate_link(text: str, link: str) -> tuple[int, int] | None:
    """Line and column (from 1) of the first Markdown link or link definition to `link`."""
    for number, line in enumerate(text.splitlines(), 1):
        for marker in (f"]({link}", f"]: {link}"):
            at = line.find(marker)
            if at >= 0:
                return number, at + len(marker) - len(link) + 1
    return None


def traced(message: str, root: Path) -> str | None:
    """`message` told at the record file and line of the link, or None if it is not about a
    link in record text."""
    match = _LINK.match(message)
    if not match:
        return None
    path = record_file(root, match["page"])
    if path is None:
        return None
    found = locate_link(path.read_text(encoding="utf-8"), match["link"])
    if found is None:
        return None
    for pattern, wording in _REASONS:
        reason = pattern.search(match["why"])
        if reason:
            text = wording.format(link=match["link"], **reason.groupdict())
            break
    else:
        text = f"länken '{match['link']}': {match['why']}"
    hint = HINT.format(page=match["page"].removesuffix(".md") + "/")
    return f"{path.relative_to(root).as_posix()}:{found[0]}:{found[1]}: error: {text} ({hint})"


class TraceToRecords(logging.Filter):
    """A filter for the handler that shows MkDocs' messages: link warnings about a record's
    page are rewritten to point at the record (the project is found when the first one
    comes, from the working directory as `kb` finds it)."""

    def __init__(self) -> None:
        super().__init__()
        self.root: Path | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING and "contains a link" in str(record.msg):
            try:
                self.root = self.root or Project.find().root
                text = traced(record.getMessage(), self.root)
            except (FileNotFoundError, OSError, UnicodeDecodeError):
                text = None
            if text is not None:
                record.msg, record.args = text, None
        return True
