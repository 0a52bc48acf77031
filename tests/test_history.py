"""Every record page ends with "Ändringar": what changed, and when, in what readers rely on
(a method's verdicts, target group, ages, costs, roles), read from the repository's history
of the record's file; a build without that history says so and still builds."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE, record

from generator.locale import strings
from generator.reading.project import Project
from generator.site.engine.generation import generate

T = strings("sv")["changes"]


def git(root: Path, *args: str, when: str = "2026-01-10T12:00:00+01:00") -> None:
    """A git command in `root`, as a fixed author at the fixed time `when`."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redaktör",
        "GIT_AUTHOR_EMAIL": "redaktor@example.org",
        "GIT_COMMITTER_NAME": "Redaktör",
        "GIT_COMMITTER_EMAIL": "redaktor@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def commit(root: Path, when: str) -> None:
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", f"Ändrat {when}", when=when)


def changes(project: Project, page: str) -> str:
    """The "Ändringar" section of a generated page, up to the next heading or element."""
    text = generate(project).text(page)
    start = text.index(f"## {T['heading']}")
    end = text.find("\n<div", start)
    return text[start : end if end != -1 else None].strip()


@pytest.fixture
def no_git_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git looks for a repository no further up than the test's folder."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


@pytest.mark.usefixtures("no_git_above")
def test_a_method_page_lists_each_dated_change_with_what_it_was_and_became(
    make_project: Callable[..., Project],
) -> None:
    project = make_project({"intervention/gamma.yaml": record("intervention", "gamma")})
    git(project.root, "init", "-q")
    commit(project.root, "2026-01-10T09:00:00+01:00")
    # The description is not something the page's changes follow; the oldest age is.
    make_project(
        {
            "intervention/alfa.yaml": record(
                "intervention",
                description="En ny beskrivning.",
                ages={"min": 3, "max": 10, "source": "s1"},
            )
        }
    )
    commit(project.root, "2026-02-14T23:30:00+01:00")
    # gamma is renamed delta, and its target group rewritten in the same commit.
    git(project.root, "mv", "data/intervention/gamma.yaml", "data/intervention/delta.yaml")
    make_project(
        {
            "intervention/alfa.yaml": record(
                "intervention",
                description="En ny beskrivning.",
                ages={"min": 3, "max": 10, "source": "s1"},
                cost_note={"text": "5 000 kr per familj", "source": "s1"},
            ),
            "intervention/delta.yaml": record(
                "intervention",
                "delta",
                target_group={"text": "Föräldrar till barn 3–10 år", "source": "s1"},
            ),
        }
    )
    commit(project.root, "2026-03-01T10:00:00+01:00")
    # What is not committed yet is not history.
    make_project({"intervention/alfa.yaml": record("intervention", description="Osparad.")})

    intro = T["intro"].format(
        fields="Målgrupp, Ålder, Kostnader, Om kostnaderna, Kostnadsnivå, Utvecklare och "
        "programägare, Licensinnehavare och nationell samordning, Utbildare och utförare, "
        "Bedömningar i evidensregister"
    )

    def opening(record_id: str) -> str:
        """The heading, what the list follows and the link to the method's own feed."""
        feed = T["feed_link"].format(title=BASE["intervention"]["title"])
        return (
            f"## Ändringar {{ #andringar }}\n\n{intro}\n\n[{feed}](../flode/insatser/"
            f'{record_id}.xml){{: .kb-feed type="application/atom+xml" }}\n\n'
        )

    assert changes(project, "insatser/alfa.md") == (
        opening("alfa") + '- <time datetime="2026-03-01">2026-03-01</time>:\n'
        "    - **Om kostnaderna › Text**: ”5 000 kr per familj” (tillagt).\n"
        '- <time datetime="2026-02-14">2026-02-14</time>:\n'
        "    - **Ålder › Högsta**: var ”12”, blev ”10”.\n"
        '- <time datetime="2026-01-10">2026-01-10</time>: Posten lades till.'
    )
    assert changes(project, "insatser/delta.md") == (
        opening("delta") + '- <time datetime="2026-03-01">2026-03-01</time>:\n'
        "    - **Målgrupp › Text**: var ”Föräldrar till barn 3–12 år”, "
        "blev ”Föräldrar till barn 3–10 år”.\n"
        '- <time datetime="2026-01-10">2026-01-10</time>: Posten lades till.'
    )
    # A type whose fields no reader's decision rests on shows when the record came.
    assert changes(project, "steg.md") == (
        f"## Ändringar {{ #andringar }}\n\n{T['intro_created_only']}\n\n"
        '- <time datetime="2026-01-10">2026-01-10</time>: Posten lades till.'
    )


@pytest.mark.usefixtures("no_git_above")
def test_a_project_outside_git_builds_and_says_its_history_is_unavailable(
    make_project: Callable[..., Project],
) -> None:
    project = make_project()
    assert (
        changes(project, "insatser/alfa.md")
        == f"## Ändringar {{ #andringar }}\n\n{T['unavailable']}"
    )


@pytest.mark.usefixtures("no_git_above")
def test_without_git_or_in_a_shallow_clone_the_history_is_unavailable(
    make_project: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    git(project.root, "init", "-q")
    commit(project.root, "2026-01-10T09:00:00+01:00")
    commit_again = record("intervention", ages={"min": 4, "max": 12, "source": "s1"})
    make_project({"intervention/alfa.yaml": commit_again})
    commit(project.root, "2026-01-11T09:00:00+01:00")
    clone = tmp_path.parent / f"{tmp_path.name}-shallow"
    git(tmp_path.parent, "clone", "-q", "--depth", "1", f"file://{project.root}", str(clone))
    unavailable = f"## Ändringar {{ #andringar }}\n\n{T['unavailable']}"
    assert changes(Project(clone), "insatser/alfa.md") == unavailable
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert changes(project, "insatser/alfa.md") == unavailable
