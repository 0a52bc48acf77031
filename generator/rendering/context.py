"""What every page producer shares: UI strings, paths, the Jinja2 environment and helpers.

Templates hold presentation; the helpers here hold the little logic they need (relative
links, citations), so that links are always relative to the page being written.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from babel.lists import format_list
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.locale import LANGUAGE, label
from generator.model.knowledge_base import KnowledgeBase
from generator.rendering import cost_text, figures, html_out
from generator.rendering.change_text import change_markdown
from generator.rendering.exact_search import exact_word
from generator.rendering.feed_paths import record_feed
from generator.rendering.memo import watched
from generator.rendering.method_index import finder_filters
from generator.rendering.rendered import TEMPLATES, Rendered
from generator.types import Intervention, Record
from generator.types.intervention import MethodChecklist
from generator.types.meaning import relied_on
from generator.types.text import finalize, safe_markdown, table_cell


def record_path(record: Record) -> str:
    """Docs-relative Markdown file of a record; MkDocs serves it at `record.address()`."""
    return f"{record.url_prefix}/{record.id}.md" if record.url_prefix else f"{record.id}.md"


def section_index_path(cls: type[Record]) -> str:
    """Docs-relative Markdown file of a type's index page."""
    return f"{cls.url_prefix}/index.md"


def relative(from_page: str, to_page: str) -> str:
    """The link from one docs-relative file to another, as `posixpath.relpath` gives it, but
    from the paths alone: relpath asks for the working directory on every call, and a large
    build makes hundreds of thousands of links."""
    folder = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(folder), len(target) - 1) and folder[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + target[common:])


class PageHelpers:
    """Helpers a template needs for the page it renders, so links are relative to that page.

    Links are written as the HTML the engine would make of them (rendering/html_out.py),
    with the addresses it would give them under `directory_urls` (MkDocs'
    `use_directory_urls`); a title that Markdown would change stays a Markdown link."""

    def __init__(
        self,
        kb: KnowledgeBase,
        path: str,
        record: Record | None = None,
        directory_urls: bool = True,
    ) -> None:
        self.kb, self.path, self.record = kb, path, record
        self.directory_urls = directory_urls

    def _link(self, title: str, path: str, anchor: str = "") -> tuple[Markup, bool]:
        """A link to the page of `path` (and an anchor on it), and whether it is HTML."""
        text = table_cell(title)
        if html_out.is_plain(text):
            address = html_out.href(self.path, path, anchor, self.directory_urls)
            return html_out.anchor(address, text), True
        href = relative(self.path, path) + (f"#{anchor}" if anchor else "")
        return Markup(f"[{text}]({href})"), False

    def _to_ref(self, ref: str) -> tuple[Markup, bool]:
        target = self.kb.resolve(ref)
        return self._link(target.title, record_path(target.record), target.anchor)

    def link(self, ref: str) -> Markup:
        return self._to_ref(ref)[0]

    def links(self, refs: Sequence[str]) -> Markup:
        """A bulleted list of links to the references `refs`."""
        return html_out.bullets(map(self._to_ref, refs))

    def href(self, record: Record) -> str:
        return relative(self.path, record_path(record))

    def _to_record(self, record: Record) -> tuple[Markup, bool]:
        return self._link(record.title, record_path(record))

    def to(self, record: Record) -> Markup:
        return self._to_record(record)[0]

    def list_of(self, records: Sequence[Record]) -> Markup:
        """A bulleted list of links to the pages of `records`."""
        return html_out.bullets(map(self._to_record, records))

    def file(self, path: str) -> str:
        return relative(self.path, path)

    def method_checklists(self) -> list[tuple[Intervention, MethodChecklist]]:
        """Checklists that methods add to this page's stage, in the methods' title order."""
        assert self.record is not None
        return self.kb.method_checklists(self.record)

    def cite(self, source_id: str) -> Markup:
        """A numbered citation pointing at the source in the record's list of sources."""
        assert self.record is not None
        number = [s.id for s in self.record.sources].index(source_id) + 1
        return Markup(f"<sup>{html_out.anchor(f'#kalla-{source_id}', Markup(f'[{number}]'))}</sup>")


