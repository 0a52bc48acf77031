"""Record files as plain data plus the position of every value.

PyYAML's constructors lose line numbers, keep the last of two duplicate keys and, with the
wrong loader, build Python objects from tags. We therefore only *compose* the node graph
(which never executes anything) and convert it ourselves, so that every value keeps its
place in the file and every oddity becomes a located diagnostic instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from generator.diagnostics import Diagnostic, Severity
from generator.locale import message
from generator.parallel import split_map
from generator.reading import cache
from generator.reading.discovery import refused_problems, scan
from generator.reading.yaml_syntax import explain

Location = tuple[int, int]
if TYPE_CHECKING:
    # Where PyYAML or libyaml (whose marks are of a class of their own) saw something.
    Mark = yaml.Mark | yaml._yaml.Mark
FieldPath = tuple[str | int, ...]

# Bounds that keep hostile documents (alias bombs, deep nesting) cheap to reject.
MAX_NODES = 200_000
MAX_DEPTH = 60
MAX_FILE_BYTES = 1_000_000
_LIMITS = cache.Limits(MAX_NODES)
# libyaml's composer recurses in C once per nesting level and overflows the stack (a crash,
# not an exception) somewhere above 20,000 levels. A level takes at least one character, so
# only texts longer than this are scanned for depth before they are composed.
SCAN_DEPTH_ABOVE_CHARS = 8_192

# Folders in data/ that hold files for the site rather than records (course material that
# pages link to), so they are neither loaded nor reported as stray files.
NON_RECORD_FOLDERS = frozenset({"material"})

_STR = "tag:yaml.org,2002:str"
# The tag `kb new` puts before each example value (a number, a date, a choice) that the editor
# must replace: the value reads as if untagged, and the document notes where it stands, so that
# `kb check` reports it at its place until the editor removes the tag (generator.checking.drafts).
PLACEHOLDER_TAG = "!TODO"
_MERGE = "tag:yaml.org,2002:merge"
_SAFE_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# libyaml's parser gives the same node marks as PyYAML's pure-Python one, much faster; the
# pure-Python one remains for installations without libyaml.
_LIBYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def plain_yaml(text: str) -> Any:
    """YAML of our own (the UI strings) as `yaml.safe_load` reads it, on libyaml: no
    positions are needed for a file that is part of the package."""
    return yaml.load(text, Loader=_LIBYAML)


# What a scalar's tag is depends only on its kind, text and quoting, and record files repeat
# the same keys and values thousands of times, so each is resolved once (bench/README.md).
_resolve = functools.lru_cache(maxsize=1 << 16)(
    functools.partial(yaml.resolver.Resolver.resolve, yaml.SafeLoader(""))
)


def untagged(node: yaml.ScalarNode) -> yaml.ScalarNode:
    """An example value of `kb new` (a scalar tagged PLACEHOLDER_TAG) as it reads untagged:
    `!TODO 3` a number, `!TODO "3"` text. kb's loader and the editor's restyling of a saved
    file (generator.site.editor.cms.restyle) read it through this one rule."""
    tag = str(_resolve(yaml.ScalarNode, node.value, (not node.style, True)))
    return yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)


class _Composer(_LIBYAML):  # type: ignore[misc,valid-type]
    """libyaml's parser and composer (same node marks as PyYAML's), resolving tags through
    the cache above."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return str(_resolve(kind, value, implicit))


