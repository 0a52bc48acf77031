"""The `kb` command: check, generate, build and serve the knowledge base.

Each command imports the part of the pipeline it runs when it runs: `kb build` starts
generating in a second process before the record types and templates are imported, and
MkDocs in this one (generator/site/engine/build.py).
"""

from __future__ import annotations

import gc
import logging
import re
import sys
from pathlib import Path

import click

from generator.diagnostics import DataError, UserError, has_errors, to_json, warnings_as_errors
from generator.locale import message
from generator.reading.project import Project, today
from generator.site.command import click_words

click_words.speak_swedish()


def _project() -> Project:
    today()  # an invalid SOURCE_DATE_EPOCH is named before any work
    try:
        return Project.find()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc


def _report(exc: DataError) -> None:
    for diagnostic in exc.diagnostics:
        click.echo(diagnostic.format(), err=True)
    errors = sum(d.severity == "error" for d in exc.diagnostics)
    click.echo(message("messages.cli.nothing_built", errors=errors), err=True)
    sys.exit(1)


class Refused(click.ClickException):
    """A command that cannot be carried out, told in Swedish (click's own prefix is English)."""

    def show(self, file: object = None) -> None:
        click.echo(message("messages.cli.failed", reason=self.format_message()), err=True)


class _Commands(click_words.Group):
    """kb's commands, where a fault of the user's or the machine's (a refused output folder,
    a full disk, a folder without permission) ends in one sentence instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise Refused(str(exc)) from exc
        except OSError as exc:
            from generator.site.engine.staging import fault

            raise Refused(fault(exc)) from exc


@click.group(cls=_Commands)
@click.option("-q", "--quiet", is_flag=True, help="Visa bara varningar och fel från MkDocs.")
def main(quiet: bool) -> None:
    """Kunskapsbank: validera YAML-poster och bygg webbplatsen."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.WARNING if quiet else logging.INFO)


@main.command("check")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Utdataformat; json är till för verktyg.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Varningar räknas som fel, t.ex. poster som inte granskats på länge.",
)
def check_command(output: str, strict: bool) -> None:
    """Kontrollera alla poster och rapportera alla problem på en gång."""
    from generator.checking.check import check
    from generator.rendering.generated_addresses import generated_addresses

    # A check is a process of its own, and all it reads lives until it ends: the cycle
    # collector's first run after loading would visit every record to free none of them.
    # (`kb serve` and `kb cms` check again and again, and keep it.)
    gc.disable()
    project = _project()
    records, problems = check(project, taken=generated_addresses)
    if strict:
        problems = warnings_as_errors(problems)
    if output == "json":
        click.echo(to_json(problems))
    else:
        for problem in problems:
            click.echo(problem.format(), err=True)
        if not has_errors(problems):
            click.echo(
                message("messages.cli.checked", records=len(records), warnings=len(problems))
            )
    sys.exit(1 if has_errors(problems) else 0)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Mapp för genererad Markdown och mkdocs.yml.",
)
def generate(out_dir: Path) -> None:
    """Skriv genererad Markdown och navigation till en mapp som kan byggas utan pluginet."""
    from generator.site.engine.tree import write_tree

    try:
        config = write_tree(_project(), out_dir)
    except DataError as exc:
        _report(exc)
    click.echo(message("messages.cli.generated", config=config))


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".kb/schemas"),
    show_default=True,
    help="Mapp för schemafilerna.",
)
def schemas(out_dir: Path) -> None:
    """Skriv JSON Schema för varje posttyp, för kontroll och komplettering i editorn."""
    from generator.rendering.field_reference import schema_files
    from generator.site.editor.editor_settings import schema_mapping, write_mapping
    from generator.types.registry import project_types

    project = _project()
    types, problems = project_types(project.root)
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files(types).items():
        (out_dir / name).write_text(text, encoding="utf-8")
    click.echo(message("messages.cli.schemas_written", folder=out_dir))
    if out_dir.is_relative_to(project.root):  # VS Code reads paths inside the project
        schema_dir = out_dir.relative_to(project.root).as_posix()
        note = write_mapping(project.root, schema_mapping(types, schema_dir), schema_dir)
        found = message("messages.cli.schemas_mapped", folder=project.root / ".vscode")
        click.echo(note or found, err=bool(note))
    for problem in problems:
        click.echo(problem.format(), err=True)