def _front(value: str) -> Markup:
    """A front-matter string: HTML-escaped (themes print titles and descriptions unescaped,
    some inside attributes) and JSON-quoted, which YAML reads as a plain string."""
    return Markup(json.dumps(str(_attribute(value)), ensure_ascii=False))


def _attribute(value: object) -> Markup:
    """Text for an HTML attribute in a raw HTML block, which Markdown passes on as written:
    quotes are escaped too, so record text cannot close the attribute and add its own."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


def _number(value: float) -> str:
    """Swedish number format: 7.5 -> '7,5', 3.0 -> '3'."""
    return f"{value:g}".replace(".", ",")


def _filesize(size: int, units: dict[str, str]) -> str:
    """A file size as people read it: '830 byte', '42 kB', '1,2 MB' (SI units)."""
    if size < 1000:
        return units["bytes"].format(n=size)
    if size < 1_000_000:
        return units["kb"].format(n=_number(round(size / 1000)))
    return units["mb"].format(n=_number(round(size / 1_000_000, 1)))


# Templates compiled once are kept, like Python's own bytecode, in Jinja2's cache folder (in
# the system's temporary folder, private to the user); Jinja2 compiles a template again
# whenever its source or Jinja2 itself changes, so a small knowledge base is not generated
# mostly compiling templates (bench/README.md).
_COMPILED = FileSystemBytecodeCache()


def environment(t: dict[str, Any], project_templates: Sequence[Path] = ()) -> Environment:
    """The built-in templates, then those of a project's own record types."""
    env = Environment(
        loader=FileSystemLoader([TEMPLATES, *project_templates]),
        bytecode_cache=_COMPILED,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = safe_markdown
    env.filters["cell"] = table_cell
    env.filters["date"] = lambda d: Markup(d.isoformat()) if isinstance(d, dt.date) else d
    env.filters["front"] = _front
    env.filters["attribute"] = _attribute
    env.filters["credits"] = _number
    env.filters["number"] = _number
    env.globals["figures"] = figures
    env.globals["fact_card"] = html_out.fact_card
    env.globals["lines_as_bullets"] = html_out.lines_as_bullets
    env.globals["labelled"] = html_out.labelled
    env.globals["stays_as_written"] = html_out.stays_as_written
    env.globals["backlink_limit"] = BACKLINK_LIMIT
    env.globals["finder_filters"] = finder_filters
    env.filters["exact_word"] = exact_word
    env.filters["filesize"] = lambda size: _filesize(size, t["units"])
    env.filters["vocab"] = lambda value, kind: label(t["vocab"].get(kind, {}), value)
    # "Ungsinn, CEBC och NJi": a list in a sentence, as CLDR writes it in the site's language
    # (the comparison's script writes it with the browser's Intl.ListFormat, from CLDR too).
    env.filters["in_words"] = lambda items: format_list(list(items), locale=LANGUAGE)
    env.filters["section"] = lambda type_name: label(t["sections"], type_name)
    env.filters["part_kind"] = lambda kind: label(t["links"]["kinds"], kind)
    env.filters["field_label"] = lambda name: label(t["cms"]["fields"], name)
    env.filters["change"] = lambda change: change_markdown(change, t)
    env.filters["cost"] = lambda cost: cost_text.shown(cost, t)
    env.globals["relied_on"] = relied_on
    env.globals["record_feed"] = record_feed
    return env


# Listing pages show this many rows each, so that no page grows with the number of records.
PAGE_SIZE = 50
# A backlink section on a record's page shows this many entries; the rest are on a paged list
# of their own (rendering/backlinks.py).
BACKLINK_LIMIT = 20


@dataclass(frozen=True)
class Pager:
    """Where one page of a paged listing sits among its siblings; hrefs relative to it."""

    number: int
    hrefs: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.hrefs)

    @property
    def shown(self) -> list[int]:
        """Page numbers to link: first, last and a window around this one."""
        return sorted(
            {1, self.count, *range(max(1, self.number - 3), min(self.count, self.number + 3) + 1)}
        )


