"""Module progress: passed, locked, unlocked by a result, and what comes next."""

from __future__ import annotations

from game.core.model import Module
from game.core.progress import judge, module_progress, next_scenario, unlocked_by, with_result

BASICS = Module("basics", "Basics", ("a", "b", "c"), pass_percent=70.0)
OPEN = Module("open", "Open practice", ("x", "y"), unlock="open")
MODULES = [BASICS, OPEN]


def test_in_a_sequential_module_each_scenario_waits_for_the_one_before() -> None:
    progress = module_progress(BASICS, {"a": 80.0})
    assert [(s.scenario, s.passed, s.locked_by) for s in progress.scenarios] == [
        ("a", True, None),
        ("b", False, None),
        ("c", False, "b"),
    ]
    assert (progress.passed, progress.total) == (1, 3)


def test_below_the_pass_mark_the_next_stays_locked() -> None:
    second = module_progress(BASICS, {"a": 69.9}).of("b")
    assert second is not None and second.locked_by == "a"


def test_an_open_module_locks_nothing() -> None:
    assert not any(s.locked for s in module_progress(OPEN, {}).scenarios)


def test_a_scenario_may_be_opened_anyway() -> None:
    progress = module_progress(BASICS, {}, open_anyway="c")
    assert [s.locked for s in progress.scenarios] == [False, True, False]


def test_a_worse_result_does_not_lower_the_best() -> None:
    assert with_result({"a": 80.0}, "a", 60.0) == {"a": 80.0}
    assert with_result({"a": 80.0}, "a", 90.0) == {"a": 90.0}
    assert with_result({}, "a", None) == {}


def test_passing_unlocks_the_next_scenario_once() -> None:
    assert unlocked_by(MODULES, {}, {"a": 75.0}) == ("b",)
    assert unlocked_by(MODULES, {"a": 75.0}, {"a": 90.0}) == ()


def test_next_is_the_first_open_scenario_after_this_one_then_other_modules() -> None:
    assert next_scenario(MODULES, "a", {"a": 75.0}) == "b"
    assert next_scenario(MODULES, "a", {}) == "x"  # b is locked: on to the open module
    assert next_scenario(MODULES, "y", {}) == "a"  # after the last: the other modules
    assert next_scenario(MODULES, "c", {"a": 99.0, "b": 99.0}) == "x"


def test_verdict_in_a_module_says_passed_what_unlocked_and_what_is_next() -> None:
    verdict = judge("a", 76.5, module=BASICS, modules=MODULES, before={})
    assert verdict.passed and verdict.grade == "Good"
    assert verdict.unlocked == ("b",) and verdict.next_scenario == "b"


def test_verdict_outside_a_module_grades_without_passing() -> None:
    verdict = judge("x", 90.0, module=None, modules=MODULES, before={})
    assert not verdict.passed and verdict.grade == "Excellent" and verdict.module is None
    assert verdict.unlocked == () and verdict.next_scenario == "y"


def test_a_result_that_is_nobodys_unlocks_nothing() -> None:
    verdict = judge("a", 90.0, module=BASICS, modules=MODULES, before=None)
    assert verdict.passed and verdict.unlocked == () and verdict.next_scenario == "b"
