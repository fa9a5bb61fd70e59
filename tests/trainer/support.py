"""Small scenarios and shared pieces for the trainer toolkit's tests."""

from __future__ import annotations

from pathlib import Path

from game.core.analysis import Analysis
from game.core.model import Scenario
from game.loader import load_scenario_text

# Every feature the graph and the report draw: a cast member and the narrator, a
# condition, assignments, a timer, a `next`, and one ending of each outcome.
LOANER = """\
format: 1
id: loaner
title: The Loaner Desk
summary: A driver needs a car for the day.
source:
  title: Passion for cars
  lesson: Let the customer pick.
cast:
  dana: {name: Dana}
variables:
  asked_model: false
start: arrive
nodes:
  arrive:
    speaker: dana
    text: Hi! I'm here for new tires, and I'll need a loaner for the day.
    choices:
      - text: "Here are your keys. They're all the same."
        scores: {empathy: -2, upsell: -1}
        feedback: Sameness ignores what she loves.
        goto: keys
      - text: Which of the cars out front would you like to drive today?
        if: not asked_model
        set: {asked_model: true}
        scores: {empathy: 2, anticipation: 1}
        feedback: Let her pick.
        goto: picks
    timer: {seconds: 20, goto: waits, scores: {empathy: -1}, feedback: She waited.}
  waits:
    text: Dana checks her watch and sighs.
    next: keys
  picks:
    speaker: dana
    text: The black one, please. My lease ends soon.
    choices:
      - text: Shall I ask Raj to show you the new model?
        scores: {anticipation: 2, upsell: 2}
        feedback: You heard the lease.
        goto: test_drive
      - text: Enjoy the drive!
        feedback: Friendly, but a chance went by.
        goto: nice_day
  keys:
    ending:
      title: A grey loaner
      outcome: failure
      text: Dana drives off annoyed.
      scores: {upsell: -1}
  nice_day:
    ending:
      title: A nice day
      outcome: partial
  test_drive:
    ending:
      title: An extended test drive
      outcome: success
"""


def load(text: str = LOANER, path: str = "loaner.yaml") -> tuple[Scenario, Analysis]:
    report = load_scenario_text(text, path)
    assert report.scenario is not None and report.analysis is not None, [
        d.format() for d in report.diagnostics
    ]
    return report.scenario, report.analysis


def write(folder: Path, text: str = LOANER, name: str = "loaner.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
