"""The registry of record types, found rather than listed.

A record type is one module that declares a `Record` subclass (its name, address prefix, place
in the navigation and index page) and one template named after the type. The built-in types
are the modules of this package; a project adds its own in a `types/` folder, each module
beside its template (`types/podcast.py`, `types/podcast.md.j2`). Navigation, link lists, the
field reference, schemas, `kb new` and editor settings loop over the registry, so a new type
needs no edit anywhere else. Its labels (section title, kinds of parts) come from the locale
file, with a readable default for a label not written there yet.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType

from generator.diagnostics import Diagnostic
from generator.locale import message
from generator.types.base import Record

PACKAGE = Path(__file__).resolve().parent
# Where a project keeps its own record types and their templates.
PROJECT_FOLDER = "types"


@dataclass(frozen=True)
class RecordTypes(Mapping[str, type[Record]]):
    """Record types by name, in their listing order (`Record.position`), and the folders
    where the templates of a project's own types are found (after the built-in ones)."""

    by_name: Mapping[str, type[Record]]
    template_dirs: tuple[Path, ...] = ()

    def __getitem__(self, type_name: str) -> type[Record]:
        return self.by_name[type_name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_name)

    def __len__(self) -> int:
        return len(self.by_name)

    def in_nav_order(self) -> list[type[Record]]:
        """The types in the navigation, in the order of their sections."""
        return sorted(
            (cls for cls in self.by_name.values() if cls.nav_position is not None),
            key=lambda cls: (cls.nav_position or 0, cls.type_name),
        )

    def out_of_nav(self) -> list[type[Record]]:
        """The types whose pages the navigation leaves out."""
        return [cls for cls in self.by_name.values() if cls.nav_position is None]

    def position(self, type_name: str) -> int:
        """Where a type stands in lists of records of several types."""
        return self._positions[type_name]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.by_name)}


def _declared(module: ModuleType) -> list[type[Record]]:
    """The record types a module declares: Record subclasses defined there that name
    themselves (a base class shared by types does not)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Record)
        and value.__module__ == module.__name__
        and "type_name" in vars(value)
    ]


def _ordered(found: list[type[Record]], template_dirs: tuple[Path, ...]) -> RecordTypes:
    return RecordTypes(
        {
            cls.type_name: cls
            for cls in sorted(found, key=lambda cls: (cls.position, cls.type_name))
        },
        template_dirs,
    )


@cache
def builtin_types() -> RecordTypes:
    """The types this package declares, one module each."""
    found = [
        cls
        for info in pkgutil.iter_modules([str(PACKAGE)])
        for cls in _declared(importlib.import_module(f"{__package__}.{info.name}"))
    ]
    return _ordered(found, ())


def project_types(root: Path) -> tuple[RecordTypes, list[Diagnostic]]:
    """The built-in types and those in the project's `types/` folder, with a located problem
    for each module that cannot be loaded (it then adds no type). Modules are loaded again
    when they change, so a running `kb serve` sees an edited type."""
    folder = root / PROJECT_FOLDER
    modules = (
        tuple(
            sorted(
                (path.name, path.stat().st_mtime_ns, path.stat().st_size)
                for path in folder.glob("*.py")
            )
        )
        if folder.is_dir()
        else ()
    )
    if not modules:
        return builtin_types(), []
    return _project_types(folder, modules)


@cache
def _project_types(
    folder: Path, modules: tuple[tuple[str, int, int], ...]
) -> tuple[RecordTypes, list[Diagnostic]]:
    """project_types for one state of the folder (its modules' names, times and sizes)."""
    builtin = builtin_types()
    found, problems = list(builtin.values()), []
    package = f"kb_project_types_{hashlib.sha256(str(folder).encode()).hexdigest()[:12]}"
    for name, _, _ in modules:
        path = folder / name
        try:
            module = _load_module(f"{package}.{path.stem}", path)
        except Exception as exc:
            problems.append(_load_problem(path, folder.parent, exc))
            continue
        for cls in _declared(module):
            if cls.type_name in builtin:
                problems.append(
                    Diagnostic(
                        path.relative_to(folder.parent).as_posix(),
                        1,
                        1,
                        "error",
                        message("messages.registry.taken", name=cls.type_name),
                        message("messages.registry.taken_hint"),
                    )
                )
            else:
                found.append(cls)
    return _ordered(found, (folder,)), problems


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves the module's annotations through it
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _load_problem(path: Path, root: Path, exc: Exception) -> Diagnostic:
    """A type module that fails, reported at the line that failed in it."""
    rel = path.relative_to(root).as_posix()
    if isinstance(exc, SyntaxError) and exc.lineno:
        return Diagnostic(
            rel,
            exc.lineno,
            exc.offset or 1,
            "error",
            message("messages.registry.unreadable", reason=exc.msg),
        )
    lines = [
        frame.lineno or 1
        for frame in traceback.extract_tb(exc.__traceback__)
        if Path(frame.filename) == path
    ]
    return Diagnostic(
        rel,
        lines[-1] if lines else 1,
        1,
        "error",
        message("messages.registry.unreadable", reason=f"{type(exc).__name__}: {exc}"),
    )
