"""Helpers for the loader tests: a small scenario that loads without a single remark."""

from __future__ import annotations

from game.loader import LoadReport, load_scenario_text
from game.loader.diagnostics import CODES, TOO_MANY_PROBLEMS

# Clean: no errors, no warnings. Tests break it one replacement at a time.
VALID = """\
format: 1
id: test-counter
title: The Test Counter
summary: A short scenario for the loader tests.
source:
  title: A test article
  lesson: Let the customer choose.
minutes: 2
setting: dealership
cast:
  customer: {name: Dana, portrait: dana}
variables:
  asked: false
  patience: 3
start: arrive
nodes:
  arrive:
    speaker: customer
    mood: neutral
    text: Hi, I need a loaner for the day.
    choices:
      - text: Here are your keys.
        scores: {empathy: -1}
        feedback: Quick, but it ignores what she wants.
        goto: keys
      - text: Which car would you like to drive today?
        if: not asked
        set: {asked: true, patience: patience + 1}
        scores: {empathy: 2, anticipation: 1}
        feedback: A loaner is a test drive. Let her pick.
        goto: picks
    timer: {seconds: 20, goto: waits, scores: {empathy: -1}, feedback: She waited.}
  waits:
    text: Dana checks her watch and sighs.
    next: keys
  picks:
    speaker: customer
    mood: pleased
    text: The black one, please!
    choices:
      - text: Enjoy the drive.
        scores: {upsell: 1}
        feedback: She will remember this car.
        goto: happy
  keys:
    ending:
      title: A plain loaner
      outcome: failure
      text: Dana drives off without a second look.
      scores: {upsell: -1}
  happy:
    ending:
      title: A test drive
      outcome: success
"""
NAME = "test-counter.yaml"


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `fragment`."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return found[occurrence - 1]


def column_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based column where `fragment` starts on the line of its `occurrence`."""
    line = text.splitlines()[line_of(text, fragment, occurrence) - 1]
    return line.index(fragment) + 1


def load(text: str | bytes, path: str = NAME) -> LoadReport:
    """Load `text`; every diagnostic must have its code's severity and message form."""
    report = load_scenario_text(text, path)
    for diagnostic in report.diagnostics:
        row = CODES[diagnostic.code]
        if diagnostic.code != TOO_MANY_PROBLEMS:  # that one follows the problems it counts
            assert diagnostic.severity == row.severity, diagnostic
        assert row.fits(diagnostic.message), f"{diagnostic} does not fit {row.template!r}"
    for problem in report.analysis.problems if report.analysis else ():
        assert problem.severity == CODES[problem.code].severity, problem
    return report


def codes(report: LoadReport) -> list[str]:
    return [d.code for d in report.diagnostics]
