"""Decap CMS and decap-server, installed from the lock file next to this module.

The manifest and lock live in the package (generator/site/editor/cms/), the installed packages
in the project's ignored .kb/cms/, and `npm ci` installs exactly what the lock says: the same
editor on every machine, and nothing fetched again while the lock is unchanged. Install
scripts are not run; both packages ship built files. npm's own output (hundreds of deprecation
warnings from Decap's dependencies) is kept back: the editor reads one Swedish line for the
step, and npm's words only when the install fails, when they tell what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import UserError
from generator.locale import strings
from generator.site import locked_npm

MANIFEST = Path(__file__).resolve().parent


class EditorError(UserError):
    """The editor cannot start (npm missing or failing, decap-server not answering); the
    message says what to do, in Swedish."""


def install_dir(root: Path) -> Path:
    return root / ".kb" / "cms"


def is_installed(root: Path) -> bool:
    """Whether .kb/cms holds what the lock in the package describes."""
    return locked_npm.is_installed(MANIFEST, install_dir(root))


def ensure_installed(root: Path, progress: Callable[[str], None] | None = None) -> Path:
    """The node_modules folder, installed with `npm ci` first if the lock has changed;
    `progress` is told, in one line, when that install starts."""
    target = install_dir(root)
    if not is_installed(root):
        text = strings()["cms"]
        if progress is not None:
            progress(text["installing"])
        locked_npm.install(MANIFEST, target, EditorError(text["npm_missing"]))
    return target / "node_modules"
