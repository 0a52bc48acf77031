"""YAML syntax errors in Swedish, at the place where the editor made the mistake.

PyYAML and libyaml describe a syntax error in English and mark two places: where the parser
gave up (`problem_mark`) and, often, where the construct it was reading began
(`context_mark`). Where the mistake is depends on the error: an unclosed quote is where the
quote opens (the parser gives up at the end of the file, or where the quote happens to close
much later), an unclosed bracket where the bracket opens, a line with the wrong indentation
where that line starts. The scanner's tokens before the problem tell which it is: they are
read again only for a file that has an error, so a file without one costs nothing more.

The two parsers word their errors differently (libyaml's "did not find expected key" is
PyYAML's "expected <block end>, but found ..."); the rules below match both, so records and
mkdocs.yml are explained alike whether or not PyYAML was installed with libyaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import yaml

if TYPE_CHECKING:
    # Where PyYAML or libyaml (whose marks are of a class of their own) saw something.
    Mark = yaml.Mark | yaml._yaml.Mark

# Where YAML starts a new line (so where its marks count lines).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# libyaml's scanner gives the same tokens and marks as PyYAML's, much faster.
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPENING = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_CLOSING = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_CLOSE = {"[": "]", "{": "}"}
_BRACKET = {"[": "hakparentesen", "{": "klammerparentesen"}
# How a quote is written inside a text quoted with it.
_ESCAPED_QUOTE = {'"': '\\"', "'": "''"}

_INDENT_KEYS = "nycklar i samma mappning börjar i samma kolumn"
_INDENT_ITEM = "fälten i en listpunkt börjar i samma kolumn som fältet efter '- '"
_INDENT_LIST = "punkterna i en lista börjar med '- ' i samma kolumn, under sin nyckel"
_QUOTE_IT = "sätt värdet inom citattecken"


class SyntaxProblem(NamedTuple):
    """A syntax error as an editor reads it: line and column from 1, message and hint."""

    line: int
    column: int
    message: str
    hint: str


def explain(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem:
    """The error in `text` that `exc` reports, in Swedish, where the mistake is."""
    return _Explanation(text, exc).problem()


def within(text: str, mark: Mark | None) -> tuple[int, int]:
    """A mark as line and column, moved back inside the text: at the end of a file without a
    final line break, libyaml points at a line that does not exist."""
    if mark is None:
        return (1, 1)
    lines = LINE_BREAK.split(text)
    if mark.line < len(lines):
        return (mark.line + 1, mark.column + 1)
    return (len(lines), len(lines[-1]) + 1)


def _tokens(text: str) -> Iterator[yaml.Token]:
    """The scanner's tokens, as far as it can read."""
    try:
        yield from yaml.scan(text, Loader=_SCANNER)
    except yaml.YAMLError:
        return


def _at(mark: Mark) -> tuple[int, int]:
    return (mark.line, mark.column)


