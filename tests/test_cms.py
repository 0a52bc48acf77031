"""`kb cms`: an editor who never opens a YAML file creates a method in a form, picks what it
refers to, saves, and sees kb check's verdict; the file, the check and the rebuilt site agree.

The browser tests run Decap CMS from the locked npm packages and decap-server over a small
project, in Debian's Chromium; nothing may be requested from another origin."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import filelock
import pytest
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner
from conftest import REPO, WCAG_21_AA, new_context, run_folder
from playwright.sync_api import Browser, Page, expect
from running_kb import children, fetch, free_port, running, wait_for

from generator.checking.check import check
from generator.diagnostics import has_errors
from generator.locale import strings
from generator.reading.project import Project
from generator.site.command.cli import main
from generator.site.editor.cms.config import config
from generator.site.editor.cms.npm import ensure_installed
from generator.site.editor.cms.page import editor_page
from generator.site.editor.cms.pickers import picker_lists
from generator.site.editor.cms.restyle import restyle
from generator.site.editor.cms.server import EditorServer
from generator.site.engine.build import build
from generator.types import RECORD_TYPES

FIXSEN = """
    id: fixsen-2005
    title: "Implementation Research: A Synthesis of the Literature"
    reviewed: 2026-01-15
    kind: rapport
    authors: Fixsen, Naoom, Blase, Friedman & Wallace
    year: 2005
    url: https://example.org/fixsen-2005
"""


def collection(name: str) -> dict[str, Any]:
    return next(
        c for c in config({"name": "proxy"}, RECORD_TYPES)["collections"] if c["name"] == name
    )


def field(fields: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    found = next(f for f in fields if f["name"] == path[0])
    return field(found.get("fields") or [found["field"]], *path[1:]) if path[1:] else found


def test_every_record_type_is_a_collection_of_its_folder_saved_as_yaml() -> None:
    collections = {c["name"]: c for c in config({"name": "proxy"}, RECORD_TYPES)["collections"]}
    for name in RECORD_TYPES:
        assert collections[name]["folder"] == f"data/{name}"
        assert (collections[name]["format"], collections[name]["extension"]) == ("yml", "yaml")
        assert collections[name]["identifier_field"] == "id"
    assert collections["intervention"]["label"] == "Insatser"


def test_required_fields_and_help_texts_come_from_the_schema() -> None:
    fields = collection("intervention")["fields"]
    assert field(fields, "title")["required"] is True
    assert field(fields, "abbreviation")["required"] is False
    assert field(fields, "title")["hint"] == "Postens namn som det visas på webbplatsen."
    assert field(fields, "sources")["min"] == 1
    assert field(fields, "reviewed")["widget"] == "datetime"
    # an optional part's own required fields are not demanded while the part is left empty
    assert field(fields, "developer", "text")["required"] is False
    assert field(fields, "evidence", "edition") == {
        **field(fields, "evidence", "edition"),
        "widget": "number",
        "min": 1,
        "max": 100,
    }
    assert field(fields, "evidence", "checked")["widget"] == "datetime"


def test_every_field_has_a_swedish_label() -> None:
    labels = strings()["cms"]["fields"]

    def names(fields: list[dict[str, Any]]) -> Iterator[str]:
        for f in fields:
            yield f["name"]
            yield from names(f.get("fields", []))

    for name in RECORD_TYPES:
        for field_name in names(collection(name)["fields"]):
            assert field_name in labels, f"{name}: {field_name} saknar etikett i sv.yml"


def test_controlled_vocabularies_are_choices_with_the_sites_labels() -> None:
    problems = field(collection("intervention")["fields"], "problems")
    assert problems["widget"] == "select" and problems["multiple"] is True
    assert {"label": "Psykisk ohälsa", "value": "psykisk-ohalsa"} in problems["options"]
    finding = field(collection("intervention")["fields"], "evidence", "finding")
    assert {"label": "Ingen skillnad mot jämförelsen", "value": "ingen-skillnad"} in finding[
        "options"
    ]


def test_references_are_pickers_and_sources_pick_from_the_bibliography() -> None:
    fields = collection("intervention")["fields"]
    related = field(fields, "related")
    assert (related["widget"], related["multiple"], related["kb_targets"]) == (
        "select",
        True,
        "alla",
    )
    assert field(fields, "sources", "ref")["kb_targets"] == "reference"
    assert field(fields, "checklists", "stage")["kb_targets"] == "stage"


def test_every_field_that_cites_a_source_picks_among_the_records_own_sources() -> None:
    """A fact's `source` (at any depth of any type) is a key into the record's own `sources`:
    the form offers them (the kb-source widget in kb-cms.js) instead of a text field."""

    def source_fields(fields: list[dict[str, Any]], path: str) -> Iterator[tuple[str, str]]:
        for f in fields:
            if f["name"] == "source" or f.get("widget") == "kb-source":
                yield f"{path}/{f['name']}", f.get("widget", "")
            yield from source_fields(
                f.get("fields", []) + ([f["field"]] if "field" in f else []), f"{path}/{f['name']}"
            )

    found = [
        entry
        for c in config({"name": "proxy"}, RECORD_TYPES)["collections"]
        for entry in source_fields(c["fields"], c["name"])
    ]
    assert ("intervention/effects/source", "kb-source") in found
    assert ("curriculum/modules/sessions/source", "kb-source") in found
    assert [path for path, widget in found if widget != "kb-source"] == []


def test_pickers_offer_records_and_their_parts_with_the_full_reference(
    make_project: Callable[..., Project],
) -> None:
    records, _ = check(make_project())
    lists = picker_lists(records, RECORD_TYPES)
    assert {"ref": "stage/start", "label": "Utforskning (steg, stage/start)"} in lists["stage"]
    assert {
        "ref": "process/steg#fraga",
        "label": "Steg för steg › Formulera en fråga (process/steg#fraga)",
    } in lists["alla"]
    assert all("#" not in entry["ref"] for entry in lists["process"])


def configuration_in(page: str) -> str:
    """The editor's settings as the page carries them, in its JSON script element."""
    found = re.search(r'id="kb-cms-config" type="application/json">(.*?)</script>', page)
    assert found, "the page carries no settings"
    return found[1]


