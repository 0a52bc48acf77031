"""The theme's list of sections and its tabs, rendered once for all the pages they look the
same on instead of once a page.

Material renders the whole navigation into every page, so a build's template time grows with
pages times entries (bench/README.md, issue 29). On a page the navigation does not list, and
under which it lists no page, nothing in either list is active, and every address in them is
relative to the page's folder: the pages of one folder (every generated record page of a
type, say) show the same HTML, so it is rendered for the first of them and reused. The theme
overrides `partials/nav.html` and `partials/tabs.html` ask for it; plain MkDocs on `kb
generate`'s tree, which has no `kb_shared_nav`, renders them on every page, to the same bytes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page


class SharedNavigation:
    """`kb_shared_nav(part, page, nav, render)` in the theme's templates, for one build."""

    def __init__(self) -> None:
        self.listed: tuple[str, ...] | None = None  # every address the navigation names
        self.rendered: dict[tuple[str, str, bool], Markup] = {}

    def __call__(
        self, part: str, page: Page | None, nav: Navigation, render: Callable[[], Any]
    ) -> Any:
        folder = self._folder(page, nav)
        if folder is None:
            return render()
        key = (part, *folder)
        if key not in self.rendered:
            self.rendered[key] = render()
        return self.rendered[key]

    def _folder(self, page: Page | None, nav: Navigation) -> tuple[str, bool] | None:
        """The folder `page`'s links are relative to, and whether its address is one, when
        the navigation shows the same on every page there; else None."""
        if self.listed is None:
            self.listed = tuple(_addresses(nav.items))
        if page is None or not page.url or page.url in self.listed:
            return None
        if any(url.startswith(page.url) for url in self.listed):
            return None
        return posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/")


def _addresses(items: list[Any]) -> list[str]:
    """The addresses of the navigation's pages and links, sections opened."""
    found: list[str] = []
    for item in items:
        if isinstance(item, Section):
            found += _addresses(item.children)
        elif isinstance(item, (Page, Link)) and item.url is not None:
            found.append(item.url)
    return found
