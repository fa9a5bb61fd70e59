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
