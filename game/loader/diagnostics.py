"""Diagnostics: one problem found in a file, located by line and column, as data.

Every code is one row of the table below (`code(...)`): its severity, its
title and the template its messages follow. Codes are stable and never reused;
docs/diagnostics.md explains each one under the same title. RP1xx are about the
file and its YAML, RP2xx about structure (the JSON Schema), RP3xx about meaning
(RP315-RP318 from game.core.expressions), and RP4xx come from game.core's
analysis and surface check (the core names its codes itself: it cannot import
the loader). Adding a code: a row here, a section in the docs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    """One row of the table: a stable code, its title, how serious it is, what it says.

    `template` is the form of every message with this code: the words it always
    uses, with `{...}` where each finding puts its own text (a name, a place,
    a value, a suggestion). docs/diagnostics.md has a section per code under
    the same title, whose example fits the template; tests check both.
    """

    code: str
    title: str
    severity: Severity
    template: str

    def fits(self, message: str) -> bool:
        """True when `message` has this code's form."""
        return _pattern(self.template).fullmatch(message) is not None


CODES: dict[str, Code] = {}


def code(number: str, severity: Severity, title: str, template: str) -> str:
    """Add a row to the table and return its code (what a Diagnostic carries)."""
    if number in CODES:
        raise ValueError(f"the code {number} is in the table twice")
    CODES[number] = Code(number, title, severity, template)
    return number


def severity_of(number: str) -> Severity:
    """The table's severity for a code (`validate --strict` may raise a warning to an error)."""
    return CODES[number].severity


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^{}]*\}", template)
    return re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)


E: Severity = "error"
W: Severity = "warning"

# The table. Codes are stable and never reused: a retired code keeps its row
# so its number stays out of use. Numbers 119, 319, 324-329, 333-339 and
# 410-419 are set aside; take new numbers after the highest in each family.

# -- RP1xx: the file and its YAML ---------------------------------------------
CANNOT_READ = code("RP101", E, "the file cannot be read", "{what is wrong}; {what to do}")
TOO_LARGE = code(
    "RP102",
    E,
    "the file is too large",
    "the file is {size} MiB, over the {limit} MiB limit for a scenario; split it into smaller "
    "scenarios",
)
NOT_UTF8 = code("RP103", E, "not UTF-8", "{what} {is not} UTF-8{detail}; save {it} as UTF-8{how}")
CONTROL_CHARACTER = code(
    "RP104",
    E,
    "a control character",
    "{a NUL or control character} (U+{code}) is not allowed in a scenario file; delete it "
    "(it often comes from pasting out of another program)",
)
EMPTY = code(
    "RP105",
    E,
    "the file is empty",
    "the file {is empty or holds only comments}; a scenario needs at least `format`, `id`, "
    "`title`, `start` and `nodes`",
)
YAML_SYNTAX = code(
    "RP106", E, "not valid YAML", "this is not valid YAML: {the parser's complaint}; {likely cause}"
)
SEVERAL_DOCUMENTS = code(
    "RP107",
    E,
    "more than one document",
    "a second YAML document starts here (`---`); a file holds one scenario, so move it to "
    "its own file",
)
NOT_A_MAPPING = code(
    "RP108",
    E,
    "the file is not a mapping",
    "the file must be a mapping of keys such as `id:` and `nodes:`, but it is {what it is}",
)
TAG = code(
    "RP109",
    E,
    "a tag",
    "the tag `{tag}` is not part of the scenario format and is never run or built; remove it "
    "(write plain values, quoted text if needed)",
)
ANCHOR_OR_ALIAS = code(
    "RP110",
    E,
    "an anchor or alias",
    "the {anchor or alias} `{name}` is not part of the scenario format; write the value out "
    "in full",
)
TOO_DEEP = code(
    "RP111",
    E,
    "nested too deeply",
    "the file nests lists and mappings more than {limit} levels deep; a scenario needs about "
    "6, so check the brackets and indentation",
)
DUPLICATE_KEY = code(
    "RP112",
    E,
    "a key written twice",
    "the key `{key}` is already used on line {line} of this mapping; YAML would silently keep "
    "only the last one, so remove or rename one",
)
QUOTE_THIS_TEXT = code(
    "RP113",
    E,
    "quote this text",
    "YAML reads {the text} as {what YAML makes of it}, not text; quote {it}: {the quoted text}",
)
KEY_NOT_TEXT = code(
    "RP114",
    E,
    "a key that is not text",
    "a key must be plain text, not a list or mapping; write `name: value` pairs",
)
NOT_FINITE = code(
    "RP115", E, "not a finite number", "{the place} {is or has} {value}{detail}; write {what}"
)
# Its severity is the table's only when the file has an error; a file with
# warnings alone gets a warning (a count of warnings is no error).
TOO_MANY_PROBLEMS = code(
    "RP116",
    E,
    "too many problems",
    "{how many} problems {in the YAML; the rest | are listed and N more} are not{ shown | ; fix "
    "these and check the file again}",
)
INTERNAL_ERROR = code(
    "RP117",
    E,
    "Rapport could not check the file",
    "Rapport could not check this file because of a mistake in Rapport itself ({what}); the "
    "file is not played, other files are not affected; please report this together with the file",
)
NOT_REGULAR = code(
    "RP118",
    E,
    "not an ordinary file",
    "this is {a named pipe, a device or a socket}, not an ordinary file{, so it is not "
    "read…}; {what to do}",
)

