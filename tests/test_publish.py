"""A site a public body can publish: its own address or none, a Swedish footer on every page,
a Swedish 404 page, nothing fetched from another origin, and an accessibility statement."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from built_site import mkdocs_build, snapshot
from click.testing import CliRunner
from conftest import NOW

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.command.cli import main
from generator.site.engine.build import build
from generator.site.engine.tree import write_tree
from generator.site.publishing.publication import SITE_URL_ENV, THEME_DIR

REPO = Path(__file__).resolve().parent.parent
BUILD_DAY = NOW.date().isoformat()  # SOURCE_DATE_EPOCH

STATEMENT = """
    id: tillganglighet
    title: Tillgänglighetsredogörelse
    summary: Hur tillgänglig webbplatsen är.
    reviewed: 2026-02-01
    publisher:
      name: Exempels kommun
      url: https://exempel.se/
      email: webb@exempel.se
      phone: 010-123 45 67
      licence: {name: CC BY 4.0, url: "https://creativecommons.org/licenses/by/4.0/"}
    service: Kunskapsbanken
    status: partial
    published: 2026-01-10
    assessment:
      date: 2026-01-20
      method: external-audit
      text: Granskad av en extern byrå mot WCAG 2.1 AA.
    shortcomings:
      - id: diagram
        title: Diagram utan textalternativ
        text: Två diagram saknar beskrivning.
        reason: non-compliance
        criteria: [1.1.1 Icke-textinnehåll]
        remedy: Åtgärdas under våren 2027.
      - id: filmer
        title: Gamla filmer
        text: Filmer från 2015 saknar undertexter.
        reason: disproportionate-burden
    feedback: {email: tillganglighet@exempel.se, response_time: inom två arbetsdagar}
    sources:
      - {id: s1, title: DIGG om tillgänglighetsredogörelser}
"""


def html_pages(site: Path) -> list[Path]:
    """The site's pages, without the small pages that forward old addresses."""
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def published(make_project: Callable[..., Project], tmp_path: Path) -> Path:
    """A small project with an accessibility statement, built by `kb build`."""
    project = make_project({"accessibility/tillganglighet.yaml": STATEMENT})
    build(project, tmp_path / "site")
    return tmp_path / "site"


