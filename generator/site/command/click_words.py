"""click's own words in Swedish: the help's usage line and headings, the help option's text,
the names of values (MAPP, TEXT) and every usage error ("No such option", "Missing argument").

click words each of these through gettext: its modules call `_` (gettext.gettext) and
`ngettext` when a text is shown. Python's gettext reads compiled catalogues (.mo files) for
the language the environment names, so the help would be Swedish only where LANGUAGE says so,
and a second file would hold the words. Instead each of click's modules gets the locale's
catalogue (`click` in sv.yml: click's English text, its Swedish) as `_` and `ngettext`, so
that `kb` speaks Swedish wherever it runs, from the one file every other text is in. A text
the catalogue lacks stays as click wrote it; tests/test_command_help.py runs every help and
the usage errors and finds no English.
"""

from __future__ import annotations

from types import ModuleType

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from generator.locale import strings

# The modules of click that word something a user reads.
_WORDING = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.types,
)


def gettext(text: str) -> str:
    """click's `text` as the locale words it, or as it is if the locale does not."""
    found = strings()["click"].get(text)
    return str(found) if found else text


def ngettext(singular: str, plural: str, count: int) -> str:
    """Swedish, like English, has one form for one and another for more."""
    return gettext(singular if count == 1 else plural)


def speak_swedish() -> None:
    """Give each of click's modules the locale's catalogue (before any help is shown)."""
    for module in _WORDING:
        _use(module)


def _use(module: ModuleType) -> None:
    namespace = vars(module)
    namespace["_"] = gettext
    if "ngettext" in namespace:
        namespace["ngettext"] = ngettext


class Command(click.Command):
    """A command whose usage line names its options in Swedish (`[FLAGGOR]`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", gettext("[OPTIONS]"))
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class Group(click.Group):
    """A group of commands, named in Swedish in its usage line, whose commands are too."""

    command_class = Command

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", gettext("[OPTIONS]"))
        kwargs.setdefault("subcommand_metavar", gettext("COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
