"""`mkdocs.yml` read through MkDocs' own YAML loader, so `!ENV` and `INHERIT` mean what they
mean to MkDocs, with every problem located in the file as `mkdocs.yml:line:column`.

MkDocs' loader is built on the safe loader here: kb needs plain settings, and a generated
tree's mkdocs.yml must be plain YAML that any engine reads, so a tag that makes Python
objects (`!!python/name:`) is a located error like any other unknown tag.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from generator.diagnostics import DataError, Diagnostic
from generator.locale import message
from generator.reading.yaml_syntax import explain

_LOADER = get_yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# The settings last read from each file, by what they were read from (the file's bytes, and
# the environment where `!ENV` uses it): a build asks for them many times.
_KEPT: dict[Path, tuple[tuple[bytes, tuple[tuple[str, str], ...]], dict[str, Any]]] = {}


def read_config(path: Path, root: Path) -> dict[str, Any]:
    """The settings in `path` as MkDocs reads them, read once for each state of the file (a
    copy each time, which the caller may change); raises DataError at the place of the
    problem (in an inherited file when it lies there). A file that inherits is read every
    time, as its parent may change on its own."""
    raw = path.read_bytes()
    if b"INHERIT" in raw:
        return _read_config(path, root)
    key = (raw, tuple(sorted(os.environ.items())) if b"!ENV" in raw else ())
    kept = _KEPT.get(path)
    if kept is None or kept[0] != key:
        config = _read_config(path, root)
        if path.read_bytes() != raw:  # changed while it was read
            return config
        kept = _KEPT[path] = (key, config)
    return copy.deepcopy(kept[1])


def _read_config(path: Path, root: Path) -> dict[str, Any]:
    shown = Path(os.path.relpath(path, root)).as_posix()
    try:
        with open(path, "rb") as stream:
            config = yaml_load(stream, _LOADER)
    except ConfigurationError as exc:
        raise DataError([_located(exc, path, shown, root)]) from None
    except (TypeError, AttributeError):  # a file of no settings, or inheriting from one
        line = _line_of(path, "INHERIT")
        raise DataError(
            [
                Diagnostic(
                    shown,
                    line or 1,
                    1,
                    "error",
                    (
                        message("messages.config_file.inherited_not_settings")
                        if line
                        else message(
                            "messages.config_file.not_settings",
                            file=shown,
                            kind=message("messages.config_file.scalar_kind"),
                        )
                    ),
                )
            ]
        ) from None
    except RecursionError:
        raise DataError(
            [
                Diagnostic(
                    shown,
                    _line_of(path, "INHERIT") or 1,
                    1,
                    "error",
                    message("messages.config_file.circle"),
                )
            ]
        ) from None
    if not isinstance(config, dict):
        kind = (
            message("messages.config_file.list_kind")
            if isinstance(config, list)
            else message("messages.config_file.value_kind", value=repr(config))
        )
        raise DataError(
            [
                Diagnostic(
                    shown,
                    1,
                    1,
                    "error",
                    message("messages.config_file.not_settings", file=shown, kind=kind),
                    message("messages.config_file.not_settings_hint"),
                )
            ]
        )
    if not config:
        raise DataError(
            [
                Diagnostic(
                    shown,
                    1,
                    1,
                    "error",
                    message("messages.config_file.empty", file=shown),
                    message("messages.config_file.empty_hint"),
                )
            ]
        )
    if not isinstance(config.get("docs_dir", ""), str):
        line = _line_of(path, "docs_dir") or 1
        raise DataError(
            [Diagnostic(shown, line, 1, "error", message("messages.config_file.docs_dir"))]
        )
    return config


def _located(exc: ConfigurationError, path: Path, shown: str, root: Path) -> Diagnostic:
    """MkDocs' complaint at its place: a YAML error where the mistake is, in Swedish (MkDocs
    keeps the YAML error as the cause of its own), a missing inherited file at `INHERIT`."""
    cause = exc.__context__
    if isinstance(cause, yaml.MarkedYAMLError):
        mark = cause.problem_mark or cause.context_mark
        where = Path(mark.name) if mark and mark.name and Path(mark.name).is_file() else path
        where_shown = Path(os.path.relpath(where, root)).as_posix()
        tag = re.search(r"tag '([^']*)'", str(cause.problem))
        if not tag:
            text = where.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
            line, column, said, hint = explain(text, cause)
            return Diagnostic(where_shown, line, column, "error", said, hint)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Diagnostic(
            where_shown,
            line,
            column,
            "error",
            message("messages.config_file.tag", tag=repr(tag.group(1))),
            message("messages.config_file.tag_hint"),
        )
    if isinstance(cause, yaml.YAMLError):
        return Diagnostic(
            shown,
            1,
            1,
            "error",
            message("messages.config_file.not_yaml", reason=cause),
            message("messages.config_file.not_yaml_hint"),
        )
    if "Inherited config file" in str(exc):
        return Diagnostic(
            shown,
            _line_of(path, "INHERIT") or 1,
            1,
            "error",
            message("messages.config_file.inherited_missing"),
            message("messages.config_file.inherited_missing_hint"),
        )
    return Diagnostic(shown, 1, 1, "error", message("messages.config_file.unreadable", reason=exc))


def _line_of(path: Path, key: str) -> int:
    """The line where a top-level `key` is set in `path`, 0 if it is not."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found = re.search(rf"^{key}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 0
