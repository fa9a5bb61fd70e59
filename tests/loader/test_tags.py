"""Behaviour tags on choices: read into the model, checked against the one scoring table."""

from __future__ import annotations

from pathlib import Path

from game.loader import load_scenario, validate_paths

from .support import VALID, column_of, line_of, load

DISCOUNT = VALID.replace(
    "        scores: {empathy: -1}\n        feedback: Quick,",
    "        tags: [face-value]\n        scores: {empathy: -1}\n        feedback: Quick,",
)


def codes(text: str) -> list[str]:
    return [d.code for d in load(text).diagnostics]


def test_tags_are_read_into_the_choice_and_a_fitting_score_is_quiet() -> None:
    report = load(DISCOUNT)
    assert report.diagnostics == []
    assert report.scenario is not None
    assert report.scenario.nodes["arrive"].choices[0].tags == ("face-value",)
    assert report.scenario.nodes["arrive"].choices[1].tags == ()


def test_tags_change_the_content_hash() -> None:
    plain, tagged = load(VALID), load(DISCOUNT)
    assert plain.scenario is not None and tagged.scenario is not None
    assert plain.scenario.content_hash != tagged.scenario.content_hash


def test_a_score_more_than_one_point_from_the_standard_is_a_warning() -> None:
    text = DISCOUNT.replace("tags: [face-value]", "tags: [discount-pitch]").replace(
        "scores: {empathy: -1}\n        feedback: Quick,",
        "scores: {empathy: -3, upsell: -1}\n        feedback: Quick,",
    )
    [warning] = load(text).diagnostics
    assert (warning.code, warning.severity) == ("RP331", "warning")
    assert (warning.line, warning.column) == (line_of(text, "tags: [discount-pitch]"), 9)
    assert warning.message == (
        "choice 1 of node `arrive` scores empathy -3, but `discount-pitch` stands for -1 in "
        "the scoring guide; score it -2 to +0, or change the tags"
    )


def test_several_tags_add_their_standards() -> None:
    text = DISCOUNT.replace("tags: [face-value]", "tags: [apology, need-question]").replace(
        "scores: {empathy: -1}\n        feedback: Quick,",
        "scores: {empathy: 2, anticipation: 2}\n        feedback: Quick,",
    )
    assert codes(text) == []
    too_little = text.replace("{empathy: 2, anticipation: 2}", "{empathy: 0, anticipation: 2}")
    [warning] = load(too_little).diagnostics
    assert "`apology` and `need-question` stand for +2" in warning.message


def test_an_unknown_tag_suggests_the_closest_behaviour() -> None:
    text = DISCOUNT.replace("tags: [face-value]", "tags: [face-valu]")
    [warning] = load(text).diagnostics
    assert (warning.code, warning.severity) == ("RP330", "warning")
    assert (warning.line, warning.column) == (
        line_of(text, "face-valu"),
        column_of(text, "face-valu"),
    )
    assert "(did you mean `face-value`?)" in warning.message
    assert "docs/scoring-guide.md" in warning.message


def test_a_tag_listed_twice_is_a_warning_and_counts_once() -> None:
    text = DISCOUNT.replace("tags: [face-value]", "tags: [face-value, face-value]")
    report = load(text)
    assert [d.code for d in report.diagnostics] == ["RP332"]
    assert report.scenario is not None
    assert report.scenario.nodes["arrive"].choices[0].tags == ("face-value",)


def test_a_badly_formed_or_mistyped_tag_list_is_an_error() -> None:
    assert codes(DISCOUNT.replace("tags: [face-value]", "tags: [Face Value]")) == ["RP209"]
    assert codes(DISCOUNT.replace("tags: [face-value]", "tags: face-value")) == ["RP203"]
    seven = "tags: [" + ", ".join(["apology"] * 7) + "]"
    assert "RP212" in codes(DISCOUNT.replace("tags: [face-value]", seven))


# -- the surface check of `rapport validate` ---------------------------------------
LONGEST_WINS = """\
format: 1
id: long-wins
title: Long wins
source: {title: A test, lesson: Listen.}
start: a
nodes:
  a:
    text: Hi.
    choices:
      - {text: No., goto: b, scores: {empathy: -1}, feedback: f}
      - {text: Happy to help. Where are you going tonight?, goto: b, scores: {empathy: 2}, feedback: f}
  b:
    text: Which one?
    choices:
      - {text: Cheapest., goto: c, feedback: f}
      - {text: The compact storm umbrella fits your bag and your walk., goto: c, scores: {upsell: 2}, feedback: f}
  c:
    text: Anything else?
    choices:
      - {text: Bye., goto: meh, feedback: f}
      - {text: Take a free shoe bag for the wet shoes on your way out., goto: won, scores: {empathy: 1}, feedback: f}
  won: {ending: {title: Won, outcome: success}}
  meh: {ending: {title: Meh, outcome: partial}}
"""  # noqa: E501


def test_validate_warns_when_a_naive_strategy_reaches_success(tmp_path: Path) -> None:
    path = tmp_path / "long-wins.yaml"
    path.write_text(LONGEST_WINS, encoding="utf-8")
    assert load_scenario(path).diagnostics == []  # playing does not run the check
    found = validate_paths([path])
    messages = [d.message for d in found if d.code == "RP408"]
    assert any(
        m.startswith(
            "always choosing the longest line reaches the success ending `won`: a new "
            "hire can win by length"
        )
        for m in messages
    )
    assert all((d.line, d.severity) == (line_of(LONGEST_WINS, "start:"), "warning") for d in found)
    assert not any("shortest line" in m for m in messages)


def test_scenarios_shorter_than_three_decisions_are_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "test-counter.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert validate_paths([path]) == []
