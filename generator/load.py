"""Stage 1 of the pipeline: read YAML record files into plain data plus the position of every value.

PyYAML's constructors lose line numbers, keep the last of two duplicate keys and, with the
wrong loader, build Python objects from tags. We therefore only *compose* the node graph
(which never executes anything) and convert it ourselves, so that every value keeps its
place in the file and every oddity becomes a located diagnostic instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]

# Bounds that keep hostile documents (alias bombs, deep nesting) cheap to reject.
MAX_NODES = 200_000
MAX_DEPTH = 60
MAX_FILE_BYTES = 1_000_000

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# libyaml's parser is about twenty times faster than PyYAML's pure-Python one and gives
# the same node marks; the pure-Python one remains for installations without libyaml.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class SourceDocument:
    """A record file: its data, and where each value and key sits in the file."""

    path: str
    record_type: str
    stem: str
    data: Any
    values: dict[FieldPath, Location] = field(default_factory=dict)
    keys: dict[FieldPath, Location] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """The closest known position for a field path: the key itself, else its nearest parent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


class _DocumentTooLarge(Exception):
    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Converter:
    """Turns a composed node graph into Python data, recording positions as it goes."""

    def __init__(self, doc: SourceDocument, problems: list[Diagnostic]) -> None:
        self.doc = doc
        self.problems = problems
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def _error(self, mark: yaml.Mark, message: str, hint: str = "") -> None:
        self.problems.append(
            Diagnostic(self.doc.path, mark.line + 1, mark.column + 1, "error", message, hint)
        )

    def convert(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _DocumentTooLarge(
                f"dokumentet har fler än {MAX_NODES} värden (aliasbomb?)", node.start_mark
            )
        if depth > MAX_DEPTH:
            raise _DocumentTooLarge(f"dokumentet är nästlat djupare än {MAX_DEPTH} nivåer",
                                    node.start_mark)
        self.doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _SAFE_TAGS:
            self._error(node.start_mark, f"YAML-taggen {node.tag!r} är inte tillåten",
                        "ta bort taggen; poster får bara innehålla text, tal, datum, listor "
                        "och mappningar")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._error(key_node.start_mark, "sammanslagningsnyckeln '<<' stöds inte",
                            "skriv ut fälten direkt")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node.start_mark, "en nyckel måste vara en enkel text")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[(*path, key)]
                self._error(key_node.start_mark, f"nyckeln '{key}' förekommer två gånger",
                            f"första gången på rad {first[0]}")
                continue
            self.doc.keys[(*path, key)] = (key_node.start_mark.line + 1,
                                           key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result


def _parse(doc: SourceDocument, text: str, problems: list[Diagnostic]) -> None:
    try:
        nodes = list(yaml.compose_all(text, Loader=_COMPOSER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        hint = "använd mellanslag för indrag, inte tabbtecken" if "\t" in message or (
            "found character '\\t'" in str(exc)) else ""
        problems.append(Diagnostic(doc.path, line, column, "error",
                                   f"ogiltig YAML: {message}", hint))
        return
    if not nodes or nodes[0] is None:
        problems.append(Diagnostic(doc.path, 1, 1, "error", "filen är tom",
                                   "en post måste åtminstone ha id, title, reviewed och sources"))
        return
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        problems.append(Diagnostic(doc.path, mark.line + 1, mark.column + 1, "error",
                                   "filen innehåller mer än ett YAML-dokument",
                                   "en fil, en post"))
        return
    converter = _Converter(doc, problems)
    try:
        doc.data = converter.convert(nodes[0], (), 0)
    except _DocumentTooLarge as exc:
        problems.append(Diagnostic(doc.path, exc.mark.line + 1, exc.mark.column + 1, "error",
                                   exc.message))
        doc.data = None


def load_file(path: Path, root: Path, record_type: str) -> tuple[SourceDocument, list[Diagnostic]]:
    """Read one record file; problems come back located, never raised."""
    rel = path.relative_to(root).as_posix()
    doc = SourceDocument(path=rel, record_type=record_type, stem=path.stem, data=None)
    problems: list[Diagnostic] = []
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Diagnostic(rel, 1, 1, "error",
                                   f"filen är större än {MAX_FILE_BYTES} byte",
                                   "dela upp posten"))
        return doc, problems
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Diagnostic(rel, line, column, "error", "filen är inte UTF-8",
                                   "spara filen som UTF-8"))
        return doc, problems
    _parse(doc, text, problems)
    return doc, problems


def load_data(data_dir: Path, root: Path, record_types: list[str]) -> tuple[
        list[SourceDocument], list[Diagnostic]]:
    """Read every record under data/<type>/*.yaml, reporting files that are not records."""
    documents: list[SourceDocument] = []
    problems: list[Diagnostic] = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(data_dir)
        if len(rel.parts) != 2 or rel.parts[0] not in record_types or path.suffix != ".yaml":
            if any(part.startswith(".") for part in rel.parts):
                continue
            problems.append(Diagnostic(
                path.relative_to(root).as_posix(), 1, 1, "error",
                "filen är ingen post", "poster ligger i data/<typ>/<id>.yaml där typ är "
                + ", ".join(record_types)))
            continue
        doc, found = load_file(path, root, rel.parts[0])
        documents.append(doc)
        problems.extend(found)
    return documents, problems
