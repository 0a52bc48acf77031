"""Located problems in the data, reported all at once in the compiler format editors know."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a place in a file; lines and columns count from 1 like editors do."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataError(Exception):
    """Raised when the data has errors, so that no site is built from it."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Diagnostic]]]:
        """Pickled with its diagnostics, so that it can come from another process whole."""
        return DataError, (self.diagnostics,)


class UserError(Exception):
    """Something the user or their machine caused that no record file locates (an output
    folder kb may not replace, a full disk, a bad environment variable), told as one Swedish
    sentence instead of a traceback."""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def warnings_as_errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The same problems with every warning made an error, for `kb check --strict` (CI before a
    release), where nothing due for attention may pass."""
    return [replace(d, severity="error") for d in diagnostics]


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
