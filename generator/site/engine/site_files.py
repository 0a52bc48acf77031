"""The site's generated files and settings: the one source every way of producing the site reads.

`GeneratedHere(project).layout()` gives every generated path, the navigation and what the theme
overrides show; `text(path)` gives a file's text, rendered when it is asked for. What a build
changes in the project's `mkdocs.yml` comes from `engine_settings` (before generation) and
`layout_settings` (from the layout). `kb generate` and `kb serve` write these into a tree
(`generator/site/engine/tree.py`); `kb build` and the plugin hand them to MkDocs in memory
(`generator/site/engine/mkdocs_pages.py`), `kb build` from a second process
(`generator/site/engine/build.py`).
So a page, a setting or a file added here reaches every engine, and none can drift.

This module is light on purpose: `kb build` imports it before the generator is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from generator.reading.project import Project, not_in_nav_patterns, plugins_without_kb
from generator.site.publishing.publication import published_config

if TYPE_CHECKING:
    from generator.reading.load import ParseCache
    from generator.rendering.memo import PageMemo
    from generator.rendering.rendered import Rendered


@dataclass(frozen=True)
class Layout:
    """What an engine must know before it reads a page. Only built-in types, so that receiving
    it from `kb build`'s child imports nothing of the generator there."""

    paths: list[str]  # generated files, in the order MkDocs reads them
    nav: list[Any]
    not_in_nav: list[str]
    copies: dict[str, Path]  # course material: docs-relative path -> file
    extra: dict[str, Any]  # what the theme overrides show (the footer, the 404 page)


def walk_order(path: str) -> tuple[tuple[str, ...], tuple[bool, str]]:
    """Where MkDocs meets a file walking a docs folder: a folder's files (index first)
    before its subfolders, folders by name. The order decides, e.g., the search index's."""
    *folders, name = path.split("/")
    return tuple(folders), (name.rsplit(".", 1)[0] not in ("index", "README"), name)


def reading_order(path: str) -> tuple[bool, tuple[tuple[str, ...], tuple[bool, str]]]:
    """The order in which MkDocs reads the files: every page in walk order, then the other
    files when it copies them."""
    return not path.endswith(".md"), walk_order(path)


class Pages(Protocol):
    """Where an engine gets the generated files: first the layout, then each file's text."""

    def layout(self) -> Layout: ...

    def text(self, path: str) -> str: ...

    def close(self) -> None: ...


class GeneratedHere:
    """The generated files, generated in this process; `cache` keeps what unchanged record
    files held between two generations, and `memo` the pages (`kb serve`)."""

    def __init__(
        self, project: Project, cache: ParseCache | None = None, memo: PageMemo | None = None
    ) -> None:
        self.project, self.cache, self.memo = project, cache, memo

    def layout(self) -> Layout:
        """Check and lay out the knowledge base; raises DataError listing every error."""
        # Imported only now: a build imports the generator in its child (module docstring).
        from generator.site.engine.generation import generate

        self.rendered: Rendered = generate(self.project, self.cache)
        return Layout(
            sorted(self.rendered.sources, key=reading_order),
            self.rendered.nav,
            self.rendered.not_in_nav,
            self.rendered.copies,
            self.rendered.extra,
        )

    def text(self, path: str) -> str:
        return self.rendered.text(path)

    def texts(self) -> dict[str, str]:
        """Every generated file's text at once, for a tree: the pages rendered on two cores, or
        those the memo cannot keep."""
        return self.memo.texts(self.rendered) if self.memo else self.rendered.files

    def close(self) -> None:
        """Nothing runs elsewhere."""


def engine_settings(project: Project, theme_dir: str) -> dict[str, Any]:
    """What every build changes in the project's MkDocs config before the pages are known:
    the published address, the theme overrides in `theme_dir`, and the plugins but ours (its
    work is done by then)."""
    return {
        **published_config(project, theme_dir),
        "plugins": plugins_without_kb(project.config()),
    }


def layout_settings(layout: Layout, extra: dict[str, Any]) -> dict[str, Any]:
    """What every build changes in the project's MkDocs config once the pages are known: the
    navigation, the pages left out of it, and `extra` (the project's) with the values the
    theme overrides show."""
    settings = {"extra": {**extra, **layout.extra}, "nav": layout.nav}
    if layout.not_in_nav:
        settings["not_in_nav"] = not_in_nav_patterns(layout.not_in_nav)
    return settings
