"""What an editor sees from `kb check`: one exact line per problem and the exit code.

Each case is one mistake from the editors' issue, made in an otherwise valid small project;
the expected output is the whole report, so a case also proves nothing else is reported.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from conftest import record

from generator.checking.check import check
from generator.reading.project import Project
from generator.reading.project import today as build_day
from generator.site.command.cli import main
from generator.types import RECORD_TYPES

# The process record of the minimal project, so a case can change one line of it:
# id, title, summary, reviewed, description, steps (two, on lines 7 and 8), sources.
STEG = record("process")
STEG_FILE = "data/process/steg.yaml"


def steg(old: str, new: str) -> dict[str, str | bytes | None]:
    """The minimal project with one line of the process record changed."""
    assert old in STEG
    return {"process/steg.yaml": STEG.replace(old, new)}


def run_check(
    project: Project, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, list[str]]:
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stderr.splitlines()


def write(project: Project, files: dict[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        path = project.data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")


CASES: dict[str, tuple[dict[str, str | bytes | None], list[str]]] = {
    # YAML syntax: in Swedish, where the mistake is (an unclosed bracket or quote where it
    # opens, not where the parser gave up at the end of the file).
    "yaml-syntax": (
        steg("title: Steg för steg", "title: [Steg för steg"),
        [
            f"{STEG_FILE}:2:8: error: ogiltig YAML: hakparentesen '[' stängs aldrig (avsluta med "
            "']', eller sätt värdet inom citattecken om det ska börja med '[')",
        ],
    ),
    "unclosed-brace": (
        steg("  - {id: sok, title: Sök kunskap}", "  - {id: sok, title: Sök kunskap"),
        [
            f"{STEG_FILE}:8:5: error: ogiltig YAML: klammerparentesen '{{' stängs aldrig (avsluta "
            "med '}', eller sätt värdet inom citattecken om det ska börja med '{')",
        ],
    ),
    "missing-comma": (
        steg("{id: sok, title: Sök kunskap}", "{id: sok title: Sök kunskap}"),
        [
            f"{STEG_FILE}:8:14: error: ogiltig YAML: kommatecken saknas före 'title' (skilj "
            "värdena åt med kommatecken)",
        ],
    ),
    "text-after-quote-in-braces": (
        steg("{id: sok, title: Sök kunskap}", '{id: sok, title: "Sök" kunskap}'),
        [
            f"{STEG_FILE}:8:28: error: ogiltig YAML: text efter det avslutande citattecknet "
            "(sätt hela värdet inom citattecknen, eller skriv det utan citattecken)",
        ],
    ),
    "unclosed-quote": (
        steg("title: Steg för steg", 'title: "Steg för steg'),
        [
            f'{STEG_FILE}:2:8: error: ogiltig YAML: citattecknet " stängs aldrig (avsluta texten '
            'med "; ett " inne i texten skrivs \\")',
        ],
    ),
    "quote-closed-lines-later": (
        steg(
            "title: Steg för steg\nsummary: En process.",
            'title: "Steg för steg\nsummary: "En process."',
        ),
        [
            f'{STEG_FILE}:2:8: error: ogiltig YAML: citattecknet " stängs inte förrän på rad 3 '
            '(en text inom citattecken slutar vid nästa "; stäng den där den slutar, och skriv '
            '\\" för ett " inne i texten)',
        ],
    ),
    "text-after-quote": (
        steg("summary: En process.", 'summary: "En process" i steg.'),
        [
            f"{STEG_FILE}:3:23: error: ogiltig YAML: text efter det avslutande citattecknet "
            "(sätt hela värdet inom citattecknen, eller skriv det utan citattecken)",
        ],
    ),
    "colon-in-value": (
        steg("summary: En process.", "summary: En process: kort."),
        [
            f"{STEG_FILE}:3:20: error: ogiltig YAML: kolon och mellanslag i ett värde utan "
            'citattecken (sätt värdet inom citattecken, till exempel "Alfa: en metod")',
        ],
    ),
    "indented-key": (
        steg("summary: En process.", "  summary: En process."),
        [
            f"{STEG_FILE}:3:3: error: ogiltig YAML: raden har större indrag än nyckeln ovanför "
            "(nycklar i samma mappning börjar i samma kolumn; ska texten ovanför fortsätta här, "
            "sätt den inom citattecken)",
        ],
    ),
    "list-indentation": (
        steg("  - {id: sok", " - {id: sok"),
        [
            f"{STEG_FILE}:8:2: error: ogiltig YAML: listpunkten har fel indrag (punkterna i en "
            "lista börjar med '- ' i samma kolumn, under sin nyckel)",
        ],
    ),
    "missing-colon": (
        steg("reviewed: 2026-01-15", "reviewed 2026-01-15"),
        [
            f"{STEG_FILE}:4:1: error: ogiltig YAML: raden saknar ':' efter nyckeln (skriv "
            "nyckel: värde; en text som fortsätter på nästa rad har större indrag än sin nyckel)",
        ],
    ),
    "unknown-escape": (
        steg("summary: En process.", 'summary: "C:\\Dokument\\steg"'),
        [
            f"{STEG_FILE}:3:13: error: ogiltig YAML: felaktig escape-sekvens '\\D' inom dubbla "
            "citattecken (skriv \\\\ för ett bakstreck, eller sätt texten inom enkla citattecken)",
        ],
    ),
    "character-that-starts-nothing": (
        steg("summary: En process.", "summary: @steg är en process."),
        [
            f"{STEG_FILE}:3:10: error: ogiltig YAML: tecknet '@' kan inte inleda ett värde "
            "(sätt värdet inom citattecken)",
        ],
    ),
    "tab-indentation": (
        steg("  - {id: sok", "\t- {id: sok"),
        [
            f"{STEG_FILE}:8:1: error: ogiltig YAML: tabbtecken i indraget (använd mellanslag för "
            "indrag)",
        ],
    ),
    "duplicate-key": (
        steg("summary: En process.", "summary: En process.\ntitle: Igen"),
        [
            f"{STEG_FILE}:4:1: error: nyckeln 'title' förekommer två gånger "
            "(första gången på rad 2)",
        ],
    ),
    "empty-file": (
        {"process/steg.yaml": "\n"},
        [
            f"{STEG_FILE}:1:1: error: filen är tom (en post måste åtminstone ha id, title, "
            "reviewed och sources)",
        ],
    ),
    "not-utf8": (
        {"process/steg.yaml": STEG.replace("för", "f\xf6r").encode("latin-1")},
        [
            f"{STEG_FILE}:2:14: error: filen är inte UTF-8 (spara filen som UTF-8)",
        ],
    ),
    "python-tag": (
        steg("summary: En process.", "summary: !!python/object/apply:os.system [echo hej]"),
        [
            f"{STEG_FILE}:3:10: error: YAML-taggen 'tag:yaml.org,2002:python/object/apply:"
            "os.system' är inte tillåten (ta bort taggen; poster får bara innehålla text, tal, "
            "datum, listor och mappningar)",
        ],
    ),
    "control-character": (
        steg("Om processen.", "Om pro\x1bcessen."),
        [
            f"{STEG_FILE}:5:20: error: otillåtet tecken U+001B (styrtecken) (ta bort tecknet; "
            "skriv vanlig text)",
        ],
    ),
    "wrong-type": (
        steg("summary: En process.", "summary: [En, process]"),
        [
            f"{STEG_FILE}:3:10: error: 'summary' ska vara text, inte list",
        ],
    ),
    "missing-field": (
        steg("summary: En process.\n", ""),
        [
            f"{STEG_FILE}:1:1: error: fältet 'summary' saknas",
        ],
    ),
    "unknown-field": (
        steg("description:", "descriptoin:"),
        [
            f"{STEG_FILE}:1:1: error: fältet 'description' saknas",
            f"{STEG_FILE}:5:1: error: okänt fält 'descriptoin' (menade du 'description'?)",
        ],
    ),
    "vocabulary": (
        {
            "stage/start.yaml": None,
            "stage/slut.yaml": record(
                "stage",
                "slut",
                title="Hållbarhet",
                summary="Ett senare steg.",
                order=5,
                framework="fixen-2005",
                english_name="Sustainability",
                fixsen_2005="Sustainability",
                description="Om hållbarhet.",
                activities=None,
                checklist=None,
            ),
        },
        [
            "data/stage/slut.yaml:6:12: error: 'fixen-2005' är inte ett tillåtet värde för "
            "'framework'; tillåtna är 'nirn' eller 'fixsen-2005' (menade du 'fixsen-2005'?)",
        ],
    ),
    "id-not-file-name": (
        steg("id: steg", "id: stegen"),
        [
            f"{STEG_FILE}:1:5: error: id 'stegen' ska vara samma som filnamnet 'steg' "
            "(döp om filen till stegen.yaml eller ändra id)",
        ],
    ),
    "duplicate-id": (
        {"process/steg-2.yaml": STEG},
        [
            f"data/process/steg-2.yaml:1:5: error: id 'steg' används redan (av {STEG_FILE})",
            "data/process/steg-2.yaml:1:5: error: id 'steg' ska vara samma som filnamnet "
            "'steg-2' (döp om filen till steg.yaml eller ändra id)",
        ],
    ),
    "missing-record": (
        steg("related: [intervention/alfa]", "related: [intervention/alfra]"),
        [
            f"{STEG_FILE}:7:54: error: hänvisningen 'intervention/alfra' pekar på en post som "
            "inte finns (menade du 'intervention/alfa'?)",
        ],
    ),
    "unknown-record-type": (
        steg("related: [intervention/alfa]", "related: [metod/alfa]"),
        [
            f"{STEG_FILE}:7:54: error: okänd posttyp 'metod' i hänvisningen 'metod/alfa'",
        ],
    ),
    "missing-step": (
        steg("related: [intervention/alfa]", "related: [process/steg#fragaa]"),
        [
            f"{STEG_FILE}:7:54: error: hänvisningen 'process/steg#fragaa' pekar på ett ankare som "
            "inte finns i process/steg (menade du 'process/steg#fraga'?)",
        ],
    ),
    "missing-checklist-item": (
        steg("related: [intervention/alfa]", "related: [stage/start#behov-kartlagd]"),
        [
            f"{STEG_FILE}:7:54: error: hänvisningen 'stage/start#behov-kartlagd' pekar på ett "
            "ankare som inte finns i stage/start (menade du 'stage/start#behov-kartlagt'?)",
        ],
    ),
    "stray-file": (
        {"process/steg.yml": "id: steg\n"},
        [
            "data/process/steg.yml:1:1: error: filen är ingen post (poster ligger i "
            f"data/<typ>/<id>.yaml där typ är {', '.join(RECORD_TYPES)})",
        ],
    ),
    "alias-bomb": (
        steg(
            "sources:",
            "\n".join(
                ["extra: &a0 [x, x, x, x, x, x, x, x, x, x]"]
                + [f"extra{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
            )
            + "\nsources:",
        ),
        [
            f"{STEG_FILE}:14:1: error: dokumentet har fler än 200000 värden (aliasbomb?)",
        ],
    ),
    "deep-nesting": (
        steg(
            "  - {id: sok, title: Sök kunskap}",
            "  - {id: sok, title: Sök kunskap, questions: " + "[" * 100 + "]" * 100 + "}",
        ),
        [
            f"{STEG_FILE}:8:104: error: dokumentet är nästlat djupare än 60 nivåer",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_mistake_is_one_located_error_and_exit_code_1(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    files, expected = CASES[case]
    project = make_project()
    write(project, files)
    assert run_check(project, monkeypatch) == (1, expected)


def test_a_utf8_bom_is_accepted(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    write(project, {"process/steg.yaml": b"\xef\xbb\xbf" + STEG.encode()})
    assert run_check(project, monkeypatch) == (0, [])


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2026-13-01", "'2026-13-01'"),
        ("2026-02-30", "'2026-02-30'"),
        ("igår", "'igår'"),
        ("2026-01-15 10:30", "'2026-01-15 10:30'"),
        ("2026-01-15T00:00:00", "'2026-01-15T00:00:00'"),
        ("20260115", "20260115"),
    ],
)
def test_a_date_that_is_not_a_date_is_an_error_at_the_value(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, value: str, written: str
) -> None:
    project = make_project()
    write(project, steg("reviewed: 2026-01-15", f"reviewed: {value}"))
    assert run_check(project, monkeypatch) == (
        1,
        [
            f"{STEG_FILE}:4:11: error: 'reviewed' ska vara ett datum (ÅÅÅÅ-MM-DD), inte {written}",
        ],
    )


SAFE_ID_HINT = "(använd gemener a–z, siffror och bindestreck, t.ex. 'min-insats')"


@pytest.mark.parametrize(
    ("yaml_value", "shown", "reason"),
    [
        ('".."', "'..'", "'..' pekar ut ur mappen"),
        ('"../steg"', "'../steg'", "'..' pekar ut ur mappen"),
        ('"process/steg"', "'process/steg'", "snedstreck ('/' eller '\\') skapar mappar"),
        ('"steg\\\\x"', "'steg\\\\x'", "snedstreck ('/' eller '\\') skapar mappar"),
        ('"steg 2"', "'steg 2'", "mellanslag blir %20 i adressen"),
        ("Steg", "'Steg'", "versaler gör att samma adress kan skrivas på flera sätt"),
        ('"steg\\a"', "'steg\\x07'", "styrtecknet U+0007 syns inte men ändrar adressen"),
        ('"steg\\u200b"', "'steg\\u200b'", "styrtecknet U+200B syns inte men ändrar adressen"),
        ("stég", "'stég'", "tecknet 'é' är inte a–z, 0–9 eller bindestreck"),
        ("-steg", "'-steg'", "bindestreck får inte stå först, sist eller två i rad"),
    ],
)
def test_an_unsafe_id_is_an_error_that_says_what_is_unsafe(
    make_project: Callable[..., Project],
    monkeypatch: pytest.MonkeyPatch,
    yaml_value: str,
    shown: str,
    reason: str,
) -> None:
    project = make_project()
    write(project, steg("id: steg", f"id: {yaml_value}"))
    assert run_check(project, monkeypatch) == (
        1,
        [
            f"{STEG_FILE}:1:5: error: {shown} är inget säkert id för 'id': {reason} {SAFE_ID_HINT}",
        ],
    )


def test_an_nfd_id_matches_its_nfc_file_name_and_is_only_reported_as_unsafe(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'å' typed as a + combining ring (NFD) is the same id as 'å' (NFC): no mismatch with the
    file name is reported, only that 'å' does not belong in an id."""
    nfd = unicodedata.normalize("NFD", "gå")
    project = make_project()
    write(
        project,
        {"process/steg.yaml": None, "process/gå.yaml": STEG.replace("id: steg", f"id: {nfd}")},
    )
    assert run_check(project, monkeypatch) == (
        1,
        [
            f"data/process/gå.yaml:1:5: error: '{nfd}' är inget säkert id för 'id': tecknet 'å' "
            f"är inte a–z, 0–9 eller bindestreck {SAFE_ID_HINT}",
        ],
    )