# -- RP2xx: structure, checked against the JSON Schema -----------------------
UNKNOWN_KEY = code(
    "RP201", E, "unknown key", "unknown key `{key}` in {the place}{suggestion}; {what to do}"
)
MISSING_KEY = code("RP202", E, "missing key", "{the place} is missing `{key}`; {what to write}")
WRONG_TYPE = code(
    "RP203", E, "wrong type", "{the place or name} {must be or is not valid here}{details}"
)
NOT_ALLOWED = code(
    "RP204",
    E,
    "not an allowed value",
    "{the place} is `{value}`, which is not one of {the allowed words}{suggestion}",
)
UNKNOWN_COMPETENCY = code(
    "RP205",
    E,
    "unknown competency",
    "`{name}` is not a competency{suggestion}; scores use empathy, anticipation and upsell",
)
OUT_OF_RANGE = code(
    "RP206", E, "out of range", "{the place} is {value}, but it must be {the limits}"
)
HOW_IT_CONTINUES = code(
    "RP207",
    E,
    "how a node continues",
    "node `{id}` {has more than one way on or none}; {what to do}",
)
EMPTY_VALUE = code("RP208", E, "empty value", "{the place} is {empty}; {what to do}")
BAD_ID = code(
    "RP209",
    E,
    "badly formed id or name",
    "the {kind of id or name} `{name}` {must or may} {the rule}, {example}",
)
UNSUPPORTED_FORMAT = code(
    "RP210",
    E,
    "unsupported format version",
    "format {version} is not supported; this version of Rapport reads format {supported}, so "
    "write `format: {supported}`",
)
NOT_WHOLE = code(
    "RP211",
    E,
    "not a whole number",
    "{the place} is {value}, but it must be a whole number{; write the whole number}",
)
TOO_LONG = code(
    "RP212",
    E,
    "too long",
    "{the place or name} {is N characters long | lists N items}; keep it to {limit}{ or split it}",
)

# -- RP3xx: meaning ----------------------------------------------------------
UNKNOWN_NODE = code(
    "RP301",
    E,
    "no such node",
    "{what} `{name}`, which is not a node{suggestion}; check the spelling or add the node",
)
UNKNOWN_SPEAKER = code(
    "RP302",
    E,
    "speaker not in the cast",
    "the speaker `{name}` of node `{id}` is not in the cast{suggestion}; add them under "
    "`cast:` or use {the cast}",
)
UNDECLARED_VARIABLE = code(
    "RP303",
    E,
    "undeclared variable",
    "{the variable and where it is used}{, which} is not declared{suggestion}; declare it "
    "under `variables:` with its starting value",
)
BAD_EXPRESSION = code("RP304", E, "the expression is wrong", "{the place}{: what is wrong}")
SET_TYPE = code(
    "RP305",
    E,
    "`set` changes a variable's type",
    "`{name}` is {its type} (it starts as {value}), but `{expression}` is {another type}; "
    "a variable keeps its type",
)
ASSET_NAME = code(
    "RP306",
    E,
    "not a plain picture name",
    "`{name}` is not a plain picture name; write only the name of a file in assets/ without "
    "folders, `..`, slashes, backslashes or extension (lower-case letters, digits and "
    "dashes, e.g. `dealership`)",
)
NO_FEEDBACK = code(
    "RP307",
    W,
    "choice without feedback",
    "choice {number} of node `{id}` has no `feedback`; add the coach's comment so coaching "
    "mode and the debrief can explain it",
)
NO_SOURCE = code(
    "RP308",
    W,
    "no source",
    "the scenario has no `source`; name the article or story it teaches from and its lesson, "
    "for the debrief",
)
DUPLICATE_ID = code(
    "RP309",
    E,
    "id used by two files",
    "the id `{id}` is already used by {file}; every scenario needs its own id",
)
FILE_NAME = code(
    "RP310",
    W,
    "file name differs from the id",
    "the id `{id}` differs from the file name `{file name}`; name the file `{expected name}` "
    "so the scenario can be found by its id",
)
UNKNOWN_SCENARIO = code(
    "RP311",
    E,
    "module names an unknown scenario",
    "module `{module}` names the scenario `{id}`, which is not in this folder{suggestion}; "
    "check the id or add the scenario",
)
DUPLICATE_MODULE = code(
    "RP312",
    E,
    "module id used twice",
    "the module id `{id}` is already used by module {number}; give each module its own id",
)
TIMER_WITHOUT_CHOICES = code(
    "RP313",
    E,
    "timer without choices",
    "node `{id}` has a `timer` but no `choices`; a timer only makes sense while the player "
    "is choosing, so remove it or add choices",
)
RESERVED_NAME = code(
    "RP314",
    E,
    "reserved name",
    "`{name}` is {always there or a word of the expression language} and cannot {be or name} "
    "{what}; {choose another}",
)

