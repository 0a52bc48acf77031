"""Term: a word or abbreviation of the field, explained once and wherever it appears."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from generator.types.base import Fact, Record, Ref, Text


class Term(Record):
    """A glossary entry (begrepp). Its `summary` is the short explanation shown when a reader
    hovers over or tabs to the term on any page; `definition` is the sourced full one."""

    type_name: ClassVar[str] = "term"
    url_prefix: ClassVar[str] = "ordlista"
    position: ClassVar[int] = 8
    nav_position: ClassVar[int] = 9
    index_template: ClassVar[str] = "term-index.md.j2"

    expansion: Text | None = Field(
        None, description="Förkortningen utskriven, t.ex. 'Evidensbaserad praktik' för EBP."
    )
    definition: Fact = Field(description="Definitionen, med egna ord och källa.")
    forms: list[Text] = Field(
        default_factory=list,
        description="Fler former som ska förklaras där de står i texten, utöver `title` och "
        "`expansion` (t.ex. 'fidelity' för programtrohet). Former med bara "
        "versaler (förkortningar) måste stå exakt så; andra hittas oavsett "
        "stora och små bokstäver.",
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    def forms_in_text(self) -> list[str]:
        """Every form of the term a page may contain, title first."""
        return list(
            dict.fromkeys([self.title, *([self.expansion] if self.expansion else []), *self.forms])
        )
