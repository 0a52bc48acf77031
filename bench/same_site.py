"""Whether two built sites show the same thing: every page's parsed DOM, normalised.

Usage: .venv/bin/python bench/same_site.py BEFORE/site AFTER/site

Issue 29 writes links, citation marks and lists as HTML instead of Markdown; the bytes of a
page may differ (where Markdown and the generator put a line break), but what a reader, a
screen reader, a script or the search index sees may not. Each page is parsed with Python's
HTML parser into start tags with their attributes in sorted order, end tags and text with its
runs of white space made one space (text that is only white space left out); character
references are read. Both sites must have the same files; the HTML pages must be equal so
read, and every other file byte for byte but for `sitemap.xml.gz` (it holds the build's time)
and the search index (`pagefind/`, made from the pages compared here). Prints every page
that differs with its first difference, and exits with 1 if any does.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

# Elements without an end tag, however the page writes them (`<br>` or `<br />`).
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_NOT_COMPARED = ("sitemap.xml.gz", "pagefind/")


class _Normalised(HTMLParser):
    """A page as a list of normalised events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(f'{k}="{v}"' if v is not None else k for k, v in sorted(attrs))
        self.events.append(f"<{tag} {shown}>" if shown else f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.events.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.events.append(text)

    def handle_comment(self, data: str) -> None:
        self.events.append(f"<!--{data}-->")


def normalised(html: str) -> list[str]:
    parser = _Normalised()
    parser.feed(html)
    parser.close()
    return parser.events


def differences(before: Path, after: Path) -> list[str]:
    """Every file that is missing on one side or differs, with its first difference."""
    names = {
        str(p.relative_to(site)) for site in (before, after) for p in site.rglob("*") if p.is_file()
    }
    found = []
    for name in sorted(names):
        if name.startswith(_NOT_COMPARED):
            continue
        old, new = before / name, after / name
        if not old.is_file() or not new.is_file():
            found.append(f"{name}: only in {'after' if new.is_file() else 'before'}")
        elif name.endswith(".html"):
            a = normalised(old.read_text(encoding="utf-8"))
            b = normalised(new.read_text(encoding="utf-8"))
            if a != b:
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
                at = min(len(a), len(b)) if at is None else at
                found.append(f"{name}: {a[at : at + 3]} != {b[at : at + 3]}")
        elif old.read_bytes() != new.read_bytes():
            found.append(f"{name}: bytes differ")
    return found


def main() -> None:
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    found = differences(before, after)
    pages = sum(1 for _ in after.rglob("*.html"))
    for line in found:
        print(line)
    print(f"{pages} pages compared, {len(found)} files differ")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
