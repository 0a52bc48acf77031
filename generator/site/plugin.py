"""A thin MkDocs plugin over the library, so `mkdocs build` and `mkdocs serve` work directly.

Everything of value happens in `generator.site.tree.generate`; this adapter only hands the
generated pages to MkDocs in memory (nothing is written to the source tree), indexes the built
site for search and asks the dev server to watch `data/`. `kb build` hands them over the same
way (generator/site/build.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.diagnostics import DataError
from generator.reading.project import Project, Settings
from generator.rendering import Rendered
from generator.site.publication import SITE_URL_ENV, THEME_DIR, site_url
from generator.site.search import index_site
from generator.site.tree import generate

_DEFAULTS = Settings()


class KnowledgeBaseConfig(base.Config):
    """The options of `plugins: - kb:` declared to MkDocs, so that it accepts them (and a
    strict build does not fail on them). The library reads the same options from mkdocs.yml
    and validates them (`Settings`), so `kb check` applies the same limits."""

    review_max_age_years = c.Type(int, default=_DEFAULTS.review_max_age_years)
    max_file_bytes = c.Type(int, default=_DEFAULTS.max_file_bytes)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Adds the generated pages and navigation to a build of the repository's mkdocs.yml."""

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.rendered: Rendered | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = Project(Path(config.config_file_path).resolve().parent)
        try:
            self.rendered = generate(self.project)
            url = site_url(self.project)
        except DataError as exc:
            raise PluginError(f"Fel i data:\n{exc}") from exc
        config.nav = self.rendered.nav
        config.extra.update(self.rendered.extra)
        if os.environ.get(SITE_URL_ENV, "").strip():  # the publisher's address wins
            config.site_url = url
        config.theme.dirs.insert(0, str(THEME_DIR))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.rendered is not None
        hidden = set(self.rendered.not_in_nav)
        for path, text in self.rendered.files.items():
            inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content=text, inclusion=inclusion))
        for path, source in self.rendered.copies.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site's search index, as `kb build` writes it."""
        assert self.project is not None
        index_site(Path(config.site_dir), self.project)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        server.watch(str(self.project.data_dir), recursive=True)
        return server
