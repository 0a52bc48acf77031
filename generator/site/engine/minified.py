"""The site's own scripts and stylesheets as a browser gets them: without their comments and
layout, so that a first visit transfers less (issue 27 item 2 counts every compressed byte of
a method page). The sources in content/assets keep their comments for whoever reads them;
what is built from them (by `kb build`, the plugin and `kb generate`'s tree, so that plain
MkDocs and Zensical build the same site) is minified by rJSmin and rCSSmin (pure Python, with
C speedups where a wheel has them), which give the same text for the same source, so a build
stays reproducible.

Only kb's own files are minified (`assets/kb.css`, `assets/kb-*.js`, `assets/kb-*.css`):
they are written in what rJSmin reads correctly (no template literal inside another;
tests/test_minified.py loads every one), which a publisher's own scripts need not be.
"""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.structure.files import File

MINIFIERS: dict[str, Callable[[str], str]] = {
    "assets/kb.css": rcssmin.cssmin,
    "assets/kb-*.js": rjsmin.jsmin,
    "assets/kb-*.css": rcssmin.cssmin,
}


def _minifier(path: str) -> Callable[[str], str] | None:
    """How the content file at `path` (relative to the content folder) is minified, if it is
    one of kb's own."""
    return next((how for pattern, how in MINIFIERS.items() if fnmatchcase(path, pattern)), None)


def minify(file: File) -> None:
    """Hand MkDocs `file`'s minified text to write instead of its source, if it is one of
    kb's own scripts or stylesheets."""
    minifier = _minifier(file.src_uri)
    if minifier is not None:
        file.content_string = minifier(file.content_string)


def as_built(path: str, source: Path) -> str | Path:
    """The content file at `path` as a tree has it: minified text if it is one of kb's own
    scripts or stylesheets, else the file itself (to copy)."""
    minifier = _minifier(path)
    return source if minifier is None else minifier(source.read_text(encoding="utf-8"))
