"""The header search's texts for kb-search.js, as a small module it imports.

The search button sits in the theme's header, on hand-written and generated pages alike and
under any engine, so its texts cannot come from a page's markup as the other scripts' do;
they come from the locale file through this generated file instead.
"""

from __future__ import annotations

import json

from generator.rendering.context import RenderContext

PATH = "assets/kb-search-strings.js"


def produce(ctx: RenderContext) -> None:
    texts = json.dumps(ctx.t["search"], ensure_ascii=False, indent=1)
    ctx.file(PATH, f"export default {texts};\n")
