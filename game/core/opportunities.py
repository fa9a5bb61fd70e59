"""Missed opportunities: the better choices a player never saw, and what would have shown them.

A choice with an `if:` stays hidden until an earlier cue is taken up (the
question about her lease, the rose she mentioned). For each decision of a
playthrough this module finds the hidden choices that would have scored better
than every choice the player could see, and the earlier choices that would have
unlocked them: a better choice the player passed over whose `set` (or the nodes it
leads through) makes the hidden choice's condition true, and from which that
decision can still be reached with the choice showing.

Presenters show `MissedOpportunity.sentence` and the hidden choice's feedback;
the debrief numbers decisions from 1, as `decision` does here. Standard
library only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from game.core.analysis import _weights
from game.core.engine import TIMER, Decision, Playthrough, apply, settle, visible_choices
from game.core.model import Choice, Node, Scenario, Scores, Values
from game.core.scoring import Ranges

# States explored when checking that a hidden choice can still be reached; a
# scenario beyond this is too large to judge and reports no unlocks for it.
MAX_SEARCH_STATES = 20_000


@dataclass(frozen=True, slots=True)
class Unlock:
    """An earlier choice that would have shown the hidden one."""

    decision: int  # 1-based number of the earlier decision, as in the debrief
    node: str  # the node where it could have been chosen
    text: str  # the choice the player passed over


@dataclass(frozen=True, slots=True)
class MissedOpportunity:
    decision: int  # 1-based number of the decision where the choice would have shown
    node: str
    index: int  # the hidden choice's position in the node's file order (0-based)
    text: str
    scores: Scores
    feedback: str | None
    unlocks: tuple[Unlock, ...]  # earlier choices that would have shown it, nearest first

    @property
    def sentence(self) -> str:
        """“Had you chosen “A” at decision 2, you could have chosen “B” at decision 4.”"""
        unlock = self.unlocks[0]
        return (
            f"Had you chosen “{unlock.text}” at decision {unlock.decision}, you could have "
            f"chosen “{self.text}” at decision {self.decision}."
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "decision": self.decision,
            "node": self.node,
            "choice": self.index + 1,
            "text": self.text,
            "feedback": self.feedback,
            "unlocks": [
                {"decision": u.decision, "node": u.node, "text": u.text} for u in self.unlocks
            ],
            "sentence": self.sentence,
        }


def _worth(scores: Scores, weights: tuple[int, int, int]) -> int:
    return scores[0] * weights[0] + scores[1] * weights[1] + scores[2] * weights[2]


class _Reach:
    """Can a node be reached from a state with a given choice showing? (cached searches)"""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.cache: dict[tuple[str, Values, str, int], bool] = {}

    def shows(self, node_id: str, values: Values, target: str, choice: Choice) -> bool:
        key = (node_id, values, target, id(choice))
        if key not in self.cache:
            self.cache[key] = self._search(node_id, values, target, choice)
        return self.cache[key]

    def _search(self, node_id: str, values: Values, target: str, choice: Choice) -> bool:
        nodes = self.scenario.nodes
        start = (node_id, values)
        seen = {start}
        queue = deque([start])
        while queue and len(seen) <= MAX_SEARCH_STATES:
            here, vals = queue.popleft()
            node = nodes[here]
            if here == target and choice.condition is not None and choice.condition.evaluate(vals):
                return True
            if node.ending is not None:
                continue
            ways = [(c.goto, c.assignments) for _, c in visible_choices(node, vals)]
            if node.timer is not None:
                ways.append((node.timer.goto, node.timer.assignments))
            for goto, assignments in ways:
                settled, after, _ = settle(self.scenario, goto, apply(assignments, vals))
                state = (settled.id, after)
                if state not in seen:
                    seen.add(state)
                    queue.append(state)
        return False


def missed_opportunities(
    scenario: Scenario, ranges: Ranges, decisions: Sequence[Decision]
) -> list[MissedOpportunity]:
    """For each decision of a playthrough, the better hidden choices and what would have shown them.

    `decisions` are as `play --choices` takes them (numbers among the visible
    choices, or "t"); `ranges` weigh the competencies as overall does.
    """
    weights = _weights(ranges)
    playthrough = Playthrough(scenario)
    # Before each decision: the node, the values, and the values the player's
    # own choice led to (at the next decision or ending).
    before: list[tuple[Node, Values, Decision]] = []
    after: list[Values] = []
    for decision in decisions:
        before.append((playthrough.current, tuple(playthrough.values.values()), decision))
        playthrough.decide(decision)
        after.append(tuple(playthrough.values.values()))
    reach = _Reach(scenario)
    found: list[MissedOpportunity] = []
    for i, (node, values, _) in enumerate(before):
        shown = [c for _, c in visible_choices(node, values)]
        top = max((_worth(c.scores, weights) for c in shown), default=None)
        texts = {c.text for c in shown}
        for index, hidden in enumerate(node.choices):
            condition = hidden.condition
            if condition is None or condition.evaluate(values) or hidden.text in texts:
                continue
            if top is not None and _worth(hidden.scores, weights) <= top:
                continue
            unlocks = _unlocks(scenario, reach, weights, before, after, i, node, values, hidden)
            if unlocks:
                found.append(
                    MissedOpportunity(
                        decision=i + 1,
                        node=node.id,
                        index=index,
                        text=hidden.text,
                        scores=hidden.scores,
                        feedback=hidden.feedback,
                        unlocks=tuple(unlocks),
                    )
                )
    return found


def _unlocks(
    scenario: Scenario,
    reach: _Reach,
    weights: tuple[int, int, int],
    before: list[tuple[Node, Values, Decision]],
    after: list[Values],
    i: int,
    node: Node,
    values: Values,
    hidden: Choice,
) -> list[Unlock]:
    """Earlier choices, nearest first, that would have made `hidden` show at decision i."""
    condition = hidden.condition
    assert condition is not None
    unlocks: list[Unlock] = []
    for j in range(i - 1, -1, -1):
        earlier, earlier_values, taken = before[j]
        shown = visible_choices(earlier, earlier_values)
        found: list[tuple[int, Unlock]] = []
        if taken == TIMER:
            assert earlier.timer is not None
            taken_worth = _worth(earlier.timer.scores, weights)
        else:
            taken_worth = _worth(shown[int(taken) - 1][1].scores, weights)
        for number, (_, other) in enumerate(shown, start=1):
            # Only a better choice than the one taken counts as a missed cue:
            # a hidden choice that a worse answer would have shown is no lesson.
            if number == taken or _worth(other.scores, weights) <= taken_worth:
                continue
            settled, changed, _ = settle(
                scenario, other.goto, apply(other.assignments, earlier_values)
            )
            # What this choice would have changed, laid over the values the player had.
            counterfactual = tuple(
                new if new != mine else now
                for new, mine, now in zip(changed, after[j], values, strict=True)
            )
            if not condition.evaluate(counterfactual):
                continue
            if reach.shows(settled.id, changed, node.id, hidden):
                found.append(
                    (-_worth(other.scores, weights), Unlock(j + 1, earlier.id, other.text))
                )
        # Nearest decision first; at one decision, the best-scoring choice first.
        unlocks.extend(unlock for _, unlock in sorted(found, key=lambda pair: pair[0]))
    return unlocks
