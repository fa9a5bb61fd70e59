"""Diagnostics: one problem found in a file, located by line and column, as data.

Codes are stable and never reused; docs/diagnostics.md explains each one.
RP1xx are about the file and its YAML, RP2xx about structure (the JSON Schema),
RP3xx about meaning, and RP4xx come from game.core.analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# -- RP1xx: the file and its YAML ---------------------------------------------
CANNOT_READ = "RP101"
TOO_LARGE = "RP102"
NOT_UTF8 = "RP103"
CONTROL_CHARACTER = "RP104"
EMPTY = "RP105"
YAML_SYNTAX = "RP106"
SEVERAL_DOCUMENTS = "RP107"
NOT_A_MAPPING = "RP108"
TAG = "RP109"
ANCHOR_OR_ALIAS = "RP110"
TOO_DEEP = "RP111"
DUPLICATE_KEY = "RP112"
QUOTE_THIS_TEXT = "RP113"
KEY_NOT_TEXT = "RP114"
NOT_FINITE = "RP115"
TOO_MANY_PROBLEMS = "RP116"
INTERNAL_ERROR = "RP117"
NOT_REGULAR = "RP118"

# -- RP2xx: structure, checked against the JSON Schema -----------------------
UNKNOWN_KEY = "RP201"
MISSING_KEY = "RP202"
WRONG_TYPE = "RP203"
NOT_ALLOWED = "RP204"
UNKNOWN_COMPETENCY = "RP205"
OUT_OF_RANGE = "RP206"
HOW_IT_CONTINUES = "RP207"
EMPTY_VALUE = "RP208"
BAD_ID = "RP209"
UNSUPPORTED_FORMAT = "RP210"
NOT_WHOLE = "RP211"
TOO_LONG = "RP212"

# -- RP3xx: meaning ----------------------------------------------------------
UNKNOWN_NODE = "RP301"
UNKNOWN_SPEAKER = "RP302"
UNDECLARED_VARIABLE = "RP303"
BAD_EXPRESSION = "RP304"
SET_TYPE = "RP305"
ASSET_NAME = "RP306"
NO_FEEDBACK = "RP307"
NO_SOURCE = "RP308"
DUPLICATE_ID = "RP309"
FILE_NAME = "RP310"
UNKNOWN_SCENARIO = "RP311"
DUPLICATE_MODULE = "RP312"
TIMER_WITHOUT_CHOICES = "RP313"
RESERVED_NAME = "RP314"
# Pictures: settings, portraits and moods, shipped or in the trainer's art folder.
NO_SETTING_PICTURE = "RP320"
NO_PORTRAIT_PICTURE = "RP321"
NO_MOOD_PICTURE = "RP322"
PICTURE_REFUSED = "RP323"

# -- RP33x: behaviour tags (game.core.behaviours) ----------------------------
UNKNOWN_TAG = "RP330"
TAG_STRAYS = "RP331"
TAG_TWICE = "RP332"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file; `line` and `column` count from 1."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """`PATH:LINE:COL: severity: message`, the form editors and CI understand."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, str | int]:
        """The `validate --format json` object."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code)


SHOWN_CHARACTERS = 60  # characters of a trainer's value quoted in a message


def shorten(value: object) -> str:
    """A value as quoted in a message: long ones are cut, so a message stays one line."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


# -- a limit per file ------------------------------------------------------------
MAX_SHOWN = 100  # problems listed per file; one more line says how many were left out


@dataclass(frozen=True, slots=True)
class Unlisted:
    """Problems known to exist but not looked at in detail: at least `count`, the first at
    (`line`, `column`)."""

    count: int
    line: int
    column: int


def capped(
    problems: list[Diagnostic], path: str, unlisted: Unlisted | None = None
) -> list[Diagnostic]:
    """`problems` sorted, the first MAX_SHOWN of them, then one RP116 line for the rest.

    A file with thousands of mistakes is not a scenario yet: listing every one
    costs time and buries the first, which are the ones to fix.
    """
    ordered = sorted(problems, key=sort_key)
    if len(ordered) <= MAX_SHOWN and unlisted is None:
        return ordered
    shown = ordered[:MAX_SHOWN]
    rest = ordered[MAX_SHOWN:]
    more = len(rest) + (unlisted.count if unlisted is not None else 0)
    if rest:
        line, column = rest[0].line, rest[0].column
    else:
        assert unlisted is not None
        line, column = unlisted.line, unlisted.column
    amount = f"at least {more:,}" if unlisted is not None else f"{more:,}"
    shown.append(
        Diagnostic(
            path,
            line,
            column,
            "error" if any(d.is_error for d in ordered) or unlisted is not None else "warning",
            TOO_MANY_PROBLEMS,
            f"{len(shown)} problems are listed and {amount} more are not; fix these and "
            "check the file again",
        )
    )
    return shown


def internal_error(path: str, problem: BaseException) -> Diagnostic:
    """A mistake in Rapport itself met while checking a file: reported for that file alone."""
    what = type(problem).__name__
    if str(problem):
        what += f": {shorten(problem)}"
    return Diagnostic(
        path,
        1,
        1,
        "error",
        INTERNAL_ERROR,
        f"Rapport could not check this file because of a mistake in Rapport itself ({what}); "
        "the file is not played, other files are not affected; please report this together "
        "with the file",
    )