def test_no_text_in_the_configuration_can_end_the_script_element() -> None:
    page = editor_page({"collections": [{"label": "</script><script>alert(1)</script>"}]})
    assert "</script><script>alert(1)" not in page
    assert json.loads(configuration_in(page))["collections"][0]["label"].startswith("</script>")


def test_a_save_rewrites_only_the_fields_that_changed() -> None:
    original = textwrap.dedent("""\
        # Granskad av FoU-enheten.
        id: alfa
        title: Alfa
        description: |
          Första stycket.

          Andra stycket.

        # Källorna i kortform
        sources:
          - {id: s1, title: Källa ett}  # den viktigaste
        training_countries:
          - {country: "no", source: s1}
        """)
    # Decap writes YAML 1.2: `no` unquoted is the text "no" (Norway), not false
    saved = (
        "id: alfa\ntitle: Alfa 2\nsources:\n  - id: s1\n    title: Källa ett\n"
        "training_countries:\n  - country: no\n    source: s1\ndescription: |\n"
        "  Första stycket.\n\n  Andra stycket.\nkeywords:\n  - ny\n"
    )
    assert restyle(saved, original) == original.replace("title: Alfa\n", "title: Alfa 2\n") + (
        "keywords:\n  - ny\n"
    )
    assert restyle("id: ny\nlength: 1:30\ntext: |-\n  rad 1\n  rad 2\nx: 'no'\n", None) == (
        'id: ny\nlength: "1:30"\ntext: |-\n  rad 1\n  rad 2\nx: "no"\n'
    )


