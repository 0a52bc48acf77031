"""A thin MkDocs plugin over the library, so `mkdocs build` and `mkdocs serve` work directly.

Everything of value happens in the library; this adapter hands MkDocs the generated files in
memory through `GeneratedPages`, as `kb build` does (nothing is written to the source tree),
indexes the built site for search and asks the dev server to watch `data/`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.diagnostics import DataError
from generator.locale import message
from generator.reading.project import Project, Settings
from generator.site.engine.mkdocs_pages import GeneratedPages
from generator.site.engine.search import index_site
from generator.site.engine.site_files import GeneratedHere
from generator.site.publishing.publication import SITE_URL_ENV, THEME_DIR, site_url


class KnowledgeBasePlugin(BasePlugin[base.LegacyConfig]):
    """Adds the generated files, navigation and settings to a build of the repository's
    mkdocs.yml, through the same `GeneratedPages` as `kb build`."""

    # The options of `plugins: - kb:` as `Settings` declares them, declared to MkDocs so that
    # it accepts them (and a strict build does not fail on them); the library reads and
    # validates them from mkdocs.yml itself, so `kb check` applies the same limits.
    config_scheme = tuple(
        (name, c.Type(cast(type, info.annotation), default=info.default))
        for name, info in Settings.model_fields.items()
    )

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.generated: GeneratedPages | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = Project(Path(config.config_file_path).resolve().parent)
        self.generated = GeneratedPages(GeneratedHere(self.project))
        try:
            url = site_url(self.project)
        except DataError as exc:
            raise PluginError(message("messages.plugin.data_errors", errors=exc)) from exc
        if os.environ.get(SITE_URL_ENV, "").strip():  # the publisher's address wins
            config.site_url = url
        config.theme.dirs.insert(0, str(THEME_DIR))  # as `theme.custom_dir` in kb build
        return config

    @event_priority(100)  # first, as in kb build: other plugins see the files of the tree
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        try:
            return self.generated.on_files(files, config=config)
        except DataError as exc:
            raise PluginError(message("messages.plugin.data_errors", errors=exc)) from exc

    @event_priority(100)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        assert self.generated is not None
        return self.generated.on_pre_page(page, config=config, files=files)

    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        assert self.generated is not None
        return self.generated.on_env(env, config=config, files=files)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site's search index, as `kb build` writes it."""
        assert self.project is not None
        index_site(Path(config.site_dir), self.project)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        server.watch(str(self.project.data_dir), recursive=True)
        return server
