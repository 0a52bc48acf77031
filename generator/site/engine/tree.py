"""A self-contained tree of the site (`kb generate`, and `kb serve`'s folder).

`write_tree` writes a tree (content, the generated files of generator/site/engine/site_files.py
and a `mkdocs.yml` with its settings, without our plugin) that any MkDocs-compatible engine can
build; `kb serve` keeps such a tree up to date. `kb build` and the plugin hand MkDocs the same
files and settings in memory. Output is swapped in only on success.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.reading.project import Project
from generator.site.engine.minified import as_built
from generator.site.engine.site_files import GeneratedHere, Layout, engine_settings, layout_settings
from generator.site.engine.staging import ensure_replaceable, replacing
from generator.site.publishing.publication import TREE_THEME_DIR, theme_files

# libyaml's emitter writes the same text as PyYAML's own, in a tenth of the time (the
# navigation of a large site is long, and `kb serve` writes mkdocs.yml on every save).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def derived_config(project: Project, layout: Layout) -> dict[str, Any]:
    """The project's MkDocs config for a generated tree, with the settings every build makes
    (generator/site/engine/site_files.py) and the tree's own folders."""
    config = project.config()
    derived = {
        **config,
        "docs_dir": "docs",
        "site_dir": "site",
        **engine_settings(project, TREE_THEME_DIR),
        **layout_settings(layout, config.get("extra") or {}),
    }
    if derived["site_url"] is None:
        del derived["site_url"]
    return derived


def tree_files(project: Project, pages: GeneratedHere) -> dict[str, str | Path]:
    """Every file of a generated tree by tree-relative path: text to write, or a file to copy
    (hand-written content and course material). Raises DataError if the data has errors."""
    layout = pages.layout()
    files: dict[str, str | Path] = {
        "docs/" + "/".join(parts): as_built("/".join(parts), Path(path))
        for parts, path in project.content_files().files
    }
    files.update({f"docs/{path}": text for path, text in pages.texts().items()})
    files.update({f"docs/{path}": source for path, source in layout.copies.items()})
    files.update({f"{TREE_THEME_DIR}/{path}": source for path, source in theme_files().items()})
    files["mkdocs.yml"] = yaml.dump(
        derived_config(project, layout), Dumper=_DUMPER, allow_unicode=True, sort_keys=False
    )
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
    removed = sorted(
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file() and path.relative_to(target).as_posix() not in files
    )
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
    ensure_replaceable(out_dir, project.root, project.content_dir)
    files = tree_files(project, GeneratedHere(project))
    out_dir = out_dir.resolve()
    with replacing(out_dir, project.root, project.content_dir) as staging:
        sync_tree(files, staging)
    return out_dir / "mkdocs.yml"
