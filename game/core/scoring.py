"""Scoring: raw competency scores become percents against the analysed range.

percent = (raw - min) / (max - min) * 100, one decimal (half up); a competency
whose range is a single value is not assessed (None). Overall is the mean of
the assessed percents as shown, one decimal. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from game.core.engine import Decision, Playthrough
from game.core.model import COMPETENCIES, Scores

_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Range:
    """The exact lowest and highest raw score of one competency."""

    min: int
    max: int

    @property
    def assessed(self) -> bool:
        return self.max != self.min

    def to_dict(self) -> dict[str, int]:
        return {"min": self.min, "max": self.max}


Ranges = tuple[Range, Range, Range]


def _one_decimal(value: Fraction) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(_TENTH, rounding=ROUND_HALF_UP))


def percent(raw: int, span: Range) -> float | None:
    if not span.assessed:
        return None
    return _one_decimal(Fraction(raw - span.min, span.max - span.min) * 100)


def percents(scores: Scores, ranges: Ranges) -> tuple[float | None, float | None, float | None]:
    return (
        percent(scores[0], ranges[0]),
        percent(scores[1], ranges[1]),
        percent(scores[2], ranges[2]),
    )


def overall(values: Sequence[float | None]) -> float | None:
    """The mean of the assessed percents, one decimal; None when none is assessed."""
    assessed = [Fraction(str(v)) for v in values if v is not None]
    if not assessed:
        return None
    return _one_decimal(sum(assessed, Fraction(0)) / len(assessed))


@dataclass(frozen=True)
class Result:
    """A finished playthrough, scored: what the debrief shows and the store keeps."""

    scenario: str
    content_hash: str
    ending: str
    outcome: str
    path: tuple[str, ...]
    decisions: tuple[Decision, ...]
    choices: tuple[dict[str, Any], ...]  # {"node", "number", "text"} per decision
    scores: Scores
    ranges: Ranges
    percent: tuple[float | None, float | None, float | None]
    overall: float | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """The `play --json` object (docs/cli.md)."""
        return {
            "scenario": self.scenario,
            "ending": self.ending,
            "outcome": self.outcome,
            "path": list(self.path),
            "choices": [dict(c) for c in self.choices],
            "scores": dict(zip(COMPETENCIES, self.scores, strict=True)),
            "range": {c: r.to_dict() for c, r in zip(COMPETENCIES, self.ranges, strict=True)},
            "percent": dict(zip(COMPETENCIES, self.percent, strict=True)),
            "overall": self.overall,
            "seconds": round(self.seconds, 3),
        }


def result_of(playthrough: Playthrough, ranges: Ranges) -> Result:
    """Score a finished playthrough against the scenario's analysed ranges."""
    ending = playthrough.ending
    if ending is None:
        raise ValueError("the playthrough has not reached an ending yet")
    scores = playthrough.raw_scores
    shown = percents(scores, ranges)
    return Result(
        scenario=playthrough.scenario.id,
        content_hash=playthrough.scenario.content_hash,
        ending=playthrough.current.id,
        outcome=ending.outcome,
        path=tuple(playthrough.path),
        decisions=tuple(playthrough.decisions),
        choices=tuple(
            {"node": s.node, "number": s.decision, "text": s.text} for s in playthrough.history
        ),
        scores=scores,
        ranges=ranges,
        percent=shown,
        overall=overall(shown),
        seconds=playthrough.elapsed_s,
    )
