"""Stage 4 of the pipeline: the knowledge base as Markdown pages, navigation and schema files.

The output is plain Markdown using standard Python-Markdown/pymdownx extensions and Material
features, so any MkDocs-compatible engine can build it without our plugin.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from generator.model import KnowledgeBase
from generator.text import finalize, safe_markdown, table_cell
from generator.types import RECORD_TYPES, Intervention, Record
from generator.types.intervention import MethodChecklist

TEMPLATES = Path(__file__).parent / "templates"
LOCALE = Path(__file__).parent / "locale"

# Above this many records a section lists only its catalogue page in the navigation, so that
# every page's HTML (which carries the whole rendered navigation) stays bounded.
NAV_LIMIT = 40

# The order of sections in the navigation; process records sit at the top level.
SECTION_ORDER = ("intervention", "stage", "process", "curriculum")


@cache
def strings(language: str = "sv") -> dict[str, Any]:
    """All UI strings for one language."""
    return yaml.safe_load((LOCALE / f"{language}.yml").read_text(encoding="utf-8"))


def record_path(record: Record) -> str:
    """Docs-relative Markdown file of a record; MkDocs serves it at `record.url()`."""
    return f"{record.url_prefix}/{record.id}.md" if record.url_prefix else f"{record.id}.md"


def section_index_path(type_name: str) -> str:
    return f"{RECORD_TYPES[type_name].url_prefix}/index.md"


def relative(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


@dataclass
class Rendered:
    """Everything generation produces: files by docs-relative path, and the navigation."""

    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)


class _Page:
    """Helpers a template needs for the page it renders, so links are relative to that page."""

    def __init__(self, kb: KnowledgeBase, path: str, record: Record | None = None) -> None:
        self.kb, self.path, self.record = kb, path, record

    def link(self, ref: str) -> Markup:
        target = self.kb.resolve(ref)
        href = relative(self.path, record_path(target.record))
        if target.anchor:
            href += f"#{target.anchor}"
        return Markup(f"[{table_cell(target.title)}]({href})")

    def to(self, record: Record) -> Markup:
        return Markup(f"[{table_cell(record.title)}]({relative(self.path, record_path(record))})")

    def file(self, path: str) -> str:
        return relative(self.path, path)

    def method_checklists(self) -> list[tuple[Intervention, MethodChecklist]]:
        """Checklists that methods add to this page's stage, in the methods' title order."""
        assert self.record is not None
        return [(method, checklist) for method in self.kb.of_type("intervention")
                if isinstance(method, Intervention)
                for checklist in method.checklists if checklist.stage_id() == self.record.id]

    def cite(self, source_id: str) -> Markup:
        """A numbered citation pointing at the source in the record's list of sources."""
        assert self.record is not None
        number = [s.id for s in self.record.sources].index(source_id) + 1
        return Markup(f"<sup>[[{number}]](#kalla-{source_id})</sup>")


def _front(value: str) -> Markup:
    """A front-matter string: HTML-escaped (themes print titles and descriptions unescaped,
    some inside attributes) and JSON-quoted, which YAML reads as a plain string."""
    return Markup(json.dumps(html.escape(" ".join(value.split())), ensure_ascii=False))


def _number(value: float) -> str:
    """Swedish number format: 7.5 -> '7,5', 3.0 -> '3'."""
    return f"{value:g}".replace(".", ",")


def _environment(t: dict[str, Any]) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
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
    env.filters["credits"] = _number
    env.filters["vocab"] = lambda value, kind: t["vocab"][kind][value]
    return env


def _type_label(annotation: Any, anchor_prefix: str) -> str:
    """A short, editor-friendly name for a field's type; nested parts link to their table."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type_label(args[0], anchor_prefix)
    if origin is typing.Literal:
        return "ett av: " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is list:
        return f"lista av {_type_label(args[0], anchor_prefix)}"
    if origin in (typing.Union, types.UnionType):
        return " eller ".join(_type_label(a, anchor_prefix) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{anchor_prefix}-{annotation.__name__.lower()})"
    return {str: "text", int: "heltal", float: "tal", dt.date: "datum (ÅÅÅÅ-MM-DD)"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _nested_models(a)]


def field_tables(cls: type[Record]) -> list[dict[str, Any]]:
    """The field reference for a record type: its own table, then one per nested part."""
    tables, queue, seen = [], [cls], set()
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        rows = []
        for name, info in model.model_fields.items():
            rows.append({"name": name, "type": Markup(_type_label(info.annotation, cls.type_name)),
                         "required": info.is_required(), "description": info.description or ""})
            queue.extend(_nested_models(info.annotation))
        tables.append({"name": model.__name__, "doc": (model.__doc__ or "").strip(),
                       "rows": rows})
    return tables


def json_schema(cls: type[Record]) -> str:
    """The record type as JSON Schema, for editors' YAML tooling."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **cls.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _nav_title(record: Record) -> str:
    """Themes print navigation titles unescaped, so record text is escaped here."""
    return html.escape(record.title, quote=False)


def _nav(kb: KnowledgeBase, content_pages: list[str], t: dict[str, Any]) -> tuple[
        list[Any], list[str]]:
    """Navigation by section; large sections list only their catalogue page.

    Hand-written pages join the section whose folder they are in; the rest go last.
    """
    nav: list[Any] = [{t["sections"]["home"]: "index.md"}] if "index.md" in content_pages else []
    placed = {"index.md"}
    hidden: list[str] = []

    def section_pages(folder: str, first: list[Any]) -> list[Any]:
        extra = [p for p in content_pages if p.startswith(f"{folder}/") and p not in first]
        placed.update(extra)
        return [*first, *extra]

    for type_name in SECTION_ORDER:
        records = kb.of_type(type_name)
        prefix = RECORD_TYPES[type_name].url_prefix
        entries: list[Any] = [{_nav_title(r): record_path(r)} for r in records]
        if not prefix:
            nav.extend(entries)
        elif records:
            if len(records) > NAV_LIMIT:
                hidden += [record_path(r) for r in records]
                entries = []
            nav.append({t["sections"][type_name]: section_pages(
                prefix, [section_index_path(type_name), *entries])})
    editors = ["redaktorer/index.md"] if "redaktorer/index.md" in content_pages else []
    nav.append({t["sections"]["editors"]: section_pages(
        "redaktorer", [*editors, "redaktorer/falt.md"])})
    nav.extend(p for p in content_pages if p not in placed and not p.startswith("redaktorer/"))
    return nav, hidden


def render(kb: KnowledgeBase, content_pages: list[str], language: str = "sv") -> Rendered:
    """Render every page of the knowledge base; `content_pages` are the hand-written ones."""
    t = strings(language)
    env = _environment(t)
    out = Rendered()

    def page(path: str, template: str, record: Record | None = None, **context: Any) -> None:
        out.files[path] = env.get_template(template).render(
            t=t, kb=kb, page=_Page(kb, path, record), record=record, **context)

    for record in kb.records:
        page(record_path(record), record.template, record)
    for type_name in SECTION_ORDER:
        records = kb.of_type(type_name)
        if records and RECORD_TYPES[type_name].url_prefix:
            page(section_index_path(type_name), f"{type_name}-index.md.j2", records=records)
    page("redaktorer/falt.md", "fields.md.j2",
         types=[(cls, field_tables(cls)) for cls in RECORD_TYPES.values()])
    for type_name, cls in RECORD_TYPES.items():
        out.files[f"schemas/{type_name}.schema.json"] = json_schema(cls)
    out.nav, out.not_in_nav = _nav(kb, content_pages, t)
    return out
