"""Decap CMS and decap-server, installed from the lock file next to this module.

The manifest and lock live in the package (generator/site/editor/cms/), the installed packages
in the project's ignored .kb/cms/, and `npm ci` installs exactly what the lock says: the same
editor on every machine, and nothing fetched again while the lock is unchanged. Install
scripts are not run; both packages ship built files. npm's own output (hundreds of deprecation
warnings from Decap's dependencies) is kept back: the editor reads one Swedish line for the
step, and npm's words only when the install fails, when they tell what went wrong.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import UserError
from generator.locale import strings
from generator.site.children import start

MANIFEST = Path(__file__).resolve().parent
FILES = ("package.json", "package-lock.json")


class EditorError(UserError):
    """The editor cannot start (npm missing or failing, decap-server not answering); the
    message says what to do, in Swedish."""


def install_dir(root: Path) -> Path:
    return root / ".kb" / "cms"


def is_installed(root: Path) -> bool:
    """Whether .kb/cms holds what the lock in the package describes."""
    target = install_dir(root)
    return (target / "node_modules" / ".package-lock.json").is_file() and all(
        (target / name).is_file() and (target / name).read_bytes() == (MANIFEST / name).read_bytes()
        for name in FILES
    )


def ensure_installed(root: Path, progress: Callable[[str], None] | None = None) -> Path:
    """The node_modules folder, installed with `npm ci` first if the lock has changed;
    `progress` is told, in one line, when that install starts."""
    target = install_dir(root)
    if not is_installed(root):
        text = strings()["cms"]
        npm = shutil.which("npm")
        if npm is None:
            raise EditorError(text["npm_missing"])
        target.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            shutil.copyfile(MANIFEST / name, target / name)
        if progress is not None:
            progress(text["installing"])
        # Ended with kb (`children.start`); its output is shown only if it fails.
        install = start(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=target,
            stderr=subprocess.STDOUT,
        )
        output, _ = install.communicate()
        if install.returncode != 0:
            raise EditorError(
                text["npm_failed"].format(code=install.returncode, output=output.strip())
            )
    return target / "node_modules"
