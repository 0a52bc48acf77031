"""Decap CMS's configuration, generated from the record types' JSON Schema.

The forms come from the same pydantic models that validate the YAML (through the JSON Schema
`kb schemas` exports), so a field added to a type appears in the form the next time `kb cms`
starts, with its description as the help text; nothing is maintained by hand that could
drift. Field labels and vocabulary labels come from the locale file, like every UI text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from generator.locale import label, strings
from generator.types import Record, RecordTypes
from generator.types.base import SLUG_PATTERN
from generator.types.identifiers import Url
from generator.types.meaning import Meaning, field_meaning, models_in

# A reference (a value of a `Ref` type, whatever its field is called) is chosen from a list
# (generator/site/editor/cms/pickers.py) that the editor page loads and puts into each reference
# field before Decap starts: the field names its list here, the records of the one type the
# reference may point at or all of them.
ALL_TARGETS = "alla"
TARGETS_KEY = "kb_targets"
# A fact's `SourceKey` is a key into its own record's `sources`, which change as the editor
# fills in the form: no list stored beforehand can offer them, so kb-cms.js registers a widget
# of this name that offers the sources in the form as it is.
SOURCE_WIDGET = "kb-source"

# Free-text fields that hold paragraphs rather than a line: they get a text area.
PROSE = frozenset(
    {
        "description",
        "text",
        "summary",
        "definition",
        "intro",
        "design_text",
        "findings",
        "basis",
        "unknown",
    }
)

Schema = dict[str, Any]
Field = dict[str, Any]


class _Fields:
    """Turns the JSON Schema of one record type into Decap fields, reading beside each
    field's schema the meaning its annotated type gives it (generator/types/meaning.py)."""

    def __init__(self, schema: Schema, text: dict[str, Any]) -> None:
        self.defs: dict[str, Schema] = schema.get("$defs", {})
        self.text = text

    def resolve(self, schema: Schema) -> Schema:
        if "$ref" in schema:
            return {
                **self.defs[schema["$ref"].rsplit("/", 1)[1]],
                **{k: v for k, v in schema.items() if k != "$ref"},
            }
        return schema

    def unwrap(self, schema: Schema) -> Schema:
        """An optional value (`anyOf: [X, null]`) as X, keeping the outer description."""
        options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
        if len(options) == 1:
            outer = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
            schema = {**options[0], **outer}
        return self.resolve(schema)

    def fields(
        self, schema: Schema, model: type[BaseModel] | None, optional: bool = False
    ) -> list[Field]:
        """The fields of an object, described by `model`. Inside an optional object (a
        method's `owner`) none is required in the form: Decap would otherwise demand them
        even when the object is left empty. kb check still reports a half-filled one after
        the save."""
        required = set() if optional else set(schema.get("required", []))
        return [
            self.field(name, prop, name in required, _Typed.of(model, name))
            for name, prop in schema.get("properties", {}).items()
        ]

    def field(self, name: str, prop: Schema, required: bool, typed: _Typed) -> Field:
        schema = self.unwrap(prop)
        field: Field = {
            "name": name,
            "label": label(self.text["fields"], name),
            "required": required,
        }
        if schema.get("description") and schema.get("type") != "object":
            field["hint"] = schema["description"]
        elif prop.get("description"):
            field["hint"] = prop["description"]
        return {**field, **self.widget(name, schema, required, typed)}

    def widget(self, name: str, schema: Schema, required: bool, typed: _Typed) -> Field:
        kind = schema.get("type")
        if "enum" in schema or "const" in schema:
            return self.select(schema)
        if kind == "object":
            return {
                "widget": "object",
                "collapsed": not required,
                "fields": self.fields(schema, typed.model, optional=not required),
            }
        if kind == "array":
            return self.array(name, schema, typed)
        if kind in ("integer", "number"):
            return {
                "widget": "number",
                "value_type": "int" if kind == "integer" else "float",
                **({"min": schema["minimum"]} if "minimum" in schema else {}),
                **({"max": schema["maximum"]} if "maximum" in schema else {}),
            }
        if kind == "boolean":
            return {"widget": "boolean"}  # no default: an untouched switch writes nothing
        if schema.get("format") == "date":
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
                "picker_utc": True,
            }
        if typed.kind == "source":
            return {"widget": SOURCE_WIDGET}
        if typed.kind == "reference":
            return self.relation(typed.targets)
        pattern = schema.get("pattern", "")
        widget: Field = {"widget": "text" if name in PROSE else "string"}
        if pattern:
            widget["pattern"] = [pattern, self.pattern_message(pattern)]
        return widget

    def array(self, name: str, schema: Schema, typed: _Typed) -> Field:
        items = self.unwrap(schema.get("items", {}))
        minimum = {"min": schema["minItems"]} if schema.get("minItems") else {}
        if "enum" in items:
            return {**self.select(items), "multiple": True, **minimum}
        if typed.kind == "reference":
            return {**self.relation(typed.targets), "multiple": True, **minimum}
        if items.get("type") == "object":
            fields = self.fields(items, typed.model)
            names = [f["name"] for f in fields]
            filled = [f["name"] for f in fields if f["required"]] or names
            shown = next(
                (n for n in ("title", "text", "id", "stage", "country", "registry") if n in filled),
                filled[0],
            )
            return {
                "widget": "list",
                "collapsed": True,
                "summary": f"{{{{fields.{shown}}}}}",
                "fields": fields,
                **minimum,
            }
        item = {
            **self.widget(name, items, True, typed),
            "name": name,
            "label": label(self.text["fields"], name),
        }
        return {"widget": "list", "field": item, **minimum}

    def select(self, schema: Schema) -> Field:
        values = schema.get("enum", [schema.get("const")])
        labels = vocabulary_labels(values, strings()["vocab"])
        return {
            "widget": "select",
            "options": [{"label": label(labels, str(v)), "value": v} for v in values],
        }

    def relation(self, targets: str) -> Field:
        """A searchable choice among the records (and parts) in the list `targets`; Decap's
        own relation widget can only read lists stored in the repository, which a hosted
        editor could not keep up to date."""
        return {"widget": "select", "options": [], TARGETS_KEY: targets}

    def pattern_message(self, pattern: str) -> str:
        messages = self.text["patterns"]
        if pattern == SLUG_PATTERN:
            return str(messages["slug"])
        if pattern == _URL_PATTERN:
            return str(messages["url"])
        return str(messages["other"])


