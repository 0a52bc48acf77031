"""Where the Atom feeds of changes are (generator/rendering/feeds.py makes them): kept apart
so that every page, which links them, can name them without the feeds' own imports."""

from __future__ import annotations

from generator.types import Record
from generator.types.meaning import relied_on

FOLDER = "flode"
# Every record's changes, and changes to verdicts only.
ALL, VERDICTS = f"{FOLDER}/andringar.xml", f"{FOLDER}/bedomningar.xml"


def record_feed(record: Record) -> str | None:
    """Where a record's own feed is: a record whose type marks fields readers rely on (a
    method) has one."""
    if not relied_on(type(record)) or not record.url_prefix:
        return None
    return f"{FOLDER}/{record.url_prefix}/{record.id}.xml"
