"""Loading: YAML becomes data with positions, and every oddity a located error."""

from pathlib import Path

import pytest

from generator.load import load_file


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "intervention" / "x.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_file(path, tmp_path, "intervention")


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_values_keep_their_line_and_column(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "id: x\nsources:\n  - id: s1\n    title: T\n")
    assert problems == []
    assert doc.values[("sources", 0, "title")] == (4, 12)
    assert doc.keys[("sources",)] == (2, 1)
    assert doc.data == {"id": "x", "sources": [{"id": "s1", "title": "T"}]}


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
