"""Lists of decisions such as `2,1,t,3`: read them, play them, carry them over to a new version.

One parser and one replay for every front end: `rapport play --choices`, the
window's `--autoplay`, the team report and reload on save. A list that does not
fit says which item, at which node, and what could be chosen there. Standard
library only.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.core.engine import TIMER, Decision, PlayError, Playthrough, Step
from game.core.model import MAX_VISIBLE_CHOICES, Scenario


def parse_decisions(text: str) -> tuple[Decision, ...]:
    """`2,1,t,3` to (2, 1, "t", 3): choice numbers and `t` for a timer that ran out.

    Raises ValueError with a sentence naming the item; front ends put the
    option's name before it.
    """
    decisions: list[Decision] = []
    items = [item.strip().lower() for item in text.split(",")] if text.strip() else []
    for position, item in enumerate(items, start=1):
        if item == TIMER:
            decisions.append(TIMER)
        elif item.isdigit() and item.isascii():
            if len(item) > 3:  # never int() of thousands of digits: Python refuses those
                raise ValueError(
                    f"item {position} is a number of {len(item):,} digits, but a node shows "
                    f"at most {MAX_VISIBLE_CHOICES} choices; use choice numbers (1, 2, ...) "
                    "and t for a timer, separated by commas, e.g. 2,1,t,3"
                )
            decisions.append(int(item))
        else:
            shown = item if len(item) <= 20 else item[:19] + "…"
            raise ValueError(
                f"item {position} is {shown!r}; use choice numbers (1, 2, ...) and t for a "
                "timer, separated by commas, e.g. 2,1,t,3"
            )
    if not decisions:
        raise ValueError("give at least one decision, e.g. 2,1,t,3")
    return tuple(decisions)


def _decisions(count: int) -> str:
    return f"{count} decision{'s' if count != 1 else ''}"


def options_text(playthrough: Playthrough) -> str:
    """What may be decided now, e.g. "1 to 3 or t for the timer"."""
    shown = len(playthrough.choices)
    options = f"1 to {shown}" if shown > 1 else ("1" if shown == 1 else "no choice")
    if playthrough.timer_seconds is not None:
        options += " or t for the timer"
    return options


def play_decisions(
    scenario: Scenario, decisions: Sequence[Decision], *, to_ending: bool = True
) -> Playthrough:
    """Play `decisions` from the start; PlayError names the first item that does not fit.

    With `to_ending` the list must end exactly at an ending.
    """
    playthrough = Playthrough(scenario)
    for position, decision in enumerate(decisions, start=1):
        node = playthrough.current.id
        if playthrough.finished:
            extra = len(decisions) - position + 1
            raise PlayError(
                f"the scenario ended at `{node}` after {_decisions(position - 1)}, but {extra} "
                f"more {'were' if extra != 1 else 'was'} given; remove "
                f"{'them' if extra != 1 else 'it'}"
            )
        if decision == TIMER and playthrough.timer_seconds is None:
            raise PlayError(
                f"item {position} is t, but node `{node}` has no timer; "
                f"choose {options_text(playthrough)}"
            )
        if decision != TIMER and not (
            isinstance(decision, int) and 1 <= decision <= len(playthrough.choices)
        ):
            raise PlayError(
                f"item {position} is choice {decision}, which is not shown at node `{node}`; "
                f"choose {options_text(playthrough)}"
            )
        playthrough.decide(decision)
    if to_ending and not playthrough.finished:
        raise PlayError(
            f"the decisions ran out at node `{playthrough.current.id}` before an ending; "
            f"add one more: {options_text(playthrough)}"
        )
    return playthrough


def carry_over(
    decisions: Sequence[Decision] | Sequence[Step], scenario: Scenario
) -> tuple[Playthrough, int]:
    """Replay earlier decisions on a new version of a scenario, as far as they still apply.

    Returns the new playthrough and how many decisions were kept. Give the
    old playthrough's `history` (Steps) where you can: a step is kept only at
    the same node, and a choice is found again by its text, then by its place
    in the file, so reordered or reworded choices still carry over. Plain
    decisions (`playthrough.decisions`) are replayed by number.
    """
    playthrough = Playthrough(scenario)
    kept = 0
    for item in decisions:
        if playthrough.finished:
            break
        decision = (
            _matching(playthrough, item) if isinstance(item, Step) else _shown(playthrough, item)
        )
        if decision is None:
            break
        playthrough.decide(decision)
        kept += 1
    return playthrough, kept


def _shown(playthrough: Playthrough, decision: Decision) -> Decision | None:
    if decision == TIMER:
        return TIMER if playthrough.timer_seconds is not None else None
    if isinstance(decision, int) and 1 <= decision <= len(playthrough.choices):
        return decision
    return None


def _matching(playthrough: Playthrough, step: Step) -> Decision | None:
    if playthrough.current.id != step.node:
        return None
    if step.decision == TIMER:
        return TIMER if playthrough.timer_seconds is not None else None
    visible = playthrough.choices
    for number, choice in enumerate(visible, start=1):
        if choice.text == step.text:
            return number
    if 0 <= step.index < len(playthrough.current.choices):
        same_place = playthrough.current.choices[step.index]
        for number, choice in enumerate(visible, start=1):
            if choice is same_place:
                return number
    return None
