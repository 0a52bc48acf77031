"""What a save in the form writes: the editor's file as it was, except for the fields changed.

Decap serialises a whole entry its own way: key order from the form, every comment dropped,
flow lists (`{id: s1, ref: …}`) unfolded, paragraphs re-folded at 80 columns. Through
`kb cms` every save passes here first: each top-level field whose value did not change keeps
its text byte for byte (comments, order and layout included), and only a changed field is
written anew, in plain block YAML with paragraphs as literal blocks. New fields go last;
removed ones disappear. The data is exactly what the form saved either way.
"""

from __future__ import annotations

import re

import yaml

from generator.reading.load import plain_yaml
from generator.site.editor.yaml_out import emit


class _Decap(yaml.SafeLoader):
    """YAML as Decap writes it (version 1.2): only `true` and `false` are booleans and only
    plain digits integers, so that a saved `country: no` (Norway) or `length: 1:30` keeps
    its text here; read as YAML 1.1 they would be false and 90. Dates are read as dates,
    like our records' loader does."""


_Decap.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Decap.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Decap.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Decap.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def restyle(saved: str, original: str | None) -> str:
    """`saved` (Decap's YAML) written in the style of `original` (the file before the save,
    None for a new record). Anything that cannot be read is passed on unchanged, so that
    kb check reports it at its place."""
    try:
        data = yaml.load(saved, Loader=_Decap)  # a SafeLoader with fewer implicit types
        before = plain_yaml(original) if original else {}
        blocks = _blocks(original) if original else {}
    except yaml.YAMLError:
        return saved
    if not isinstance(data, dict) or not isinstance(before, dict):
        return saved
    order = [k for k in blocks if k in data] + [k for k in data if k not in blocks]
    parts = []
    for key in order:
        lead, body, gap = blocks.get(key, ("", "", ""))
        unchanged = key in before and before[key] == data[key]
        parts.append(lead + (body if unchanged else f"{key}:{emit(data[key], 2)}\n") + gap)
    return "".join(parts)


def _blocks(text: str) -> dict[str, tuple[str, str, str]]:
    """Each top-level key's text in three parts: the comment lines just above it, the key and
    its value, and the blank lines after it."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    lines = text.splitlines(keepends=True)
    starts = [key.start_mark.line for key, _ in root.value] + [len(lines)]
    found: dict[str, tuple[str, str, str]] = {}
    lead_start = 0
    for (key, _), start, end in zip(root.value, starts, starts[1:], strict=False):
        next_lead = end
        while next_lead > start + 1 and lines[next_lead - 1].lstrip().startswith("#"):
            next_lead -= 1
        body_end = next_lead
        while body_end > start + 1 and not lines[body_end - 1].strip():
            body_end -= 1
        found[str(key.value)] = (
            "".join(lines[lead_start:start]),
            "".join(lines[start:body_end]),
            "".join(lines[body_end:next_lead]),
        )
        lead_start = next_lead
    return found
