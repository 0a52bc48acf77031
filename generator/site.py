"""Stage 5 of the pipeline: turn the data into a site — as a Markdown tree or a built site.

`generate` writes a self-contained tree (content, generated pages and a derived `mkdocs.yml`
without our plugin) that any MkDocs-compatible engine can build. `build` builds that tree
into a temporary directory and swaps it in only on success, so a failed build never
replaces a good site.
"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from generator import cache as file_cache
from generator.diagnostics import DataError, Diagnostic, has_errors
from generator.load import MAX_FILE_BYTES, FieldPath, ParseCache, load_data, load_file
from generator.material import FOLDER as MATERIAL
from generator.material import material_problems
from generator.model import KnowledgeBase
from generator.render import Rendered, render
from generator.types import RECORD_TYPES, Record
from generator.validate import REVIEW_MAX_AGE_YEARS, validate

PLUGIN_NAME = "kb"


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
        raise FileNotFoundError(f"hittar ingen kunskapsbank (mkdocs.yml och data/) i {here}")

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def config(self) -> dict[str, Any]:
        return yaml.safe_load(self.config_file.read_text(encoding="utf-8"))

    def settings(self) -> tuple[Settings, list[Diagnostic]]:
        """The kb plugin's options from mkdocs.yml; invalid ones are reported at their place
        in mkdocs.yml and the defaults are used, so a check still runs."""
        plugins = self.config().get("plugins") or []
        for i, entry in enumerate(plugins):
            if isinstance(entry, dict) and PLUGIN_NAME in entry:
                try:
                    return Settings.model_validate(entry[PLUGIN_NAME] or {}), []
                except ValidationError as exc:
                    return Settings(), self._config_problems(exc, ("plugins", i, PLUGIN_NAME))
        return Settings(), []

    def _config_problems(self, exc: ValidationError, at: FieldPath) -> list[Diagnostic]:
        doc, _ = load_file(self.config_file, self.root, "")
        problems = []
        for error in exc.errors():
            path = (*at, *error["loc"])
            line, column = doc.locate(path, key=error["type"] == "extra_forbidden")
            problems.append(Diagnostic(doc.path, line, column, "error",
                                       f"ogiltig inställning för kb: {error['loc'][-1]}",
                                       f"tillåtet är {', '.join(Settings.model_fields)} "
                                       "med positiva heltal"))
        return problems

    @property
    def content_dir(self) -> Path:
        return self.root / self.config().get("docs_dir", "docs")

    def content_pages(self) -> list[str]:
        """Hand-written Markdown pages, docs-relative, in a stable order."""
        return sorted(p.relative_to(self.content_dir).as_posix()
                      for p in self.content_dir.rglob("*.md"))


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the records are read. It runs after every few
    hundred new objects, and each full run visits every live object, so while loading builds
    millions of objects (none in a cycle) it would visit them again and again: at 10,000
    records that doubled the check. The records live as long as the process, so afterwards
    they are frozen (left out of later collections, still freed when unused) rather than
    visited once more, which would cost another second at 10,000, and again and again in
    every collection while MkDocs builds."""
    enabled = gc.isenabled()
    gc.unfreeze()  # a long-running `kb serve`: last time's records may be garbage by now
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check(project: Project, today: dt.date | None = None, cache: ParseCache | None = None
          ) -> tuple[list[Record], list[Diagnostic]]:
    """Load and validate all records; every problem comes back, none is raised. Review ages
    count from `today` (the day of the check unless given); `cache` spares re-parsing
    unchanged files in a long-running process."""
    settings, problems = project.settings()
    with _no_garbage_collection():
        known = file_cache.read(project.root)
        documents, found = load_data(project.data_dir, project.root, list(RECORD_TYPES),
                                     settings.max_file_bytes, cache, known)
        file_cache.write(project.root, {d.digest: d.data for d in documents if d.digest},
                         known)
        records, invalid = validate(documents, today=today,
                                    review_max_age_years=settings.review_max_age_years)
        invalid += material_problems(documents, records, project.data_dir)
    return records, sorted(problems + found + invalid)


