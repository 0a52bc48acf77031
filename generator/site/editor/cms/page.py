"""The editor page: Decap CMS's bundle, our small script, and the generated configuration
embedded as JSON (never as script, so no text in it can run)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from generator.locale import strings

STATIC = Path(__file__).resolve().parent / "static"
# Everything the page loads comes from its own address: Decap's bundle and its chunks are
# served from the installed package, and the policy makes the browser refuse anything else.
# Decap checks its configuration with ajv, which compiles validators with `new Function`,
# hence 'unsafe-eval'; scripts still come only from this address.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def asset_files(modules: Path) -> dict[str, Path]:
    """What the page loads besides itself, by name: our script and style, and Decap's bundle
    with the chunks it loads later (source maps left out)."""
    dist = modules / "decap-cms" / "dist"
    files = {p.name: p for p in dist.iterdir() if p.suffix == ".js"}
    return files | {name: STATIC / name for name in ("kb-cms.js", "kb-cms.css")}


def embedded_json(value: Any) -> str:
    """JSON that can stand inside a <script> element: `<` is escaped, so no `</script>` in a
    label or hint can end the element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def editor_page(config: dict[str, Any], check_url: str = "") -> str:
    """The HTML page that starts Decap with `config`; with `check_url`, the page shows the
    result of kb check after each save."""
    text = strings()["cms"]
    check = f' data-check-url="{html.escape(check_url)}"' if check_url else ""
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{html.escape(text["title"])}</title>
<link rel="stylesheet" href="kb-cms.css">
<script id="kb-cms-config" type="application/json">{embedded_json(config)}</script>
<script id="kb-cms-text" type="application/json">{embedded_json(text)}</script>
<script src="kb-cms.js" defer></script>
</head>
<body{check}>
<noscript>{html.escape(text["noscript"])}</noscript>
</body>
</html>
"""
