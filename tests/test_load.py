"""Loading: YAML becomes data with positions, and every oddity a located error."""

import re
import tracemalloc
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostic
from generator.reading.load import MAX_DEPTH, MAX_NODES, SourceDocument, load_data, load_file
from generator.reading.yaml_syntax import explain


def load(tmp_path: Path, text: str | bytes) -> tuple[SourceDocument, list[Diagnostic]]:
    path = tmp_path / "intervention" / "x.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_file(path, tmp_path, "intervention")


def only(problems: list[Diagnostic]) -> Diagnostic:
    assert len(problems) == 1, problems
    return problems[0]


def test_values_keep_their_line_and_column(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "id: x\nsources:\n  - id: s1\n    title: T\n")
    assert problems == []
    assert doc.values[("sources", 0, "title")] == (4, 12)
    assert doc.keys[("sources",)] == (2, 1)
    assert doc.data == {"id": "x", "sources": [{"id": "s1", "title": "T"}]}


@pytest.mark.parametrize("filler", [1, 400])
def test_positions_are_the_same_whether_a_file_is_read_quickly_or_carefully(
    tmp_path: Path, filler: int
) -> None:
    """A file without problems is read without positions, which are found when first asked
    for; they must be exactly those of a careful reading (here forced by a rejected tag), in
    short files and in long ones (over 8,192 characters, which are read quickly too when
    they cannot nest deeply)."""
    text = "id: x\nsources:\n  - id: s1\n    title: T\n    # ett\n  - {id: s2, title: 'U'}\n"
    text += "".join(f"k{i}: >\n  Text som fortsätter\n" for i in range(filler))
    quick, problems = load(tmp_path, text)
    assert problems == []
    careful, problems = load(tmp_path, text + "z: !!binary aGVq\n")
    assert [p.message for p in problems] == [
        "YAML-taggen 'tag:yaml.org,2002:binary' är inte tillåten"
    ]
    assert quick.values == {k: v for k, v in careful.values.items() if k != ("z",)}
    assert quick.keys == {k: v for k, v in careful.keys.items() if k != ("z",)}
    assert quick.values[("sources", 1, "title")] == (6, 21)
    assert quick.data == {k: v for k, v in careful.data.items() if k != "z"}


def test_duplicate_key_is_an_error_at_the_second_key(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "id: x\ntitle: A\ntitle: B\n")
    problem = only(problems)
    assert (problem.path, problem.line, problem.column) == ("intervention/x.yaml", 3, 1)
    assert "två gånger" in problem.message and "rad 2" in problem.hint


def test_python_tags_are_reported_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    _, problems = load(tmp_path, f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    problem = only(problems)
    assert (problem.line, problem.column) == (1, 5)
    assert "inte tillåten" in problem.message
    assert not marker.exists()


def test_tab_indentation_gives_a_located_syntax_error(tmp_path: Path) -> None:
    problem = only(load(tmp_path, "id: x\nsources:\n\t- id: s1\n")[1])
    assert problem.line == 3
    assert problem.message.startswith("ogiltig YAML")


# Syntax errors as editors make them: the text, where the mistake is, and the message.
SYNTAX_ERRORS = {
    "a quote never closed": (
        'id: x\ntitle: "Alfa\nsummary: En metod.\n',
        (2, 8),
        'citattecknet " stängs aldrig',
    ),
    "a quote closed lines later": (
        "id: x\ntitle: 'Alfa\nsummary: 'En metod.'\n",
        (2, 8),
        "citattecknet ' stängs inte förrän på rad 3",
    ),
    "text after a closing quote": (
        'id: x\ntitle: "Alfa" metoden\n',
        (2, 15),
        "text efter det avslutande citattecknet",
    ),
    "a bracket never closed": ("id: x\nkeywords: [\n", (2, 11), "hakparentesen '[' stängs aldrig"),
    "a brace never closed": (
        "id: x\nages: {min: 3, max: 12\nsummary: En metod.\n",
        (2, 7),
        "klammerparentesen '{' stängs aldrig",
    ),
    "a comma missing in braces": (
        "sources:\n  - {id: s1 title: Källa}\n",
        (2, 13),
        "kommatecken saknas före 'title'",
    ),
    "a bracket that closes nothing": ("keywords: [a, b]]\n", (1, 17), "']' stänger ingen parentes"),
    "a colon in a value": ("id: x\ntitle: Alfa: en metod\n", (2, 12), "kolon och mellanslag"),
    "a key indented under a value": (
        "id: x\ntitle: Alfa\n  summary: En metod.\n",
        (3, 3),
        "raden har större indrag än nyckeln ovanför",
    ),
    "a field of a list item out of line": (
        "id: x\nsources:\n  - id: s1\n   title: T\n",
        (4, 4),
        "raden har fel indrag",
    ),
    "a list item out of line": ("keywords:\n  - a\n - b\n", (3, 2), "listpunkten har fel indrag"),
    "a key without a colon": ("id: x\nsummary\nreviewed: 2026-01-15\n", (2, 1), "raden saknar ':'"),
    "a tab": ("id: x\nsources:\n\t- id: s1\n", (3, 1), "tabbtecken i indraget"),
    "a backslash": ('id: x\ntitle: "C:\\Alfa"\n', (2, 11), "felaktig escape-sekvens '\\A'"),
    "a character that starts nothing": ("id: x\ntitle: `Alfa`\n", (2, 8), "tecknet '`'"),
    "an alias without an anchor": ("id: *x\n", (1, 5), "aliaset '*x' har inget ankare"),
    "an anchor given twice": ("a: &x 1\nb: &x 2\n", (2, 4), "ankaret '&x' finns redan"),
}


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "PyYAML"])
@pytest.mark.parametrize("case", SYNTAX_ERRORS)
def test_a_syntax_error_is_reported_in_swedish_where_the_mistake_is(
    case: str, loader: type[yaml.SafeLoader]
) -> None:
    """Both parsers word their errors in English, differently, and often give up far from
    the mistake; the report is the same Swedish sentence at the mistake from either."""
    text, where, message = SYNTAX_ERRORS[case]
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=loader)
    problem = explain(text, raised.value)
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(f"ogiltig YAML: {message}")
    assert not re.search(r"\b(found|expected|while|token)\b", problem.message + problem.hint)


