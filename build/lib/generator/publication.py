"""How the site is published: its public address, and the theme overrides that give every
page a Swedish footer (publisher, licence, contact, accessibility statement, build date)
and a Swedish 404 page.

The overrides are ordinary Material templates in `generator/theme/`, read through MkDocs'
`theme.custom_dir`; what they show comes from `extra.kb` in the config (see
`generator/render/publication.py`). So the same footer appears whether `kb build`, the
plugin, or plain MkDocs on `kb generate`'s tree builds the site. This module is light on
purpose: `kb build` calls it before the generator is imported (see `generator/build.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# The environment variable a publisher sets to the site's public address; it wins over
# `site_url` in mkdocs.yml, so one checkout can be built for several hosts.
SITE_URL_ENV = "KB_SITE_URL"
THEME_DIR = Path(__file__).resolve().parent / "theme"
# Where a generated tree keeps its copy of the theme overrides, beside docs/.
TREE_THEME_DIR = "overrides"


def site_url(config: dict[str, Any]) -> str | None:
    """The site's public address: KB_SITE_URL, else `site_url` in mkdocs.yml, else none (a
    site without one carries no absolute address at all)."""
    url = os.environ.get(SITE_URL_ENV, "").strip() or config.get("site_url") or None
    if url and not url.endswith("/"):
        url += "/"
    return url


def published_config(config: dict[str, Any], theme_dir: str) -> dict[str, Any]:
    """The settings a published build changes in the project's config: the address and the
    theme overrides in `theme_dir`."""
    return {"site_url": site_url(config),
            "theme": {**config.get("theme", {}), "custom_dir": theme_dir}}


def theme_files() -> dict[str, Path]:
    """The override templates, by path relative to the overrides folder."""
    return {path.relative_to(THEME_DIR).as_posix(): path
            for path in sorted(THEME_DIR.rglob("*.html"))}
