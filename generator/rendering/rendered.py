"""What rendering gives the site stage (`Rendered`), and where the templates it is rendered
from are (`TEMPLATES`).

Kept apart from the rendering context so that the page memo, which compares generations and
watches the template files, and the site stage can name them without importing the
producers' context (no import circle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.model.knowledge_base import KnowledgeBase
from generator.parallel import split_map

# The built-in templates: the environment loads them, and an edit to one makes kb serve's
# memo render every page again.
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Rendered:
    """Everything generation produces: files by docs-relative path, and the navigation.

    A page's text is rendered when it is first asked for. Every path and the navigation are
    known as soon as the producers have run, before any page is rendered, so `kb build` can
    give MkDocs the list of pages at once and render page after page while MkDocs reads the
    previous ones (see `generator/site/engine/build.py`)."""

    # Docs-relative path -> the file's text, or how to render it.
    sources: dict[str, str | Callable[[], str]] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)
    # Files the site gets as they are (course material): docs-relative path -> source file.
    copies: dict[str, Path] = field(default_factory=dict)
    # Values for the theme overrides (the footer, the 404 page): MkDocs' `extra` setting.
    extra: dict[str, Any] = field(default_factory=dict)
    # The model the pages are rendered from (kb serve's page memo compares it with the last).
    kb: KnowledgeBase | None = None

    def text(self, path: str) -> str:
        """The text of one file, rendered now if it is a page."""
        source = self.sources[path]
        return source if isinstance(source, str) else source()

    @cached_property
    def files(self) -> dict[str, str]:
        """Every file's text, the pages rendered on two cores (see parallel.py)."""
        return dict(zip(self.sources, split_map(self.text, list(self.sources)), strict=True))
