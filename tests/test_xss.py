"""Record text can never script the site: a corpus of XSS payloads in every text field of
every record type, built into a real site, and the built HTML inspected as a browser parses it.

The hostile site is the repository's own data plus copies of every record in which each text
field the schema accepts free text in holds payloads. Whatever the built pages contain beyond
what the theme itself puts on a page of the clean site (its scripts, its attributes) is a leak.
The finder and the comparison write record text from the open data (insatser.json) into the
page in the browser, so they are also inspected in Chromium after their scripts have run.
"""

from __future__ import annotations

import copy
import html.parser
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from accessibility import SETTLED
from click.testing import CliRunner
from conftest import BASE, made_once, record, serve
from playwright.sync_api import Dialog, Page, expect
from pydantic import ValidationError

from generator.reading.load import SourceDocument, load_data
from generator.reading.project import Project
from generator.site.command.cli import main
from generator.site.engine.build import build
from generator.types import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><animate onbegin=alert(1)>",
    '<a href="javascript:alert(1)">klick</a>',
    "<iframe src=javascript:alert(1)></iframe><object data=x></object><embed src=x>",
    "<base href=//evil.example/><form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<style>*{background:url(javascript:alert(1))}</style>",
    "[klick](javascript:alert(1))",
    "[klick](  JaVaScRiPt:alert(1))",
    "[klick](<javascript:alert(1)>)",
    "[klick](javascript\\:alert(1))",
    "[klick](java\tscript:alert(1))",
    "[klick](vbscript:msgbox(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klick](java&#115;cript:alert(1)) [klick](javascript&colon;alert(1))",
    '[klick](https://example.org "x" onmouseover="alert(1)")',
    "[klick][r]\n\n[r]: javascript:alert(1)",
    "[klick][r2]\n\n[r2]:\n  <javascript:alert(1)>",
    "![bild](javascript:alert(1)) ![bild](data:image/svg+xml,<svg/onload=alert(1)>)",
    "<javascript:alert(1)> <data:text/html,x> <vbscript:x>",
    'Text\n{: onclick="alert(1)" }',
    "# Rubrik {: onclick=alert(1) style=color:red }",
    "*kursiv*{: onmouseover=alert(1) }",
    '<div markdown="1" onclick="alert(1)">**x**</div>',
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)&#60;/script&#62;",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    '!!! note "<script>alert(1)</script>"\n    <img src=x onerror=alert(1)>',
    "Term\n:   <img src=x onerror=alert(1)>",
    "- [ ] <img src=x onerror=alert(1)>",
    "| a | <script>alert(1)</script> |\n| --- | --- |\n| x | y |",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "---\ntitle: <script>alert(1)</script>\n---",
    "{{ 7*7 }} {% raw %} ${alert(1)}",
    "\u202e<script>alert(1)</script>\u200b",
]
# Variants of the site: every payload at once in each field, then one payload per field with
# the corpus rotated so that each field meets several payloads on their own.
ROTATIONS = 3
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "srcset",
    "content",
}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "base",
    "form",
    "frame",
    "frameset",
    "style",
    "meta",
    "link",
    "svg",
    "math",
    "template",
    "animate",
}


