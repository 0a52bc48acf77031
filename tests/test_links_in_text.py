"""A link in record text goes to a web address. Any other — a script or data address however
disguised, a relative one — is shown as text, so the strict build passes, and `kb check`
warns of it at its line in the YAML file, not at a generated page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checking.check import check
from generator.reading.project import Project
from generator.site.engine.build import build

DISGUISED = [
    "[klick](javascript:alert(1))",
    "[klick](javascript\\\\:alert(1))",
    "[klick](  JaVa\\tScRiPt:alert(1))",
    "[klick](<javascript:alert(1)>)",
    "[klick](java&#115;cript:alert(1))",
    "[klick](%6Aavascript:alert(1))",
    "![bild](data:image/svg+xml,x)",
    "[klick](vbscript:x)",
    "[klick](../insatser/pmto/)",
    "[klick][r]\\n\\n[r]: javascript:alert(1)",
    "> [klick][q]\\n>\\n> [q]:\\n>   javascript:alert(1)",
]


def process_with(description: str) -> dict[str, str]:
    return {
        "process/steg.yaml": f"""
        id: steg
        title: Steg för steg
        summary: En process.
        reviewed: 2026-01-15
        description: "Se {description} här."
        steps: [{{id: fraga, title: Fråga}}, {{id: sok, title: Sök kunskap}}]
        sources: [{{id: s1, title: Källa}}]
    """
    }


@pytest.mark.parametrize("link", DISGUISED)
def test_a_link_that_is_not_a_web_address_is_warned_of_at_its_line_and_shown_as_text(
    make_project: Callable[..., Project], tmp_path: Path, link: str
) -> None:
    project = make_project(process_with(link))
    _, problems = check(project)
    assert [(p.path, p.line, p.column, p.severity) for p in problems] == [
        ("data/process/steg.yaml", 5, 14, "warning")
    ]
    assert "visas som text" in problems[0].message
    build(project, tmp_path / "site")  # strict: MkDocs meets no link to warn about
    html = (tmp_path / "site" / "steg" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("Se ") : html.index(" här.")]
    assert "<a " not in body and "<img " not in body
    assert "[klick" in body or "![bild]" in body


def test_links_to_web_and_mail_addresses_stay_links(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    project = make_project(
        process_with("[SBU](https://www.sbu.se/sv/) och [oss](mailto:kb@example.org)")
    )
    assert check(project)[1] == []
    build(project, tmp_path / "site")
    html = (tmp_path / "site" / "steg" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.sbu.se/sv/">SBU</a>' in html
    assert '<a href="mailto:kb@example.org">oss</a>' in html


def test_a_reference_definition_is_shown_as_text_since_it_would_hold_for_the_whole_page(
    make_project: Callable[..., Project], tmp_path: Path
) -> None:
    """'[1]: address' in one field would make every '[1]' on the page, the page's own
    citation marks among them, a link to that address; it is warned of and shown as text."""
    project = make_project(
        {
            "process/steg.yaml": """
        id: steg
        title: Steg för steg
        summary: En process.
        reviewed: 2026-01-15
        description: |-
          Se [1] här.

          [1]: https://annan.example/
        steps: [{id: fraga, title: Fråga}, {id: sok, title: Sök kunskap}]
        sources: [{id: s1, title: Källa}]
    """
        }
    )
    _, problems = check(project)
    assert [p.format() for p in problems] == [
        "data/process/steg.yaml:5:14: warning: referensdefinitionen '[1]: …' visas som text: "
        "en sådan definition gäller hela sidan och kunde göra sidans egna hänvisningar till "
        "länkar (skriv länken där den står i texten, som [text](https://www.example.org/))"
    ]
    build(project, tmp_path / "site")
    html = (tmp_path / "site" / "steg" / "index.html").read_text(encoding="utf-8")
    assert "annan.example" not in html.replace("[1]: https://annan.example/", "")
    assert "<p>Se [1] här.</p>" in html
    assert "<p>[1]: https://annan.example/</p>" in html