@dataclass
class SourceDocument:
    """A record file: its data, and where each value and key sits in the file.

    Most files have no problem, and their positions are never asked for: such a file is read
    without them and keeps its text, and the positions are found the first time a problem in
    it is located, exactly as if they had been recorded while loading."""

    path: str
    record_type: str
    stem: str
    data: Any
    # The file's text while its positions are still to be found; empty once they are.
    text: str = field(default="", repr=False, compare=False)
    # For a file read the quick way, the key its data can be cached under (a digest of its
    # bytes) and the cache entry (see generator.reading.cache); empty for a file with a problem,
    # which is always read again.
    digest: bytes = field(default=b"", compare=False)
    kept: bytes = field(default=b"", repr=False, compare=False)
    # Where loading already reported a problem, so validation does not report its echo: values
    # that could not be read (now None), and mappings that lost a key.
    unreadable: set[FieldPath] = field(default_factory=set)
    incomplete: set[FieldPath] = field(default_factory=set)
    # Where an example value of `kb new` stands (PLACEHOLDER_TAG); such a file is always read
    # the careful way, so this is never lost to the cache.
    placeholders: set[FieldPath] = field(default_factory=set)
    # Positions, once found; a document is the same whether or not they have been asked for.
    _values: dict[FieldPath, Location] = field(default_factory=dict, repr=False, compare=False)
    _keys: dict[FieldPath, Location] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """A document read the quick way travels to another process (generator.parallel)
        without its data, which its cache entry already holds as bytes: the data is not
        pickled as well, and the receiver decodes the entry instead."""
        return {**self.__dict__, "data": None} if self.kept else self.__dict__

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self.kept:
            self.data = cache.decoded(self.kept)

    @property
    def values(self) -> dict[FieldPath, Location]:
        """Where each value starts, by field path."""
        self._find_positions()
        return self._values

    @property
    def keys(self) -> dict[FieldPath, Location]:
        """Where each mapping key starts, by the field path of its value."""
        self._find_positions()
        return self._keys

    def _find_positions(self) -> None:
        if self.text:
            text, self.text = self.text, ""
            node = yaml.compose(text, Loader=_Composer)
            assert node is not None, "a text read quickly holds one document"
            _Converter(self).convert(node, (), 0)

    def problem(
        self,
        path: FieldPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Diagnostic:
        """A problem at the value (or, with `key`, the key) that `path` names in this file:
        where every check reports what the editor wrote."""
        return Diagnostic(self.path, *self.locate(path, key=key), severity, message, hint)

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


def _scalar(constructor: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The scalar's value, or the text the editor wrote when PyYAML cannot make a value of
    it (`2026-13-01`, `!!int abc`) or makes a date with a time of day: records hold dates,
    never datetimes, and validation then names the exact text against the field's type."""
    if node.tag == _STR:
        return node.value  # most values; what PyYAML's constructor makes of them, only faster
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        return node.value
    return node.value if isinstance(value, dt.datetime) else value


class _DocumentTooLarge(Exception):
    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


class _Unusual(Exception):
    """Raised by the quick reading for anything the careful one reports or guards against."""


class _Converter:
    """Turns a composed node graph into Python data: the one reader of record YAML.

    Careful (given the document), it records where every value and key is and reports every
    problem at its place. Quick (without one), it records nothing and gives up, raising
    _Unusual, wherever the careful reading would report a problem or guard against one (an
    alias of a list or mapping is how alias bombs start): most files have no problem, so
    they are read once without positions, which are found the first time a problem in them
    is located (SourceDocument), exactly as the careful reading would have recorded them."""

    def __init__(
        self, doc: SourceDocument | None = None, problems: list[Diagnostic] | None = None
    ) -> None:
        self.doc = doc
        self.problems = problems if problems is not None else []
        self.count = 0
        self.constructor = yaml.SafeLoader("")
        self.collections: set[int] = set()

    def _problem(self, mark: Mark, message: str, hint: str = "") -> SourceDocument:
        """Report a problem at `mark` (careful) or give up (quick); the document, to note
        in it what the problem leaves out."""
        if self.doc is None:
            raise _Unusual
        self.problems.append(
            Diagnostic(self.doc.path, mark.line + 1, mark.column + 1, "error", message, hint)
        )
        return self.doc

    def convert(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            self._too_large(node, path)
        if self.doc is not None:
            self.doc._values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag == PLACEHOLDER_TAG and isinstance(node, yaml.ScalarNode):
            if self.doc is None:
                raise _Unusual
            self.doc.placeholders.add(path)
            node = untagged(node)
        if node.tag not in _SAFE_TAGS:
            self._problem(
                node.start_mark,
                message("messages.load.tag", tag=repr(node.tag)),
                message("messages.load.tag_hint"),
            ).unreadable.add(path)
            return None
        if isinstance(node, yaml.ScalarNode):
            return _scalar(self.constructor, node)
        if self.doc is None:
            if id(node) in self.collections:
                raise _Unusual
            self.collections.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]

    def _too_large(self, node: yaml.Node, path: FieldPath) -> None:
        if self.doc is None:
            raise _Unusual
        if self.count > MAX_NODES:
            # Aliases give a node its anchor's position; the top-level field whose value
            # grows this large is the place to fix.
            raise _DocumentTooLarge(
                message("messages.load.too_many", limit=MAX_NODES),
                self.doc.locate(path[:1], key=True),
            )
        raise _DocumentTooLarge(
            message("messages.load.too_deep", limit=MAX_DEPTH),
            (node.start_mark.line + 1, node.start_mark.column + 1),
        )

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._problem(
                    key_node.start_mark,
                    message("messages.load.merge"),
                    message("messages.load.merge_hint"),
                ).incomplete.add(path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    key_node.start_mark, message("messages.load.complex_key")
                ).incomplete.add(path)
                continue
            key = str(key_node.value)
            if key in result:
                if self.doc is None:
                    raise _Unusual
                first = self.doc._keys[(*path, key)]
                self._problem(
                    key_node.start_mark,
                    message("messages.load.key_twice", key=key),
                    message("messages.load.key_twice_hint", line=first[0]),
                )
                continue
            if self.doc is not None:
                self.doc._keys[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result


def _located(doc: SourceDocument, mark: Mark | None, message: str, hint: str = "") -> Diagnostic:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(doc.path, line, column, "error", message, hint)


def _syntax_error(doc: SourceDocument, text: str, exc: yaml.YAMLError) -> Diagnostic:
    """A YAML error as a located diagnostic, in Swedish where the mistake is
    (generator.reading.yaml_syntax); characters YAML forbids (control characters) come from
    the reader, which gives a character offset instead of a mark."""
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts UTF-8 bytes, PyYAML's own reader counts characters.
        position = (
            len(text.encode()[: exc.position].decode(errors="ignore"))
            if (_LIBYAML is not yaml.SafeLoader)
            else exc.position
        )
        start = text.rfind("\n", 0, position) + 1
        return Diagnostic(
            doc.path,
            text.count("\n", 0, position) + 1,
            position - start + 1,
            "error",
            message("messages.load.control", code=f"{exc.character:04X}"),
            message("messages.load.control_hint"),
        )
    assert isinstance(exc, yaml.MarkedYAMLError)
    line, column, said, hint = explain(text, exc)
    return Diagnostic(doc.path, line, column, "error", said, hint)


def _too_deep(text: str) -> Mark | None:
    """Where the text nests deeper than MAX_DEPTH, found from the parser's flat event stream
    (which, unlike the composer, never recurses); None if it does not."""
    if len(text) <= SCAN_DEPTH_ABOVE_CHARS:
        return None
    return _first_too_deep(yaml.parse(text, Loader=_Composer))


def _first_too_deep(events: Iterator[yaml.Event]) -> Mark | None:
    depth = 0  # enclosing collections, counted as the converter counts them
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
            return event.start_mark
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
    return None


def _beyond_libyaml(text: str, exc: yaml.YAMLError) -> Mark | None:
    """Where a text that libyaml refused for its own nesting limit (1,000 levels in newer
    releases, reached while it scans ahead) first passes ours. PyYAML's own parser streams the
    same events without that limit, so the editor is shown the level that is one too many,
    not the place where libyaml happened to stop."""
    if getattr(exc, "problem", None) != "exceeded maximum nesting depth":
        return None
    return _first_too_deep(yaml.parse(text, Loader=yaml.SafeLoader))


def _indicators(text: str) -> int:
    """How many characters could open a level of nesting: each level needs one of its own
    (a flow collection's bracket, a block sequence's dash, a mapping's colon or question
    mark), so a text with few of them cannot nest deep enough to crash libyaml."""
    return sum(text.count(c) for c in "[{-?:")


def _plain(text: str) -> Any:
    """The data of an ordinary file, read without positions (the quick way, taken first);
    raises _Unusual where the careful reading has something to report or guard against."""
    if len(text) > SCAN_DEPTH_ABOVE_CHARS and _indicators(text) > SCAN_DEPTH_ABOVE_CHARS:
        raise _Unusual
    try:
        nodes = list(yaml.compose_all(text, Loader=_Composer))
    except yaml.YAMLError as exc:
        raise _Unusual from exc
    if len(nodes) != 1 or nodes[0] is None:
        raise _Unusual
    return _Converter().convert(nodes[0], (), 0)


def version_data(text: str) -> Any:
    """The data of an earlier version of a record file (from the repository's history), read
    the quick way; None where that gives up, as for a version that had a problem then: a
    version nobody could have published is no step in what readers were shown."""
    try:
        return _plain(text)
    except _Unusual:
        return None


def _parse(
    doc: SourceDocument,
    text: str,
    digest: bytes,
    known: Mapping[bytes, bytes],
    problems: list[Diagnostic],
) -> None:
    """Read the quick way (or take what it gave for the same bytes before, from `known`),
    keeping the text to find positions if a problem is located later; a file the quick way
    gives up on is read again the careful way, which reports it."""
    try:
        doc.data, doc.kept = _quick(text, known.get(digest))
    except _Unusual:
        _parse_carefully(doc, text, problems)
    else:
        doc.text, doc.digest = text, digest


def _quick(text: str, kept: bytes | None) -> tuple[Any, bytes]:
    """An ordinary file's data and its cache entry: the entry kept for the same bytes
    before, if it can be read, else read the quick way (raises _Unusual as _plain does)."""
    if kept is not None:
        try:
            return cache.entry_for(kept, text, _LIMITS), kept
        except cache.Unreadable:
            pass
    data = _plain(text)
    return data, cache.encoded(data)


def _parse_carefully(doc: SourceDocument, text: str, problems: list[Diagnostic]) -> None:
    try:
        deep = _too_deep(text)
        nodes = [] if deep else list(yaml.compose_all(text, Loader=_Composer))
    except yaml.YAMLError as exc:
        deep = _beyond_libyaml(text, exc)
        if not deep:
            problems.append(_syntax_error(doc, text, exc))
            return
    if deep:
        problems.append(_located(doc, deep, message("messages.load.too_deep", limit=MAX_DEPTH)))
        return
    if not nodes or nodes[0] is None:
        problems.append(
            Diagnostic(
                doc.path,
                1,
                1,
                "error",
                message("messages.load.empty"),
                message("messages.load.empty_hint"),
            )
        )
        return
    if len(nodes) > 1:
        problems.append(
            _located(
                doc,
                nodes[1].start_mark,
                message("messages.load.documents"),
                message("messages.load.documents_hint"),
            )
        )
        return
    converter = _Converter(doc, problems)
    try:
        doc.data = converter.convert(nodes[0], (), 0)
    except _DocumentTooLarge as exc:
        problems.append(Diagnostic(doc.path, *exc.location, "error", exc.message))
        doc.data = None


def load_file(
    path: Path,
    root: Path,
    record_type: str,
    max_file_bytes: int = MAX_FILE_BYTES,
    known: Mapping[bytes, bytes] = MappingProxyType({}),
) -> tuple[SourceDocument, list[Diagnostic]]:
    """Read one record file; problems come back located, never raised. `known` holds the
    cache entries of files read the quick way before, by their digest (see
    generator.reading.cache)."""
    file = _RecordFile(str(path), path.relative_to(root).as_posix(), path.stem, record_type)
    raw = _read(file, max_file_bytes)
    if isinstance(raw, Diagnostic):
        return _new_document(file), [raw]
    return _document(file, raw, _digest(raw), known)


class _RecordFile(NamedTuple):
    """A file to read: its path as given to open(), as shown in problems (from the project's
    root), its name without `.yaml`, and the record type its folder names. Plain strings,
    because pathlib's operations cost more than reading the file."""

    name: str
    rel: str
    stem: str
    record_type: str


def _new_document(file: _RecordFile) -> SourceDocument:
    return SourceDocument(
        path=file.rel,
        record_type=file.record_type,
        stem=unicodedata.normalize("NFC", file.stem),
        data=None,
    )


def _read(file: _RecordFile, max_file_bytes: int) -> bytes | Diagnostic:
    """The file's bytes, or the problem that it is too large; the size is checked before
    reading, so an oversized file costs no memory."""
    with open(file.name, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_file_bytes:
            return Diagnostic(
                file.rel,
                1,
                1,
                "error",
                message("messages.load.too_large", size=size, limit=max_file_bytes),
                message("messages.load.too_large_hint"),
            )
        return stream.read()


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20).digest()


def _document(
    file: _RecordFile, raw: bytes, digest: bytes, known: Mapping[bytes, bytes]
) -> tuple[SourceDocument, list[Diagnostic]]:
    """The record in a file's bytes, with its problems."""
    doc = _new_document(file)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return doc, [
            Diagnostic(
                file.rel,
                line,
                column,
                "error",
                message("messages.load.not_utf8"),
                message("messages.load.not_utf8_hint"),
            )
        ]
    problems: list[Diagnostic] = []
    _parse(doc, text, digest, known, problems)
    return doc, problems


def _is_record_file(parts: tuple[str, ...], record_types: list[str]) -> bool:
    return len(parts) == 2 and parts[0] in record_types and parts[1].endswith(".yaml")


# Parsed files by path, with the bytes they were parsed from: a long-running process
# (`kb serve`) passes one to `load_data` so that only files whose content changed are parsed
# again. Keyed by content rather than modification time, which can miss a quick second save.
ParseCache = dict[Path, tuple[bytes, SourceDocument, list[Diagnostic]]]


def load_data(
    data_dir: Path,
    root: Path,
    record_types: list[str],
    max_file_bytes: int = MAX_FILE_BYTES,
    cache: ParseCache | None = None,
    known: Mapping[bytes, bytes] = MappingProxyType({}),
) -> tuple[list[SourceDocument], list[Diagnostic]]:
    """Read every record under data/<type>/*.yaml, reporting files that are not records.
    Files to be parsed are parsed on two cores when there are many (see generator.parallel);
    `known` is as for load_file.

    With a `cache`, unchanged files are taken from it and the cache is left holding exactly
    the files read this time."""
    records: list[_RecordFile] = []
    under_root = data_dir.relative_to(root).parts
    found = scan(str(data_dir), skip=NON_RECORD_FOLDERS)
    problems = refused_problems("/".join(under_root), found)
    for parts, name in found.files:  # in the order of sorted Paths
        rel = "/".join((*under_root, *parts))
        if not _is_record_file(parts, record_types):
            problems.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    "error",
                    message("messages.load.not_a_record"),
                    message("messages.load.not_a_record_hint", types=", ".join(record_types)),
                )
            )
            continue
        records.append(_RecordFile(name, rel, parts[1].removesuffix(".yaml"), parts[0]))

    # A file the parse cache holds unchanged, or whose cache entry is known, is finished here:
    # decoding an entry costs less than sending its document back from a second core. Only
    # the files still to be parsed are shared with one (see bench/README.md).
    loaded: list[tuple[bytes | None, SourceDocument, list[Diagnostic]]] = []
    to_parse: list[tuple[int, _RecordFile, bytes, bytes]] = []
    for file in records:
        content = _read(file, max_file_bytes)
        if isinstance(content, Diagnostic):
            loaded.append((None, _new_document(file), [content]))
            continue
        hit = cache.get(Path(file.name)) if cache is not None else None
        if hit is not None and hit[0] == content:
            loaded.append(hit)
            continue
        digest = _digest(content)
        kept_raw = content if cache is not None else None
        if digest in known:
            loaded.append((kept_raw, *_document(file, content, digest, known)))
        else:
            to_parse.append((len(loaded), file, content, digest))
            loaded.append((kept_raw, _new_document(file), []))  # until parsed below
    parsed = split_map(lambda item: _document(item[1], item[2], item[3], known), to_parse)
    for (at, *_), (doc, reported) in zip(to_parse, parsed, strict=True):
        loaded[at] = (loaded[at][0], doc, reported)

    documents: list[SourceDocument] = []
    kept: ParseCache = {}
    for file, (raw, doc, reported) in zip(records, loaded, strict=True):
        if raw is not None:
            kept[Path(file.name)] = (raw, doc, reported)
        documents.append(doc)
        problems.extend(reported)
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return documents, problems