def _free_text_paths(type_name: str, data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Paths of string values in a valid record that the schema also accepts a payload in."""
    cls = RECORD_TYPES[type_name]
    found = []
    for path in _string_paths(data):
        trial = copy.deepcopy(data)
        _set(trial, path, PAYLOADS[0])
        try:
            cls.model_validate(trial, strict=True)
        except ValidationError:
            continue
        found.append(path)
    return found


def _string_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_paths(item, (*path, i))
    elif isinstance(value, str):
        yield path


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _with_every_list_filled(data: Any) -> Any:
    """Empty lists of text (keywords, questions) get an item, so they are attacked too."""
    if isinstance(data, dict):
        return {
            k: ["x"] if v == [] and k != "aliases" else _with_every_list_filled(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_with_every_list_filled(v) for v in data]
    return data


def _without_aliases(data: Any) -> Any:
    """Copies must not claim the originals' old ids, which would be an ambiguity error."""
    if isinstance(data, dict):
        return {k: _without_aliases(v) for k, v in data.items() if k != "aliases"}
    if isinstance(data, list):
        return [_without_aliases(v) for v in data]
    return data


def _as_another_work(reference: dict[str, Any], tag: str) -> None:
    """A copied bibliography entry with identifiers of its own: a work is described once."""
    reference.pop("isbn", None)
    for name, separator in (("doi", "."), ("url", "#")):
        if name in reference:
            reference[name] += f"{separator}{tag}"


def _shape(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """A field's place in any record of its type: list positions are all alike."""
    return tuple("[]" if isinstance(part, int) else part for part in path)


def _covering(documents: list[SourceDocument]) -> list[SourceDocument]:
    """The fewest records of each type (chosen greedily) in which between them every field
    that holds text in any record of that type holds text: copies of those attack every
    field a record can have, on a site a fraction of the size of copying every record."""
    wanted: dict[str, set[tuple[Any, ...]]] = {}
    shapes = {}
    for doc in documents:
        shapes[doc.path] = {_shape(p) for p in _string_paths(_with_every_list_filled(doc.data))}
        wanted.setdefault(doc.record_type, set()).update(shapes[doc.path])
    chosen = []
    for type_name, missing in wanted.items():
        candidates = [doc for doc in documents if doc.record_type == type_name]
        while missing:
            best = max(candidates, key=lambda doc: len(shapes[doc.path] & missing))
            chosen.append(best)
            missing -= shapes[best.path]
    return chosen


def _hostile_copies(root: Path) -> dict[str, int]:
    """Write the hostile records beside the real ones; returns, per record type, how many
    text fields each variant attacks."""
    documents, problems = load_data(root / "data", root, list(RECORD_TYPES))
    assert problems == []
    attacked: dict[str, int] = {}
    for doc in _covering(documents):
        data = _without_aliases(_with_every_list_filled(doc.data))
        paths = _free_text_paths(doc.record_type, data)
        attacked[doc.record_type] = attacked.get(doc.record_type, 0) + len(paths)
        variants = ["\n\n".join(PAYLOADS)] + [None] * ROTATIONS
        if RECORD_TYPES[doc.record_type].one_per_site:
            # A site has one accessibility statement: the hostile one replaces it, and every
            # page's footer shows its publisher.
            variants = variants[:1]
            (root / doc.path).unlink()
        for v, joined in enumerate(variants):
            hostile = copy.deepcopy(data)
            for i, path in enumerate(paths):
                _set(hostile, path, joined or PAYLOADS[(i + v * 7) % len(PAYLOADS)])
            hostile["id"] = f"{doc.stem}-xss{v}"
            if doc.record_type == "reference":
                _as_another_work(hostile, f"xss{v}")
            target = root / "data" / doc.record_type / f"{doc.stem}-xss{v}.yaml"
            target.write_text(
                json.dumps(hostile, default=str, ensure_ascii=False), encoding="utf-8"
            )
    return attacked


class _Leaks(html.parser.HTMLParser):
    """Everything in a page that could run script or change where the page sends the reader."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.found.add(f"<{tag} {name}>")
            # As a browser reads a URL: outer spaces and controls dropped, tabs and line
            # breaks removed anywhere.
            plain = re.sub(r"[\t\n\r]", "", (value or "").strip("\x00- "))
            if name in URL_ATTRIBUTES and DANGEROUS_SCHEME.match(plain):
                self.found.add(f"<{tag} {name}={plain[:40]}>")
        if tag in DANGEROUS_TAGS and tag != "script":
            self.found.add(f"<{tag} {sorted(a for a, _ in attrs)}>")
        if tag == "script":
            src = dict(attrs).get("src")
            self.found.add(f"<script src={Path(src).name}>" if src else "<script>")
            self._script = [] if not src else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = re.sub(r"[./]+", ".", "".join(self._script).strip())
            self.found.add(f"<script>{text}</script>")
            self._script = None


def leaks(site: Path) -> dict[str, set[str]]:
    """Per built page. (Search results show Pagefind's excerpts, which kb-search.js reduces to
    text and <mark>; tests/test_search.py searches for a payload.)"""
    found = {}
    for page in site.rglob("*.html"):
        parser = _Leaks()
        parser.feed(page.read_text(encoding="utf-8"))
        found[page.relative_to(site).as_posix()] = parser.found
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The real knowledge base with hostile copies of every record, built once per test
    run; beside it, how many text fields each record type's copies attack."""

    def make(root: Path) -> None:
        root.mkdir()
        # Payload links lead nowhere; MkDocs' strict link check would (rightly) stop the
        # build before there is HTML to inspect.
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            config.replace("strict: true", "strict: false"), encoding="utf-8"
        )
        shutil.copytree(REPO / "content", root / "content")
        shutil.copytree(REPO / "data", root / "data")
        attacked = _hostile_copies(root)
        build(Project(root), root / "site")
        (root / "attacked.json").write_text(json.dumps(attacked), encoding="utf-8")

    root = made_once(tmp_path_factory, "hostile", make)
    return root / "site", json.loads((root / "attacked.json").read_text(encoding="utf-8"))


def test_payloads_reach_text_fields_of_every_record_type_and_are_built(
    hostile_site: tuple[Path, dict[str, int]],
) -> None:
    site, attacked = hostile_site
    assert all(count >= 5 for count in attacked.values()), attacked
    for type_name in attacked:
        prefix = RECORD_TYPES[type_name].url_prefix
        pages = list((site / prefix if prefix else site).glob("*-xss0/index.html"))
        assert pages, type_name


def test_no_script_handler_or_script_url_from_records_reaches_the_built_site(
    site: Path, hostile_site: tuple[Path, dict[str, int]]
) -> None:
    theme = set().union(*leaks(site).values())
    hostile = leaks(hostile_site[0])
    assert {page: found - theme for page, found in hostile.items() if found - theme} == {}


def test_payloads_are_shown_as_text(hostile_site: tuple[Path, dict[str, int]]) -> None:
    """Escaped, not dropped: the reader sees what the editor wrote."""
    page = next(hostile_site[0].glob("insatser/*-xss1/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page or "&lt;img src=x onerror" in page


@pytest.fixture(scope="module")
def hostile_url(hostile_site: tuple[Path, dict[str, int]]) -> Iterator[str]:
    with serve(hostile_site[0]) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("address", "clean_query"), [("hitta/", ""), ("jamfor/", "?m=pmto,mst")])
def test_record_text_from_the_open_data_is_inserted_as_text(
    page: Page,
    base_url: str,
    hostile_site: tuple[Path, dict[str, int]],
    hostile_url: str,
    address: str,
    clean_query: str,
) -> None:
    """What the scripts build from insatser.json holds nothing beyond what the same page
    of the clean site holds, no payload runs, and the payloads are shown as text."""
    data = json.loads((hostile_site[0] / "data" / "insatser.json").read_text(encoding="utf-8"))
    hostile_ids = [m["id"] for m in data["methods"] if "-xss" in m["id"]]
    hostile_query = f"?m={','.join(hostile_ids[:4])}" if clean_query else ""
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)

    def built_by_script(url: str) -> set[str]:
        page.goto(url)
        expect(page.locator("form.kb-finder, form.kb-compare-form")).to_be_visible()
        page.wait_for_function(SETTLED)  # the finder has answered, the comparison is drawn
        parser = _Leaks()
        parser.feed(page.locator("article").inner_html())
        return parser.found

    clean = built_by_script(f"{base_url}{address}{clean_query}")
    hostile = built_by_script(f"{hostile_url}{address}{hostile_query}")
    assert hostile - clean == set()
    assert "<img src=x onerror=alert(1)>" in page.locator("article").inner_text()
    assert dialogs == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "ftp://example.org/",
        " https://example.org/",
        "https://example.org/ x",
        "//example.org/",
        "example.org",
    ],
)
def test_source_urls_must_be_http_or_https(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    source = {**BASE["intervention"]["sources"][0], "url": url}
    project = make_project({"intervention/alfa.yaml": record("intervention", sources=[source])})
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [f"data/intervention/alfa.yaml:18:49: error: {url!r} har fel form för 'url'"],
    )
