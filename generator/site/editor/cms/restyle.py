"""What a save in the form writes: the editor's file as it was, except for the fields changed.

Decap serialises a whole entry its own way: key order from the form, every comment dropped,
flow lists (`{id: s1, ref: …}`) unfolded, paragraphs re-folded at 80 columns. Through
`kb cms` every save passes here first: each top-level field whose value did not change keeps
its text byte for byte (comments, order and layout included), and only a changed field is
written anew, in plain block YAML with paragraphs as literal blocks. New fields go last;
removed ones disappear. The data is exactly what the form saved either way, but for the
example values of `kb new` (tagged `!TODO`), which the form reads as text (`!TODO 3` as "3")
and cannot show as examples: one that the save left as it was is written as before, tag
included, so that `kb check` reports it until the editor changes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from generator.reading.load import PLACEHOLDER_TAG, FieldPath, untagged
from generator.site.editor.yaml_out import Tagged, emit


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


class _Original(yaml.SafeLoader):
    """The file before the save as kb reads it: an example value tagged `!TODO` is the value
    it stands for."""


def _untagged(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """An example's value as kb reads it (generator.reading.load.untagged)."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_object(untagged(node))
    return node.value


_Original.add_constructor(PLACEHOLDER_TAG, _untagged)


def restyle(saved: str, original: str | None) -> str:
    """`saved` (Decap's YAML) written in the style of `original` (the file before the save,
    None for a new record). Anything that cannot be read is passed on unchanged, so that
    kb check reports it at its place."""
    try:
        data = yaml.load(saved, Loader=_Decap)  # a SafeLoader with fewer implicit types
        before = yaml.load(original, Loader=_Original) if original else {}
        blocks = _blocks(original) if original else {}
        examples = dict(
            _examples(yaml.compose(original, Loader=yaml.SafeLoader) if original else None)
        )
    except yaml.YAMLError:
        return saved
    if not isinstance(data, dict) or not isinstance(before, dict):
        return saved
    order = [k for k in blocks if k in data] + [k for k in data if k not in blocks]
    parts = []
    for key in order:
        lead, body, gap = blocks.get(key, ("", "", ""))
        value = _retagged(data[key], before.get(key), examples, (key,))
        if key in before and before[key] == _bare(value):
            parts.append(lead + body + gap)
        else:
            parts.append(f"{lead}{key}:{emit(value, 2)}\n{gap}")
    return "".join(parts)


def _examples(node: yaml.Node | None, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Where a file holds an example value of `kb new` (a scalar tagged `!TODO`), with the
    text it is written as."""
    if isinstance(node, yaml.ScalarNode) and node.tag == PLACEHOLDER_TAG:
        yield path, str(node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _examples(value, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _examples(item, (*path, i))


def _retagged(saved: Any, before: Any, examples: dict[FieldPath, str], path: FieldPath) -> Any:
    """`saved` with each example value the save left as it was (the same value, or its text,
    at the same place) as it was before, tagged."""
    if path in examples and saved in (before, examples[path]):
        return Tagged(PLACEHOLDER_TAG, before)
    if isinstance(saved, dict) and isinstance(before, dict):
        return {k: _retagged(v, before.get(k), examples, (*path, k)) for k, v in saved.items()}
    if isinstance(saved, list) and isinstance(before, list):
        return [
            _retagged(v, before[i] if i < len(before) else None, examples, (*path, i))
            for i, v in enumerate(saved)
        ]
    return saved


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


def _bare(value: Any) -> Any:
    """A value with its tags left out: the data it stands for."""
    if isinstance(value, Tagged):
        return value.value
    if isinstance(value, dict):
        return {k: _bare(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_bare(v) for v in value]
    return value
