"""Atom feeds (RFC 4287) of what changed in what readers rely on: one for every record, one
for verdicts only, and one per record whose type marks fields `Relied` (each method); and the
same changes per method as a small JSON file, from which the implementation team's overview
lists what changed in its chosen methods since its last saved round.

The feeds are written by feedgen, a kept library, not by hand. Everything in them comes from
the repository's history (generator/model/changes.py), so the same repository gives the same
feeds: an entry's id is a UUID made from the commit and the record, its date the commit's
author date, and a feed's date its newest entry's (the build's day, from SOURCE_DATE_EPOCH
when it is set, for a feed without entries). Links are absolute when the site's address is
configured and otherwise relative to the feed file, which RFC 4287 resolves against the feed's
own address.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from feedgen.feed import FeedGenerator

from generator.model.changes import Revision
from generator.reading.project import today as build_day
from generator.rendering.change_text import change_text, place_text
from generator.rendering.context import RenderContext, relative
from generator.rendering.feed_paths import ALL, VERDICTS, record_feed
from generator.types import Record

CHANGES_JSON = "data/andringar.json"
# The site-wide feeds keep the newest entries, as feeds do: a reader's feed program has seen
# the older ones, and the file stays small however many records there are.
FEED_ENTRIES = 100
# The topic of a change to a verdict (the `Relied` mark of a method's verdicts).
VERDICT_TOPIC = "verdicts"


@dataclass(frozen=True)
class Entry:
    """One revision of one record, as a feed's entry."""

    record: Record
    revision: Revision


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Entries newest first, and those of one moment by record type and id."""
    by_record = sorted(entries, key=lambda e: (e.record.type_name, e.record.id))
    return sorted(by_record, key=lambda e: e.revision.when, reverse=True)


def _href(ctx: RenderContext, feed: str, target: str) -> str:
    """A link from a feed to a page or file of the site (its site-relative address): absolute
    with the site's address, else relative to the feed."""
    return ctx.site_url + target if ctx.site_url else relative(feed, target)


def _feed(
    ctx: RenderContext,
    path: str,
    title: str,
    subtitle: str,
    entries: list[Entry],
) -> str:
    t = ctx.t["changes"]
    fg = FeedGenerator()
    fg.id(uuid.uuid5(uuid.NAMESPACE_URL, path).urn)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("sv")
    fg.author({"name": t["feeds"]["author"]})
    fg.link(href=_href(ctx, path, path), rel="self", type="application/atom+xml")
    fg.link(href=_href(ctx, path, ""), rel="alternate", type="text/html")
    newest = entries[0].revision.when if entries else None
    fg.updated(newest or dt.datetime.combine(build_day(), dt.time(), dt.UTC))
    for entry in entries:
        record, revision = entry.record, entry.revision
        fe = fg.add_entry(order="append")
        key = f"{revision.commit}/{record.type_name}/{record.id}"
        fe.id(uuid.uuid5(uuid.NAMESPACE_URL, key).urn)
        if revision.created:
            fe.title(t["feeds"]["created"].format(title=record.title))
            fe.content(t["created"], type="text")
        else:
            what = ", ".join(_fields(revision, ctx.t))
            fe.title(t["feeds"]["changed"].format(title=record.title, what=what))
            fe.content("\n".join(change_text(c, ctx.t) for c in revision.changes), type="text")
        fe.updated(revision.when)
        fe.link(href=_href(ctx, path, record.address()), rel="alternate")
    atom: bytes = fg.atom_str(pretty=True)
    return atom.decode("utf-8")


def _fields(revision: Revision, t: dict[str, Any]) -> list[str]:
    """The labels of the fields a revision changed, each once, in the type's order."""
    return list(dict.fromkeys(place_text(c.place[:1], t) for c in revision.changes))


def _changes_json(entries: dict[str, list[Entry]], t: dict[str, Any]) -> str:
    """Each method's changes by its id, newest first: the day, whether a verdict changed
    and the fields that did, for the team overview to compare with its saved rounds."""
    methods = {
        record_id: [
            {
                "date": e.revision.when.date().isoformat(),
                "created": e.revision.created,
                "verdicts": VERDICT_TOPIC in e.revision.topics,
                "fields": _fields(e.revision, t),
            }
            for e in found
        ]
        for record_id, found in entries.items()
    }
    return json.dumps({"methods": methods}, ensure_ascii=False, separators=(",", ":")) + "\n"


def produce(ctx: RenderContext) -> None:
    """The feeds and the methods' changes as JSON, made when first asked for (`kb check`
    asks only for their paths); the site-wide feeds go to the theme (`extra.kb.feeds`), which
    links them from every page's head."""
    t = ctx.t["changes"]["feeds"]
    own = {feed: record for record in ctx.kb.records if (feed := record_feed(record))}

    @cache
    def entries() -> dict[tuple[str, str], list[Entry]]:
        """Every record's revisions as entries, newest first, by the record's type and id."""
        return {
            (record.type_name, record.id): [
                Entry(record, r) for r in ctx.kb.revisions(record) or ()
            ]
            for record in ctx.kb.records
        }

    def site_wide(path: str, title: str, subtitle: str, verdicts_only: bool) -> str:
        every = _newest_first([e for found in entries().values() for e in found])
        chosen = [e for e in every if VERDICT_TOPIC in e.revision.topics or not verdicts_only]
        return _feed(ctx, path, title, subtitle, chosen[:FEED_ENTRIES])

    def of_record(path: str, record: Record) -> str:
        found = entries()[record.type_name, record.id]
        title = t["method"].format(title=record.title)
        subtitle = t["method_subtitle"].format(title=record.title)
        return _feed(ctx, path, title, subtitle, found)

    ctx.file(ALL, partial(site_wide, ALL, t["all"], t["all_subtitle"], False))
    ctx.file(VERDICTS, partial(site_wide, VERDICTS, t["verdicts"], t["verdicts_subtitle"], True))
    for feed, record in own.items():
        ctx.file(feed, partial(of_record, feed, record))
    ctx.file(
        CHANGES_JSON,
        lambda: _changes_json({r.id: entries()[r.type_name, r.id] for r in own.values()}, ctx.t),
    )
    ctx.out.extra.setdefault("kb", {})["feeds"] = [
        {"title": t["all"], "href": ALL},
        {"title": t["verdicts"], "href": VERDICTS},
    ]
