"""Fuzzing that runs every time: mutated scenario files and random expressions, within a fixed
time budget. Whatever the input, nothing escapes the loader, and every problem it reports is a
located diagnostic with a documented code.

The mutations are seeded, so a failure names the case that reproduces it.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.expressions import ExpressionError, compile_expression
from game.core.model import Value
from game.loader import DEFAULT_SCENARIOS_DIR, LoadReport, load_scenario, load_scenario_text
from game.loader.diagnostics import INTERNAL_ERROR, MAX_SHOWN

from .support import VALID

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = frozenset(
    re.findall(r"^### (RP\d{3})", (ROOT / "docs/diagnostics.md").read_text("utf-8"), re.M)
)
SEEDS = [VALID] + [
    p.read_text(encoding="utf-8")
    for p in sorted(DEFAULT_SCENARIOS_DIR.glob("*.yaml"))
    if p.name != "modules.yaml"
]
BUDGET_S = 3.0  # CPU seconds of mutated files per run
AT_LEAST = 60  # cases run even on a slow machine
SEED = 20_240_611


def check(report: LoadReport, text: str, path: str, case: str) -> None:
    """What every load must give, whatever went in."""
    lines = len(text.splitlines()) or 1  # the line breaks YAML knows, \r and \u2028 too
    assert len(report.diagnostics) <= MAX_SHOWN + 1, case
    for d in report.diagnostics:
        where = f"{case}: {d.format()}"
        assert d.code in DOCUMENTED, where
        assert d.code != INTERNAL_ERROR, where  # a mistake of ours, found by the fuzzer
        assert d.path == path, where
        assert 1 <= d.line <= lines and d.column >= 1, where
        assert d.severity in ("error", "warning"), where
        assert d.message and "\n" not in d.message, where
    if report.errors:
        assert report.scenario is None, case
    if report.scenario is not None:
        assert report.analysis is not None and not report.errors, case


# -- mutations -----------------------------------------------------------------------------
# Each takes the text and a random source and returns a new text.

HOSTILE = [
    "!!python/object/apply:os.system ['true']",
    "&a [1, 2]",
    "*a",
    "[" * 80,
    "{a: " * 70,
    "- " * 70,
    "? " * 70,
    "no",
    "12:30",
    "2024-02-30",
    ".nan",
    "-.inf",
    "9" * 40,
    "~",
    "\u201cNote: a curly quote\u201d",
    "'unclosed",
    '"bad \\q escape"',
    "\t",
    "\x00",
    "\ufeff",
    "\ud7ff\ue000",
    "|\n  block",
    ">-\n  folded",
    "---",
    "...",
    "%YAML 1.1",
    "(((((((((((((((((((( asked ))))))))))))))))))))",
    "not not not not not asked",
    "patience + - - 1",
    "asked == 3",
    "patience <",
]


def _line(text: str, chance: random.Random) -> tuple[list[str], int]:
    lines = text.split("\n")
    return lines, chance.randrange(len(lines))


def delete_line(text: str, chance: random.Random) -> str:
    lines, at = _line(text, chance)
    del lines[at]
    return "\n".join(lines)


def duplicate_line(text: str, chance: random.Random) -> str:
    lines, at = _line(text, chance)
    lines.insert(at, lines[at])
    return "\n".join(lines)


def swap_lines(text: str, chance: random.Random) -> str:
    lines, a = _line(text, chance)
    b = chance.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def shift_indent(text: str, chance: random.Random) -> str:
    lines, at = _line(text, chance)
    if chance.random() < 0.5:
        lines[at] = " " * chance.randint(1, 3) + lines[at]
    else:
        lines[at] = lines[at][chance.randint(1, 3) :]
    return "\n".join(lines)


def insert_characters(text: str, chance: random.Random) -> str:
    at = chance.randrange(len(text) + 1)
    alphabet = ":-[]{},&*!|>'\"#%@?\t\n\r 0123456789abcxyz_\\.\u00e9\u201c\u2028\x7f"
    junk = "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 6)))
    return text[:at] + junk + text[at:]


def delete_characters(text: str, chance: random.Random) -> str:
    at = chance.randrange(len(text) + 1)
    return text[:at] + text[at + chance.randint(1, 12) :]


def replace_value(text: str, chance: random.Random) -> str:
    """A value after a `key: ` swapped for something hostile or misspelt."""
    spots = [m.end() for m in re.finditer(r": ", text)]
    if not spots:
        return text
    at = chance.choice(spots)
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    old = text[at:end]
    new = chance.choice(
        [chance.choice(HOSTILE), old[::-1], old[:-1], old + old[-1:] * 2, old.upper()]
    )
    return text[:at] + new + text[end:]


def rename_key(text: str, chance: random.Random) -> str:
    keys = list(re.finditer(r"^(\s*-?\s*)([a-z_]+):", text, flags=re.M))
    if not keys:
        return text
    match = chance.choice(keys)
    name = match.group(2)
    new = chance.choice([name[:-1], name + "s", name[::-1], "if", "goto", "scores", "text"])
    return text[: match.start(2)] + new + text[match.end(2) :]


def truncate(text: str, chance: random.Random) -> str:
    return text[: chance.randrange(len(text) + 1)]


def line_endings(text: str, chance: random.Random) -> str:
    """Windows, old Mac or Unicode line breaks, all of which YAML reads as line breaks."""
    return text.replace("\n", chance.choice(["\r\n", "\r", "\u2028", "\x85"]))


def repeat_block(text: str, chance: random.Random) -> str:
    """A stretch of lines written many times over: a file with thousands of mistakes."""
    lines, at = _line(text, chance)
    block = lines[at : at + chance.randint(1, 4)]
    return "\n".join(lines[:at] + block * chance.randint(50, 400) + lines[at:])


MUTATIONS: list[Callable[[str, random.Random], str]] = [
    delete_line,
    duplicate_line,
    swap_lines,
    shift_indent,
    insert_characters,
    delete_characters,
    replace_value,
    rename_key,
    truncate,
    line_endings,
    repeat_block,
]


def mutated(case: int) -> str:
    chance = random.Random(SEED * 1_000_003 + case)
    text = chance.choice(SEEDS)
    for _ in range(chance.randint(1, 3)):
        text = chance.choice(MUTATIONS)(text, chance)
    return text


def test_mutated_scenarios_never_escape_the_loader(tmp_path: Path) -> None:
    started = time.process_time()
    case = 0
    while case < AT_LEAST or time.process_time() - started < BUDGET_S:
        text = mutated(case)
        label = f"mutated case {case} (seed {SEED})"
        report = load_scenario_text(text, "fuzz.yaml")
        check(report, text, "fuzz.yaml", label)
        if case % 10 == 0:  # through a real file too: the cache and the pictures
            path = tmp_path / "fuzz.yaml"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            for _ in range(2):  # the second time from the cache, when it loaded
                check(load_scenario(path), text, str(path), label)
        case += 1
    assert case >= AT_LEAST


# -- expressions -------------------------------------------------------------------------

VARIABLES: dict[str, Value] = {"asked": False, "patience": 3, "flag_2": True}
_ATOMS = st.sampled_from(["asked", "patience", "flag_2", "true", "false", "0", "7", "askd", "x"])
_OPERATORS = st.sampled_from(
    ["and", "or", "not", "==", "!=", "<", "<=", ">", ">=", "+", "-", "(", ")"]
)
_JUNK = st.text(alphabet="()+-<=>!&|.,'\"\\ \t0123456789éx_", max_size=4)


def _nested(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _ATOMS
    inner = _nested(depth - 1)
    return st.one_of(
        inner,
        st.builds(lambda a: f"not {a}", inner),
        st.builds(lambda a: f"-{a}", inner),
        st.builds(lambda a: f"({a})", inner),
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, _OPERATORS, inner),
    )


EXPRESSIONS = st.one_of(
    _nested(6),
    st.lists(st.one_of(_ATOMS, _OPERATORS, _JUNK), max_size=40).map(" ".join),
    st.text(max_size=60),
)


@settings(max_examples=400, deadline=None)
@given(EXPRESSIONS)
def test_the_expression_parser_only_ever_says_what_is_wrong(source: str) -> None:
    try:
        expression = compile_expression(source, VARIABLES)
    except ExpressionError as problem:
        assert 0 <= problem.offset <= len(source)
        assert problem.message
        return
    assert expression.kind in (bool, int)
    for values in ((False, 0, False), (True, -5, True), (True, 10**9, False)):
        assert type(expression.evaluate(values)) is expression.kind


@settings(max_examples=150, deadline=None)
@given(EXPRESSIONS, st.sampled_from(["if", "set"]))
def test_any_expression_in_a_file_gives_located_diagnostics(source: str, where: str) -> None:
    quoted = '"' + source.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if where == "if":
        text = VALID.replace("if: not asked", f"if: {quoted}")
    else:
        text = VALID.replace("patience: patience + 1", f"patience: {quoted}")
    check(load_scenario_text(text, "expr.yaml"), text, "expr.yaml", f"{where}: {source!r}")