@dataclass(frozen=True)
class _Typed:
    """What a field's annotated type says beyond its schema: the meaning of its values and
    the model of an object (or of each object in a list) it holds."""

    meaning: Meaning | None = None
    model: type[BaseModel] | None = None

    @classmethod
    def of(cls, owner: type[BaseModel] | None, name: str) -> _Typed:
        if owner is None or name not in owner.model_fields:
            return cls()
        models = models_in(owner.model_fields[name].annotation)
        return cls(field_meaning(owner, name), models[0] if models else None)

    @property
    def kind(self) -> str:
        return self.meaning.kind if self.meaning else ""

    @property
    def targets(self) -> str:
        """The picker list of a reference: its one target type's records, or all."""
        return (self.meaning.target if self.meaning else "") or ALL_TARGETS


_URL_PATTERN = next(m.pattern for m in get_args(Url)[1:] if getattr(m, "pattern", None))


def vocabulary_labels(values: list[Any], vocab: dict[str, dict[Any, str]]) -> dict[str, str]:
    """The Swedish labels of a controlled vocabulary: the locale group that names every value
    (the same labels the site shows); the values themselves where no group does."""
    wanted = {str(v) for v in values}
    for labels in vocab.values():
        named = {str(k): str(v) for k, v in labels.items()}
        if wanted <= named.keys():
            return named
    return {}


def collection(cls: type[Record], text: dict[str, Any]) -> dict[str, Any]:
    """A folder collection over data/<type>/: one form per record file."""
    schema = cls.model_json_schema()
    return {
        "name": cls.type_name,
        "label": label(strings()["sections"], cls.type_name),
        "label_singular": label(text["types"], cls.type_name),
        "folder": f"data/{cls.type_name}",
        "extension": "yaml",
        "format": "yml",
        "create": True,
        "delete": False,
        "identifier_field": "id",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "reviewed"],
        "fields": _Fields(schema, text).fields(schema, cls),
    }


def config(backend: dict[str, Any], types: RecordTypes) -> dict[str, Any]:
    """The whole configuration for `CMS.init`, with `backend` saying where records are saved
    (the local proxy of `kb cms`, or an organisation's git host): a collection for each of
    the project's record `types`, its own included."""
    text = strings()["cms"]
    return {
        "load_config_file": False,
        "backend": backend,
        "locale": "sv",
        "media_folder": "data/material",
        "public_folder": "/material",
        "editor": {"preview": False},
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection(cls, text) for cls in types.values()],
    }
