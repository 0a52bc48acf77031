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

from generator.locale import message

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
_BRACKET = {"[": "square", "{": "curly"}
# How a quote is written inside a text quoted with it.
_ESCAPED_QUOTE = {'"': '\\"', "'": "''"}


def _say(name: str, /, **values: object) -> str:
    """The locale's wording of a YAML mistake (`messages.yaml`)."""
    return message(f"messages.yaml.{name}", **values)


def _bracket(bracket: str) -> str:
    """What a bracket is called: `[` is 'hakparentesen'."""
    return _say(f"brackets.{_BRACKET.get(bracket, 'other')}")


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
        return SyntaxProblem(*within(self.text, mark), _say("invalid", what=message), hint)

    def at_line(self, line: int, message: str, hint: str) -> SyntaxProblem:
        """At the first character of a line that is not a space."""
        if line >= len(self.lines):
            return self.at(self.mark, message, hint)
        return SyntaxProblem(
            line + 1, self.indentation(line) + 1, _say("invalid", what=message), hint
        )

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
            return self.at(mark, _say("tab"), _say("tab_hint"))
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
                _say("no_colon"),
                _say("no_colon_continued_hint"),
            )
        if "cannot start any token" in problem:
            char = self.char_at(mark)
            return self.at(mark, _say("cannot_start", char=char), _say("quote_it"))
        if "entries are not allowed" in problem:
            return self.at(
                mark,
                _say("entry"),
                _say("entry_hint"),
            )
        if "mapping keys are not allowed" in problem:
            return self.at(mark, _say("question_mark"), _say("quote_it_if_starts", sign="?"))
        if "unexpected ':'" in problem:
            return self.at(mark, _say("colon_in_value"), _say("quote_it"))
        return self.other()

    def other(self) -> SyntaxProblem:
        problem, context, mark = self.problem_text, self.context, self.mark
        if "duplicate anchor" in context and self.context_mark is not None:
            return self.at(
                mark,
                _say("anchor_twice", name=self.name_at(mark)),
                _say("first_on_line", line=self.context_mark.line + 1),
            )
        if "anchor" in context or "alias" in context:
            sign = self.char_at(self.context_mark)
            return self.at(
                self.context_mark,
                _say("sign_without_name", sign=sign),
                _say("quote_it_if_starts", sign=sign),
            )
        if "tag" in context:
            return self.at(
                self.context_mark,
                _say("tag"),
                _say("tag_hint"),
            )
        if "block scalar" in context:
            return self.at(
                mark,
                _say("block_scalar"),
                _say("block_scalar_hint"),
            )
        if "undefined alias" in problem:
            name = self.name_at(mark)
            return self.at(
                mark,
                _say("alias", name=name),
                _say("alias_hint"),
            )
        if "directive" in problem or "directive" in context:
            return self.at(mark, _say("directive"), _say("directive_hint"))
        if "single document" in context:
            return self.at(mark, _say("documents"), _say("documents_hint"))
        return self.at(
            mark,
            _say("unreadable"),
            _say("unreadable_hint"),
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
                _say("invalid", what=_say("escape", sequence=sequence)),
                _say("escape_hint"),
            )
        quote = self.char_at(self.context_mark) or '"'
        return self.at(
            self.context_mark,
            _say("unclosed_quote", quote=quote),
            _say("unclosed_quote_hint", quote=quote, escaped=_ESCAPED_QUOTE.get(quote, quote)),
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
                _say("unclosed_bracket", name=_bracket(bracket), bracket=bracket),
                _say("unclosed_bracket_hint", close=close, bracket=bracket),
            )
        quoted = self.after_quote(self.mark) if self.mark is not None else None
        if quoted is not None:
            return quoted
        missing = self.missing_comma()
        if missing is not None:
            return missing
        return self.at(
            self.mark,
            _say("comma_or_close", close=close),
            _say("comma_hint"),
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
            _say("invalid", what=_say("comma_before", key=key)),
            _say("comma_hint"),
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
                    _say("unclosed_bracket", name=_bracket(bracket), bracket=bracket),
                    _say("unclosed_bracket_hint", close=close, bracket=bracket),
                )
            return self.at(mark, _say("no_value"), _say("no_value_hint"))
        return self.at(mark, _say("cannot_start", char=char), _say("quote_it"))

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
                _say("late_quote", quote=quote, line=last.end_mark.line + 1),
                _say("late_quote_hint", quote=quote, escaped=_ESCAPED_QUOTE[quote]),
            )
        return self.at(
            mark,
            _say("after_quote"),
            _say("after_quote_hint"),
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
            return self.at(mark, _say("item_indent"), _say("indent_list"))
        hint = _say("indent_item" if "block collection" in self.context else "indent_keys")
        return self.at(mark, _say("line_indent"), hint)

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
                _say("stray_close", char=char),
                _say("stray_close_hint"),
            )
        return self.at(
            mark,
            _say("after_value"),
            _say("after_value_hint"),
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
                    _say("more_indent"),
                    _say("more_indent_hint"),
                )
            return self.at(last.start_mark, _say("no_colon"), _say("no_colon_hint"))
        return self.at(
            mark,
            _say("colon_space"),
            _say("colon_space_hint"),
        )
