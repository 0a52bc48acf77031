"""The editors' field reference (/redaktorer/falt/) speaks Swedish: each part of a record
type (a source, an age range, a verdict) is headed, introduced and linked to in the
locale's words, never by its model's English name and docstring."""

import re
from collections.abc import Callable

from generator.locale import strings
from generator.reading.project import Project
from generator.rendering.field_reference import field_tables
from generator.site.engine.generation import generate
from generator.types import RECORD_TYPES
from generator.types.text import table_cell

PAGE = "redaktorer/falt.md"
# A part's heading and the paragraph that introduces it, as the page writes them.
PART = re.compile(r"^### (?P<title>.+?) \{ #[\w-]+ \}\n\n(?P<text>.+)$", re.MULTILINE)


def parts_on_the_page(make_project: Callable[..., Project]) -> list[tuple[str, str]]:
    page = generate(make_project()).files[PAGE]
    return [(found["title"], found["text"]) for found in PART.finditer(page)]


def test_every_part_is_headed_and_introduced_in_the_locales_swedish(
    make_project: Callable[..., Project],
) -> None:
    parts = strings()["fields"]["parts"]
    swedish = {
        (part["title"], str(table_cell(part["text"]))) for part in parts.values() if "text" in part
    }
    found = parts_on_the_page(make_project)
    assert len(found) > 40
    assert [part for part in found if part not in swedish] == []


def test_no_heading_is_a_models_english_name(make_project: Callable[..., Project]) -> None:
    """Before, the parts were headed 'Source', 'Fact', 'EvidenceRating' …; the few names
    that are Swedish words too (Version, Material, Region) are the locale's choice."""
    titles = {part["title"] for part in strings()["fields"]["parts"].values()}
    page = generate(make_project()).files[PAGE]
    headings = re.findall(r"^#{1,3} (.+?)(?: \{ #[\w-]+ \})?$", page, re.MULTILINE)
    models = {
        table["name"] for name, cls in RECORD_TYPES.items() for table in field_tables(cls, name)
    }
    english = [h for h in headings if h in models and h not in titles]
    assert "Källa" in headings and "Uppgift med källa" in headings
    assert english == []


def test_a_field_whose_value_is_a_part_links_to_it_by_its_swedish_name(
    make_project: Callable[..., Project],
) -> None:
    page = generate(make_project()).files[PAGE]
    assert "| `target_group` | [Uppgift med källa](#intervention-fact) | nej |" in page
    assert "| `sources` | lista av [Källa](#intervention-source) |" in page
    assert "sant eller falskt (`true`, `false`)" in page
