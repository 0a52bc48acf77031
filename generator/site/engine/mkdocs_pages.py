"""The generated files handed to MkDocs in memory, each page's text fetched just before MkDocs
reads it, through MkDocs' public plugin events and `File.content_string`: `kb build` (from a
second process, see generator/site/engine/build.py) and the plugin (`mkdocs build`, `mkdocs serve`)
both build through `GeneratedPages`, with the settings of generator/site/engine/site_files.py."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.config_options import PathSpec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from generator.diagnostics import DataError, has_errors
from generator.reading.project import Project, not_in_nav_patterns
from generator.site.engine.minified import minify
from generator.site.engine.search import index_site
from generator.site.engine.shared_nav import SharedNavigation
from generator.site.engine.site_files import Pages, engine_settings, layout_settings, walk_order
from generator.site.engine.staging import replacing
from generator.site.publishing.publication import THEME_DIR

PLUGIN_KEY = "kb-generated"
log = logging.getLogger("mkdocs.kb")


class GeneratedPages(BasePlugin):  # type: ignore[type-arg]
    """Hands MkDocs the generated pages: the files it would find in the tree `kb generate`
    writes (content plus generated pages), in the same order, so the site is the one plain
    MkDocs builds from that tree, without writing and re-reading every page."""

    def __init__(self, pages: Pages) -> None:
        super().__init__()
        self.pages = pages
        self.waiting: dict[str, File] = {}  # generated files whose text has not come yet

    @event_priority(100)  # first, so other plugins see the files as they would in the tree
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        layout = self.pages.layout()
        settings = layout_settings(layout, dict(config.extra))
        config.nav = settings["nav"]
        config.extra.update(settings["extra"])  # read by the theme when pages are written
        content = [file for file in files if file.src_dir == config.docs_dir]
        for file in content:  # decided again after this event, with the generated not_in_nav
            file.inclusion = InclusionLevel.UNDEFINED
            minify(file)
        generated: list[File] = []
        for path in layout.paths:
            # Its text comes in `on_pre_page` (a page) or `on_env` (any other file).
            file = File(path, None, config.site_dir, config.use_directory_urls)
            file.generated_by = PLUGIN_KEY
            generated.append(file)
        if "not_in_nav" in settings:
            _leave_out_of_nav(generated, layout.not_in_nav, config)
        self.waiting = {file.src_uri: file for file in generated}
        generated += [
            File.generated(config, path, abs_src_path=str(source))
            for path, source in layout.copies.items()
        ]
        paths = {file.src_uri for file in generated}
        theme = [
            file for file in files if file.src_dir != config.docs_dir and file.src_uri not in paths
        ]  # as in the tree: a theme never hides a page
        return Files([*sorted([*content, *generated], key=lambda f: walk_order(f.src_uri)), *theme])

    @event_priority(100)  # first, so other plugins see the page's text
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A generated page gets its text just before MkDocs reads it, so that the generator
        renders the next pages meanwhile."""
        self._arrive(page.file.src_uri)
        return page

    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page has been read; the other generated files (data, redirects) get their
        text before MkDocs copies them. The theme's navigation is rendered once for the pages
        it is the same on (shared_nav.py)."""
        for path in list(self.waiting):
            self._arrive(path)
        env.globals["kb_shared_nav"] = SharedNavigation()
        return env

    def _arrive(self, path: str) -> None:
        file = self.waiting.pop(path, None)
        if file is not None:
            file.content_string = self.pages.text(path)


def _leave_out_of_nav(generated: list[File], hidden: list[str], config: MkDocsConfig) -> None:
    """Decide now which generated pages MkDocs leaves out of the navigation, as its
    `not_in_nav` patterns would: one anchored pattern a path, which MkDocs matched against
    every file, one pattern after the other, a cost that grows with the square of the pages
    (bench/README.md, issue 29). The patterns left to MkDocs are the hand-written pages'."""
    ours = {file.src_uri for file in generated}
    config.not_in_nav = None
    set_exclusions(generated, config)  # the project's exclude_docs and draft_docs
    hidden_here = set(hidden)
    for file in generated:
        if file.inclusion == InclusionLevel.INCLUDED and file.src_uri in hidden_here:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    others = [path for path in hidden if path not in ours]
    config.not_in_nav = PathSpec().validate(not_in_nav_patterns(others)) if others else None


def build_with(pages: Pages, project: Project, site_dir: Path) -> None:
    """Build the project's content and `pages` into `site_dir` and index it for search,
    replacing it only if everything succeeds."""
    _, problems = project.settings()  # MkDocs would stumble on them first, unlocated
    if has_errors(problems):
        raise DataError(problems)
    with replacing(site_dir, project.root, project.content_dir) as staging:
        config = engine_config(
            project,
            site_dir=str(staging),
            docs_dir=str(project.content_dir),
            **engine_settings(project, str(THEME_DIR)),
        )
        config.plugins[PLUGIN_KEY] = GeneratedPages(pages)
        mkdocs_build(config)
        index_site(staging, project)


def engine_config(project: Project, **settings: Any) -> MkDocsConfig:
    """MkDocs' config: the project's settings (as `Project.config` read them, so a build
    parses mkdocs.yml once) with `settings` over them, validated as MkDocs validates them.
    What MkDocs rejects (or, in its strict mode, warns of) is a DataError at its place in
    mkdocs.yml, in Swedish, where MkDocs' own loader would print an English line and stop;
    its other warnings are logged, located, and the build goes on, as MkDocs' would."""
    config = MkDocsConfig(config_file_path=str(project.config_file))
    config.load_dict({**project.config(), **settings})
    rejected, warned = config.validate()
    errors = [(name, str(reason)) for name, reason in rejected]
    warnings = [(name, str(reason)) for name, reason in warned]
    if config.strict:
        errors, warnings = errors + warnings, []
    for warning in project.engine_problems(warnings, "warning"):
        log.warning(warning.format())
    if errors:
        raise DataError(project.engine_problems(errors, "error"))
    return config