def test_every_page_has_the_swedish_footer_and_no_theme_credit(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = text_of(html[html.index('class="md-copyright"') : html.index("</footer>")])
        assert "Made with" not in html and "Material for MkDocs" not in footer, page
        for label in (
            "Utgivare:",
            "Licens:",
            "Kontakt:",
            "Tillgänglighetsredogörelse",
            f"Byggd: {BUILD_DAY}",
        ):
            assert label in footer, (page, footer)
        link = re.search(r'<a href="([^"]+)">Tillgänglighetsredogörelse</a>', html)
        assert link, page
        if page.name != "404.html":  # its links are absolute only once the site has an address
            target = (page.parent / link[1] / "index.html").resolve()
            assert target == (site / "tillganglighet" / "index.html").resolve(), page


def test_footer_names_publisher_licence_and_contact_from_the_statement(published: Path) -> None:
    html = (published / "insatser" / "alfa" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://exempel.se/">Exempels kommun</a>' in html
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html
    )
    assert '<a href="mailto:webb@exempel.se">webb@exempel.se</a>, 010-123 45 67' in html
    assert '<a href="../../tillganglighet/">Tillgänglighetsredogörelse</a>' in html
    assert f'<time datetime="{BUILD_DAY}">{BUILD_DAY}</time>' in html


def test_without_a_statement_the_footer_still_replaces_the_credit(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    build(make_project(), tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'Byggd: <time datetime="{BUILD_DAY}">' in html
    assert "Made with" not in html and "Tillgänglighetsredogörelse" not in html


def test_the_statement_has_everything_digg_requires(published: Path) -> None:
    page = text_of((published / "tillganglighet" / "index.html").read_text(encoding="utf-8"))
    expected = [
        "Exempels kommun står bakom webbplatsen Kunskapsbanken",  # publisher and service
        "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service",  # compliance status
        "Diagram utan textalternativ",
        "Två diagram saknar beskrivning.",  # not accessible
        "Skäl: Brister mot lagkraven",  # and why
        "Berörda krav: 1.1.1 Icke-textinnehåll",
        "Åtgärd: Åtgärdas under våren 2027.",
        "Skäl: Oskäligt betungande anpassning (12 §",
        "E-post: tillganglighet@exempel.se",
        "Svarstid: inom två arbetsdagar",  # feedback
        "Anmäl bristande tillgänglighet till Digg",  # DIGG's form
        "Bedömningen gjordes 2026-01-20 genom granskning av extern part.",  # assessment
        "Granskad av en extern byrå mot WCAG 2.1 AA.",
        "Redogörelsen upprättades: 2026-01-10",
        "Senast uppdaterad: 2026-02-01",
    ]
    for text in expected:
        assert text in page, text
    html = (published / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert 'href="mailto:tillganglighet@exempel.se"' in html
    assert 'id="diagram"' in html and 'id="filmer"' in html


def test_the_statement_is_linked_from_the_footer_not_the_navigation(published: Path) -> None:
    html = (published / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="[^"]*tillganglighet/[^"]*"', html) == ['href="tillganglighet/"']
    assert 'href="tillganglighet/">Tillgänglighetsredogörelse</a>' in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("status: partial", "status: full"),
            "status full (helt förenlig) går inte ihop med brister mot kraven: diagram",
        ),
        (
            ("reason: non-compliance", "reason: out-of-scope"),
            "en webbplats som inte är helt förenlig ska lista sina brister",
        ),
        (("email: webb@exempel.se", "email: webb(at)exempel.se"), "har fel form för 'email'"),
        (("reason: disproportionate-burden", "reason: too-expensive"), "too-expensive"),
    ],
)
def test_a_statement_that_contradicts_itself_is_reported_in_place(
    make_project: Callable[..., Project], change: tuple[str, str], message: str
) -> None:
    project = make_project({"accessibility/tillganglighet.yaml": STATEMENT.replace(*change)})
    problems = [p.format() for p in check(project)[1]]
    assert len(problems) == 1 and message in problems[0], problems
    assert problems[0].startswith("data/accessibility/tillganglighet.yaml:")


def test_a_site_has_one_statement(make_project: Callable[..., Project]) -> None:
    second = STATEMENT.replace("id: tillganglighet", "id: redogorelse")
    project = make_project(
        {"accessibility/tillganglighet.yaml": STATEMENT, "accessibility/redogorelse.yaml": second}
    )
    problems = [p.format() for p in check(project)[1]]
    assert problems == [
        "data/accessibility/tillganglighet.yaml:1:5: error: webbplatsen kan bara ha en post av "
        "typen accessibility (den finns redan i data/accessibility/redogorelse.yaml)"
    ]


def test_the_404_page_is_swedish(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "<h1>Sidan finns inte</h1>" in html and "<title>Sidan finns inte – " in html
    assert "Till startsidan" in html and "Not found" not in html


def test_without_an_address_no_page_links_to_localhost_or_names_its_own_address(site: Path) -> None:
    """The editors' guide may mention `make serve`'s local address as text; no link, script
    or metadata on any page points there."""
    local = re.compile(r'="(?:https?:)?//(?:127\.0\.0\.1|localhost)\b')
    for page in html_pages(site):
        assert not local.search(page.read_text(encoding="utf-8")), page
    assert 'rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8")
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_no_page_loads_anything_from_another_origin(site: Path) -> None:
    """Fonts are the system's (`theme.font: false`); styles, scripts and images are the
    site's own. Links a reader follows may lead elsewhere; nothing loads by itself."""
    loads = re.compile(
        r"<(?:link|script|img|source|iframe)\b[^>]*?\s(?:href|src|srcset)="
        r'"((?:https?:)?//[^"]+)"'
    )
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert loads.findall(html) == [], page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def _canonical_and_sitemap(site: Path) -> tuple[str, str]:
    html = (site / "insatser" / "alfa" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return canonical[1] if canonical else "", (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_address_in_mkdocs_yml_is_used_in_canonical_links_and_the_sitemap(
    make_project: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    project = make_project()
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        config.replace(
            "# site_url: https://kunskapsbank.example.se/", "site_url: https://kb.kommun.se/ebp/"
        ),
        encoding="utf-8",
    )
    build(project, tmp_path / "site")
    canonical, sitemap = _canonical_and_sitemap(tmp_path / "site")
    assert canonical == "https://kb.kommun.se/ebp/insatser/alfa/"
    assert "<loc>https://kb.kommun.se/ebp/insatser/alfa/</loc>" in sitemap


def test_the_address_from_the_environment_wins_in_every_engine(
    make_project: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KB_SITE_URL wins over mkdocs.yml in `kb build`, and `kb generate` writes it into the
    tree's config, so plain MkDocs builds the same addresses."""
    project = make_project()
    monkeypatch.setenv(SITE_URL_ENV, "https://www.exempel.se/kunskapsbank")
    build(project, tmp_path / "site")
    config = write_tree(project, tmp_path / "tree")
    mkdocs_build(config, tmp_path / "plain")
    for site in (tmp_path / "site", tmp_path / "plain"):
        canonical, sitemap = _canonical_and_sitemap(site)
        assert canonical == "https://www.exempel.se/kunskapsbank/insatser/alfa/"
        assert "<loc>https://www.exempel.se/kunskapsbank/</loc>" in sitemap
        assert "127.0.0.1" not in sitemap


def test_plain_mkdocs_builds_the_footer_and_404_from_the_generated_tree(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    config = write_tree(
        make_project({"accessibility/tillganglighet.yaml": STATEMENT}), tmp_path / "tree"
    )
    assert (tmp_path / "tree" / "overrides" / "partials" / "copyright.html").is_file()
    site = tmp_path / "tree" / "site"
    mkdocs_build(config, site)
    html = (site / "insatser" / "alfa" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://exempel.se/">Exempels kommun</a>' in html
    assert "<h1>Sidan finns inte</h1>" in (site / "404.html").read_text(encoding="utf-8")


def test_the_generated_tree_carries_the_whole_theme_folder_kb_build_uses(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    write_tree(make_project(), tmp_path / "tree")
    assert snapshot(tmp_path / "tree" / "overrides") == snapshot(THEME_DIR)


def test_an_address_that_is_not_one_is_reported_where_it_was_set(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    monkeypatch.chdir(project.root)
    monkeypatch.setenv(SITE_URL_ENV, "kunskapsbank.se")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1, result.output
    assert "KB_SITE_URL:1:1: error: 'kunskapsbank.se' är ingen webbadress" in result.output
    monkeypatch.delenv(SITE_URL_ENV)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        config.replace(
            "# site_url: https://kunskapsbank.example.se/", "site_url: ftp://kunskapsbank.se/"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["generate", "--out", "tree"])
    assert result.exit_code == 1
    line = config.splitlines().index("# site_url: https://kunskapsbank.example.se/") + 1
    assert (
        f"mkdocs.yml:{line}:11: error: 'ftp://kunskapsbank.se/' är ingen webbadress"
        in result.output
    )
    assert not (project.root / "site").exists() and not (project.root / "tree").exists()
