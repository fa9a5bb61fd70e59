"""The scenario expression language: parsed and type-checked once, evaluated fast.

Grammar (lowest precedence first)::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum     := unary (("+" | "-") unary)*
    unary   := "-" unary | atom
    atom    := INTEGER | "true" | "false" | VARIABLE | "(" expr ")"

An expression compiles to a closure over variable *indexes*, so evaluation is a
few tuple lookups and never Python `eval`. Standard library only.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from game.core.model import Expression, Value, Values

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|[<>()+\-]))"
)
_KEYWORDS = {"true", "false", "not", "and", "or"}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
# Integers stay well inside what every database and JSON reader handles.
MAX_INTEGER = 10**15


class ExpressionError(ValueError):
    """An expression that does not parse or mixes types.

    `offset` is the 0-based character position in the source where it went wrong.
    """

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "int", "name", "op", "end"
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    length = len(source)
    while position < length:
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            bad = position + (len(source[position:]) - len(source[position:].lstrip()))
            raise ExpressionError(
                f"unexpected character {source[bad]!r} in expression {source!r}; "
                "expressions use variables, whole numbers, true/false, not/and/or, "
                "comparisons, + and - only",
                bad,
            )
        kind = match.lastgroup or "op"
        text = match.group(kind)
        tokens.append(_Token(kind, text, match.start(kind)))
        position = match.end()
    tokens.append(_Token("end", "", length))
    return tokens


Evaluate = Callable[[Values], Value]
Compiled = tuple[type, Evaluate, frozenset[str]]


# Closures that evaluation is made of: each reads variables by index.
def _either(a: Evaluate, b: Evaluate) -> Evaluate:
    return lambda v: a(v) or b(v)


def _both(a: Evaluate, b: Evaluate) -> Evaluate:
    return lambda v: a(v) and b(v)


def _negate(f: Evaluate) -> Evaluate:
    return lambda v: not f(v)


def _compare(op: Callable[[Any, Any], bool], a: Evaluate, b: Evaluate) -> Evaluate:
    return lambda v: op(a(v), b(v))


def _plus(a: Evaluate, b: Evaluate) -> Evaluate:
    return lambda v: a(v) + b(v)


def _minus(a: Evaluate, b: Evaluate) -> Evaluate:
    return lambda v: a(v) - b(v)


def _opposite(f: Evaluate) -> Evaluate:
    return lambda v: -f(v)


def _constant(value: Value) -> Evaluate:
    return lambda v: value


def _variable(index: int) -> Evaluate:
    return lambda v: v[index]


class _Parser:
    def __init__(self, source: str, variables: Mapping[str, Value]) -> None:
        self.source = source
        self.variables = variables
        self.indexes = {name: i for i, name in enumerate(variables)}
        self.tokens = _tokenize(source)
        self.position = 0

    # -- token helpers -------------------------------------------------------
    def peek(self) -> _Token:
        return self.tokens[self.position]

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def accept(self, text: str) -> bool:
        token = self.peek()
        if token.kind in ("op", "name") and token.text == text:
            self.position += 1
            return True
        return False

    def fail(self, message: str, token: _Token | None = None) -> ExpressionError:
        token = token or self.peek()
        return ExpressionError(message, token.offset)

    def expect_type(self, compiled: Compiled, wanted: type, what: str, token: _Token) -> None:
        if compiled[0] is not wanted:
            raise self.fail(
                f"{what} needs {_type_name(wanted)} but got {_type_name(compiled[0])} "
                f"in {self.source!r}",
                token,
            )

    # -- grammar -------------------------------------------------------------
    def parse(self) -> Compiled:
        if self.peek().kind == "end":
            raise self.fail("the expression is empty; write a condition such as `asked_model`")
        compiled = self.parse_or()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(f"unexpected {token.text!r} in {self.source!r}", token)
        return compiled

    def parse_or(self) -> Compiled:
        left = self.parse_and()
        while self.peek().text == "or" and self.peek().kind == "name":
            token = self.take()
            right = self.parse_and()
            self.expect_type(left, bool, "`or`", token)
            self.expect_type(right, bool, "`or`", token)
            a, b = left[1], right[1]
            left = (bool, _either(a, b), left[2] | right[2])
        return left

    def parse_and(self) -> Compiled:
        left = self.parse_not()
        while self.peek().text == "and" and self.peek().kind == "name":
            token = self.take()
            right = self.parse_not()
            self.expect_type(left, bool, "`and`", token)
            self.expect_type(right, bool, "`and`", token)
            a, b = left[1], right[1]
            left = (bool, _both(a, b), left[2] | right[2])
        return left

    def parse_not(self) -> Compiled:
        token = self.peek()
        if token.kind == "name" and token.text == "not":
            self.take()
            inner = self.parse_not()
            self.expect_type(inner, bool, "`not`", token)
            f = inner[1]
            return (bool, _negate(f), inner[2])
        return self.parse_compare()

    def parse_compare(self) -> Compiled:
        left = self.parse_sum()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARE:
            self.take()
            right = self.parse_sum()
            if token.text in ("==", "!="):
                if left[0] is not right[0]:
                    raise self.fail(
                        f"`{token.text}` compares {_type_name(left[0])} with "
                        f"{_type_name(right[0])} in {self.source!r}; both sides must be "
                        "of one type",
                        token,
                    )
            else:
                self.expect_type(left, int, f"`{token.text}`", token)
                self.expect_type(right, int, f"`{token.text}`", token)
            follow = self.peek()
            if follow.kind == "op" and follow.text in _COMPARE:
                raise self.fail(
                    f"comparisons cannot be chained in {self.source!r}; join them with `and`",
                    follow,
                )
            op, a, b = _COMPARE[token.text], left[1], right[1]
            return (bool, _compare(op, a, b), left[2] | right[2])
        return left

    def parse_sum(self) -> Compiled:
        left = self.parse_unary()
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            token = self.take()
            right = self.parse_unary()
            self.expect_type(left, int, f"`{token.text}`", token)
            self.expect_type(right, int, f"`{token.text}`", token)
            a, b = left[1], right[1]
            if token.text == "+":
                left = (int, _plus(a, b), left[2] | right[2])
            else:
                left = (int, _minus(a, b), left[2] | right[2])
        return left

    def parse_unary(self) -> Compiled:
        token = self.peek()
        if token.kind == "op" and token.text == "-":
            self.take()
            inner = self.parse_unary()
            self.expect_type(inner, int, "`-`", token)
            f = inner[1]
            return (int, _opposite(f), inner[2])
        return self.parse_atom()

    def parse_atom(self) -> Compiled:
        token = self.take()
        if token.kind == "int":
            number = int(token.text)
            if number > MAX_INTEGER:
                raise self.fail(f"the number {token.text} is too large", token)
            return (int, _constant(number), frozenset())
        if token.kind == "name":
            if token.text in ("true", "false"):
                flag = token.text == "true"
                return (bool, _constant(flag), frozenset())
            if token.text in _KEYWORDS:
                raise self.fail(f"`{token.text}` needs something before it", token)
            return self.variable(token)
        if token.kind == "op" and token.text == "(":
            inner = self.parse_or()
            closing = self.peek()
            if not (closing.kind == "op" and closing.text == ")"):
                raise self.fail(f"a `(` is not closed in {self.source!r}", closing)
            self.take()
            return inner
        if token.kind == "end":
            raise self.fail(f"the expression {self.source!r} ends too early", token)
        raise self.fail(f"unexpected {token.text!r} in {self.source!r}", token)

    def variable(self, token: _Token) -> Compiled:
        name = token.text
        if name not in self.indexes:
            raise self.fail(unknown_variable_message(name, self.variables), token)
        index = self.indexes[name]
        kind = bool if isinstance(self.variables[name], bool) else int
        return (kind, _variable(index), frozenset({name}))


def _type_name(kind: type) -> str:
    return "true/false" if kind is bool else "a number"


def did_you_mean(name: str, known: object) -> str:
    """` (did you mean `x`?)` for the closest known name, or ``."""
    candidates = [str(k) for k in known]  # type: ignore[attr-defined]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def unknown_variable_message(name: str, variables: Mapping[str, Value]) -> str:
    return (
        f"the variable `{name}` is not declared{did_you_mean(name, variables)}; "
        "declare it under `variables:` with its initial value"
    )


def compile_expression(source: str, variables: Mapping[str, Value]) -> Expression:
    """Parse and type-check `source` against the declared `variables`.

    Raises ExpressionError with the character offset of the problem.
    """
    kind, evaluate, used = _Parser(source, variables).parse()
    return Expression(source=source, kind=kind, evaluate=evaluate, variables=used)


def literal_expression(value: Value) -> Expression:
    """An expression for a YAML literal in `set` (true, false, 3)."""
    kind = bool if isinstance(value, bool) else int
    return Expression(
        source=("true" if value else "false") if kind is bool else str(value),
        kind=kind,
        evaluate=_constant(value),
        variables=frozenset(),
    )
