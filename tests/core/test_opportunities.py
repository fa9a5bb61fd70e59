"""Missed opportunities: the better hidden choices, and the earlier choice that shows them."""

from __future__ import annotations

from typing import Any

from game.core.analysis import analyze
from game.core.opportunities import missed_opportunities
from tests.core.builders import build, end, pick

# Dana's lease: asking at the counter unlocks the best offer two decisions later.
LEASE: dict[str, Any] = {
    "start": "counter",
    "variables": {"knows_lease": False, "asked_colour": False},
    "nodes": {
        "counter": {
            "text": "Morning! Gorgeous day for a drive.",
            "choices": [
                pick("Sign here, please.", "keys", scores={"anticipation": -1}),
                pick(
                    "Is your lease coming up?",
                    "keys",
                    set={"knows_lease": True},
                    scores={"anticipation": 2},
                    feedback="You asked.",
                ),
                pick(
                    "Only drive black?", "keys", set={"asked_colour": True}, scores={"empathy": 1}
                ),
            ],
        },
        "keys": {
            "text": "Which key?",
            "choices": [
                pick("The red one.", "black"),
                pick("Shall I wrap it?", "black", scores={"upsell": -1}),
            ],
        },
        "black": {
            "text": "Could I take the black one?",
            "choices": [
                pick("They're all the same.", "meh", scores={"empathy": -2}),
                pick(
                    "With your lease ending, take the new model today.",
                    "won",
                    **{"if": "knows_lease"},
                    scores={"anticipation": 2, "upsell": 2},
                    feedback="The loaner becomes a test drive.",
                ),
                pick("Sure.", "meh", **{"if": "not knows_lease"}, scores={"empathy": 1}),
            ],
        },
        "meh": end("partial"),
        "won": end("success"),
    },
}


def missed(decisions: list[Any]) -> list[Any]:
    scenario = build(LEASE)
    analysis = analyze(scenario)
    assert analysis.ranges is not None
    return missed_opportunities(scenario, analysis.ranges, decisions)


def test_a_hidden_better_choice_names_the_earlier_choice_that_shows_it() -> None:
    [item] = missed([1, 1, 1])
    assert (item.decision, item.node, item.index) == (3, "black", 1)
    assert item.text == "With your lease ending, take the new model today."
    assert item.feedback == "The loaner becomes a test drive."
    [unlock] = item.unlocks
    assert (unlock.decision, unlock.node, unlock.text) == (1, "counter", "Is your lease coming up?")
    assert item.sentence == (
        "Had you chosen “Is your lease coming up?” at decision 1, you could have chosen "
        "“With your lease ending, take the new model today.” at decision 3."
    )
    assert item.to_dict()["choice"] == 2 and item.to_dict()["unlocks"][0]["decision"] == 1


def test_nothing_is_missed_when_the_cue_was_taken() -> None:
    assert missed([2, 1, 2]) == []


def test_a_choice_that_only_a_worse_answer_would_show_is_no_lesson() -> None:
    # "Sure." shows only when the lease is unknown; asking was better, so it is not listed.
    assert all(item.text != "Sure." for item in missed([2, 1, 1]))


def test_an_unrelated_earlier_choice_is_not_named() -> None:
    [item] = missed([3, 1, 1])
    assert [u.text for u in item.unlocks] == ["Is your lease coming up?"]


def test_the_shipped_loaner_counter_explains_the_lease() -> None:
    from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario

    loaded = load_scenario(DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml")
    assert loaded.scenario is not None and loaded.analysis is not None
    assert loaded.analysis.ranges is not None
    # The man ahead, then "the next key on the board", then a question about the black car.
    found = missed_opportunities(loaded.scenario, loaded.analysis.ranges, [4, 1, 1, 1])
    lease = [item for item in found if "lease ending" in item.text]
    assert lease and "black coupe" in lease[0].unlocks[0].text
