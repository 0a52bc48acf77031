"""Editors' YAML tooling: VS Code's YAML extension checks each record file against its type's
JSON Schema through the `yaml.schemas` setting in `.vscode/settings.json`. `kb schemas` writes
that mapping from the registry of types, so a new type is checked in the editor as soon as
its schema is written, with no list to keep by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from generator.locale import message
from generator.rendering.field_reference import schema_name

SETTINGS = Path(".vscode") / "settings.json"
KEY = "yaml.schemas"


def schema_mapping(type_names: Iterable[str], schema_dir: str) -> dict[str, str]:
    """Schema file -> the record files it checks, for every type; `schema_dir` is relative to
    the project's root, as VS Code reads the paths from the workspace folder."""
    return {f"{schema_dir}/{schema_name(name)}": f"data/{name}/*.yaml" for name in type_names}


def write_mapping(root: Path, mapping: dict[str, str], schema_dir: str) -> str:
    """Put `mapping` into the project's VS Code settings, keeping every other setting and
    every schema the project maps itself (those outside `schema_dir`); mappings to schemas of
    types that no longer exist go. Returns a message in Swedish when the file is not plain
    JSON (VS Code allows comments), which is then left as it is; else an empty string."""
    path = root / SETTINGS
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (ValueError, UnicodeDecodeError):
        settings = None
    if not isinstance(settings, dict) or not isinstance(settings.get(KEY, {}), dict):
        return message(
            "messages.editor_settings.not_json",
            file=SETTINGS.as_posix(),
            entry=f'"{KEY}": {json.dumps(mapping, ensure_ascii=False)}',
        )
    own = {
        schema: files
        for schema, files in settings.get(KEY, {}).items()
        if not schema.startswith(f"{schema_dir}/")
    }
    updated = {**settings, KEY: {**own, **mapping}}
    if updated != settings:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(updated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return ""