def test_a_save_keeps_each_example_of_kb_new_the_editor_has_not_replaced() -> None:
    """The form reads `kb new`'s examples as text (`!TODO 0` as "0") and saves them so: an
    example the save left as it was is written as before, `!TODO` included (kb check goes on
    reporting it), in a field the save did not touch as in one it changed; only the value
    the editor wrote loses it."""
    original = textwrap.dedent("""\
        id: alfa
        title: Alfa
        ages:
          min: !TODO 0
          max: !TODO 0
          source: kalla-1
        problems:
          - !TODO beteendeproblem
        not_rated:
          searched:
            - !TODO registry/cebc
          checked: !TODO 2026-12-07
        """)
    saved = (
        'id: alfa\ntitle: Alfa 2\nages:\n  min: 3\n  max: "0"\n  source: kalla-1\n'
        "problems:\n  - beteendeproblem\nnot_rated:\n  searched:\n    - registry/cebc\n"
        '  checked: "2026-12-07"\n'
    )
    assert restyle(saved, original) == original.replace("title: Alfa\n", "title: Alfa 2\n").replace(
        "min: !TODO 0", "min: 3"
    )


@pytest.fixture(scope="module")
def node_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Decap CMS and decap-server as the lock file says (installed once, like Chromium, by
    one worker of the test run while the others wait)."""
    with filelock.FileLock(run_folder(tmp_path_factory) / "cms-install.lock"):
        return ensure_installed(REPO)


@pytest.fixture
def editor(make_project: Callable[..., Project], node_modules: Path) -> Iterator[EditorServer]:
    project = make_project({"reference/fixsen-2005.yaml": FIXSEN})
    assert not has_errors(check(project)[1])
    with EditorServer(project, port=0, install_root=REPO) as running:
        yield running


@pytest.fixture
def editor_page_in(browser: Browser, editor: EditorServer) -> Iterator[tuple[Page, list[str]]]:
    """A Swedish browser on the editor, logged in to the local back end; the second value
    collects every request to another origin."""
    context = new_context(browser, viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((editor.url, "data:", "blob:")) else elsewhere.append(r.url)
        ),
    )
    page.goto(editor.url)
    page.get_by_role("button", name="Logga in").click()
    yield page, elsewhere
    context.close()


def fill_required(page: Page, record_id: str, title: str) -> None:
    page.get_by_role("link", name="Skapa insats").click()
    page.get_by_label("Id", exact=True).fill(record_id)
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Sammanfattning", exact=True).fill("En metod som skapats i formuläret.")
    page.get_by_label("Senast granskad").fill("2026-11-20")
    page.get_by_label("Beskrivning", exact=True).fill("Om metoden.")
    page.get_by_role("button", name="Lägg till Källor").click()
    page.get_by_label("Verk i litteraturlistan").fill("implementation")
    page.get_by_role("option", name="(referens, reference/fixsen-2005)").click()
    page.get_by_label("Id", exact=True).nth(1).fill("fixsen")


def publish(page: Page) -> None:
    page.get_by_role("button", name="Publicera").click()
    page.get_by_text("Publicera nu").click()


@pytest.mark.browser
def test_a_method_created_in_the_form_is_our_yaml_passes_and_is_published(
    editor_page_in: tuple[Page, list[str]], editor: EditorServer, tmp_path: Path
) -> None:
    page, elsewhere = editor_page_in
    fill_required(page, "beta", "Beta – skapad i formulär")
    page.get_by_label("Se även").fill("utforskning")
    page.get_by_role("option", name="Utforskning (steg, stage/start)").click()
    page.get_by_role("button", name="Lägg till forskning och resultat").click()
    page.get_by_label("Text", exact=True).fill("En studie fann effekter.")
    source = page.get_by_label("Källa", exact=True)
    expect(source.locator("option")).to_have_text(
        [
            "Välj en av postens källor",
            "fixsen – Implementation Research: A Synthesis of the Literature "
            "(referens, reference/fixsen-2005)",
        ]
    )
    source.select_option("fixsen")
    publish(page)

    panel = page.get_by_role("region", name="Kontroll efter sparandet")
    expect(panel.get_by_role("status")).to_contain_text("Inga fel. 6 poster kontrollerade.")
    saved = editor.project.data_dir / "intervention" / "beta.yaml"
    assert saved.read_text(encoding="utf-8") == textwrap.dedent("""\
        id: beta
        title: Beta – skapad i formulär
        summary: En metod som skapats i formuläret.
        reviewed: 2026-11-20
        sources:
          - ref: reference/fixsen-2005
            id: fixsen
        description: Om metoden.
        effects:
          - text: En studie fann effekter.
            source: fixsen
        related:
          - stage/start
        """)
    _, problems = check(editor.project)
    assert not has_errors(problems), problems
    build(editor.project, tmp_path / "site")
    html = (tmp_path / "site" / "insatser" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "Beta – skapad i formulär" in html and "Utforskning" in html
    assert elsewhere == []


def test_the_editor_for_a_git_host_is_static_files_with_todays_choices(
    make_project: Callable[..., Project],
    node_modules: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = make_project({"reference/fixsen-2005.yaml": FIXSEN})
    monkeypatch.chdir(project.root)
    (project.root / ".kb").mkdir()
    (project.root / ".kb" / "cms").symlink_to(node_modules.parent)  # installed once
    result = CliRunner().invoke(
        main,
        [
            "cms",
            "--out",
            str(tmp_path / "redigera"),
            "--backend",
            "forgejo",
            "--repo",
            "fou/kunskapsbank",
            "--app-id",
            "abc",
            "--base-url",
            "https://git.exempel.se",
            "--review",
        ],
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "redigera"
    settings = json.loads(configuration_in((out / "index.html").read_text(encoding="utf-8")))
    assert settings["backend"] == {
        "name": "forgejo",
        "repo": "fou/kunskapsbank",
        "branch": "main",
        "app_id": "abc",
        "base_url": "https://git.exempel.se",
    }
    assert settings["publish_mode"] == "editorial_workflow"
    choices = json.loads((out / "val.json").read_text(encoding="utf-8"))
    assert choices["reference"][0]["ref"] == "reference/fixsen-2005"
    assert {"decap-cms.js", "kb-cms.js", "kb-cms.css"} <= {p.name for p in out.iterdir()}


def test_only_the_editor_page_can_save(editor: EditorServer) -> None:
    """Another web page open in the same browser cannot write into data/ through kb cms."""
    info = json.dumps({"action": "info", "params": {}}).encode()

    def post(headers: dict[str, str]) -> int:
        request = urllib.request.Request(f"{editor.url}api/v1", data=info, headers=headers)
        try:
            with urllib.request.urlopen(request) as response:
                return int(response.status)
        except urllib.error.HTTPError as refused:
            return refused.code

    assert post({"Content-Type": "application/json"}) == 200
    assert post({"Content-Type": "text/plain"}) == 403
    assert post({"Content-Type": "application/json", "Origin": "https://annan.example"}) == 403
    assert post({"Content-Type": "application/json", "Host": "annan.example"}) == 403


@pytest.mark.browser
def test_changing_one_field_of_a_record_changes_one_line_of_its_file(
    editor_page_in: tuple[Page, list[str]], editor: EditorServer
) -> None:
    page, _ = editor_page_in
    path = editor.project.data_dir / "intervention" / "alfa.yaml"
    before = path.read_text(encoding="utf-8")
    page.get_by_role("link", name="Alfa – föräldraträning").click()
    page.get_by_label("Förkortning").fill("ALFA-2")
    publish(page)
    expect(page.get_by_role("region", name="Kontroll efter sparandet")).to_contain_text("Inga fel")
    assert path.read_text(encoding="utf-8") == before.replace(
        "abbreviation: ALFA\n", "abbreviation: ALFA-2\n"
    )


@pytest.mark.browser
def test_a_save_through_the_form_keeps_the_examples_of_kb_new(
    editor_page_in: tuple[Page, list[str]], editor: EditorServer
) -> None:
    page, _ = editor_page_in
    path = editor.project.data_dir / "intervention" / "alfa.yaml"
    examples = (
        path.read_text(encoding="utf-8")
        .replace("{min: 3, max: 12,", "{min: !TODO 3, max: !TODO 12,")
        .replace("problems: [beteendeproblem]", "problems: [!TODO beteendeproblem]")
    )
    assert examples.count("!TODO") == 3
    path.write_text(examples, encoding="utf-8")
    page.get_by_role("link", name="Alfa – föräldraträning").click()
    page.get_by_label("Förkortning").fill("ALFA-2")
    publish(page)
    expect(page.get_by_role("region", name="Kontroll efter sparandet")).to_contain_text(
        "exempelvärdet"
    )
    assert path.read_text(encoding="utf-8") == examples.replace(
        "abbreviation: ALFA\n", "abbreviation: ALFA-2\n"
    )


@pytest.mark.browser
def test_after_a_save_the_editor_sees_each_problem_located_in_swedish(
    editor_page_in: tuple[Page, list[str]], editor: EditorServer
) -> None:
    page, _ = editor_page_in
    fill_required(page, "gamma", "Gamma")
    page.get_by_role("button", name="Lägg till forskning och resultat").click()
    page.get_by_label("Text", exact=True).fill("En studie fann effekter.")
    page.get_by_label("Källa", exact=True).select_option("fixsen")
    # The source is renamed after the fact chose it: the choice stays, marked as missing.
    source_id = page.get_by_label("Id", exact=True).nth(1)
    source_id.press("End")
    source_id.press_sequentially("-2005")
    expect(source_id).to_have_value("fixsen-2005")
    source = page.get_by_label("Källa", exact=True)
    source.focus()
    expect(source.locator("option")).to_contain_text(
        ["fixsen-2005 – Implementation", "fixsen (finns inte bland postens källor)"]
    )
    expect(source).to_have_value("fixsen")
    publish(page)

    panel = page.get_by_role("region", name="Kontroll efter sparandet")
    expect(panel.get_by_role("status")).to_contain_text("1 fel")
    expect(panel.get_by_role("listitem")).to_have_text(
        re.compile(
            r"^data/intervention/gamma\.yaml:\d+:\d+: error: källan 'fixsen' finns inte i "
            r"postens sources \(menade du 'fixsen-2005'\?\)$"
        )
    )
    # what kb cms adds to Decap's page meets WCAG 2.1 AA (Decap's own interface is Decap's)
    found = Axe().run(page, context="#kb-check", options=WCAG_21_AA)
    assert not found.violations_count, found.generate_report()
    page.goto(f"{editor.url}kontroll/")
    expect(page.get_by_role("status")).to_contain_text("1 fel")
    assert page.get_by_role("listitem").count() == 1
    found = Axe().run(page, options=WCAG_21_AA)
    assert not found.violations_count, found.generate_report()


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.parametrize(
    "how",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
    ids=["ctrl-c", "sigterm", "sighup", "sigkill"],
)
def test_decap_server_ends_with_kb_cms_however_kb_cms_ends(
    make_project: Callable[..., Project], node_modules: Path, how: signal.Signals
) -> None:
    project = make_project()
    (project.root / ".kb").mkdir()
    (project.root / ".kb" / "cms").symlink_to(node_modules.parent)  # installed once
    port = free_port()
    log = (project.root / "cms.log").open("wb")
    cms = subprocess.Popen(
        [Path(sys.executable).with_name("kb"), "cms", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    decap = 0
    try:

        def answers() -> bool:
            assert cms.poll() is None, (project.root / "cms.log").read_text()
            return fetch(f"http://127.0.0.1:{port}/")[0] == 200

        wait_for(answers, "the editor answers")
        [decap] = children(cms.pid)
        environ = Path(f"/proc/{decap}/environ").read_bytes().split(b"\0")
        decap_port = int(next(v for v in environ if v.startswith(b"PORT=")).split(b"=")[1])
        assert running(decap) and not _port_free(decap_port)

        cms.send_signal(how)
        try:
            cms.wait(timeout=60)
        except subprocess.TimeoutExpired:
            cms.send_signal(signal.SIGABRT)  # its threads' stacks go to the log (faulthandler)
            cms.wait()
            raise AssertionError((project.root / "cms.log").read_text()) from None
        wait_for(lambda: not running(decap), "decap-server has ended")
        wait_for(lambda: _port_free(decap_port), "decap-server's port is free")
        assert _port_free(port)
    finally:
        if cms.poll() is None:
            cms.kill()
            cms.wait()
        if decap and running(decap):
            os.kill(decap, signal.SIGKILL)  # the failure was found; leave no process behind
        log.close()
