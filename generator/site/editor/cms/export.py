"""`kb cms --out DIR`: the editor as static files, for an organisation's own git host.

Decap then logs editors in at GitLab, GitHub, Gitea or Forgejo and saves each change as a
commit (or a merge request) there; CI runs `kb check --strict` and builds the site. The
choices for reference fields are the records of the day the files were written, so CI
writes them again with every build (README: "Koppla formulären till er git-tjänst").
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.editor.cms.config import config
from generator.site.editor.cms.npm import ensure_installed
from generator.site.editor.cms.page import asset_files, editor_page
from generator.site.editor.cms.pickers import picker_lists
from generator.types.registry import project_types

# What each git host needs besides the repository: GitLab, Gitea and Forgejo log in with
# PKCE (no secret, so no server of our own); GitHub's OAuth needs one (`base_url`). Decap's
# gitea back end has no editorial workflow; its forgejo back end has.
BACKENDS: dict[str, dict[str, Any]] = {
    "gitlab": {"auth_type": "pkce"},
    "gitea": {},
    "forgejo": {},
    "github": {},
}
REVIEWS = ("gitlab", "forgejo", "github")


def backend(
    name: str,
    repo: str,
    branch: str = "main",
    *,
    app_id: str = "",
    base_url: str = "",
    api_root: str = "",
) -> dict[str, Any]:
    """Decap's `backend` for a git host."""
    found: dict[str, Any] = {"name": name, "repo": repo, "branch": branch, **BACKENDS[name]}
    for key, value in (("app_id", app_id), ("base_url", base_url), ("api_root", api_root)):
        if value:
            found[key] = value
    return found


def write_editor(
    project: Project,
    out: Path,
    host: dict[str, Any],
    *,
    review: bool = False,
    install_root: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the editor for `host` into `out` (index.html, its scripts and val.json); the
    names of the files written. Only files of these names are replaced. With `review`,
    saves become merge requests (Decap's editorial workflow) for someone to approve.
    `progress` is told in a line when Decap CMS is installed first."""
    modules = ensure_installed(install_root or project.root, progress)
    records, _ = check(project)
    types, _ = project_types(project.root)
    settings = config(host, types) | ({"publish_mode": "editorial_workflow"} if review else {})
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(editor_page(settings), encoding="utf-8")
    (out / "val.json").write_text(
        json.dumps(picker_lists(records, types), ensure_ascii=False), encoding="utf-8"
    )
    assets = asset_files(modules)
    for name, path in assets.items():
        shutil.copyfile(path, out / name)
    return ["index.html", "val.json", *assets]
