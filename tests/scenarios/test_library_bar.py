"""The shipped scenario library meets the quality bar of docs/scoring-guide.md.

Shape and scores come from the public CLI (validate, analyze, play) through
click's CliRunner; word counts and variable use come from the YAML itself.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from game.cli import cli

SCENARIOS = Path(__file__).parents[2] / "scenarios"
FILES = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != "modules.yaml")
MODELINE = "# yaml-language-server: $schema=../game/loader/scenario.schema.json"
COMPETENCIES = ("empathy", "anticipation", "upsell")
OUTCOMES = {"success", "partial", "failure"}

MIN_NODES = 18
MIN_SHORTEST = 3  # decisions: a choice taken or a timer run out
MIN_LONGEST = 6
MAX_LINE_WORDS = 60
MAX_CHOICE_WORDS = 25
MIN_GATING_VARIABLES = 2
MAX_BEST_FIRST = 0.40  # share of decision nodes whose best choice is listed first
MAX_SAME_POSITION = 0.50  # share of decision nodes whose best choice sits in any one place
MAX_PLAY_ITEMS = 60  # a playthrough longer than this would be a bug of its own

KEYWORDS = {"and", "or", "not", "true", "false"}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def analysis(path: Path) -> dict[str, Any]:
    code, out = run("analyze", str(path), "--json")
    assert code == 0, out
    result: dict[str, Any] = json.loads(out)
    return result


def play(path: Path, items: list[int | str]) -> tuple[int, dict[str, Any] | None]:
    code, out = run("play", str(path), "--choices", ",".join(map(str, items)), "--json")
    return code, (json.loads(out) if code == 0 else None)


def first_choice_playthrough(path: Path) -> dict[str, Any]:
    """Always answer 1: add items until the playthrough reaches an ending."""
    for count in range(1, MAX_PLAY_ITEMS + 1):
        code, result = play(path, [1] * count)
        if code == 0:
            assert result is not None
            return result
    raise AssertionError(f"answering 1 never ends {path.name}")


def variables_in(expression: object) -> set[str]:
    if not isinstance(expression, str):
        return set()
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression)) - KEYWORDS


def choices(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (node_id, choice)
        for node_id, node in data["nodes"].items()
        for choice in node.get("choices") or []
    ]


def best_positions(data: dict[str, Any]) -> list[tuple[int, int]]:
    """(position of the best-scoring choice, number of choices) per decision node.

    Ties count against the author: if the first choice shares the top score, the
    best answer is taken to be first.
    """
    positions = []
    for node in data["nodes"].values():
        listed = node.get("choices") or []
        if len(listed) < 2:
            continue
        totals = [sum((c.get("scores") or {}).values()) for c in listed]
        positions.append((totals.index(max(totals)) + 1, len(listed)))
    return positions


def test_there_is_a_library() -> None:
    assert len(FILES) >= 7


def test_library_validates_strictly() -> None:
    code, out = run("validate", "--strict", str(SCENARIOS))
    assert code == 0, out
    assert "no errors, no warnings" in out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_opens_with_the_editor_modeline_and_the_usual_keys(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    data = load(path)
    assert data["format"] == 1
    assert data["id"] == path.stem
    for key in ("title", "summary", "minutes", "setting", "cast"):
        assert data.get(key), f"{path.name} has no {key}"
    source = data.get("source") or {}
    assert source.get("title") and source.get("lesson"), (
        f"{path.name} needs source title and lesson"
    )
    for cast_id, member in data["cast"].items():
        assert member.get("portrait") == cast_id, f"{cast_id}'s portrait should be `{cast_id}`"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_shape_endings_and_decisions(path: Path) -> None:
    report = analysis(path)
    assert report["nodes"] >= MIN_NODES
    endings = report["endings"]
    assert len(endings) >= 3
    assert all(e["reachable"] for e in endings.values())
    assert {e["outcome"] for e in endings.values()} >= OUTCOMES
    assert report["decisions"]["shortest"] >= MIN_SHORTEST
    assert report["decisions"]["longest"] >= MIN_LONGEST


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_competency_is_assessed(path: Path) -> None:
    ranges = analysis(path)["range"]
    for competency in COMPETENCIES:
        assert ranges[competency]["min"] < ranges[competency]["max"], competency


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_best_playthrough_succeeds_and_answering_one_does_not_reach_it(path: Path) -> None:
    report = analysis(path)
    code, best = play(path, report["best"])
    assert code == 0 and best is not None
    assert best["outcome"] == "success"
    lazy = first_choice_playthrough(path)
    assert lazy["ending"] != best["ending"], "always taking choice 1 reaches the best ending"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_lines_and_choices_are_short(path: Path) -> None:
    data = load(path)
    for node_id, node in data["nodes"].items():
        words = len(str(node.get("text", "")).split())
        assert words <= MAX_LINE_WORDS, f"{node_id}: {words} words"
    for node_id, choice in choices(data):
        words = len(choice["text"].split())
        assert words <= MAX_CHOICE_WORDS, f"{node_id}: choice of {words} words"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_choice_and_timer_has_feedback(path: Path) -> None:
    data = load(path)
    for node_id, choice in choices(data):
        assert str(choice.get("feedback", "")).strip(), f"{node_id}: {choice['text']}"
    for node_id, node in data["nodes"].items():
        if "timer" in node:
            assert str(node["timer"].get("feedback", "")).strip(), f"{node_id}: timer"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_earlier_observations_change_later_choices(path: Path) -> None:
    data = load(path)
    changed: set[str] = set()
    for node in data["nodes"].values():
        changed |= set(node.get("set") or {})
        changed |= set((node.get("timer") or {}).get("set") or {})
    for _, choice in choices(data):
        changed |= set(choice.get("set") or {})
    gating = set()
    for _, choice in choices(data):
        gating |= variables_in(choice.get("if"))
    assert len(gating & changed) >= MIN_GATING_VARIABLES, sorted(gating & changed)


def test_the_best_answer_moves_around_the_library() -> None:
    positions = [p for path in FILES for p in best_positions(load(path))]
    assert positions
    first = sum(1 for position, _ in positions if position == 1)
    assert first / len(positions) <= MAX_BEST_FIRST, f"{first} of {len(positions)} first"
    last = sum(1 for position, count in positions if position == count)
    assert last / len(positions) <= MAX_SAME_POSITION, f"{last} of {len(positions)} last"
    commonest, times = Counter(position for position, _ in positions).most_common(1)[0]
    assert times / len(positions) <= MAX_SAME_POSITION, f"position {commonest}: {times}"


def test_modules_cover_every_scenario() -> None:
    data = load(SCENARIOS / "modules.yaml")
    modules = data["modules"]
    assert len(modules) >= 2
    covered = {scenario for module in modules for scenario in module["scenarios"]}
    assert covered == {path.stem for path in FILES}
    assert {module["unlock"] for module in modules} == {"sequential", "open"}
    assert all(0 < module["pass_percent"] <= 100 for module in modules)