# Expression limits (game.core.expressions names these codes: the core cannot import this).
code(
    "RP315",
    E,
    "parentheses nested too deep",
    "{the place}: the parentheses in {the expression} are nested more than {limit} deep; "
    "{what to do}",
)
code(
    "RP316",
    E,
    "`not` or `-` too many times in a row",
    "{the place}: more than {limit} {`not` or `-`} in a row in {the expression}; {what to do}",
)
code(
    "RP317",
    E,
    "too many operators",
    "{the place}: the expression {text} uses more than {limit} operators; {what to do}",
)
code(
    "RP318",
    E,
    "number too large",
    "{the place}: the number {digits} is too large; numbers in expressions go up to {limit}",
)

# Pictures: settings, portraits and moods, shipped or in the trainer's art folder.
NO_SETTING_PICTURE = code(
    "RP320",
    W,
    "a setting without a picture",
    "the setting `{name}` has no picture{suggestion}, so the window shows a plain background; "
    "{what to do}",
)
NO_PORTRAIT_PICTURE = code(
    "RP321",
    W,
    "a portrait without pictures",
    "the portrait `{name}` of cast member `{id}` has no pictures{suggestion}, so the window "
    "shows a silhouette; {what to do}",
)
NO_MOOD_PICTURE = code(
    "RP322",
    W,
    "a mood without a picture",
    "{the node or portrait}{what it lacks}; {what to do}",
)
PICTURE_REFUSED = code(
    "RP323",
    W,
    "a picture that cannot be shown",
    "the picture {file} {why it cannot be shown}, so the window {never opens it and} shows a "
    "placeholder{; what to do}",
)

# -- RP33x: behaviour tags (game.core.behaviours) ----------------------------
UNKNOWN_TAG = code(
    "RP330",
    W,
    "unknown behaviour tag",
    "`{tag}` in choice {number} of node `{id}` is not a behaviour of the scoring guide's "
    "table{suggestion}; use a name from docs/scoring-guide.md or remove the tag",
)
TAG_STRAYS = code(
    "RP331",
    W,
    "scores stray from the standard",
    "choice {number} of node `{id}` scores {competency} {score}, but {tags} stand{s} for "
    "{standard} in the scoring guide; score it {low} to {high}, or change the tags",
)
TAG_TWICE = code(
    "RP332",
    W,
    "a tag listed twice",
    "the tag `{tag}` is listed twice in choice {number} of node `{id}`; list each behaviour once",
)

# -- RP4xx: the shape of the story (found by game.core.analysis) --------------
code(
    "RP401",
    E,
    "dead end",
    "{at or from} node `{id}`{the variables} {why no ending can be reached}; {what to do}",
)
code(
    "RP402",
    E,
    "score farming",
    "the loop through node `{id}` and `{id}` changes {competencies} every time round, so a "
    "player could raise or lower it without limit; make the loop score nothing or remove it",
)
code(
    "RP403",
    E,
    "too many choices at once",
    "node `{id}` shows {count} choices at once{the variables}; at most {limit} fit on screen, "
    "so hide some with `if` or split the node",
)
code(
    "RP404",
    W,
    "unreachable node",
    "no playthrough reaches node `{id}`; lead a choice or `next` to it or remove it",
)
code(
    "RP405",
    W,
    "unreachable ending",
    "no playthrough reaches the ending `{id}`; lead a choice to it or remove it",
)
code(
    "RP406",
    E,
    "endless `next` chain",
    "the `next` chain {the nodes} loops forever without a choice; give one of these nodes "
    "`choices` or an `ending`",
)
code(
    "RP407",
    W,
    "approximate analysis",
    "the scenario has more than {limit} states (node and variable combinations), so this "
    "analysis is approximate{: what its bounds mean}; fewer or smaller variables make it exact",
)
code(
    "RP408",
    W,
    "a naive strategy can win",
    "{always choosing the line that…} reaches the success ending `{id}`: a new hire can win "
    "by {what}; {what to do}",
)
code(
    "RP409",
    E,
    "score range cannot be bounded",
    "the scenario has more than {limit} states, and past them the loop through node `{id}` "
    "{what changes}, so the lowest and highest scores cannot be worked out; {what to do}",
)


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


def diagnostic(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    """A Diagnostic with the severity the table gives `code`."""
    return Diagnostic(path, line, column, severity_of(code), code, message)


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
    any_error = any(d.severity == "error" for d in ordered) or unlisted is not None
    shown.append(
        Diagnostic(
            path,
            line,
            column,
            "error" if any_error else "warning",
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
    return diagnostic(
        path,
        1,
        1,
        INTERNAL_ERROR,
        f"Rapport could not check this file because of a mistake in Rapport itself ({what}); "
        "the file is not played, other files are not affected; please report this together "
        "with the file",
    )