class _Explanation:
    def __init__(self, text: str, exc: yaml.MarkedYAMLError) -> None:
        self.text = text
        self.lines = LINE_BREAK.split(text)
        self.problem_text = str(exc.problem or "")
        self.context = str(exc.context or "")
        self.context_mark = exc.context_mark
        self.mark = exc.problem_mark or exc.context_mark

    def char_at(self, mark: Mark | None) -> str:
        """The character a mark points at; empty at the end of a line or of the file."""
        if mark is None or mark.line >= len(self.lines):
            return ""
        return self.lines[mark.line][mark.column : mark.column + 1]

    def indentation(self, line: int) -> int:
        text = self.lines[line] if line < len(self.lines) else ""
        return len(text) - len(text.lstrip(" "))

    def at(self, mark: Mark | None, message: str, hint: str = "") -> SyntaxProblem:
        return SyntaxProblem(*within(self.text, mark), f"ogiltig YAML: {message}", hint)

    def at_line(self, line: int, message: str, hint: str) -> SyntaxProblem:
        """At the first character of a line that is not a space."""
        if line >= len(self.lines):
            return self.at(self.mark, message, hint)
        return SyntaxProblem(line + 1, self.indentation(line) + 1, f"ogiltig YAML: {message}", hint)

    def before(self, mark: Mark) -> list[yaml.Token]:
        """The tokens that start before `mark`."""
        found = []
        for token in _tokens(self.text):
            if _at(token.start_mark) >= _at(mark):
                break
            found.append(token)
        return found

    def problem(self) -> SyntaxProblem:
        problem, context, mark = self.problem_text, self.context, self.mark
        if "tab" in problem or self.char_at(mark) == "\t":
            return self.at(mark, "tabbtecken i indraget", "använd mellanslag för indrag")
        if "quoted scalar" in context:
            return self.quoted()
        if "flow sequence" in context or "flow mapping" in context:
            return self.flow()
        if "node content" in problem:
            return self.no_value()
        if "block mapping" in context or "block collection" in context:
            return self.block()
        if "document start" in problem:
            return self.after_value()
        if "mapping values" in problem:
            return self.colon()
        if "expected ':'" in problem and "simple key" in context:
            return self.at(
                self.context_mark,
                "raden saknar ':' efter nyckeln",
                "skriv nyckel: värde; en text som fortsätter på nästa rad har större indrag "
                "än sin nyckel",
            )
        if "cannot start any token" in problem:
            char = self.char_at(mark)
            return self.at(mark, f"tecknet '{char}' kan inte inleda ett värde", _QUOTE_IT)
        if "entries are not allowed" in problem:
            return self.at(
                mark,
                "en listpunkt ('- ') kan inte stå här",
                "en lista står på egna rader under sin nyckel, med '- ' först på varje rad",
            )
        if "mapping keys are not allowed" in problem:
            return self.at(
                mark, "'? ' kan inte inleda en nyckel här", f"{_QUOTE_IT} om det ska börja med '?'"
            )
        if "unexpected ':'" in problem:
            return self.at(mark, "kolon i ett värde utan citattecken", _QUOTE_IT)
        return self.other()

    def other(self) -> SyntaxProblem:
        problem, context, mark = self.problem_text, self.context, self.mark
        if "duplicate anchor" in context and self.context_mark is not None:
            return self.at(
                mark,
                f"ankaret '{self.name_at(mark)}' finns redan",
                f"första gången på rad {self.context_mark.line + 1}",
            )
        if "anchor" in context or "alias" in context:
            sign = self.char_at(self.context_mark)
            return self.at(
                self.context_mark,
                f"tecknet '{sign}' ska följas av ett namn",
                f"{_QUOTE_IT} om det ska börja med '{sign}'",
            )
        if "tag" in context:
            return self.at(
                self.context_mark,
                "ogiltig YAML-tagg",
                f"poster använder inga taggar; {_QUOTE_IT} om det ska börja med '!'",
            )
        if "block scalar" in context:
            return self.at(
                mark,
                "efter '|' eller '>' får bara '+', '-' eller en siffra stå på raden",
                "skriv texten på raderna under, med indrag",
            )
        if "undefined alias" in problem:
            name = self.name_at(mark)
            return self.at(
                mark,
                f"aliaset '{name}' har inget ankare",
                f"ett alias *namn upprepar ett värde märkt &namn tidigare i filen; {_QUOTE_IT} "
                "om det ska börja med '*'",
            )
        if "directive" in problem or "directive" in context:
            return self.at(
                mark, "ogiltigt YAML-direktiv", "filen börjar direkt med fälten; ta bort raden"
            )
        if "single document" in context:
            return self.at(
                mark, "filen innehåller mer än ett YAML-dokument", "en fil, ett dokument"
            )
        return self.at(
            mark,
            "raden går inte att läsa som YAML",
            "kontrollera indrag, kolon och citattecken på raden och raden ovanför",
        )

    def name_at(self, mark: Mark | None) -> str:
        """The anchor or alias (`&namn`, `*namn`) a mark points at."""
        line = self.lines[mark.line] if mark is not None and mark.line < len(self.lines) else ""
        found = re.match(r"[&*][^\s,\[\]{}]*", line[mark.column :] if mark else "")
        return found.group() if found else ""

    def quoted(self) -> SyntaxProblem:
        """A quoted text that never closes (the parser reached the end of the file, or a
        document marker), or a backslash that starts no escape sequence."""
        mark = self.mark
        if any(word in self.problem_text for word in ("escape", "hexdecimal", "hexadecimal")):
            # libyaml marks the backslash, PyYAML the character after it.
            line_number, column = within(self.text, mark)
            line = self.lines[line_number - 1]
            backslash = line.rfind("\\", 0, column)
            sequence = line[backslash : backslash + 2] if backslash >= 0 else "\\"
            return SyntaxProblem(
                line_number,
                backslash + 1 if backslash >= 0 else column,
                f"ogiltig YAML: felaktig escape-sekvens '{sequence}' inom dubbla citattecken",
                "skriv \\\\ för ett bakstreck, eller sätt texten inom enkla citattecken",
            )
        quote = self.char_at(self.context_mark) or '"'
        return self.at(
            self.context_mark,
            f"citattecknet {quote} stängs aldrig",
            f"avsluta texten med {quote}; ett {quote} inne i texten skrivs "
            f"{_ESCAPED_QUOTE.get(quote, quote)}",
        )

    def flow(self) -> SyntaxProblem:
        """A list in brackets or a mapping in braces: one that never closes is reported
        where it opens, a missing comma where the next value starts."""
        opened = self.context_mark
        bracket = self.char_at(opened)
        if bracket not in _CLOSE or opened is None:
            return self.other()
        close = _CLOSE[bracket]
        if not self.closes(opened):
            return self.at(
                opened,
                f"{_BRACKET[bracket]} '{bracket}' stängs aldrig",
                f"avsluta med '{close}', eller {_QUOTE_IT} om det ska börja med '{bracket}'",
            )
        quoted = self.after_quote(self.mark) if self.mark is not None else None
        if quoted is not None:
            return quoted
        missing = self.missing_comma()
        if missing is not None:
            return missing
        return self.at(
            self.mark,
            f"kommatecken eller '{close}' saknas före värdet",
            "skilj värdena åt med kommatecken",
        )

    def missing_comma(self) -> SyntaxProblem | None:
        """`{id: sok title: Sök}`: the parser reads `sok title` as one value and stops at the
        colon after it, but the comma is missing before the key, the value's last word."""
        mark = self.mark
        if mark is None or self.char_at(mark) != ":":
            return None
        tokens = self.before(mark)
        last = tokens[-1] if tokens else None
        if (
            not isinstance(last, yaml.ScalarToken)
            or last.style in _ESCAPED_QUOTE
            or last.start_mark.line != mark.line
            or " " not in str(last.value)
        ):
            return None
        value = str(last.value)
        key = value.rsplit(" ", 1)[1]
        line = self.lines[mark.line]
        column = line.rfind(key, last.start_mark.column, mark.column)
        if column < 0:
            return None
        return SyntaxProblem(
            mark.line + 1,
            column + 1,
            f"ogiltig YAML: kommatecken saknas före '{key}'",
            "skilj värdena åt med kommatecken",
        )

    def closes(self, opened: Mark) -> bool:
        """Whether the bracket or brace at `opened` is closed later in the text."""
        depth = 0
        for token in _tokens(self.text):
            if _at(token.start_mark) < _at(opened):
                continue
            if isinstance(token, _OPENING):
                depth += 1
            elif isinstance(token, _CLOSING):
                depth -= 1
                if depth == 0:
                    return True
        return False

    def no_value(self) -> SyntaxProblem:
        """A value the parser expected and did not find: at the end of the file, inside a
        bracket that never closes; elsewhere, a character that cannot start a value."""
        mark = self.mark
        char = self.char_at(mark)
        if mark is not None and char in ("", "#"):
            unclosed = [t for t in self.before(mark) if isinstance(t, _OPENING + _CLOSING)]
            stack: list[yaml.Token] = []
            for token in unclosed:
                if isinstance(token, _OPENING):
                    stack.append(token)
                elif stack:
                    stack.pop()
            if stack:
                bracket = self.char_at(stack[0].start_mark)
                close = _CLOSE.get(bracket, "]")
                return self.at(
                    stack[0].start_mark,
                    f"{_BRACKET.get(bracket, 'parentesen')} '{bracket}' stängs aldrig",
                    f"avsluta med '{close}', eller {_QUOTE_IT} om det ska börja med '{bracket}'",
                )
            return self.at(mark, "här saknas ett värde", "skriv ett värde efter kolonet")
        return self.at(mark, f"tecknet '{char}' kan inte inleda ett värde", _QUOTE_IT)

    def after_quote(self, mark: Mark) -> SyntaxProblem | None:
        """Text right after a quoted value: a quote that closes lines after it opens was
        most likely never closed where it should have been; on the same line, the value
        goes on after its closing quote."""
        tokens = self.before(mark)
        last = tokens[-1] if tokens else None
        if not isinstance(last, yaml.ScalarToken) or last.style not in _ESCAPED_QUOTE:
            return None
        if last.end_mark.line != mark.line:
            return None
        quote = str(last.style)
        if last.start_mark.line < last.end_mark.line:
            return self.at(
                last.start_mark,
                f"citattecknet {quote} stängs inte förrän på rad {last.end_mark.line + 1}",
                f"en text inom citattecken slutar vid nästa {quote}; stäng den där den slutar, "
                f"och skriv {_ESCAPED_QUOTE[quote]} för ett {quote} inne i texten",
            )
        return self.at(
            mark,
            "text efter det avslutande citattecknet",
            "sätt hela värdet inom citattecknen, eller skriv det utan citattecken",
        )

    def block(self) -> SyntaxProblem:
        """A line the mapping or list around it cannot take: after a quoted text, or with
        the wrong indentation."""
        mark = self.mark
        if mark is None or mark.column > self.indentation(mark.line):
            return self.after_value()  # which looks for a quoted text first, as below
        quoted = self.after_quote(mark)
        if quoted is not None:
            return quoted
        if self.char_at(mark) == "-":
            return self.at(mark, "listpunkten har fel indrag", _INDENT_LIST)
        hint = _INDENT_ITEM if "block collection" in self.context else _INDENT_KEYS
        return self.at(mark, "raden har fel indrag", hint)

    def after_value(self) -> SyntaxProblem:
        """Something after a complete value on its line (or at the top of the file)."""
        mark = self.mark
        if mark is None:
            return self.other()
        quoted = self.after_quote(mark)
        if quoted is not None:
            return quoted
        char = self.char_at(mark)
        if char and char in "]}":
            return self.at(
                mark,
                f"'{char}' stänger ingen parentes",
                f"ta bort tecknet, eller {_QUOTE_IT}",
            )
        return self.at(
            mark,
            "text efter ett färdigt värde",
            f"skriv en nyckel: värde per rad, och {_QUOTE_IT} om det innehåller mer",
        )

    def colon(self) -> SyntaxProblem:
        """': ' where no key can start: inside a value without quotes on the same line, or
        on a line that, indented further than the key above, continues that key's value."""
        mark = self.mark
        if mark is None:
            return self.other()
        tokens = self.before(mark)
        last = tokens[-1] if tokens else None
        if (
            isinstance(last, yaml.ScalarToken)
            and last.style not in _ESCAPED_QUOTE
            and last.start_mark.line < mark.line
        ):
            if self.indentation(mark.line) > self.indentation(last.start_mark.line):
                return self.at_line(
                    mark.line,
                    "raden har större indrag än nyckeln ovanför",
                    f"{_INDENT_KEYS}; ska texten ovanför fortsätta här, sätt den inom citattecken",
                )
            return self.at(last.start_mark, "raden saknar ':' efter nyckeln", "skriv nyckel: värde")
        return self.at(
            mark,
            "kolon och mellanslag i ett värde utan citattecken",
            f'{_QUOTE_IT}, till exempel "Alfa: en metod"',
        )
