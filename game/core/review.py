"""The coaching review: each decision of a playthrough beside the best one at that point.

The debrief in the window, the terminal debrief and the team report all show
it. It reads the state graph that `game.core.analysis.analyze` keeps for it
(`Analysis._index` and `_graph`), so it changes with that module's graph.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.analysis import DECISION, SCORES, SOURCE, TARGET, Analysis, _Edge
from game.core.engine import Decision, Playthrough
from game.core.model import Choice, Scenario, Scores
from game.core.scoring import overall, percents


@dataclass(frozen=True, slots=True)
class Review:
    """One decision of a playthrough beside the best decision at that point."""

    node: str
    taken: Decision
    taken_text: str
    taken_scores: Scores
    feedback: str | None
    best: Decision
    best_text: str
    best_scores: Scores
    best_feedback: str | None
    taken_outlook: float | None  # best overall still reachable after what was taken
    best_outlook: float | None  # best overall reachable after the best decision

    @property
    def was_best(self) -> bool:
        return self.taken == self.best or self.taken_outlook == self.best_outlook


def review(scenario: Scenario, analysis: Analysis, decisions: Sequence[Decision]) -> list[Review]:
    """Each decision of a playthrough beside the best one at that point.

    The outlook of a decision is the best overall percent still reachable after
    it, counting what was scored before. Needs an exact analysis with ranges.
    """
    ranges, graph = analysis.ranges, analysis._graph
    if ranges is None or graph is None:
        return []
    playthrough = Playthrough(scenario)
    reviews: list[Review] = []
    for decision in decisions:
        state = analysis._index.get((playthrough.current.id, tuple(playthrough.values.values())))
        if state is None:
            break
        so_far = playthrough.raw_scores
        options: list[tuple[_Edge, float | None]] = []
        for edge in graph.edges[state]:
            target = edge[TARGET]
            if target < 0 or graph.best_state[target] < 0:
                options.append((edge, None))  # leads nowhere complete
                continue
            gained = graph.walk_best(target)[1]
            d = edge[SCORES]
            total = (
                so_far[0] + d[0] + gained[0],
                so_far[1] + d[1] + gained[1],
                so_far[2] + d[2] + gained[2],
            )
            options.append((edge, overall(percents(total, ranges))))
        taken = next((o for o in options if o[0][DECISION] == decision), None)
        if taken is None:
            break
        best = max(options, key=lambda o: -1.0 if o[1] is None else o[1])
        reviews.append(
            Review(
                node=playthrough.current.id,
                taken=decision,
                taken_text=_text(taken[0]),
                taken_scores=taken[0][SCORES],
                feedback=taken[0][SOURCE].feedback,
                best=best[0][DECISION],
                best_text=_text(best[0]),
                best_scores=best[0][SCORES],
                best_feedback=best[0][SOURCE].feedback,
                taken_outlook=taken[1],
                best_outlook=best[1],
            )
        )
        playthrough.decide(decision)
    return reviews


def _text(edge: _Edge) -> str:
    source = edge[SOURCE]
    return source.text if isinstance(source, Choice) else ""
