"""A record type is one declaration and one template: a project that adds a type in its own
`types/` folder, with nothing else changed, gets its pages, its section in the navigation,
its addresses on /lankar/, its field reference and schema, `kb new`, editor settings and
the editor's forms for it. What its values mean comes from their types, not their names: a
reference, a source key or an order under any field name is checked, linked and sorted."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO
from running_kb import fetch, kb_here
from test_cms import node_modules  # noqa: F401 (a fixture: Decap CMS, installed once)

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.command.cli import main
from generator.site.editor.cms.config import config
from generator.site.editor.cms.npm import install_dir
from generator.site.editor.cms.pickers import picker_lists
from generator.site.editor.cms.server import EditorServer
from generator.site.engine.build import build
from generator.types import RECORD_TYPES
from generator.types.registry import project_types

PODCAST = '''
"""Podcast: an episode a team can listen to together."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from generator.types.base import Order, Record, Ref, Section, SourceKey, Text
from generator.types.meaning import Meaning


class Episode(Record):
    type_name: ClassVar[str] = "podcast"
    url_prefix: ClassVar[str] = "poddar"
    nav_position: ClassVar[int] = 3

    number: Order = Field(description="Avsnittets nummer; avsnitten står i den ordningen.")
    host: Text = Field(description="Den som leder samtalet.")
    chapters: list[Section] = Field(default_factory=list, description="Avsnittets delar.")
    see_also: list[Ref] = Field(default_factory=list, description="Läs vidare.")
    quote_from: SourceKey | None = Field(None, description="Källan ingressens citat är ur.")
    stage: Annotated[Ref, Meaning("reference", "stage")] | None = Field(
        None, description="Implementeringssteget avsnittet handlar om."
    )