def generate(project: Project, cache: ParseCache | None = None) -> Rendered:
    """The rendered knowledge base; raises DataError listing every error if there is one.
    Warnings do not stop a build; `kb check` and the maintenance page show them."""
    records, problems = check(project, cache=cache)
    if has_errors(problems):
        raise DataError(problems)
    rendered = render(KnowledgeBase(records, material_dir=project.data_dir / MATERIAL),
                      project.content_pages())
    collisions = set(rendered.files) & set(project.content_pages())
    if collisions:
        raise DataError([Diagnostic(f"{project.content_dir.name}/{path}", 1, 1, "error",
                                    "sidan krockar med en genererad sida",
                                    "byt namn på den handskrivna sidan")
                         for path in sorted(collisions)])
    return rendered


def derived_config(project: Project, rendered: Rendered) -> dict[str, Any]:
    """The project's MkDocs config for a generated tree: our plugin removed, nav filled in."""
    config = project.config()
    return {**config, "docs_dir": "docs", "site_dir": "site",
            **_generated_settings(config, rendered)}


def _generated_settings(config: dict[str, Any], rendered: Rendered) -> dict[str, Any]:
    """What a build of the generated pages changes in the project's MkDocs config."""
    plugins = [p for p in config.get("plugins", [])
               if p != PLUGIN_NAME and not (isinstance(p, dict) and PLUGIN_NAME in p)]
    settings: dict[str, Any] = {"plugins": plugins, "nav": rendered.nav}
    if rendered.not_in_nav:
        settings["not_in_nav"] = "\n".join(f"/{path}" for path in rendered.not_in_nav)
    return settings


def _replace_dir(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def tree_files(project: Project, rendered: Rendered) -> dict[str, str | Path]:
    """Every file of a generated tree by tree-relative path: text to write, or a file to copy
    (hand-written content and course material)."""
    files: dict[str, str | Path] = {
        f"docs/{path.relative_to(project.content_dir).as_posix()}": path
        for path in project.content_dir.rglob("*") if path.is_file()}
    files.update({f"docs/{path}": text for path, text in rendered.files.items()})
    files.update({f"docs/{path}": source for path, source in rendered.copies.items()})
    files["mkdocs.yml"] = yaml.safe_dump(derived_config(project, rendered), allow_unicode=True,
                                         sort_keys=False)
    return files


@dataclass(frozen=True)
class Changes:
    """What `sync_tree` did, as tree-relative paths; files not named here were left alone."""

    added: list[str]
    updated: list[str]
    removed: list[str]

    @property
    def written(self) -> list[str]:
        return [*self.added, *self.updated]


def sync_tree(files: dict[str, str | Path], target: Path) -> Changes:
    """Make `target` hold exactly `files`, writing only files whose content differs.

    Unchanged files keep their modification time, so a dev server that rebuilds what is newer
    than its output (MkDocs' dirty builds) rebuilds only the pages that really changed."""
    added, updated = [], []
    for rel, content in sorted(files.items()):
        data = content.read_bytes() if isinstance(content, Path) else content.encode("utf-8")
        path = target / rel
        if not path.is_file():
            added.append(rel)
        elif path.read_bytes() != data:
            updated.append(rel)
        else:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    removed = sorted(path.relative_to(target).as_posix() for path in target.rglob("*")
                     if path.is_file() and path.relative_to(target).as_posix() not in files)
    for rel in removed:
        (target / rel).unlink()
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return Changes(added, updated, removed)


def write_tree(project: Project, out_dir: Path) -> Path:
    """Write content, generated pages and a derived mkdocs.yml to `out_dir`; returns the config.

    The tree is written beside `out_dir` first and swapped in whole, so files of records
    that no longer exist never linger and an error leaves the previous tree untouched.
    """
    rendered = generate(project)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        sync_tree(tree_files(project, rendered), staging)
        _replace_dir(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir / "mkdocs.yml"


def build(project: Project, site_dir: Path) -> None:
    """Generate and build the site into `site_dir`, replacing it only if everything succeeds.

    MkDocs builds the project's config as `derived_config` changes it, with the content
    folder as it is and the generated pages handed over in memory: the site is the one plain
    MkDocs builds from `write_tree`'s output, without writing and re-reading every page."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.plugin import GeneratedPages

    rendered = generate(project)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        config = load_config(str(project.config_file), site_dir=str(staging),
                             docs_dir=str(project.content_dir),
                             **_generated_settings(project.config(), rendered))
        config.plugins["kb-generated"] = GeneratedPages(rendered)
        mkdocs_build(config)
        _replace_dir(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
