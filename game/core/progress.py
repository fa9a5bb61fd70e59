"""Module progress: whether a scenario or a whole module is passed, from a player's bests.

Pure rules (standard library only) for every front end that reports a pass:
a scenario passes when its overall reaches the module's pass mark; a module
passes when every one of its scenarios does. A scenario with no assessed
competency has no overall and never passes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.core.model import Module
from game.core.scoring import overall as mean_overall


def scenario_passed(overall: float | None, module: Module) -> bool:
    """Whether an overall percent reaches the module's pass mark."""
    return overall is not None and overall >= module.pass_percent


@dataclass(frozen=True, slots=True)
class ModuleStanding:
    """Where a player stands in a module, from their best overall per scenario."""

    played: int  # scenarios of the module with at least one result
    passed_count: int  # scenarios whose best reaches the pass mark
    total: int  # scenarios in the module
    overall: float | None  # mean of the assessed bests, one decimal; None if none is

    @property
    def all_played(self) -> bool:
        return self.total > 0 and self.played == self.total

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.passed_count == self.total


def module_standing(module: Module, best: Mapping[str, float | None]) -> ModuleStanding:
    """The standing in `module` given the best overall per played scenario.

    `best` maps a scenario id to the player's best overall (None when that
    scenario assesses nothing); a scenario absent from `best` was never played.
    Scenarios that are not in the module are ignored.
    """
    played = [s for s in module.scenarios if s in best]
    values = [best[s] for s in played]
    return ModuleStanding(
        played=len(played),
        passed_count=sum(1 for v in values if scenario_passed(v, module)),
        total=len(module.scenarios),
        overall=mean_overall(values),
    )
