"""Generated structures written as the HTML Python-Markdown would make of them.

Python-Markdown finds a link by matching brackets, which costs time with the square of the
brackets in a paragraph, and MkDocs then rewrites every link's address; most of a large
build went there (bench/README.md, issue 29). The generator knows what it links to, so it
writes links, citation marks and lists of links as HTML with the address the engine would
have given them, which Markdown passes through. Headings stay Markdown (the table of
contents is made from them), and so does record text: a title is written as HTML only when
it holds nothing Markdown would change; otherwise it is written as before, as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from markupsafe import Markup

# What makes Python-Markdown change inline text (escapes, code, emphasis, links, images, raw
# HTML, its own placeholders, attribute lists, an '&' that starts no entity); text without
# them comes out of Markdown as it went in. Entities (record text's '&amp;', '&lt;', …) pass.
_MARKDOWN_SIGNS = re.compile(
    r"[\\`*_\[\]!<>{}\x02\x03]|&(?!(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"
)


def is_plain(text: str) -> bool:
    """Whether Markdown would leave `text` (already escaped for Markdown) as it is."""
    return not _MARKDOWN_SIGNS.search(text)


# Our own inline HTML in a line of generated text: a citation mark (Markdown leaves its '[n]'
# alone) and any other tag, which can only be ours, since record text holds no '<'
# (`safe_markdown` makes each one an entity).
_OUR_HTML = re.compile(
    r'<sup><a href="#[^"<>]*">\[\d+\]</a></sup>|</?[a-z]+(?: [a-z-]+="[^"<>]*")*>'
)
# What starts a block even inside a paragraph (a heading, a rule or setext underline, a
# definition, a fence) or would be read as one at the start of a line or a list item (a
# list, a number and a full stop).
_BLOCK_START = re.compile(r"[#:=~+*_>-]|\d+\.\s")


def stays_as_written(line: Markup) -> bool:
    """Whether Markdown would leave `line` (one line of record text escaped for Markdown, with
    our own links and citation marks) as it is, in a paragraph after another line or as the
    text of a list item."""
    return (
        "\n" not in line
        and bool(line)
        and line == line.strip()
        and not _BLOCK_START.match(line)
        and is_plain(_OUR_HTML.sub("", line))
    )


def fact_card(label: Markup, text: Markup) -> Markup:
    """A fact card (a label and its one line of text) as the HTML Python-Markdown makes of the
    card's Markdown block when neither would change, which Markdown then passes on without
    parsing it; otherwise that Markdown block, parsed as before."""
    shown = f'<span class="kb-fact-label">{label}</span>'
    if stays_as_written(label) and stays_as_written(text):
        return Markup(f'<div class="kb-fact">\n<p>{shown}\n{text}</p>\n</div>')
    return Markup(f'<div class="kb-fact" markdown>\n{shown}\n{text}\n</div>')


def labelled(label: Markup, value: Markup, as_html: bool) -> Markup:
    """A paragraph of a label in bold and its value: as the HTML Markdown makes of
    `**label:** value` when `as_html` (the caller knows the value would not change), else as
    that Markdown."""
    if as_html:
        return Markup(f"<p><strong>{label}:</strong> {value}</p>")
    return Markup(f"**{label}:** {value}")


@cache
def page_url(path: str, directory_urls: bool = True) -> str:
    """The address the engine gives the page of the docs-relative Markdown file `path`, as
    MkDocs' `File.url` does: `a/b.md` -> `a/b/` (or `a/b.html`), `a/index.md` -> `a/`."""
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".md")
    if stem == "index":
        dest = "index.html"
    elif directory_urls:
        dest = f"{stem}/index.html"
    else:
        dest = f"{stem}.html"
    url = f"{folder}/{dest}" if folder else dest
    if directory_urls and url.endswith("index.html"):
        return url.removesuffix("index.html") or "./"
    return url


def _parts(url: str) -> list[str]:
    return [part for part in url.split("/") if part not in ("", ".")]


@cache
def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, as MkDocs' `get_relative_url` gives it (for
    the addresses `page_url` makes, which have no '..')."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return link + "/" if url.endswith("/") else link


def href(from_path: str, to_path: str, anchor: str = "", directory_urls: bool = True) -> str:
    """The address of a link on the page of `from_path` to the page of `to_path` (and an
    anchor on it), as MkDocs writes a Markdown link between the two files."""
    link = relative_url(page_url(to_path, directory_urls), page_url(from_path, directory_urls))
    return f"{link}#{anchor}" if anchor else link


def anchor(address: str, text: Markup, css_class: str = "") -> Markup:
    """A link as Markdown writes `[text](address)` (with `{: .class }` after it)."""
    attributes = f' class="{css_class}"' if css_class else ""
    return Markup(f'<a href="{address}"{attributes}>{text}</a>')


def lines_as_bullets(lines: Iterable[Markup]) -> Markup:
    """A bulleted list of lines of text (`bullets`): as HTML when no line would change."""
    return bullets((line, stays_as_written(line)) for line in lines)


def bullets(items: Iterable[tuple[Markup, bool]]) -> Markup:
    """A bulleted list of (item, whether it is HTML): as the HTML Markdown makes of `- item`
    lines when every item is, which Markdown passes on as a block without parsing it (the
    template puts blank lines around it); else as those lines."""
    listed = list(items)
    if all(is_html for _, is_html in listed):
        rows = "".join(f"<li>{item}</li>\n" for item, _ in listed)
        return Markup(f"<ul>\n{rows}</ul>")
    return Markup("\n".join(f"- {item}" for item, _ in listed))
