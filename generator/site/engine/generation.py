"""The first half of every build: the project checked, modelled and rendered (`generate`).

Takes a project (and, in `kb serve`, what unchanged record files held last time). Gives the
rendered pages, files and navigation, or raises DataError listing every error. Every way of
building (`kb generate` and `kb serve` through a tree, `kb build` and the plugin in memory)
starts here, through `GeneratedHere` in site_files.py.
"""

from __future__ import annotations

from generator.checking.check import check
from generator.checking.material_files import FOLDER as MATERIAL
from generator.diagnostics import DataError, Diagnostic, has_errors
from generator.locale import message
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.load import ParseCache
from generator.reading.project import Project
from generator.reading.versions import read_history
from generator.rendering import render
from generator.rendering.generated_addresses import generated_addresses
from generator.rendering.rendered import Rendered
from generator.site.publishing.publication import site_url
from generator.types.meaning import relied_on
from generator.types.registry import project_types


def generate(project: Project, cache: ParseCache | None = None) -> Rendered:
    """The rendered knowledge base; raises DataError listing every error if there is one.
    Warnings do not stop a build; `kb check` and the maintenance page show them."""
    records, problems = check(project, cache=cache, taken=generated_addresses)
    if has_errors(problems):
        raise DataError(problems)
    content_pages = project.content_pages()
    types = project_types(project.root)[0]
    kb = KnowledgeBase(
        records,
        material_dir=project.data_dir / MATERIAL,
        types=types,
        history=read_history(project.data_dir, [name for name in types if relied_on(types[name])]),
    )
    # Links are written with the addresses the engine gives pages (rendering/html_out.py).
    directory_urls = project.config().get("use_directory_urls", True) is not False
    rendered = render(kb, content_pages, directory_urls=directory_urls, site_url=site_url(project))
    collisions = set(rendered.sources) & set(content_pages)
    if collisions:
        raise DataError(
            [
                Diagnostic(
                    f"{project.content_dir.name}/{path}",
                    1,
                    1,
                    "error",
                    message("messages.tree.clash"),
                    message("messages.tree.clash_hint"),
                )
                for path in sorted(collisions)
            ]
        )
    return rendered
