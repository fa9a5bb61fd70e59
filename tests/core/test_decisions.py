"""Lists of decisions: one parser, one replay with clear errors, and carrying over on reload."""

from __future__ import annotations

import pytest

from game.core.decisions import carry_over, parse_decisions, play_decisions
from game.core.engine import PlayError, Playthrough
from tests.trainer.support import LOANER, load


# -- reading a list ----------------------------------------------------------------
def test_a_list_reads_numbers_and_t_with_spaces_and_capitals() -> None:
    assert parse_decisions(" 2, 1 ,T,3") == (2, 1, "t", 3)


@pytest.mark.parametrize(
    ("text", "words"),
    [("2,x", "item 2 is 'x'"), ("", "at least one"), ("1,,2", "item 2 is ''"), ("-1", "item 1")],
)
def test_a_bad_list_names_the_item(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_decisions(text)


# -- playing a list ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("decisions", "words"),
    [
        ([5], "item 1 is choice 5, which is not shown at node `arrive`; choose 1 to 2 or t"),
        ([2, "t"], "item 2 is t, but node `picks` has no timer"),
        ([2], "ran out at node `picks` before an ending; add one more: 1 to 2"),
        ([2, 1, 1], "the scenario ended at `test_drive` after 2 decisions, but 1 more was given"),
    ],
)
def test_a_list_that_does_not_fit_says_where_and_what_could_be_chosen(
    decisions: list[int | str], words: str
) -> None:
    scenario, _ = load()
    with pytest.raises(PlayError) as raised:
        play_decisions(scenario, decisions)
    assert words in str(raised.value)


def test_a_list_may_stop_before_the_ending_when_asked() -> None:
    scenario, _ = load()
    assert play_decisions(scenario, [2], to_ending=False).current.id == "picks"
    assert play_decisions(scenario, [2, 1]).finished


# -- carrying choices over ---------------------------------------------------------
def played(decisions: list[int | str]) -> Playthrough:
    scenario, _ = load()
    playthrough = Playthrough(scenario)
    for decision in decisions:
        playthrough.decide(decision)
    return playthrough


def test_unchanged_scenario_keeps_every_choice() -> None:
    old = played([2, 1])
    new, kept = carry_over(old.history, load()[0])
    assert kept == 2 and new.finished and new.path == old.path


def test_reordered_choices_are_found_again_by_their_text() -> None:
    old = played([2])
    swapped = LOANER.replace(
        """      - text: Shall I ask Raj to show you the new model?
        scores: {anticipation: 2, upsell: 2}
        feedback: You heard the lease.
        goto: test_drive
      - text: Enjoy the drive!
        feedback: Friendly, but a chance went by.
        goto: nice_day
""",
        """      - text: Enjoy the drive!
        feedback: Friendly, but a chance went by.
        goto: nice_day
      - text: Shall I ask Raj to show you the new model?
        scores: {anticipation: 2, upsell: 2}
        feedback: You heard the lease.
        goto: test_drive
""",
    )
    scenario, _ = load(swapped)
    old.decide(1)  # "Shall I ask Raj..."
    by_step, kept = carry_over(old.history, scenario)
    assert kept == 2 and by_step.current.id == "test_drive"
    by_number, kept = carry_over(old.decisions, scenario)
    assert kept == 2 and by_number.current.id == "nice_day"  # numbers alone cannot tell


def test_a_reworded_choice_is_kept_by_its_place() -> None:
    old = played([1])
    scenario, _ = load(LOANER.replace("They're all the same.", "Any of them is fine."))
    new, kept = carry_over(old.history, scenario)
    assert kept == 1 and new.current.id == "keys"


def test_choices_stop_carrying_over_where_they_no_longer_apply() -> None:
    old = played([2, 2])
    scenario, _ = load(
        LOANER.replace(
            """      - text: Enjoy the drive!
        feedback: Friendly, but a chance went by.
        goto: nice_day
""",
            "",
        ).replace(
            """  nice_day:
    ending:
      title: A nice day
      outcome: partial
""",
            "",
        )
    )
    new, kept = carry_over(old.history, scenario)
    assert kept == 1 and new.current.id == "picks" and not new.finished


def test_a_timer_that_was_removed_is_not_replayed() -> None:
    old = played(["t"])
    timer = "    timer: {seconds: 20, goto: waits, scores: {empathy: -1}, feedback: She waited.}\n"
    scenario, _ = load(LOANER.replace(timer, ""))  # `waits` is unreachable now: a warning
    new, kept = carry_over(old.history, scenario)
    assert kept == 0 and new.current.id == "arrive"


def test_plain_decisions_replay_by_number_until_one_is_not_shown() -> None:
    scenario, _ = load()
    new, kept = carry_over([2, 1, 1], scenario)
    assert kept == 2 and new.finished
    new, kept = carry_over([5], scenario)
    assert kept == 0
    new, kept = carry_over(["t"], scenario)
    assert kept == 1 and new.current.id == "keys"
