"""Scenarios past the analysis budget through the real loader and CLI: they validate
(the analysis says it is approximate) and play, with percents in 0–100.

tests/core/test_analysis_scale.py checks the bounds themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

FLAGS = 20


def twenty_flags_yaml() -> str:
    """Set or skip each of twenty flags, then check them all: loop-free, ~2 million states."""
    lines = [
        "format: 1",
        "id: twenty-flags",
        "title: Twenty flags",
        "source: {title: A test, lesson: Remember what the customer said.}",
        "variables:",
        *(f"  f{i}: false" for i in range(FLAGS)),
        "start: n0",
        "nodes:",
    ]
    for i in range(FLAGS):
        goto = f"n{i + 1}" if i + 1 < FLAGS else "check0"
        lines += [
            f"  n{i}:",
            f"    text: Step {i}",
            "    choices:",
            f"      - {{text: Note {i}, set: {{f{i}: true}}, scores: {{empathy: 1}}, "
            f"feedback: Good., goto: {goto}}}",
            f"      - {{text: Skip {i}, scores: {{upsell: 1}}, feedback: Hm., goto: {goto}}}",
        ]
    for i in range(FLAGS):
        goto = f"check{i + 1}" if i + 1 < FLAGS else "good"
        lines += [
            f"  check{i}:",
            f"    text: Check {i}",
            "    choices:",
            f"      - {{text: Remembered, if: f{i}, scores: {{anticipation: 1}}, "
            f"feedback: Yes., goto: {goto}}}",
            f"      - {{text: Forgot, if: not f{i}, feedback: No., goto: bad}}",
        ]
    lines += [
        "  good: {ending: {title: Remembered it all, outcome: success, scores: {empathy: 2}}}",
        "  bad: {ending: {title: Forgot something, outcome: failure}}",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "twenty-flags.yaml"
    path.write_text(twenty_flags_yaml(), encoding="utf-8")
    return path


@pytest.mark.slow
def test_twenty_flags_validate_analyse_and_play(scenario_file: Path) -> None:
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", str(scenario_file)])
    assert validated.exit_code == 0, validated.output
    assert "approximate" in validated.output and "0 errors" in validated.output

    played = runner.invoke(
        cli, ["play", str(scenario_file), "--choices", ",".join(["1"] * 2 * FLAGS), "--json"]
    )
    assert played.exit_code == 0, played.output
    result = json.loads(played.stdout)
    assert result["ending"] == "good"
    assert all(0.0 <= p <= 100.0 for p in result["percent"].values() if p is not None)