@main.command()
@click.argument("type_name", metavar="TYP")
@click.argument("record_id", metavar="ID")
def new(type_name: str, record_id: str) -> None:
    """Skapa data/TYP/ID.yaml: en kommenterad mall som redan klarar kb check."""
    from generator.site.editor.scaffold import template
    from generator.types.base import SLUG_PATTERN
    from generator.types.registry import project_types

    project = _project()
    types, _ = project_types(project.root)
    if type_name not in types:
        raise click.BadParameter(
            message("messages.cli.choose_type", types=", ".join(types)), param_hint="TYP"
        )
    if not re.fullmatch(SLUG_PATTERN, record_id):
        raise click.BadParameter(message("messages.cli.slug"), param_hint="ID")
    path = project.data_dir / type_name / f"{record_id}.yaml"
    if path.exists():
        raise click.ClickException(message("messages.cli.exists", path=path))
    existing = {
        folder.name: sorted(file.stem for file in folder.glob("*.yaml"))
        for folder in project.data_dir.iterdir()
        if folder.is_dir()
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(types[type_name], record_id, existing), encoding="utf-8")
    click.echo(message("messages.cli.created", path=path))


@main.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Var webbplatsen hamnar.",
)
def build_command(site_dir: Path) -> None:
    """Generera och bygg webbplatsen; en misslyckad byggning ersätter aldrig en bra."""
    from generator.site.engine.build import build

    project = _project()
    target = site_dir if site_dir.is_absolute() else Path.cwd() / site_dir
    try:
        build(project, target)
    except DataError as exc:
        _report(exc)
    click.echo(message("messages.cli.built", target=target))


@main.command()
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Adress och port för utvecklingsservern.",
)
def serve(dev_addr: str) -> None:
    """Visa webbplatsen; vid varje ändring byggs bara det som ändrats om."""
    from generator.site.children import stop_on_signals

    stop_on_signals(
        message("messages.cli.stopped", command="kb serve")
    )  # first, before the long imports and the build
    from generator.site.engine.serve import serve as serve_site

    try:
        serve_site(_project(), dev_addr, echo=lambda line: click.echo(line, err=True))
    except DataError as exc:
        _report(exc)


@main.command()
@click.option(
    "--dev-addr",
    default="127.0.0.1:8100",
    show_default=True,
    help="Adress och port för formulärredigeraren.",
)
@click.option(
    "--install",
    "install_only",
    is_flag=True,
    help="Installera bara Decap CMS (npm ci ur låsfilen) och avsluta.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Skriv redigeraren som statiska filer för er git-tjänst i stället för att "
    "starta den lokalt.",
)
@click.option(
    "--backend",
    "host",
    type=click.Choice(["gitlab", "github", "gitea", "forgejo"]),
    help="Git-tjänsten (med --out).",
)
@click.option("--repo", default="", help="Förrådet, t.ex. 'fou/kunskapsbank' (med --out).")
@click.option("--branch", default="main", show_default=True, help="Grenen (med --out).")
@click.option("--app-id", default="", help="OAuth-applikationens id (GitLab, Gitea, Forgejo).")
@click.option(
    "--base-url", default="", help="Git-tjänstens adress, eller OAuth-tjänstens för GitHub."
)
@click.option(
    "--api-root", default="", help="API-adressen, om tjänsten inte är gitlab.com eller github.com."
)
@click.option(
    "--review",
    is_flag=True,
    help="Varje sparning blir en sammanslagningsbegäran som någon godkänner (med --out).",
)
def cms(
    dev_addr: str,
    install_only: bool,
    out_dir: Path | None,
    host: str | None,
    repo: str,
    branch: str,
    app_id: str,
    base_url: str,
    api_root: str,
    review: bool,
) -> None:
    """Redigera posterna i formulär i webbläsaren (Decap CMS); kb check körs efter varje
    sparning."""
    from generator.locale import strings
    from generator.site.children import stop_on_signals
    from generator.site.editor.cms.npm import ensure_installed
    from generator.site.editor.cms.server import EditorServer

    project = _project()

    def say(line: str) -> None:
        click.echo(line, err=True)

    if out_dir is not None:
        from generator.site.editor.cms.export import REVIEWS, backend, write_editor

        if not (host and repo):
            raise click.UsageError(message("messages.cli.out_needs"))
        if review and host not in REVIEWS:
            raise click.UsageError(
                message("messages.cli.no_review", hosts=", ".join(REVIEWS), host=host)
            )
        write_editor(
            project,
            out_dir,
            backend(host, repo, branch, app_id=app_id, base_url=base_url, api_root=api_root),
            review=review,
            progress=say,
        )
        click.echo(strings()["cms"]["written"].format(out=out_dir))
        return
    bind, _, port = dev_addr.rpartition(":")
    if not port.isdigit():
        raise click.BadParameter(message("messages.cli.cms_address"), param_hint="--dev-addr")
    stop_on_signals(
        message("messages.cli.stopped", command="kb cms")
    )  # which ends npm too, while it installs
    if install_only:
        ensure_installed(project.root, say)
        return
    with EditorServer(project, bind or "127.0.0.1", int(port), progress=say) as editor:
        click.echo(strings()["cms"]["started"].format(url=editor.url), err=True)
        editor.serve_forever()
