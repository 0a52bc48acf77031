"""Make record text safe to place in generated Markdown.

Record text is Markdown without HTML. Whatever an editor (or an attacker with commit rights)
writes, no tag, attribute list or script URL from YAML may reach the built site, so text is
escaped where it enters a template, not trusted to be clean.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# A link's destination, where Python-Markdown reads one: right after '](' (an inline link or
# image), or after '[label]:' at the start of a line, within quotes and list items too (a
# reference definition). Escapes, spaces and control characters are seen as they are, so a
# disguised address ('java<TAB>script:', 'javascript\\:') is never taken for a web address.
LINK_DESTINATION = re.compile(
    r"(\]\()[\x00-\x20]*<?[\x00-\x20]*([^\x00-\x20<>()]*)"
    r"|^([ \t>*+\-\d.)]*)\[[^\[\]\n]*\]:[\x00-\x20]*<?[\x00-\x20]*(\S*)",
    re.MULTILINE,
)
# Where a link in record text may go: a full web address, or an e-mail address.
_WEB_ADDRESS = re.compile(r"(?:https?://[^\\]|mailto:[^\\/]+@)", re.IGNORECASE)


def link_destinations(text: str) -> list[tuple[re.Match[str], str]]:
    """Every link destination in `text`, with the match that found it."""
    if "](" not in text and "]:" not in text:
        return []
    return [
        (match, match.group(2) if match.group(1) else match.group(4))
        for match in LINK_DESTINATION.finditer(text)
    ]


def is_web_address(destination: str) -> bool:
    return bool(_WEB_ADDRESS.match(destination))


def is_reference_definition(match: re.Match[str]) -> bool:
    """Whether a LINK_DESTINATION match is a reference definition ('[label]: address')."""
    return not match.group(1)


def _neutralise_link(match: re.Match[str]) -> str:
    """A link that goes anywhere but the web, and every reference definition, as text: its
    '(' or its definition's '[' escaped, so Markdown shows it as written and makes no link.
    A definition would hold for the whole page, not the field it stands in: '[1]: address'
    in one text would turn the page's own marks that read '[1]' into links to it."""
    if is_reference_definition(match):
        prefix = match.group(3)
        return prefix + "\\" + match.group(0)[len(prefix) :]
    if is_web_address(match.group(2)):
        return match.group(0)
    return "]\\(" + match.group(0)[2:]


_REPLACEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_ESCAPE = re.compile("|".join(map(re.escape, _REPLACEMENTS)))
# Text without these characters has nothing to escape and no link target: most record text,
# which a large build then passes through without the per-line work below.
_NEEDS_WORK = re.compile(r"[&<>{}\[\]()]")

# Python-Markdown looks for the end of a link's text and of its address from every '[' and
# every '(' after one, to the end of the text when there is none: a few hundred kilobytes of
# brackets kept a build busy for minutes. Brackets without a partner, or nested deeper than
# any link needs (an image in a link, parentheses in an address), are escaped, so each
# search ends within its link.
_OPENERS = {"[": "]", "(": ")"}
MAX_BRACKET_DEPTH = 3


def balanced_brackets(text: str) -> str:
    """`text` with a backslash before every '[' or '(' that has no partner or nests deeper
    than MAX_BRACKET_DEPTH; Markdown shows them as they are. One pass, whatever the text."""
    escaped: set[int] = set()
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    closers = {closer: opener for opener, closer in _OPENERS.items()}
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2  # an escaped character is no bracket
            continue
        if char in open_at:
            if len(open_at[char]) >= MAX_BRACKET_DEPTH:
                escaped.add(i)
            else:
                open_at[char].append(i)
        elif char in closers and open_at[closers[char]]:
            open_at[closers[char]].pop()
        i += 1
    escaped.update(*open_at.values())
    if not escaped:
        return text
    return "".join(f"\\{c}" if i in escaped else c for i, c in enumerate(text))


def safe_markdown(text: str) -> Markup:
    """Record text as Markdown that cannot carry raw HTML, attribute lists or script links:
    a link that does not go to a web address is shown as text (`kb check` warns of it).

    Line-start '>' stays a blockquote marker; every other '<', '>', '&', '{', '}' becomes an
    entity, which Markdown shows as the character but never parses as markup. Text that is
    already Markup (made by our own templates) passes unchanged.
    """
    if isinstance(text, Markup):
        return text
    if not _NEEDS_WORK.search(text):
        return Markup(text)
    text = balanced_brackets(LINK_DESTINATION.sub(_neutralise_link, text))
    lines = []
    for line in text.split("\n"):
        quote = re.match(r"^(\s*>)+", line)
        head = quote.group(0) if quote else ""
        lines.append(head + _ESCAPE.sub(lambda m: _REPLACEMENTS[m.group(0)], line[len(head) :]))
    return Markup("\n".join(lines))


def table_cell(text: str) -> Markup:
    """Record text for one cell of a Markdown table: one line, pipes escaped."""
    one_line = " ".join(text.split())
    safe = one_line if isinstance(text, Markup) else safe_markdown(one_line)
    return Markup(safe.replace("|", "\\|"))


def finalize(value: object) -> object:
    """Jinja `finalize` hook: every value a template prints is Markdown-escaped unless it is
    Markup (template output such as macros and links); autoescape then leaves it alone."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return safe_markdown(str(value))
