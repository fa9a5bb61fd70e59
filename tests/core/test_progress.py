"""Module progress: a scenario passes at the pass mark; a module when all its scenarios do."""

from __future__ import annotations

from game.core.model import Module
from game.core.progress import module_standing, scenario_passed

MODULE = Module("m", "M", ("a", "b", "c"), pass_percent=60.0)


def test_a_scenario_passes_at_the_mark_and_never_without_an_overall() -> None:
    assert scenario_passed(60.0, MODULE)
    assert not scenario_passed(59.9, MODULE)
    assert not scenario_passed(None, MODULE)


def test_the_module_passes_only_when_every_scenario_does() -> None:
    standing = module_standing(MODULE, {"a": 90.0, "b": 60.0, "c": 75.5})
    assert standing.all_played and standing.passed
    assert standing.overall == 75.2  # (90 + 60 + 75.5) / 3, one decimal half up
    failing = module_standing(MODULE, {"a": 90.0, "b": 59.0, "c": 100.0})
    assert failing.all_played and not failing.passed and failing.passed_count == 2


def test_unplayed_scenarios_and_others_outside_the_module() -> None:
    standing = module_standing(MODULE, {"a": 100.0, "z": 100.0})
    assert (standing.played, standing.total, standing.all_played) == (1, 3, False)
    assert not standing.passed
    assert module_standing(MODULE, {}).overall is None
    unassessed = module_standing(MODULE, {"a": None, "b": 80.0, "c": 80.0})
    assert unassessed.all_played and not unassessed.passed and unassessed.overall == 80.0


def test_an_empty_module_is_neither_played_nor_passed() -> None:
    empty = module_standing(Module("e", "E", ()), {})
    assert not empty.all_played and not empty.passed