def test_nfc_and_nfd_file_names_for_one_id_are_never_two_records(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    nfc, nfd = "gå", unicodedata.normalize("NFD", "gå")
    project = make_project()
    write(
        project,
        {
            f"process/{nfc}.yaml": STEG.replace("id: steg", f"id: {nfc}"),
            f"process/{nfd}.yaml": STEG.replace("id: steg", f"id: {nfd}"),
        },
    )
    code, lines = run_check(project, monkeypatch)
    unsafe = (
        f"är inget säkert id för 'id': tecknet 'å' är inte a–z, 0–9 eller bindestreck "
        f"{SAFE_ID_HINT}"
    )
    assert code == 1
    assert sorted(lines) == sorted(
        [
            f"data/process/{nfc}.yaml:1:5: error: '{nfc}' {unsafe}",
            f"data/process/{nfd}.yaml:1:5: error: '{nfd}' {unsafe}",
            f"data/process/{nfc}.yaml:1:5: error: id '{nfc}' används redan (av "
            f"data/process/{nfd}.yaml; id:na skiljer sig bara i hur tecknen är kodade "
            "(Unicode NFC/NFD))",
        ]
    )


def _years_ago(years: int) -> dt.date:
    today = build_day()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def test_an_old_review_is_a_warning_and_the_check_still_passes(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _years_ago(4)
    project = make_project()
    write(project, steg("reviewed: 2026-01-15", f"reviewed: {old}"))
    code, lines = run_check(project, monkeypatch)
    assert (code, lines) == (
        0,
        [
            f"{STEG_FILE}:4:11: warning: posten granskades senast {old}, för mer än 3 år sedan "
            "(granska innehållet och sätt reviewed till dagens datum)",
        ],
    )


def test_strict_makes_an_old_review_an_error(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _years_ago(4)
    project = make_project()
    write(project, steg("reviewed: 2026-01-15", f"reviewed: {old}"))
    assert run_check(project, monkeypatch, "--strict") == (
        1,
        [
            f"{STEG_FILE}:4:11: error: posten granskades senast {old}, för mer än 3 år sedan "
            "(granska innehållet och sätt reviewed till dagens datum)",
        ],
    )


def test_a_review_within_the_age_limit_is_not_reported(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    write(project, steg("reviewed: 2026-01-15", f"reviewed: {_years_ago(2)}"))
    assert run_check(project, monkeypatch, "--strict") == (0, [])


def test_every_kind_of_mistake_in_two_files_comes_in_one_run(
    make_project: Callable[..., Project],
) -> None:
    """The issue's new method: a misspelt field, a date that does not exist, a script link in
    a text, a reference to nothing, a wrong source key behind an age-range error and a
    reference written without its type, all in one file with schema errors; a wrong anchor
    in a second file."""
    project = make_project(
        {
            "intervention/ny.yaml": """
            id: ny
            title: Ny metod
            summary: En ny metod.
            reviewed: 2026-02-30
            descripton: Felstavat fält.
            description: Se [metoden](javascript:alert(1)).
            ages: {min: 12, max: 3, source: okand}
            related: [intervention/finns-inte]
            components:
              - {id: del, title: Del, related: [alfa]}
            sources:
              - {id: s1, title: Källa}
        """,
            **steg("related: [intervention/alfa]", "related: [intervention/alfa#start]"),
        }
    )
    _, problems = check(project)
    assert [p.format() for p in problems] == [
        "data/intervention/ny.yaml:4:11: error: 'reviewed' ska vara ett datum (ÅÅÅÅ-MM-DD), "
        "inte '2026-02-30'",
        "data/intervention/ny.yaml:5:1: error: okänt fält 'descripton' (menade du 'description'?)",
        "data/intervention/ny.yaml:6:14: warning: länken går till 'javascript:alert', som inte "
        "är en fullständig webbadress, och visas som text; länkar i posttext går till adresser "
        "som börjar med https:// (eller mailto:) (skriv hela adressen, t.ex. "
        "https://www.example.org/)",
        "data/intervention/ny.yaml:7:7: error: min (12) är större än max (3)",
        "data/intervention/ny.yaml:7:33: error: källan 'okand' finns inte i postens sources",
        "data/intervention/ny.yaml:8:11: error: hänvisningen 'intervention/finns-inte' pekar "
        "på en post som inte finns",
        "data/intervention/ny.yaml:10:37: error: 'alfa' har fel form för 'punkt 1 i related' "
        "(menade du 'intervention/alfa'?)",
        "data/process/steg.yaml:7:54: error: hänvisningen 'intervention/alfa#start' pekar på "
        "ett ankare som inte finns i intervention/alfa",
    ]
