"""YAML written the way an editor would write it by hand: block style, plain scalars where
they read back unchanged, paragraphs as literal blocks, double quotes only where needed.

`kb new` writes its templates with it, and `kb cms` the fields a save changed, so that both
look like the records already in data/.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import yaml

from generator.reading.load import plain_yaml


@dataclass(frozen=True)
class Tagged:
    """A value written with a YAML tag before it (`kb new` marks its example values so)."""

    tag: str
    value: Any


def emit(value: Any, indent: int) -> str:
    """A value as it follows `key:` in block YAML, nested lines indented by `indent`."""
    pad = " " * indent
    if isinstance(value, Tagged):
        return f" {value.tag}{emit(value.value, indent)}"
    if isinstance(value, dict):
        if not value:
            return " {}"
        return "\n" + "\n".join(f"{pad}{k}:{emit(v, indent + 2)}" for k, v in value.items())
    if isinstance(value, list):
        if not value:
            return " []"
        items = []
        for item in value:
            text = emit(item, indent + 2)
            # a mapping's first key shares the line with its dash
            items.append(
                f"{pad}- {text.lstrip()}" if isinstance(item, dict) and item else f"{pad}-{text}"
            )
        return "\n" + "\n".join(items)
    return " " + _scalar(value, pad)


def _scalar(value: Any, pad: str) -> str:
    """A scalar the plainest way that reads back as the same value: unquoted, a literal
    block for paragraphs, else double-quoted (JSON's escapes are YAML's)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    candidates = [text] if "\n" not in text else []
    if "\n" in text.rstrip("\n"):
        chomp = "" if text.endswith("\n") else "-"
        body = "\n".join(f"{pad}{line}" if line else "" for line in text.rstrip("\n").split("\n"))
        candidates.append(f"|{chomp}\n{body}")
    for candidate in candidates:
        try:
            if plain_yaml(f"k: {candidate}\n") == {"k": text}:
                return candidate
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
