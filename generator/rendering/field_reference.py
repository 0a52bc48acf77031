"""The editors' field reference page and the JSON Schema files, both made from the schemas."""

from __future__ import annotations

import datetime as dt
import functools
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from generator.locale import message, strings
from generator.rendering.context import RenderContext


def part_name(model: type[BaseModel]) -> tuple[str, str]:
    """The heading and the introduction of a part's table, in the locale's words (`fields.parts`,
    by the model's name, or its module's and name where two models share a name); a part the
    locale does not name, as a project's own type's, keeps its model's name and docstring."""
    parts: dict[str, dict[str, str]] = strings()["fields"]["parts"]
    module = model.__module__.rpartition(".")[2]
    found = parts.get(f"{module}.{model.__name__}") or parts.get(model.__name__) or {}
    doc = (model.__doc__ or "").strip()
    return found.get("title", model.__name__), found.get("text", doc)


def _type_label(annotation: Any, anchor_prefix: str) -> str:
    """A short, editor-friendly name for a field's type; nested parts link to their table."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type_label(args[0], anchor_prefix)
    if origin is typing.Literal:
        values = ", ".join(f"`{a}`" for a in typing.get_args(annotation))
        return message("messages.field_reference.one_of", values=values)
    if origin is list:
        return message("messages.field_reference.list_of", item=_type_label(args[0], anchor_prefix))
    if origin in (typing.Union, types.UnionType):
        return message("messages.field_reference.or").join(
            _type_label(a, anchor_prefix) for a in args
        )
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        title = part_name(annotation)[0]
        return f"[{title}](#{anchor_prefix}-{annotation.__name__.lower()})"
    basic = {str: "text", int: "integer", float: "number", dt.date: "date", bool: "boolean"}.get(
        annotation
    )
    if basic:
        return message(f"messages.field_reference.{basic}")
    return str(getattr(annotation, "__name__", annotation))


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _nested_models(a)]


def field_tables(cls: type[BaseModel], anchor_prefix: str) -> list[dict[str, Any]]:
    """The field reference for a model (a record type, or the open data index): its own
    table, then one per nested part, anchored as `<anchor_prefix>-<part>` (the model's name,
    so that an anchor stays when the locale renames the part) and headed in Swedish."""
    tables, queue, seen = [], [cls], set()
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        rows = []
        for name, info in model.model_fields.items():
            rows.append(
                {
                    "name": name,
                    "type": Markup(_type_label(info.annotation, anchor_prefix)),
                    "required": info.is_required(),
                    "description": info.description or "",
                }
            )
            queue.extend(_nested_models(info.annotation))
        title, text = part_name(model)
        tables.append({"name": model.__name__, "title": title, "doc": text, "rows": rows})
    return tables


@functools.cache
def json_schema(cls: type[BaseModel]) -> str:
    """A model as JSON Schema: record types for editors' YAML tooling, the index for
    open data users. Kept per class, since a class's schema never changes and `kb serve`
    publishes every schema again on each save (pydantic makes it anew on every call)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **cls.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_name(type_name: str) -> str:
    """The file name of a record type's JSON Schema: on the site (`schemas/`), for editors
    (`kb schemas`) and in their editor's settings."""
    return f"{type_name}.schema.json"


def schema_files(types: Mapping[str, type[BaseModel]]) -> dict[str, str]:
    """Every record type's JSON Schema by file name: what the site publishes in `schemas/`
    and `kb schemas` writes for editors, so the two are the same files."""
    return {schema_name(type_name): json_schema(cls) for type_name, cls in types.items()}


def produce(ctx: RenderContext) -> None:
    ctx.page(
        "redaktorer/falt.md",
        "fields.md.j2",
        types=[(cls, field_tables(cls, cls.type_name)) for cls in ctx.kb.types.values()],
    )
    for name, text in schema_files(ctx.kb.types).items():
        ctx.file(f"schemas/{name}", text)
