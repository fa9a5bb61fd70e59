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

Hostile input is refused, never followed: the parser recurses only into
parentheses, at most `MAX_NESTING` deep; a run of `not` or `-` is read in a
loop and folded; the whole expression may use at most `MAX_OPERATORS`
operators, which also bounds how deep evaluation goes; a number is checked by
its digits before Python converts it. Each limit has its own diagnostic code.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from game.core.model import Expression, Value, Values

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|[<>()+\-]))"
)
_SPACE = re.compile(r"\s*")
_FOREIGN = re.compile(r"[^\sA-Za-z0-9_=!<>()+\-]")  # never part of any token
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
MAX_NESTING = 20  # parentheses inside parentheses, at most
MAX_PREFIX_RUN = 4  # `not` or `-` in a row, at most (two cancel each other out)
MAX_OPERATORS = 50  # operators in one expression, at most

# Diagnostic codes of the limits (documented in docs/diagnostics.md); any other
# problem with an expression is the loader's general code for a wrong expression.
TOO_DEEP = "RP315"
PREFIX_RUN = "RP316"
TOO_MANY_OPERATORS = "RP317"
NUMBER_TOO_LARGE = "RP318"


class ExpressionError(ValueError):
    """An expression that does not parse or mixes types.

    `offset` is the 0-based character position in the source where it went wrong.
    """

    def __init__(self, message: str, offset: int = 0, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code  # one of the limit codes above, or None for any other mistake


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "int", "name", "op", "end"
    text: str
    offset: int


def _tokens(source: str) -> Iterator[_Token]:
    """The tokens of `source`, read only as far as the parser asks, then `end` for ever.

    A character outside the language is reported first, wherever it is (a
    single scan), so `__import__('os')` is refused for its quote, not parsed.
    """
    bad = _FOREIGN.search(source)
    if bad is not None:
        raise _unexpected(source, bad.start())
    position = 0
    length = len(source)
    match_token, match_space = _TOKEN.match, _SPACE.match
    while True:
        skipped = match_space(source, position)
        position = skipped.end() if skipped else position
        if position >= length:
            break
        match = match_token(source, position)
        if match is None:
            raise _unexpected(source, position)
        kind = match.lastgroup or "op"
        yield _Token(kind, match.group(kind), match.start(kind))
        position = match.end()
    end = _Token("end", "", length)
    while True:
        yield end


def _unexpected(source: str, position: int) -> ExpressionError:
    return ExpressionError(
        f"unexpected character {source[position]!r} in expression {_quoted(source)}; "
        "expressions use variables, whole numbers, true/false, not/and/or, "
        "comparisons, + and - only",
        position,
    )


def _quoted(source: str) -> str:
    """The expression for a message: quoted, and shortened when it is long."""
    return repr(source if len(source) <= 80 else source[:77] + "...")


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
        self.stream = _tokens(source)
        self.tokens: list[_Token] = []  # read so far
        self.position = 0
        self.depth = 0  # parentheses open around the current token
        self.operators = 0  # operators read so far
        self.shown = _quoted(source)

    # -- token helpers -------------------------------------------------------
    def peek(self) -> _Token:
        tokens = self.tokens
        while len(tokens) <= self.position:
            tokens.append(next(self.stream))
        return tokens[self.position]

    def take(self) -> _Token:
        token = self.peek()
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
                f"in {self.shown}",
                token,
            )

    def operator(self, token: _Token) -> None:
        """Count one more operator; refuse the expression past MAX_OPERATORS."""
        self.operators += 1
        if self.operators > MAX_OPERATORS:
            raise ExpressionError(
                f"the expression {self.shown} uses more than {MAX_OPERATORS} operators; "
                "split it over several variables or simplify it",
                token.offset,
                TOO_MANY_OPERATORS,
            )

    def prefix_run(self, word: str) -> list[_Token]:
        """The `not` (or `-`) tokens in a row from here, at most MAX_PREFIX_RUN of them."""
        run: list[_Token] = []
        while True:
            token = self.peek()
            if token.text != word or token.kind not in ("name", "op"):
                return run
            if len(run) == MAX_PREFIX_RUN:
                raise ExpressionError(
                    f"more than {MAX_PREFIX_RUN} `{word}` in a row in {self.shown}; "
                    f"two `{word}` cancel each other out, so write one or none",
                    token.offset,
                    PREFIX_RUN,
                )
            self.operator(token)
            run.append(self.take())

    # -- grammar -------------------------------------------------------------
    def parse(self) -> Compiled:
        if self.peek().kind == "end":
            raise self.fail("the expression is empty; write a condition such as `asked_model`")
        compiled = self.parse_or()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(f"unexpected {token.text!r} in {self.shown}", token)
        return compiled

    def parse_or(self) -> Compiled:
        left = self.parse_and()
        while self.peek().text == "or" and self.peek().kind == "name":
            token = self.take()
            self.operator(token)
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
            self.operator(token)
            right = self.parse_not()
            self.expect_type(left, bool, "`and`", token)
            self.expect_type(right, bool, "`and`", token)
            a, b = left[1], right[1]
            left = (bool, _both(a, b), left[2] | right[2])
        return left

    def parse_not(self) -> Compiled:
        run = self.prefix_run("not")
        compiled = self.parse_compare()
        if not run:
            return compiled
        self.expect_type(compiled, bool, "`not`", run[-1])
        if len(run) % 2 == 0:
            return compiled  # `not not x` is x
        return (bool, _negate(compiled[1]), compiled[2])

    def parse_compare(self) -> Compiled:
        left = self.parse_sum()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARE:
            self.take()
            self.operator(token)
            right = self.parse_sum()
            if token.text in ("==", "!="):
                if left[0] is not right[0]:
                    raise self.fail(
                        f"`{token.text}` compares {_type_name(left[0])} with "
                        f"{_type_name(right[0])} in {self.shown}; both sides must be "
                        "of one type",
                        token,
                    )
            else:
                self.expect_type(left, int, f"`{token.text}`", token)
                self.expect_type(right, int, f"`{token.text}`", token)
            follow = self.peek()
            if follow.kind == "op" and follow.text in _COMPARE:
                raise self.fail(
                    f"comparisons cannot be chained in {self.shown}; join them with `and`",
                    follow,
                )
            op, a, b = _COMPARE[token.text], left[1], right[1]
            return (bool, _compare(op, a, b), left[2] | right[2])
        return left

    def parse_sum(self) -> Compiled:
        left = self.parse_unary()
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            token = self.take()
            self.operator(token)
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
        run = self.prefix_run("-")
        compiled = self.parse_atom()
        if not run:
            return compiled
        self.expect_type(compiled, int, "`-`", run[-1])
        if len(run) % 2 == 0:
            return compiled  # `- -x` is x
        return (int, _opposite(compiled[1]), compiled[2])

    def parse_atom(self) -> Compiled:
        token = self.take()
        if token.kind == "int":
            digits = token.text.lstrip("0") or "0"
            # Compared as text first: Python refuses to convert very long numbers.
            if len(digits) > len(str(MAX_INTEGER)) or int(digits) > MAX_INTEGER:
                shown = digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits)} digits)"
                raise ExpressionError(
                    f"the number {shown} is too large; numbers in expressions go up to "
                    f"{MAX_INTEGER:,}",
                    token.offset,
                    NUMBER_TOO_LARGE,
                )
            return (int, _constant(int(digits)), frozenset())
        if token.kind == "name":
            if token.text in ("true", "false"):
                flag = token.text == "true"
                return (bool, _constant(flag), frozenset())
            if token.text in _KEYWORDS:
                raise self.fail(f"`{token.text}` needs something before it", token)
            return self.variable(token)
        if token.kind == "op" and token.text == "(":
            if self.depth == MAX_NESTING:
                raise ExpressionError(
                    f"the parentheses in {self.shown} are nested more than {MAX_NESTING} "
                    "deep; take some away or split the expression",
                    token.offset,
                    TOO_DEEP,
                )
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            closing = self.peek()
            if not (closing.kind == "op" and closing.text == ")"):
                raise self.fail(f"a `(` is not closed in {self.shown}", closing)
            self.take()
            return inner
        if token.kind == "end":
            raise self.fail(f"the expression {self.source!r} ends too early", token)
        raise self.fail(f"unexpected {token.text!r} in {self.shown}", token)

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
