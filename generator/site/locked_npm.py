"""`npm ci` of a lock file that ships inside kb: the editor's Decap CMS (editor/cms/) and
Pagefind (engine/pagefind/). Each folder's package.json and package-lock.json are copied to
where the packages go, and `npm ci` installs exactly what the lock says, without running any
package's install scripts: the same packages on every machine, fetched again only when the
lock changes. npm's own output is kept back, and shown only when the install fails, when it
tells what went wrong.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.diagnostics import UserError
from generator.locale import message
from generator.site.children import start

FILES = ("package.json", "package-lock.json")


def is_installed(manifest: Path, target: Path) -> bool:
    """Whether `target` holds what the lock in the folder `manifest` describes."""
    return (target / "node_modules" / ".package-lock.json").is_file() and all(
        (target / name).is_file() and (target / name).read_bytes() == (manifest / name).read_bytes()
        for name in FILES
    )


def install(manifest: Path, target: Path, missing: UserError) -> None:
    """Install the lock in the folder `manifest` into `target` with `npm ci`; `missing` is
    raised when there is no npm, and a failed install is told with npm's words."""
    npm = shutil.which("npm")
    if npm is None:
        raise missing
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(manifest / name, target / name)
    # Ended with kb (`children.start`); its output is shown only if it fails.
    process = start(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=target,
        stderr=subprocess.STDOUT,
    )
    output, _ = process.communicate()
    if process.returncode != 0:
        raise type(missing)(
            message("messages.npm.failed", code=process.returncode, output=output.strip())
        )
