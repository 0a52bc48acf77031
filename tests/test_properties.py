"""Property tests: whatever bytes an editor saves, loading and validation never crash.

Documents are the real records, mutated the way files get damaged in practice (lines lost or
doubled, tabs, stray bytes, a value of the wrong kind), plus arbitrary text. Each either loads
or yields diagnostics that point at a real place: line and column counting from 1.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checking.validate import validate
from generator.diagnostics import Diagnostic
from generator.reading.load import load_file

REPO = Path(__file__).resolve().parent.parent
RECORDS = sorted((REPO / "data").glob("*/*.yaml"))
VALUES = [
    "[]",
    "{}",
    "123",
    "-1.5e9",
    "null",
    "~",
    "true",
    '"x"',
    "2026-13-01",
    "2026-01-15 10:00",
    "!!python/object/apply:os.system [x]",
    "&a x",
    "*a",
    "*nope",
    "<<: *a",
    "[[[[",
    "'",
    "|",
    ">-",
    "? x",
    "- x",
    "\t",
    "\x00",
    "\ufeff",
    "å\u030a",
]


@st.composite
def mutated_record(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real record file with a few random mutations, as (record type, bytes)."""
    path = draw(st.sampled_from(RECORDS))
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "tab", "bytes", "value", "swap"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "tab":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif kind == "bytes":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=4)) + lines[i][at:]
        elif kind == "value" and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    raw = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=3)) + raw[at:]
    return path.parent.name, raw


def check_bytes(record_type: str, raw: bytes) -> list[Diagnostic]:
    """Load and validate one file as `data/<type>/<stem>.yaml`; all problems found."""
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "data" / record_type / "post.yaml"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        doc, problems = load_file(path, Path(root), record_type)
        return problems + validate([doc])[1]


def assert_located(problems: list[Diagnostic], raw: bytes) -> None:
    """Every problem is in this file, at a line that exists (YAML also breaks lines at CR,
    NEL and the Unicode line and paragraph separators) and a column from 1."""
    text = raw.decode("utf-8", errors="replace")
    lines = len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))
    for problem in problems:
        assert problem.path == f"data/{problem.path.split('/')[1]}/post.yaml"
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert problem.severity in {"error", "warning"} and problem.message


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(mutated_record())
def test_a_damaged_record_loads_or_gets_located_errors(case: tuple[str, bytes]) -> None:
    record_type, raw = case
    assert_located(check_bytes(record_type, raw), raw)


@FAST
@given(
    st.sampled_from([p.parent.name for p in RECORDS]),
    st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)),
)
def test_arbitrary_bytes_load_or_get_located_errors(record_type: str, raw: bytes) -> None:
    assert_located(check_bytes(record_type, raw), raw)


def test_the_mutations_do_produce_errors() -> None:
    """Guard against a vacuous property: damaged files are in fact reported."""
    raw = RECORDS[0].read_bytes().replace(b"\n", b"\n\t", 1)
    problems = check_bytes(RECORDS[0].parent.name, raw)
    assert [p.line for p in problems if p.severity == "error"] == [2]
