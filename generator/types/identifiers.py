"""Identifiers a reader can find a text by (web address, DOI, ISBN), checked so that a typo
in a reading list or a bibliography never reaches the site."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from generator.locale import message

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
# Crossref's pattern for the DOIs in use; `(`, `)` and `;` occur in older ones.
Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")]


def _isbn(value: str) -> str:
    """An ISBN-10 or ISBN-13 whose check digit is right."""
    digits = value.replace("-", "").replace(" ", "").upper()
    if len(digits) == 13 and digits.isdigit():
        valid = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    elif len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [10 if d == "X" else int(d) for d in digits]
        valid = sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    else:
        raise ValueError(message("messages.types.isbn_length", isbn=value))
    if not valid:
        raise ValueError(message("messages.types.isbn_check_digit", isbn=value))
    return value


Isbn = Annotated[str, AfterValidator(_isbn)]

# A text's DOI and ISBN as the fields of a record that describes a text (a course's reading,
# a work in the bibliography): optional, and described once for the field reference.
DoiField = Annotated[
    Doi | None, Field(description="DOI utan adress, t.ex. `10.1007/s10488-022-01236-9`.")
]
IsbnField = Annotated[
    Isbn | None,
    Field(
        description="ISBN (10 eller 13 siffror, bindestreck tillåtna); "
        "kontrollsiffran kontrolleras."
    ),
]
