"""The package is laid out as its pipeline: one folder per stage, and a module imports only from
its own stage or an earlier one, so data flows one way and a stage can be read, tested and
replaced without the ones after it."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent
# The stages in pipeline order; modules at the package's top level, and the folders in
# SHARED, serve every stage.
STAGES = ("reading", "types", "checking", "model", "rendering", "site")
SHARED = ("locale",)


def stage_of(module: str) -> int:
    """Where a module (`generator.reading.load`) stands: -1 for the shared top level."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else -1


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module(dotted: str) -> bool:
    path = PACKAGE.parent / dotted.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module of the package that a file imports, anywhere in it, with the line:
    `from generator.reading import load` imports `generator.reading.load`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.append((node.lineno, name if _module(name) else node.module))
    return [(line, name) for line, name in found if name.split(".")[0] == "generator"]


def test_every_module_sits_in_a_stage_folder_or_serves_all() -> None:
    top_level = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top_level == ["__init__.py", "diagnostics.py", "parallel.py"]
    folders = sorted(
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    )
    assert folders == sorted((*STAGES, *SHARED))


def test_no_two_modules_share_a_name() -> None:
    names = [p.stem for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_imports_go_only_to_the_same_or_an_earlier_stage() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = module_name(path)
        for line, imported in imports(path):
            if stage_of(imported) > stage_of(here):
                upward.append(
                    f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {imported}"
                )
    assert upward == []


def test_no_two_modules_import_each_other_however_indirectly() -> None:
    """Imports inside functions and for type checking count too: a circle means two modules
    that can only be understood, and changed, together."""
    graph = {
        module_name(path): {name for _, name in imports(path)} for path in PACKAGE.rglob("*.py")
    }
    circles: list[str] = []
    for start in sorted(graph):
        seen: set[str] = set()
        todo: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while todo:
            module, via = todo.pop()
            for imported in sorted(graph.get(module, ())):
                if imported == start and len(via) > 1:
                    circles.append(" -> ".join((*via, start)))
                elif imported not in seen and imported != module:
                    seen.add(imported)
                    todo.append((imported, (*via, imported)))
    assert circles == []


# The site's parts, each with the parts it may import. Modules directly in generator/site/
# (the processes `kb` starts) serve every part and import none; the command line is the only
# way in from outside, so no part imports it, and the editor works with no site built.
SITE_PARTS = {
    "command": {"engine", "editor", "publishing"},
    "engine": {"publishing"},
    "editor": set(),
    "publishing": set(),
}


def site_part(module: str) -> str | None:
    """The part of the site a module belongs to (`generator.site.engine.build`: `engine`),
    "" for a module directly in generator/site/, None outside the site."""
    parts = module.split(".")
    if parts[:2] != ["generator", "site"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in SITE_PARTS else ""


def test_the_sites_parts_are_the_folders_of_the_site() -> None:
    site = PACKAGE / "site"
    folders = {p.name for p in site.iterdir() if (p / "__init__.py").exists()}
    assert folders == set(SITE_PARTS)


def test_each_stage_and_part_says_what_it_takes_and_what_it_gives() -> None:
    """The layout explains itself: a reader opening a folder learns its place in the flow."""
    folders = [*(PACKAGE / stage for stage in STAGES), *(PACKAGE / "site" / p for p in SITE_PARTS)]
    silent = []
    for folder in folders:
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        if not doc or "Takes:" not in doc or "Gives:" not in doc:
            silent.append(folder.relative_to(PACKAGE).as_posix())
    assert silent == []


def test_each_part_of_the_site_imports_only_the_parts_it_builds_on() -> None:
    crossing = []
    for path in sorted((PACKAGE / "site").rglob("*.py")):
        here = site_part(module_name(path))
        for line, imported in imports(path):
            there = site_part(imported)
            allowed = {here, ""} | SITE_PARTS.get(here or "", set())
            if there is not None and there not in allowed:
                place = f"{path.relative_to(PACKAGE.parent)}:{line}"
                crossing.append(f"{place}: {here or 'site'} imports {imported}")
    assert crossing == []


def defined_in(dotted: str) -> set[str]:
    """The names a module defines itself (functions, classes, assignments), not those it
    imports."""
    path = PACKAGE.parent / dotted.replace(".", "/")
    path = path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py"
    names: set[str] = set()
    statements = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while statements:  # the module's own level, in `if` and `try` blocks too
        node = statements.pop()
        if isinstance(node, ast.If | ast.Try):
            statements += [*node.body, *node.orelse, *getattr(node, "finalbody", [])]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def test_tests_and_benchmarks_import_each_name_from_where_it_is_defined() -> None:
    """A test names the module that holds what it tests, so moving a name breaks the test
    that should move with it, not a list of re-exports."""
    borrowed = []
    for path in sorted(
        [*(PACKAGE.parent / "tests").glob("*.py"), *PACKAGE.parent.glob("bench/*.py")]
    ):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "generator"
            ):
                continue
            module = str(node.module)
            own = defined_in(module)
            for alias in node.names:
                if alias.name not in own and not _module(f"{module}.{alias.name}"):
                    place = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                    borrowed.append(f"{place}: {alias.name} from {module}")
    assert borrowed == []
