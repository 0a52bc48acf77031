"""Where a knowledge base lives and how it is configured: `mkdocs.yml`, `data/`, `content/`.

This module is light on purpose: `kb build` finds the project and starts MkDocs here while
a second process imports the record types and the templates (see `generator/site/engine/build.py`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from generator.diagnostics import DataError, Diagnostic, Severity, UserError
from generator.locale import message
from generator.reading.config_file import read_config
from generator.reading.discovery import Scan, refused_problems, scan
from generator.reading.load import MAX_FILE_BYTES, FieldPath, load_file

PLUGIN_NAME = "kb"
# How old a review may be before `kb check` warns; configurable per project in mkdocs.yml.
REVIEW_MAX_AGE_YEARS = 3


def today() -> dt.date:
    """The day a check or a build counts review ages from: that of SOURCE_DATE_EPOCH when it
    is set, as for any reproducible build (MkDocs dates its pages from it too), else today.
    Raises UserError, naming the variable, when it is not a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UserError(message("messages.project.epoch", epoch=repr(epoch))) from None


class Settings(BaseModel):
    """The kb plugin's options (`plugins: - kb: {review_max_age_years: 3}` in mkdocs.yml).

    The library reads them from mkdocs.yml itself, so `kb check`, `kb build` and
    `mkdocs build` always apply the same limits; the plugin only declares them to MkDocs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    review_max_age_years: PositiveInt = REVIEW_MAX_AGE_YEARS
    max_file_bytes: PositiveInt = MAX_FILE_BYTES


@dataclass(frozen=True)
class Project:
    """Where a knowledge base lives: `mkdocs.yml`, `data/` and `content/` under one root."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder at or above `start` that holds `mkdocs.yml` and `data/`."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
                return cls(folder)
        raise FileNotFoundError(message("messages.project.not_found", folder=here))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def config(self) -> dict[str, Any]:
        """mkdocs.yml as it is now (a dev server sees it change), read as MkDocs reads it:
        `!ENV` tags resolved and an `INHERIT`ed file merged. Raises DataError, located in
        the file, if MkDocs could not read it or it holds no settings."""
        return read_config(self.config_file, self.root)

    def settings(self) -> tuple[Settings, list[Diagnostic]]:
        """The kb plugin's options from mkdocs.yml; invalid ones are reported at their place
        in mkdocs.yml and the defaults are used, so a check still runs."""
        try:
            config = self.config()
        except DataError as exc:
            return Settings(), exc.diagnostics
        plugins = config.get("plugins") or []
        if not isinstance(plugins, list):
            return Settings(), [self._at(("plugins",), message("messages.project.plugins"))]
        for i, entry in enumerate(plugins):
            if isinstance(entry, dict) and PLUGIN_NAME in entry:
                try:
                    return Settings.model_validate(entry[PLUGIN_NAME] or {}), []
                except ValidationError as exc:
                    return Settings(), self._config_problems(exc, ("plugins", i, PLUGIN_NAME))
        return Settings(), []

    def _at(self, path: FieldPath, message: str, hint: str = "") -> Diagnostic:
        doc, _ = load_file(self.config_file, self.root, "")
        return doc.problem(path, message, hint)

    def engine_problems(
        self, problems: list[tuple[str, str]], severity: Severity
    ) -> list[Diagnostic]:
        """MkDocs' objections (setting, MkDocs' own reason) to the settings, each at its place
        in mkdocs.yml, in Swedish with MkDocs' reason as the hint."""
        said = f"messages.project.engine_{severity}"
        return [
            replace(self._at((name,), message(said, name=name), reason), severity=severity)
            for name, reason in problems
        ]

    def _config_problems(self, exc: ValidationError, at: FieldPath) -> list[Diagnostic]:
        doc, _ = load_file(self.config_file, self.root, "")
        return [
            doc.problem(
                (*at, *error["loc"]),
                message("messages.project.setting", name=error["loc"][-1]),
                message("messages.project.setting_hint", names=", ".join(Settings.model_fields)),
                key=error["type"] == "extra_forbidden",
            )
            for error in exc.errors()
        ]

    @property
    def content_dir(self) -> Path:
        return self.root / str(self.config().get("docs_dir", "docs"))

    def content_files(self) -> Scan:
        """The content folder's regular files, hidden ones too (MkDocs decides which it
        publishes); links and special files are refused (generator/reading/discovery.py)."""
        return scan(str(self.content_dir), hidden=True)

    def content_problems(self) -> list[Diagnostic]:
        """Every link or special file in the content folder, at its path."""
        shown = os.path.relpath(self.content_dir, self.root)
        return refused_problems(Path(shown).as_posix(), self.content_files())

    def content_pages(self) -> list[str]:
        """Hand-written Markdown pages, docs-relative, in a stable order."""
        return sorted(
            "/".join(parts) for parts, _ in self.content_files().files if parts[-1].endswith(".md")
        )


def plugins_without_kb(config: dict[str, Any]) -> list[Any]:
    """The project's MkDocs plugins but ours: generated pages build without it."""
    return [
        p
        for p in config.get("plugins", [])
        if p != PLUGIN_NAME and not (isinstance(p, dict) and PLUGIN_NAME in p)
    ]


def not_in_nav_patterns(paths: list[str]) -> str:
    """MkDocs' `not_in_nav` setting for docs-relative paths: one anchored pattern each."""
    return "\n".join(f"/{path}" for path in paths)