def page_paths(path: str, count: int) -> list[str]:
    """`insatser/index.md` -> itself, then `insatser/sida-2.md`, …; `x.md` -> `x/sida-2.md`."""
    is_index = path == "index.md" or path.endswith("/index.md")
    folder = path.removesuffix("index.md") if is_index else path.removesuffix(".md") + "/"
    return [path, *(f"{folder}sida-{n}.md" for n in range(2, count + 1))]


@dataclass
class RenderContext:
    """One rendering run: producers add pages and files here, and say where they go in the nav.

    `nav_entries` maps a section key from the locale's `sections` (or "" for the top level)
    to entries to append there, so a new kind of page needs no edit to the navigation code.
    """

    kb: KnowledgeBase
    t: dict[str, Any]
    env: Environment
    content_pages: list[str]
    out: Rendered = field(default_factory=Rendered)
    nav_entries: dict[str, list[Any]] = field(default_factory=dict)
    outside_nav: list[str] = field(default_factory=list)
    # MkDocs' `use_directory_urls`: the addresses the generator writes links with.
    directory_urls: bool = True
    # The site's public address (`site_url`, ending in '/'), or None: links that leave the
    # site's pages (in the feeds) are absolute only with one.
    site_url: str | None = None

    def page(self, path: str, template: str, record: Record | None = None, **context: Any) -> None:
        """Add a Markdown page at the docs-relative `path`, rendered from a template when its
        text is asked for."""
        self.out.sources[path] = partial(self.render, path, template, record, **context)

    def render(self, path: str, template: str, record: Record | None = None, **context: Any) -> str:
        """The Markdown of a page at the docs-relative `path`, not yet added to the output."""
        kb = watched(self.kb)
        return self.env.get_template(template).render(
            t=self.t,
            kb=kb,
            page=PageHelpers(kb, path, record, self.directory_urls),
            record=record,
            **context,
        )

    def paged(
        self,
        path: str,
        template: str,
        name: str,
        items: list[Any],
        per_page: int = PAGE_SIZE,
        shape: Callable[[list[Any]], Any] = list,
        **context: Any,
    ) -> None:
        """Render a listing over several pages of `per_page` items, the first at `path`.

        The template sees its slice, passed through `shape` (e.g. to regroup it), as `name`;
        a pager is appended when there is more than one page. Later pages stay out of the
        navigation: the first page leads to them.
        """
        chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
        paths = page_paths(path, len(chunks))
        for number, (chunk, page_path) in enumerate(zip(chunks, paths, strict=True), 1):
            pager = Pager(number, tuple(relative(page_path, p) for p in paths))
            self.out.sources[page_path] = partial(
                self._listing, page_path, template, pager, **{name: shape(chunk)}, **context
            )
            if number > 1:
                self.leave_out_of_nav(page_path)

    def _listing(self, path: str, template: str, pager: Pager, **context: Any) -> str:
        """One page of a listing, with the pager below it if there is more than one."""
        text = self.render(path, template, pager=pager, **context)
        if pager.count == 1:
            return text
        return text + self.env.get_template("_pager.md.j2").render(t=self.t, pager=pager)

    def file(self, path: str, text: str | Callable[[], str]) -> None:
        """Add a non-Markdown file (JSON, CSV, …) at the docs-relative `path`: its text, or
        what makes it when it is asked for (a file that costs time, which `kb check`, asking
        only for the site's addresses, never asks for)."""
        self.out.sources[path] = text

    def copy(self, path: str, source: Path) -> None:
        """Put the file `source` into the site, unchanged, at the docs-relative `path`."""
        self.out.copies[path] = source

    def leave_out_of_nav(self, path: str) -> None:
        """Keep a page out of the navigation (a printable handout), on purpose, so that a
        strict build does not report it as forgotten."""
        self.outside_nav.append(path)

    def add_to_nav(self, section: str, entry: Any) -> None:
        """Place `entry` (a path or {title: path}) in a section, or at the top level ("")."""
        self.nav_entries.setdefault(section, []).append(entry)
