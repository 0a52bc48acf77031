"""Pages kept between two generations of `kb serve`, rendered again only when what they read
changed.

A save changes one record, but a page's text can depend on any record (a title in a link, a
backlink, a row in a list), so `kb serve` rendered every page on every save: most of the time
a save takes to show at 1,000 records (bench/README.md). A page is a function of its template,
the arguments its producer gave it and the answers the knowledge base gave it while it was
rendered. While a page renders, the memo hands it a stand-in for the knowledge base that
notes each question (the method and its arguments) and the shape of each answer, with every
record in it named by its type and id. On the next generation a page is kept when its
producer gave equal arguments, no record it met has changed, and every question it asked gets
an answer of the same shape from the new knowledge base; otherwise it is rendered again (and
its questions noted again). Anything the memo cannot compare (a callable, an object without
equality) compares unequal, so the memo errs towards rendering again, never towards a stale
page. A change of the record types or of a template file drops every kept page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

from generator.model.knowledge_base import KnowledgeBase
from generator.rendering.rendered import TEMPLATES, Rendered
from generator.types import Record

Key = tuple[str, str]


def _shape(value: Any, met: set[Key]) -> Any:
    """`value` as the memo compares it: records replaced by their keys (added to `met`),
    containers and dataclasses by the shapes of their parts, anything else as it is."""
    if isinstance(value, str):  # most values; the first test saves a tenth of a full render
        return value
    if isinstance(value, Record):
        key = (value.type_name, value.id)
        met.add(key)
        return ("record", key)
    if isinstance(value, list | tuple):
        return (type(value), tuple(_shape(item, met) for item in value))
    if isinstance(value, dict):
        return (dict, tuple((name, _shape(item, met)) for name, item in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value), tuple(_shape(getattr(value, f.name), met) for f in fields))
    return value


@dataclass(frozen=True)
class _Ref:
    """A record in a noted question's arguments, by key: the question is asked again of the
    next knowledge base with its record of that key, and no old record is kept alive."""

    key: Key


def _detached(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, Record):
        return _Ref((value.type_name, value.id))
    if isinstance(value, list | tuple):
        return type(value)(_detached(item) for item in value)
    return value


def _attached(value: Any, records: dict[Key, Record]) -> Any:
    """KeyError if a record in `value` is gone."""
    if isinstance(value, _Ref):
        return records[value.key]
    if isinstance(value, list | tuple):
        return type(value)(_attached(item, records) for item in value)
    return value


@dataclass(frozen=True)
class _Question:
    """One thing a page asked the knowledge base: an attribute (`call` None) or a call with
    its positional and keyword arguments (records by key)."""

    name: str
    call: tuple[tuple[Any, ...], tuple[tuple[str, Any], ...]] | None

    def ask(self, kb: KnowledgeBase, records: dict[Key, Record]) -> Any:
        value = getattr(kb, self.name)
        if self.call is None:
            return value
        args, kwargs = _attached(self.call, records)
        return value(*args, **dict(kwargs))


@dataclass
class _Kept:
    """A page's text and what it depended on when it was rendered."""

    call: Any  # the shape of the producer's arguments
    met: frozenset[Key]  # every record in the arguments and in the answers
    asked: list[tuple[_Question, Any]]  # each question with the shape of its answer
    text: str


class _Watched:
    """The knowledge base as a page being rendered sees it: every attribute read and every
    call answered as by the model, and noted."""

    def __init__(self, kb: KnowledgeBase, asked: list[tuple[_Question, Any]], met: set[Key]):
        self._kb, self._asked, self._met = kb, asked, met

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._kb, name)
        if not callable(value):
            self._asked.append((_Question(name, None), _shape(value, self._met)))
            return value

        def answered(*args: Any, **kwargs: Any) -> Any:
            answer = value(*args, **kwargs)
            question = _Question(name, _detached((args, tuple(kwargs.items()))))
            self._asked.append((question, _shape(answer, self._met)))
            return answer

        return answered


_noting: ContextVar[tuple[list[tuple[_Question, Any]], set[Key]] | None] = ContextVar(
    "_noting", default=None
)


