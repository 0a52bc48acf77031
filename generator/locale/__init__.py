"""Every text a user reads, in one file per language (`sv.yml`), at the base of the package.

Takes nothing from the pipeline and gives every stage the same strings: validation's
messages, the command line, the pages and the editor's forms. A name the file does not have
yet (the section of a project's own record type, a new field's label) gets one readable
default through `label`, the single lookup every consumer uses, so that a missing label is
never a crash and never looks different in two places.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


# The site's one language: its texts are `sv.yml`, and lists in sentences follow its rules.
LANGUAGE = "sv"


@cache
def strings(language: str = LANGUAGE) -> dict[str, Any]:
    """All UI strings for one language (libyaml when present: the file is read by every
    process, and needs no positions, being part of the package)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, Any] = yaml.load(
        (HERE / f"{language}.yml").read_text(encoding="utf-8"), Loader=loader
    )
    return found


def message(key: str, /, **values: object) -> str:
    """The text at a dotted `key` of the locale (`messages.registry.unreadable`), with its
    `{placeholders}` filled in from `values`: how every stage words what it tells a user."""
    found: Any = strings()
    for part in key.split("."):
        found = found[part]
    return str(found).format(**values)


def readable(name: str) -> str:
    """A label for a name the locale does not have yet: `knowledge_sources` -> 'Knowledge
    sources'. Plain enough to be noticed and written into the locale file."""
    return name.replace("_", " ").replace("-", " ").capitalize()


def label(group: Mapping[Any, Any], name: object) -> str:
    """What a group of the locale (`sections`, `cms.fields`, a vocabulary) calls `name`, or
    the readable default when it does not name it."""
    return str(group.get(name) or readable(str(name)))
