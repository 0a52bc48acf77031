"""`kb build`: MkDocs builds the site while the generator renders its pages, on two cores.

MkDocs needs every file's path and the navigation before it reads the first page; the
generator knows them once the records are checked, before it renders any page (see
`Rendered`). So a forked child imports the generator, checks the data and sends that
layout, then renders page after page in the order MkDocs reads them; meanwhile this process
imports MkDocs, loads the config and the theme, and then converts each page as it arrives.
The child is forked before the record types and templates are imported, so that it
imports them while this process imports MkDocs. Without a second core (or with other
threads running) the same work is done here, one step after the other. Either way the
site is the one plain MkDocs builds from `kb generate`'s tree (tests/test_site.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.locale import message
from generator.parallel import Child, ChildEnded, can_fork
from generator.reading.project import Project
from generator.site.engine.site_files import GeneratedHere, Layout, Pages
from generator.site.engine.staging import ensure_replaceable


class GeneratedInChild:
    """The pages generated in a forked child, each received when MkDocs asks for it."""

    def __init__(self, project: Project) -> None:
        self._child = Child(lambda send: _send_pages(GeneratedHere(project), send))
        self._early: dict[str, str] = {}  # texts that came before the one asked for

    def layout(self) -> Layout:
        layout: Layout = self._receive()
        return layout

    def text(self, path: str) -> str:
        while path not in self._early:
            sent, text = self._receive()
            self._early[sent] = text
        return self._early.pop(path)

    def _receive(self) -> Any:
        try:
            return self._child.receive()
        except ChildEnded:
            raise RuntimeError(message("messages.build.child_ended")) from None

    def close(self) -> None:
        self._child.close()


def _send_pages(pages: GeneratedHere, send: Any) -> None:
    layout = pages.layout()
    send(layout)
    for path in layout.paths:
        send((path, pages.text(path)))


def build(project: Project, site_dir: Path) -> None:
    """Generate and build the site into `site_dir`, replacing it only if everything succeeds;
    raises DataError (before MkDocs reads any page) if the data has errors, and UserError
    before any work if `site_dir` is not kb's to replace."""
    ensure_replaceable(site_dir, project.root, project.content_dir)
    pages: Pages = GeneratedInChild(project) if can_fork() else GeneratedHere(project)
    try:
        # MkDocs is imported only now, while the child already imports the generator.
        from generator.site.engine.mkdocs_pages import build_with

        build_with(pages, project, site_dir)
    finally:
        pages.close()
