"""Where a player stands in the onboarding modules: passed, locked, what unlocked, what is next.

Pure rules over the player's best overall percent per scenario (`Bests`), which
presenters read from the results store. The window's picker and debrief, the
terminal debrief and any other client call these, so they all agree on what
is passed and open. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.core.grades import grade, passes
from game.core.model import Module

Bests = Mapping[str, float]  # scenario id -> the player's best overall percent
SEQUENTIAL = "sequential"  # a module whose scenarios unlock one by one


@dataclass(frozen=True, slots=True)
class ScenarioProgress:
    """One scenario of a module as the player stands: best, passed, and what locks it."""

    scenario: str
    best: float | None
    passed: bool
    locked_by: str | None  # the scenario to pass first; None when it may be played

    @property
    def locked(self) -> bool:
        return self.locked_by is not None


@dataclass(frozen=True, slots=True)
class ModuleProgress:
    module: Module
    scenarios: tuple[ScenarioProgress, ...]

    @property
    def passed(self) -> int:
        """How many of the module's scenarios are passed."""
        return sum(1 for s in self.scenarios if s.passed)

    @property
    def total(self) -> int:
        return len(self.scenarios)

    def of(self, scenario: str) -> ScenarioProgress | None:
        return next((s for s in self.scenarios if s.scenario == scenario), None)


def module_progress(
    module: Module, bests: Bests, *, open_anyway: str | None = None
) -> ModuleProgress:
    """The module's scenarios in order, each with the player's best and whether it is locked.

    In a sequential module a scenario is locked until the one before it is
    passed; `open_anyway` names one scenario to leave open regardless (the
    window opens the scenario given on its command line).
    """
    found: list[ScenarioProgress] = []
    previous: ScenarioProgress | None = None
    for scenario in module.scenarios:
        best = bests.get(scenario)
        locked = (
            module.unlock == SEQUENTIAL
            and previous is not None
            and not previous.passed
            and scenario != open_anyway
        )
        entry = ScenarioProgress(
            scenario,
            best,
            passes(best, module.pass_percent),
            previous.scenario if locked and previous is not None else None,
        )
        found.append(entry)
        previous = entry
    return ModuleProgress(module, tuple(found))


def with_result(bests: Bests, scenario: str, overall: float | None) -> dict[str, float]:
    """The bests once `overall` is recorded for `scenario` (a lower result changes nothing)."""
    updated = dict(bests)
    if overall is not None and overall > updated.get(scenario, -1.0):
        updated[scenario] = overall
    return updated


def next_scenario(
    modules: Sequence[Module], scenario: str, bests: Bests, module: str | None = None
) -> str | None:
    """What to play after `scenario`: the first open scenario after it.

    Its own module (`module`, else the first that lists it) is looked through
    first, from `scenario` on; then the other modules in order.
    """
    home = next((m for m in modules if m.id == module), None) or next(
        (m for m in modules if scenario in m.scenarios), None
    )
    order = ([home] if home is not None else []) + [m for m in modules if m is not home]
    seen = False
    for each in order:
        for entry in module_progress(each, bests).scenarios:
            if entry.scenario == scenario:
                seen = True
            elif seen and not entry.locked:
                return entry.scenario
    return None


def unlocked_by(modules: Sequence[Module], before: Bests, after: Bests) -> tuple[str, ...]:
    """The scenarios locked with `before` that are open with `after`, in module order."""
    opened: list[str] = []
    for module in modules:
        was = module_progress(module, before)
        now = module_progress(module, after)
        for old, new in zip(was.scenarios, now.scenarios, strict=True):
            if old.locked and not new.locked and new.scenario not in opened:
                opened.append(new.scenario)
    return tuple(opened)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a debrief says about one result, in the window and in the terminal alike."""

    overall: float | None
    grade: str
    module: Module | None  # the module the scenario was played in, if any
    passed: bool  # within a module: this result reaches the module's pass mark
    unlocked: tuple[str, ...]  # scenarios this result opened
    next_scenario: str | None  # what to play next (None: nothing is open after it)


def judge(
    scenario: str,
    overall: float | None,
    *,
    module: Module | None,
    modules: Sequence[Module],
    before: Bests | None,
) -> Verdict:
    """The verdict on `overall` for `scenario`, given the player's bests before it.

    `before` is None when the result belongs to no one's progress (nobody's
    name is on it): then nothing is said to unlock.
    """
    known = before if before is not None else {}
    after = with_result(known, scenario, overall)
    passed = module is not None and passes(overall, module.pass_percent)
    return Verdict(
        overall=overall,
        grade=grade(overall),
        module=module,
        passed=passed,
        unlocked=unlocked_by(modules, known, after) if before is not None else (),
        next_scenario=next_scenario(modules, scenario, after, module.id if module else None),
    )
