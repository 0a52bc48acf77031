"""The glossary's data for kb-glossary.js: every term's forms, explanation and address.

The glossary pages themselves are ordinary record pages; this file lets a script explain
a term on hover and keyboard focus wherever it appears, hand-written pages included.
"""

from __future__ import annotations

import json

from generator.rendering.context import RenderContext
from generator.types.term import Term

PATH = "data/ordlista.json"


def produce(ctx: RenderContext) -> None:
    terms = [term for term in ctx.kb.of_type("term") if isinstance(term, Term)]
    entries = [
        {"id": term.id, "forms": term.forms_in_text(), "text": term.summary, "url": term.address()}
        for term in terms
    ]
    ctx.file(PATH, json.dumps(entries, ensure_ascii=False, indent=1) + "\n")