def watched(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base a page reads: the model itself, or while the memo renders a page, the
    stand-in that notes what the page asks."""
    noting = _noting.get()
    if noting is None:
        return kb
    return cast(KnowledgeBase, _Watched(kb, *noting))


@contextmanager
def _noted() -> Iterator[tuple[list[tuple[_Question, Any]], set[Key]]]:
    asked: list[tuple[_Question, Any]] = []
    met: set[Key] = set()
    token = _noting.set((asked, met))
    try:
        yield asked, met
    finally:
        _noting.reset(token)


def _records(kb: KnowledgeBase) -> dict[Key, Record]:
    return {(r.type_name, r.id): r for r in [*kb.records, *kb.drafts]}


def _templates(kb: KnowledgeBase) -> tuple[tuple[str, int, int], ...]:
    """Every template file a page can read, with its time and size: an edited template (a
    project's own type's) makes every page be rendered again."""
    return tuple(
        sorted(
            (str(path), stat.st_mtime_ns, stat.st_size)
            for folder in (TEMPLATES, *map(Path, kb.types.template_dirs))
            for path in folder.rglob("*")
            if path.is_file() and (stat := path.stat())
        )
    )


@dataclass
class PageMemo:
    """The pages of the last generation, for the next one (one per `kb serve`)."""

    _kept: dict[str, _Kept] = field(default_factory=dict)
    _records: dict[Key, Record] = field(default_factory=dict)
    _types: object = None
    _templates: tuple[tuple[str, int, int], ...] = ()
    rendered_last: int = 0  # pages the last generation rendered; the rest were kept

    def texts(self, rendered: Rendered) -> dict[str, str]:
        """Every file's text, kept pages as they were."""
        kb = rendered.kb
        assert kb is not None, "rendered by generator.rendering.render"
        records, templates = _records(kb), _templates(kb)
        if kb.types is not self._types or templates != self._templates:
            self._kept = {}
        changed = {
            key
            for key in records.keys() | self._records.keys()
            if records.get(key) != self._records.get(key)
        }
        answers: dict[_Question, Any] = {}
        kept: dict[str, _Kept] = {}
        texts: dict[str, str] = {}
        self.rendered_last = 0
        for path, source in rendered.sources.items():
            if isinstance(source, str):
                texts[path] = source
                continue
            met: set[Key] = set()
            call = _call(source, met)
            last = self._kept.get(path)
            if (
                last is None
                or call is None
                or last.call != call
                or not last.met.isdisjoint(changed)
                or not _same_answers(last, kb, records, answers)
            ):
                last = _render(source, call, met)
                self.rendered_last += 1
            kept[path], texts[path] = last, last.text
        self._kept, self._records, self._types, self._templates = kept, records, kb.types, templates
        return texts


def _call(source: Callable[[], str], met: set[Key]) -> Any:
    """The shape of the arguments a producer gave a page, or None for a page made otherwise."""
    if not isinstance(source, partial):
        return None
    # The producer's method, not the bound method: that would compare the whole context.
    method = getattr(source.func, "__func__", source.func)
    return (method, _shape(source.args, met), _shape(source.keywords, met))


def _same_answers(
    last: _Kept, kb: KnowledgeBase, records: dict[Key, Record], answers: dict[_Question, Any]
) -> bool:
    """Whether every question the page asked gets an answer of the same shape now. Answers are
    shared by the pages of one generation (most pages ask the same few questions)."""
    for question, shape in last.asked:
        try:
            if _answer(question, kb, records, answers) != shape:
                return False
        except Exception:  # a record it asked about is gone, a material file deleted, …:
            return False  # rendering it again gives the answer, or reports the problem
    return True


def _answer(
    question: _Question,
    kb: KnowledgeBase,
    records: dict[Key, Record],
    answers: dict[_Question, Any],
) -> Any:
    """The shape of the new knowledge base's answer, asked once per generation when the
    question can be a dict's key (arguments such as a list cannot)."""
    try:
        return answers[question]
    except KeyError:
        answers[question] = now = _shape(question.ask(kb, records), set())
        return now
    except TypeError:
        return _shape(question.ask(kb, records), set())


def _render(source: Callable[[], str], call: Any, met: set[Key]) -> _Kept:
    """Render a page, noting what it asks."""
    with _noted() as (asked, answers_met):
        text = source()
    return _Kept(call, frozenset(met | answers_met), asked, text)
