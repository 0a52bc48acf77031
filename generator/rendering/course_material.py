"""Course material files: each file a curriculum attaches is copied into the site at
`/material/<file>`, so the course page and the handout can link to it on any host."""

from __future__ import annotations

from generator.checking.material_files import FOLDER
from generator.rendering.context import RenderContext
from generator.types import Curriculum


def produce(ctx: RenderContext) -> None:
    for record in ctx.kb.of_type("curriculum"):
        assert isinstance(record, Curriculum)
        for file in record.material_files():
            ctx.copy(f"{FOLDER}/{file}", ctx.kb.material_path(file))
