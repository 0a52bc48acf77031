"""How the site is published: its public address, and the theme overrides that give every
page a Swedish footer (publisher, licence, contact, accessibility statement, build date)
and a Swedish 404 page.

The overrides are ordinary Material templates in `generator/site/publishing/theme/`, read through
MkDocs' `theme.custom_dir`; what they show comes from `extra.kb` in the config (see
`generator/rendering/footer.py`). So the same footer appears whether `kb build`, the
plugin, or plain MkDocs on `kb generate`'s tree builds the site. This module is light on
purpose: `kb build` calls it before the generator is imported (see
`generator/site/engine/build.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.diagnostics import DataError, Diagnostic
from generator.locale import message
from generator.reading.load import load_file
from generator.reading.project import Project

# The environment variable a publisher sets to the site's public address; it wins over
# `site_url` in mkdocs.yml, so one checkout can be built for several hosts.
SITE_URL_ENV = "KB_SITE_URL"
THEME_DIR = Path(__file__).resolve().parent / "theme"
# Where a generated tree keeps its copy of the theme overrides, beside docs/.
TREE_THEME_DIR = "overrides"


def site_url(project: Project) -> str | None:
    """The site's public address: KB_SITE_URL, else `site_url` in mkdocs.yml, else none (a
    site without one carries no absolute address at all). Raises DataError, located in
    mkdocs.yml or at the variable, if it is not a whole http(s) address."""
    from_env = os.environ.get(SITE_URL_ENV, "").strip()
    url = from_env or project.config().get("site_url") or None
    if url is None:
        return None
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        if from_env:
            where = (SITE_URL_ENV, 1, 1)
        else:
            doc, _ = load_file(project.config_file, project.root, "")
            where = (doc.path, *doc.locate(("site_url",)))
        raise DataError(
            [
                Diagnostic(
                    *where,
                    "error",
                    message("messages.publication.not_an_address", url=url),
                    message("messages.publication.not_an_address_hint"),
                )
            ]
        )
    return url if url.endswith("/") else f"{url}/"


def published_config(project: Project, theme_dir: str) -> dict[str, Any]:
    """The settings a published build changes in the project's config: the address and the
    theme overrides in `theme_dir`."""
    return {
        "site_url": site_url(project),
        "theme": {**project.config().get("theme", {}), "custom_dir": theme_dir},
    }


def theme_files() -> dict[str, Path]:
    """Every file of the overrides folder by its path there: a generated tree gets a copy of
    the whole folder, which `kb build` and the plugin use in place, so a stylesheet or an
    image put beside the templates reaches every engine, not only the templates."""
    return {
        path.relative_to(THEME_DIR).as_posix(): path
        for path in sorted(THEME_DIR.rglob("*"))
        if path.is_file()
    }
