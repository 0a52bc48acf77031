"""A record's exact search words (its title, abbreviation and each of its search words) as one
word each that only a search for exactly that phrase finds.

Pagefind ranks by how often and where the words occur, so a page that merely contains every
word of a phrase (a method whose sources and search words repeat a reference's title, a
reference whose title names the method) can outrank the record whose own title or search word
the phrase is. A record's page therefore carries, as Pagefind metadata, one made-up word per
phrase, the phrase's `exact_word`; the site's search (assets/kb-pagefind.js) asks Pagefind for
the word of what the visitor typed as well, and shows the pages that carry it first. The
phrase is compared without case, diacritical marks and punctuation ("Öppenvård" is
"oppenvard"; "ø" and "æ" are letters of their own and stay), and the word is a 64-bit FNV-1a
hash of it in digits after a prefix no visitor types, so that Pagefind neither
stems it nor finds it for a shorter query (every such word has the same length). The script
computes the same word in the same way; tests/test_search_first_hit.py checks that the two
agree for every record.
"""

from __future__ import annotations

import unicodedata

PREFIX = "kbexakt"
_OFFSET = 0xCBF29CE484222325
_PRIME = 0x100000001B3
_MASK = 2**64 - 1


def normalized(text: str) -> str:
    """`text` lowercased, without diacritical marks, its words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    kept = (
        char if unicodedata.category(char)[0] in "LN" else " "
        for char in decomposed
        if unicodedata.category(char)[0] != "M"
    )
    return " ".join("".join(kept).split())


def exact_word(text: str) -> str:
    """The made-up word a page carries for the phrase `text`, and a search for it looks for."""
    value = _OFFSET
    for byte in normalized(text).encode("utf-8"):
        value = ((value ^ byte) * _PRIME) & _MASK
    return f"{PREFIX}{value:020d}"
