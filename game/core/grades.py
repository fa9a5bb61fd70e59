"""How a result is judged: a grade for any overall percent, and a module's pass mark.

Standard library only. The window's debrief, the terminal debrief and the team
report all judge results here, so they always agree.
"""

from __future__ import annotations

from game.core.model import DEFAULT_PASS_PERCENT

# (lowest overall percent, grade), best first; the last floor is 0.
GRADES: tuple[tuple[float, str], ...] = (
    (85.0, "Excellent"),
    (70.0, "Good"),
    (50.0, "Fair"),
    (0.0, "Keep practising"),
)
NOT_SCORED = "Not scored"  # the grade of a result no competency could assess


def grade(overall: float | None) -> str:
    """The grade of an overall percent (None: nothing could be assessed)."""
    if overall is None:
        return NOT_SCORED
    return next(label for floor, label in GRADES if overall >= floor)


def passes(overall: float | None, pass_percent: float = DEFAULT_PASS_PERCENT) -> bool:
    """Whether an overall percent reaches a pass mark (an unscored result never does)."""
    return overall is not None and overall >= pass_percent
