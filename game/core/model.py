"""The scenario model: immutable data that the loader builds and the engine plays.

Standard library only (see docs/architecture.md): no yaml, pygame, file or clock.
Glossary: Scenario > Node > Choice > Scores > Playthrough > Result; Module;
Competency.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

COMPETENCIES: tuple[str, str, str] = ("empathy", "anticipation", "upsell")
OUTCOMES: tuple[str, str, str] = ("success", "partial", "failure")
MOODS: tuple[str, ...] = ("neutral", "pleased", "delighted", "annoyed", "upset", "thinking")
NARRATOR = "narrator"
MAX_VISIBLE_CHOICES = 6
FORMAT_VERSION = 1
DEFAULT_PASS_PERCENT = 60.0  # overall percent that passes, where no module sets its own

# Raw scores in competency order (empathy, anticipation, upsell).
Scores = tuple[int, int, int]
ZERO: Scores = (0, 0, 0)

# Variable values in declaration order; bool and int are never mixed up.
Value = bool | int
Values = tuple[Value, ...]


def scores_to_dict(scores: Scores) -> dict[str, int]:
    return dict(zip(COMPETENCIES, scores, strict=True))


@dataclass(frozen=True, slots=True)
class Expression:
    """A compiled expression: `evaluate(values)` reads variables by index."""

    source: str
    kind: type  # bool or int
    evaluate: Callable[[Values], Value]
    variables: frozenset[str]


@dataclass(frozen=True, slots=True)
class Assignment:
    variable: str
    index: int  # position of the variable in Scenario.variables
    expression: Expression


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    goto: str
    condition: Expression | None = None
    assignments: tuple[Assignment, ...] = ()
    scores: Scores = ZERO
    feedback: str | None = None
    tags: tuple[str, ...] = ()  # behaviours from the scoring guide's table


@dataclass(frozen=True, slots=True)
class Timer:
    seconds: float
    goto: str
    assignments: tuple[Assignment, ...] = ()
    scores: Scores = ZERO
    feedback: str | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    title: str
    outcome: str  # one of OUTCOMES
    text: str = ""
    scores: Scores = ZERO
    lesson: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    text: str = ""
    speaker: str = NARRATOR
    mood: str | None = None
    assignments: tuple[Assignment, ...] = ()  # done on entering the node
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    ending: Ending | None = None
    timer: Timer | None = None


@dataclass(frozen=True, slots=True)
class CastMember:
    id: str
    name: str
    portrait: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    lesson: str = ""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    start: str
    nodes: Mapping[str, Node]
    summary: str = ""
    source: Source | None = None
    minutes: int | None = None
    setting: str | None = None
    cast: Mapping[str, CastMember] = field(default_factory=dict)
    # Declared variables and their initial values, in file order.
    variables: Mapping[str, Value] = field(default_factory=dict)
    # Hash of the scenario's content; a save is refused when it differs.
    content_hash: str = ""

    @property
    def initial_values(self) -> Values:
        return tuple(self.variables.values())

    def speaker_name(self, speaker: str) -> str:
        member = self.cast.get(speaker)
        return member.name if member else ""


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: str
    scenarios: tuple[str, ...]
    summary: str = ""
    pass_percent: float = DEFAULT_PASS_PERCENT
    unlock: str = "sequential"  # or "open"