def test_a_record_with_a_syntax_error_is_reported_where_the_quote_opens(tmp_path: Path) -> None:
    problem = only(load(tmp_path, 'id: x\ntitle: "Alfa\nsummary: En metod.\n')[1])
    assert problem.format() == (
        'intervention/x.yaml:2:8: error: ogiltig YAML: citattecknet " stängs aldrig '
        '(avsluta texten med "; ett " inne i texten skrivs \\")'
    )


@pytest.mark.parametrize("text", ["", "# bara en kommentar\n"])
def test_empty_file_is_an_error(tmp_path: Path, text: str) -> None:
    assert only(load(tmp_path, text)[1]).message == "filen är tom"


def test_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    problem = only(load(tmp_path, "id: x\ntitle: G\xf6teborg\n".encode("latin-1"))[1])
    assert (problem.line, problem.column, problem.message) == (2, 9, "filen är inte UTF-8")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, b"\xef\xbb\xbfid: x\n")
    assert problems == [] and doc.data == {"id": "x"}


def test_alias_bomb_is_rejected_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    problem = only(load(tmp_path, "\n".join(lines) + "\n")[1])
    assert "aliasbomb" in problem.message


def test_control_character_is_located_by_character_not_byte(tmp_path: Path) -> None:
    problem = only(load(tmp_path, "id: x\ntitle: Göteborg\x07\n")[1])
    assert (problem.path, problem.line, problem.column) == ("intervention/x.yaml", 2, 16)
    assert problem.message == "otillåtet tecken U+0007 (styrtecken)"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("reviewed: 2026-13-01\n", "2026-13-01"),
        ("reviewed: 2026-02-30\n", "2026-02-30"),
        ("reviewed: 2026-01-15 10:30\n", "2026-01-15 10:30"),
        ("reviewed: 2026-01-15T00:00:00\n", "2026-01-15T00:00:00"),
        ("credits: !!int sju\n", "sju"),
    ],
)
def test_values_yaml_cannot_construct_stay_the_text_the_editor_wrote(
    tmp_path: Path, text: str, value: str
) -> None:
    """Validation then reports them against the field's type, quoting exactly this text."""
    doc, problems = load(tmp_path, text)
    assert problems == []
    assert list(doc.data.values()) == [value]


@pytest.mark.parametrize("depth", [100, 1_500, 200_000])
def test_deep_flow_nesting_is_rejected_at_the_first_level_too_deep(
    tmp_path: Path, depth: int
) -> None:
    """Also past libyaml's own nesting limit (1,000 levels in newer releases), which stops
    scanning far from the level the editor needs to see."""
    doc, problems = load(tmp_path, "id: x\nsteps: " + "[" * depth + "]" * depth + "\n")
    problem = only(problems)
    assert (problem.path, problem.line, problem.column) == ("intervention/x.yaml", 2, 8 + MAX_DEPTH)
    assert problem.message == f"dokumentet är nästlat djupare än {MAX_DEPTH} nivåer"
    assert doc.data is None


@pytest.mark.parametrize("depth", [100, 300])
def test_deep_block_nesting_is_rejected_at_the_same_place_in_short_and_long_files(
    tmp_path: Path, depth: int
) -> None:
    text = "id: x\nsteps:\n" + "".join("  " * i + "- x:\n" for i in range(depth))
    problem = only(load(tmp_path, text)[1])
    assert (problem.line, problem.column) == (32, 61)
    assert problem.message == f"dokumentet är nästlat djupare än {MAX_DEPTH} nivåer"


def test_alias_bomb_is_refused_at_the_first_alias_past_the_limit_in_bounded_memory(
    tmp_path: Path,
) -> None:
    """Eleven lines that would expand to 10**12 values; a5 is the first past the limit. Time
    is bounded by the same count of values (bench/ measures it); memory is checked here."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 12)]
    text = "\n".join(lines) + "\n"
    problem = only(load(tmp_path, text)[1])
    tracemalloc.start()
    load(tmp_path, text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (problem.path, problem.line, problem.column) == ("intervention/x.yaml", 6, 1)
    assert problem.message == f"dokumentet har fler än {MAX_NODES} värden (aliasbomb?)"
    assert peak < 200 * 1024 * 1024


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "intervention" / "x.yaml"
    path.parent.mkdir()
    path.write_bytes(b"id: x\n" + b"# fyllnad\n" * 20)
    problem = only(load_file(path, tmp_path, "intervention", max_file_bytes=100)[1])
    assert (problem.path, problem.line, problem.column) == ("intervention/x.yaml", 1, 1)
    assert problem.message == "filen är 206 byte, större än gränsen 100 byte"


def test_course_material_and_hidden_files_in_data_are_not_stray(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for rel in [
        "material/kurs/bilder.pdf",
        "material/uppgift.docx",
        "stage/.start.yaml.swp",
        "stage/anteckning.txt",
        "readme.md",
    ]:
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("x", encoding="utf-8")
    documents, problems = load_data(data, tmp_path, ["stage"])
    assert documents == []
    assert [(p.path, p.line, p.column, p.message) for p in problems] == [
        ("data/readme.md", 1, 1, "filen är ingen post"),
        ("data/stage/anteckning.txt", 1, 1, "filen är ingen post"),
    ]