'''

TEMPLATE = """{% import "_record.md.j2" as r with context %}
{{ r.head(record) }}
**Programledare:** {{ record.host | cell }}

{% for ref in record.see_also %}
- {{ page.link(ref) }}
{% endfor %}

{% for chapter in record.chapters %}
## {{ chapter.title }} { #{{ chapter.id }} }

{{ chapter.text | md }}

{% endfor %}
{{ r.footer(record) }}
"""

EPISODE = """
    id: avsnitt-1
    title: Första avsnittet
    summary: Ett samtal om att börja implementera.
    reviewed: 2026-01-15
    number: 2
    host: Kim
    chapters:
      - {id: inledning, title: Inledning, text: Varför det här avsnittet?}
    see_also: [stage/start]
    quote_from: s1
    sources:
      - {id: s1, title: Källa ett}
"""


@pytest.fixture
def podcast(make_project: Callable[..., Project]) -> Project:
    """The minimal project with a podcast type (two files) and one episode that a stage's
    record links to."""
    project = make_project({"podcast/avsnitt-1.yaml": EPISODE})
    types = project.root / "types"
    types.mkdir()
    (types / "podcast.py").write_text(PODCAST, encoding="utf-8")
    (types / "podcast.md.j2").write_text(TEMPLATE, encoding="utf-8")
    alfa = project.data_dir / "intervention" / "alfa.yaml"
    alfa.write_text(
        alfa.read_text(encoding="utf-8").replace(
            "related: [stage/start,", "related: [podcast/avsnitt-1#inledning, stage/start,"
        ),
        encoding="utf-8",
    )
    return project


def test_a_type_added_in_two_files_gets_pages_a_section_addresses_and_a_schema(
    podcast: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(podcast, site)  # a strict build: any page left out of the navigation fails it
    episode = (site / "poddar" / "avsnitt-1" / "index.html").read_text(encoding="utf-8")
    assert "Programledare:</strong> Kim" in episode
    assert 'id="inledning"' in episode
    index = (site / "poddar" / "index.html").read_text(encoding="utf-8")
    assert "Ett samtal om att börja implementera." in index
    # Its section has a readable title until sv.yml names it, placed by its nav_position:
    # after Insatser and Implementering, before the rest.
    tabs = (site / "index.html").read_text(encoding="utf-8").split('class="md-tabs__link"')
    assert [tab.split(">", 1)[1].split("<", 1)[0].strip() for tab in tabs[1:5]] == [
        "Start",
        "Insatser",
        "Implementering",
        "Podcast",
    ]
    # A link into the new type resolves, and the part's kind has a readable label on /lankar/.
    alfa = (site / "insatser" / "alfa" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../poddar/avsnitt-1/#inledning"' in alfa
    links = (site / "lankar" / "index.html").read_text(encoding="utf-8")
    assert "Chapters" in links and "/poddar/avsnitt-1/#inledning" in links
    fields = (site / "redaktorer" / "falt" / "index.html").read_text(encoding="utf-8")
    assert "Den som leder samtalet." in fields
    schema = json.loads((site / "schemas" / "podcast.schema.json").read_text(encoding="utf-8"))
    # Its records are open data, valid against that schema and listed on /oppna-data/.
    (published,) = json.loads((site / "data" / "poster" / "podcast.json").read_text("utf-8"))
    jsonschema.validate(published, schema)
    assert published["host"] == "Kim"
    open_data = (site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    assert 'Podcast: <a href="../data/poster/podcast.json">podcast.json</a>' in open_data
    assert schema["required"] == [
        "id",
        "title",
        "summary",
        "reviewed",
        "sources",
        "number",
        "host",
    ]


def test_the_new_type_is_checked_like_any_other(podcast: Project) -> None:
    episode = podcast.data_dir / "podcast" / "avsnitt-1.yaml"
    episode.write_text(
        episode.read_text(encoding="utf-8").replace("host: Kim\n", "vaerd: Kim\n"), encoding="utf-8"
    )
    _, problems = check(podcast)
    assert [p.format() for p in problems] == [
        "data/podcast/avsnitt-1.yaml:1:1: error: fältet 'host' saknas",
        "data/podcast/avsnitt-1.yaml:6:1: error: okänt fält 'vaerd'",
    ]


def test_kb_new_and_kb_schemas_know_the_type(
    podcast: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(podcast.root)
    settings = podcast.root / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(
        json.dumps(
            {
                "editor.tabSize": 2,
                "yaml.schemas": {
                    "https://json.schemastore.org/mkdocs-1.6.json": "mkdocs.yml",
                    ".kb/schemas/gammal.schema.json": "data/gammal/*.yaml",
                },
            }
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(main, ["new", "podcast", "avsnitt-2"]).exit_code == 0
    assert runner.invoke(main, ["schemas"]).exit_code == 0
    _, problems = check(podcast)
    assert [p.message for p in problems if p.severity == "error"] == []
    assert json.loads(settings.read_text(encoding="utf-8")) == {
        "editor.tabSize": 2,
        "yaml.schemas": {
            "https://json.schemastore.org/mkdocs-1.6.json": "mkdocs.yml",
            **{
                f".kb/schemas/{name}.schema.json": f"data/{name}/*.yaml"
                for name in [*RECORD_TYPES, "podcast"]
            },
        },
    }
    assert (podcast.root / ".kb" / "schemas" / "podcast.schema.json").is_file()


def test_settings_with_comments_are_left_alone_and_the_mapping_shown(
    podcast: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(podcast.root)
    settings = podcast.root / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{\n  // mina inställningar\n  "editor.tabSize": 2\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["schemas"])
    assert result.exit_code == 0
    assert "är inte vanlig JSON och lämnades orörd" in result.output
    assert '".kb/schemas/podcast.schema.json": "data/podcast/*.yaml"' in result.output
    assert "// mina inställningar" in settings.read_text(encoding="utf-8")


def test_a_type_module_that_fails_is_reported_at_its_line(podcast: Project) -> None:
    module = podcast.root / "types" / "podcast.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            'url_prefix: ClassVar[str] = "poddar"', "url_prefix: ClassVar[str] = poddar"
        ),
        encoding="utf-8",
    )
    os.utime(module, ns=(0, 0))  # another state of the folder than the one loaded before
    formatted = [p.format() for p in check(podcast)[1]]
    assert (
        "types/podcast.py:16:1: error: posttypen kan inte läsas: NameError: "
        "name 'poddar' is not defined"
    ) in formatted
    assert any(
        p.startswith("data/podcast/avsnitt-1.yaml:1:1: error: filen är ingen post")
        for p in formatted
    )


def test_a_type_may_not_take_a_built_in_types_name(podcast: Project) -> None:
    module = podcast.root / "types" / "podcast.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace('"podcast"', '"term"'), encoding="utf-8"
    )
    assert (
        "types/podcast.py:1:1: error: posttypen 'term' finns redan (välj ett annat "
        "type_name)" in [p.format() for p in check(podcast)[1]]
    )


def _rewrite(project: Project, old: str, new: str) -> None:
    episode = project.data_dir / "podcast" / "avsnitt-1.yaml"
    episode.write_text(episode.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_reference_under_any_field_name_is_linked_both_ways(
    podcast: Project, tmp_path: Path
) -> None:
    _rewrite(podcast, "see_also: [stage/start]", "see_also: [intervention/alfa]")
    site = tmp_path / "site"
    build(podcast, site)
    episode = (site / "poddar" / "avsnitt-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../insatser/alfa/"' in episode
    alfa = (site / "insatser" / "alfa" / "index.html").read_text(encoding="utf-8")
    backlinks = alfa.split("Refereras från", 1)[1]
    assert 'href="../../poddar/avsnitt-1/">Första avsnittet</a>' in backlinks


def test_a_reference_to_nothing_under_any_field_name_is_an_error_where_it_is_written(
    podcast: Project,
) -> None:
    _rewrite(podcast, "see_also: [stage/start]", "see_also: [intervention/finns-inte]")
    expected = (
        "data/podcast/avsnitt-1.yaml:9:12: error: hänvisningen 'intervention/finns-inte' "
        "pekar på en post som inte finns"
    )
    assert [p.format() for p in check(podcast)[1]] == [expected]
    result = kb_here(podcast, "build", "--site-dir", "site")
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert expected in result.stderr
    # Also in a record that fails its schema, the reference is found by its type.
    _rewrite(podcast, "host: Kim\n", "vaerd: Kim\n")
    assert expected in [p.format() for p in check(podcast)[1]]


def test_a_source_key_under_any_field_name_must_be_one_of_the_records_sources(
    podcast: Project,
) -> None:
    _rewrite(podcast, "quote_from: s1", "quote_from: s9")
    assert [p.format() for p in check(podcast)[1]] == [
        "data/podcast/avsnitt-1.yaml:10:13: error: källan 's9' finns inte i postens sources "
        "(menade du 's1'?)"
    ]


def test_records_stand_in_the_order_their_order_field_gives_whatever_its_name(
    podcast: Project, tmp_path: Path
) -> None:
    first = podcast.data_dir / "podcast" / "avsnitt-0.yaml"
    first.write_text(
        EPISODE.replace("avsnitt-1", "avsnitt-0")
        .replace("Första avsnittet", "Ödmjukhet i teamet")
        .replace("number: 2", "number: 1"),
        encoding="utf-8",
    )
    first.write_text(textwrap.dedent(first.read_text(encoding="utf-8")).lstrip(), encoding="utf-8")
    site = tmp_path / "site"
    build(podcast, site)
    index = (site / "poddar" / "index.html").read_text(encoding="utf-8")
    assert index.index("Ödmjukhet i teamet") < index.index("Första avsnittet")


@pytest.mark.usefixtures("node_modules")
def test_the_editor_has_a_form_and_pickers_for_the_type(
    podcast: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    types, _ = project_types(podcast.root)
    (form,) = [c for c in config({"name": "proxy"}, types)["collections"] if c["name"] == "podcast"]
    # Labels the locale does not have yet read as the name, wherever they are shown.
    assert (form["label"], form["label_singular"]) == ("Podcast", "Podcast")
    fields = {f["name"]: f for f in form["fields"]}
    assert (fields["see_also"]["label"], fields["see_also"]["kb_targets"]) == ("See also", "alla")
    assert fields["quote_from"]["widget"] == "kb-source"
    assert fields["stage"]["kb_targets"] == "stage"
    assert fields["number"]["widget"] == "number"
    records, _ = check(podcast)
    entry = {"ref": "podcast/avsnitt-1", "label": "Första avsnittet (Podcast, podcast/avsnitt-1)"}
    assert entry in picker_lists(records, types)["podcast"]
    # kb cms --out writes the forms and the choices for a git host …
    monkeypatch.chdir(podcast.root)
    (podcast.root / ".kb" / "cms").symlink_to(install_dir(REPO))  # installed once
    out = tmp_path / "redigera"
    arguments = ["cms", "--out", str(out), "--backend", "gitlab", "--repo", "fou/kb"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert entry in json.loads((out / "val.json").read_text(encoding="utf-8"))["podcast"]
    assert '"folder": "data/podcast"' in (out / "index.html").read_text(encoding="utf-8")
    # … and kb cms serves them.
    with EditorServer(podcast, port=0, install_root=REPO) as editor:
        assert '"folder": "data/podcast"' in fetch(editor.url)[1]
        assert entry in json.loads(fetch(f"{editor.url}val.json")[1])["podcast"]


def test_a_reference_to_one_type_must_name_that_type(podcast: Project) -> None:
    _rewrite(podcast, "quote_from: s1", "quote_from: s1\nstage: intervention/alfa")
    assert [p.format() for p in check(podcast)[1]] == [
        "data/podcast/avsnitt-1.yaml:11:8: error: hänvisningen 'intervention/alfa' ska peka på "
        "en post av typen stage"
    ]
