"""Analysis: the exact shape of a scenario, found by exploring its states.

A *state* is a decision or ending node together with the variables' values.
From the start state every visible choice and every timer is followed, so the
analysis knows every complete playthrough without listing them one by one:

- exact minimum and maximum raw score per competency (what percents are
  measured against), the number of distinct playthroughs, a best playthrough;
- dead ends (a reachable state from which no ending can be reached), score
  farming (a loop of states that changes a score), more than six visible
  choices, `next` loops, unreachable nodes and endings.

Loops are handled exactly: inside a strongly connected group of states every
loop must leave the scores unchanged (otherwise it is score farming), which is
the same as every state having a *potential* such that each move inside the
group changes the score by the difference of potentials. Extremes then follow
from one pass over the groups in reverse topological order.

Standard library only; problems are returned as data, never printed.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.core.engine import TIMER, Decision, apply, replay, visible_choices
from game.core.model import (
    COMPETENCIES,
    MAX_VISIBLE_CHOICES,
    ZERO,
    Node,
    Scenario,
    Scores,
    Values,
)
from game.core.scoring import Range, Ranges, overall, percents

DEFAULT_MAX_STATES = 200_000  # beyond this the analysis is marked approximate

# Diagnostic codes of the analysis (documented in docs/diagnostics.md).
DEAD_END = "RP401"
SCORE_FARMING = "RP402"
TOO_MANY_CHOICES = "RP403"
UNREACHABLE_NODE = "RP404"
UNREACHABLE_ENDING = "RP405"
NEXT_LOOP = "RP406"
APPROXIMATE = "RP407"

_OUTCOME_RANK = {"failure": 0, "partial": 1, "success": 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a scenario's shape, located at a node."""

    code: str
    severity: str  # "error" or "warning"
    node: str
    message: str
    choice_index: int | None = None  # file position of the choice, if it is about one


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


@dataclass(frozen=True, slots=True)
class _Edge:
    decision: Decision
    text: str
    feedback: str | None
    scores: Scores
    target: int  # state index, or -1 when the move runs into a `next` loop


@dataclass(frozen=True)
class Analysis:
    scenario: str
    nodes: int
    reachable_nodes: tuple[str, ...]
    states: int
    endings: dict[str, tuple[str, bool]]  # id -> (outcome, reachable)
    playthroughs: int | None  # None where loops make the number unbounded
    ranges: Ranges | None  # None where no ending is reachable or scores can be farmed
    best: tuple[Decision, ...] | None
    best_ending: str | None
    shortest: int | None  # fewest decisions to an ending
    longest: int | None  # most decisions to an ending; None when unbounded
    approximate: bool
    problems: tuple[Problem, ...]
    # What `review` needs; not part of the report.
    _index: dict[tuple[str, Values], int] = field(default_factory=dict, repr=False)
    _edges: list[list[_Edge]] = field(default_factory=list, repr=False)
    _continuation: list[Scores | None] = field(default_factory=list, repr=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def to_dict(self) -> dict[str, object]:
        """The `analyze --json` report (docs/cli.md)."""
        return {
            "scenario": self.scenario,
            "nodes": self.nodes,
            "reachable_nodes": list(self.reachable_nodes),
            "states": self.states,
            "endings": {
                e: {"outcome": outcome, "reachable": reachable}
                for e, (outcome, reachable) in self.endings.items()
            },
            "playthroughs": self.playthroughs,
            "range": (
                {c: r.to_dict() for c, r in zip(COMPETENCIES, self.ranges, strict=True)}
                if self.ranges
                else None
            ),
            "assessed": (
                {c: r.assessed for c, r in zip(COMPETENCIES, self.ranges, strict=True)}
                if self.ranges
                else None
            ),
            "best": list(self.best) if self.best is not None else None,
            "best_ending": self.best_ending,
            "decisions": {"shortest": self.shortest, "longest": self.longest},
            "approximate": self.approximate,
            "problems": [
                {"code": p.code, "severity": p.severity, "node": p.node, "message": p.message}
                for p in self.problems
            ],
        }


def _describe(scenario: Scenario, values: Values) -> str:
    if not values:
        return ""
    pairs = ", ".join(
        f"{name}={str(v).lower() if isinstance(v, bool) else v}"
        for name, v in zip(scenario.variables, values, strict=True)
    )
    return f" (with {pairs})"


class _Explorer:
    """Builds the state graph of one scenario."""

    def __init__(self, scenario: Scenario, max_states: int) -> None:
        self.scenario = scenario
        self.max_states = max_states
        self.index: dict[tuple[str, Values], int] = {}
        self.states: list[tuple[Node, Values]] = []
        self.edges: list[list[_Edge]] = []
        self.entered: set[str] = set()
        self.problems: list[Problem] = []
        self.reported: set[tuple[str, str]] = set()
        self.approximate = False
        self.queue: deque[int] = deque()

    def report(self, code: str, node: str, message: str, choice: int | None = None) -> None:
        if (code, node) not in self.reported:
            self.reported.add((code, node))
            self.problems.append(Problem(code, "error", node, message, choice))

    def settle(self, node_id: str, values: Values) -> int:
        """Enter a node, follow `next`, and return the state index (-1 on a loop)."""
        nodes = self.scenario.nodes
        node = nodes[node_id]
        seen: list[str] = []
        while True:
            if node.id in seen:
                loop = " → ".join([*seen[seen.index(node.id) :], node.id])
                self.report(
                    NEXT_LOOP,
                    node.id,
                    f"the `next` chain {loop} loops forever without a choice; "
                    "give one of these nodes `choices` or an `ending`",
                )
                return -1
            seen.append(node.id)
            if node.assignments:
                values = apply(node.assignments, values)
            if node.next is None:
                break
            node = nodes[node.next]
        self.entered.update(seen)
        key = (node.id, values)
        found = self.index.get(key)
        if found is not None:
            return found
        if len(self.states) >= self.max_states:
            self.approximate = True
            return -1
        number = len(self.states)
        self.index[key] = number
        self.states.append((node, values))
        self.edges.append([])
        self.queue.append(number)
        return number

    def explore(self) -> int:
        start = self.settle(self.scenario.start, self.scenario.initial_values)
        states, edges = self.states, self.edges
        while self.queue:
            number = self.queue.popleft()
            node, values = states[number]
            if node.ending is not None:
                continue
            out = edges[number]
            visible = visible_choices(node, values)
            if len(visible) > MAX_VISIBLE_CHOICES:
                self.report(
                    TOO_MANY_CHOICES,
                    node.id,
                    f"node `{node.id}` shows {len(visible)} choices at once"
                    f"{_describe(self.scenario, values)}; at most {MAX_VISIBLE_CHOICES} fit "
                    "on screen, so hide some with `if` or split the node",
                )
            for shown, (_, choice) in enumerate(visible, start=1):
                target = self.settle(choice.goto, apply(choice.assignments, values))
                out.append(_Edge(shown, choice.text, choice.feedback, choice.scores, target))
            timer = node.timer
            if timer is not None:
                target = self.settle(timer.goto, apply(timer.assignments, values))
                out.append(_Edge(TIMER, "", timer.feedback, timer.scores, target))
            if not out:
                self.report(
                    DEAD_END,
                    node.id,
                    f"at node `{node.id}`{_describe(self.scenario, values)} every choice is "
                    "hidden by its `if` and there is no timer, so the player is stuck; "
                    "add a choice without `if` or change the conditions",
                )
        return start


def _strongly_connected(count: int, succ: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm, iterative; groups come out in reverse topological order."""
    index = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            targets = succ[v]
            if i < len(targets):
                work[-1] = (v, i + 1)
                w = targets[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                group: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    group.append(w)
                    if w == v:
                        break
                groups.append(group)
    return groups


def analyze(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> Analysis:
    """Explore every state of `scenario` and report its exact shape."""
    explorer = _Explorer(scenario, max_states)
    start = explorer.explore()
    states, edges = explorer.states, explorer.edges
    count = len(states)
    problems = explorer.problems

    # Which states can still reach an ending (complete playthroughs only pass there).
    reverse: list[list[int]] = [[] for _ in range(count)]
    for source, out in enumerate(edges):
        for edge in out:
            if edge.target >= 0:
                reverse[edge.target].append(source)
    distance = [-1] * count  # fewest decisions to an ending
    queue = deque(i for i, (node, _) in enumerate(states) if node.ending is not None)
    for i in queue:
        distance[i] = 0
    while queue:
        v = queue.popleft()
        for u in reverse[v]:
            if distance[u] == -1:
                distance[u] = distance[v] + 1
                queue.append(u)
    live = [d >= 0 for d in distance]

    if not explorer.approximate:
        for i, (node, values) in enumerate(states):
            if not live[i] and edges[i]:
                explorer.report(
                    DEAD_END,
                    node.id,
                    f"from node `{node.id}`{_describe(scenario, values)} no ending can be "
                    "reached: every way on leads back or gets stuck; give the player a way "
                    "to an ending",
                )

    # The state graph of complete playthroughs, grouped into loops.
    succ = [
        [e.target for e in edges[i] if e.target >= 0 and live[e.target]] if live[i] else []
        for i in range(count)
    ]
    groups = _strongly_connected(count, succ)
    group_of = [0] * count
    for g, members in enumerate(groups):
        for v in members:
            group_of[v] = g

    # Potentials inside each group; a move that disagrees with them closes a
    # loop that changes a score.
    potential: list[Scores] = [ZERO] * count
    farming = False
    looping = False
    for g, members in enumerate(groups):
        if len(members) == 1 and members[0] not in succ[members[0]]:
            continue
        if live[members[0]]:
            looping = True
        root = members[0]
        seen = {root}
        todo = [root]
        while todo:
            v = todo.pop()
            for edge in edges[v]:
                w = edge.target
                if w < 0 or not live[w] or group_of[w] != g:
                    continue
                expected = tuple(p + d for p, d in zip(potential[v], edge.scores, strict=True))
                if w not in seen:
                    seen.add(w)
                    potential[w] = expected  # type: ignore[assignment]
                    todo.append(w)
                elif potential[w] != expected:
                    changed = [
                        c
                        for c, a, b in zip(COMPETENCIES, potential[w], expected, strict=True)
                        if a != b
                    ]
                    farming = True
                    explorer.report(
                        SCORE_FARMING,
                        states[v][0].id,
                        f"the loop through node `{states[v][0].id}` and `{states[w][0].id}` "
                        f"changes {' and '.join(changed)} every time round, so a player could "
                        "raise or lower it without limit; make the loop score nothing or "
                        "remove it",
                    )

    for node_id in sorted(scenario.nodes):
        if node_id in explorer.entered or explorer.approximate:
            continue
        node = scenario.nodes[node_id]
        if node.ending is not None:
            problems.append(
                Problem(
                    UNREACHABLE_ENDING,
                    "warning",
                    node_id,
                    f"no playthrough reaches the ending `{node_id}`; "
                    "lead a choice to it or remove it",
                )
            )
        else:
            problems.append(
                Problem(
                    UNREACHABLE_NODE,
                    "warning",
                    node_id,
                    f"no playthrough reaches node `{node_id}`; "
                    "lead a choice or `next` to it or remove it",
                )
            )
    if explorer.approximate:
        problems.append(
            Problem(
                APPROXIMATE,
                "warning",
                scenario.start,
                f"the scenario has more than {max_states:,} states (node and variable "
                "combinations), so this analysis is approximate; fewer or smaller "
                "variables make it exact",
            )
        )

    endings = {
        node_id: (node.ending.outcome, node_id in explorer.entered)
        for node_id, node in scenario.nodes.items()
        if node.ending is not None
    }
    reachable_nodes = tuple(sorted(explorer.entered))
    continuation: list[Scores | None] = [None] * count
    ranges: Ranges | None = None
    best: tuple[Decision, ...] | None = None
    best_ending: str | None = None
    playthroughs: int | None = None
    longest: int | None = None
    shortest = distance[start] if start >= 0 and live[start] else None

    if start >= 0 and live[start] and not farming:
        ranges = _ranges(states, edges, groups, group_of, potential, live, start)
        weights = _weights(ranges)
        best, best_ending, continuation = _best(
            states, edges, groups, group_of, potential, live, start, weights
        )
        if not looping:
            playthroughs, longest = _count(states, edges, groups, live, start)

    return Analysis(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        reachable_nodes=reachable_nodes,
        states=count,
        endings=endings,
        playthroughs=playthroughs,
        ranges=ranges,
        best=best,
        best_ending=best_ending,
        shortest=shortest,
        longest=longest,
        approximate=explorer.approximate,
        problems=tuple(sorted(problems, key=lambda p: (p.severity != "error", p.code, p.node))),
        _index=explorer.index,
        _edges=edges,
        _continuation=continuation,
    )


def _ranges(
    states: list[tuple[Node, Values]],
    edges: list[list[_Edge]],
    groups: list[list[int]],
    group_of: list[int],
    potential: list[Scores],
    live: list[bool],
    start: int,
) -> Ranges:
    """Exact min and max of every competency over complete playthroughs."""
    low: list[list[int]] = [[0, 0, 0] for _ in states]
    high: list[list[int]] = [[0, 0, 0] for _ in states]
    for g, members in enumerate(groups):
        if not live[members[0]]:
            continue
        group_low = [math.inf, math.inf, math.inf]
        group_high = [-math.inf, -math.inf, -math.inf]
        for u in members:
            node = states[u][0]
            phi = potential[u]
            options: list[tuple[int, int, int, int, int, int]] = []
            if node.ending is not None:
                s = node.ending.scores
                options.append((s[0], s[1], s[2], s[0], s[1], s[2]))
            for edge in edges[u]:
                w = edge.target
                if w < 0 or not live[w] or group_of[w] == g:
                    continue
                d, lw, hw = edge.scores, low[w], high[w]
                options.append(
                    (
                        d[0] + lw[0],
                        d[1] + lw[1],
                        d[2] + lw[2],
                        d[0] + hw[0],
                        d[1] + hw[1],
                        d[2] + hw[2],
                    )
                )
            for option in options:
                for c in range(3):
                    group_low[c] = min(group_low[c], phi[c] + option[c])
                    group_high[c] = max(group_high[c], phi[c] + option[3 + c])
        for v in members:
            phi = potential[v]
            low[v] = [int(group_low[c] - phi[c]) for c in range(3)]
            high[v] = [int(group_high[c] - phi[c]) for c in range(3)]
    return (
        Range(low[start][0], high[start][0]),
        Range(low[start][1], high[start][1]),
        Range(low[start][2], high[start][2]),
    )


def _weights(ranges: Ranges) -> tuple[int, int, int]:
    """Integer weights that make the weighted sum order playthroughs by overall."""
    spans = [r.max - r.min for r in ranges if r.assessed]
    if not spans:
        return (0, 0, 0)
    common = math.lcm(*spans)
    return tuple(common // (r.max - r.min) if r.assessed else 0 for r in ranges)  # type: ignore[return-value]


def _best(
    states: list[tuple[Node, Values]],
    edges: list[list[_Edge]],
    groups: list[list[int]],
    group_of: list[int],
    potential: list[Scores],
    live: list[bool],
    start: int,
    weights: tuple[int, int, int],
) -> tuple[tuple[Decision, ...], str, list[Scores | None]]:
    """A playthrough with the highest overall; ties go to the better outcome."""
    count = len(states)

    def weighted(s: Sequence[int]) -> int:
        return s[0] * weights[0] + s[1] * weights[1] + s[2] * weights[2]

    # value[v]: (weighted score of the best continuation, outcome rank of its ending)
    value: list[tuple[int, int]] = [(0, 0)] * count
    continuation: list[Scores | None] = [None] * count
    target: list[int] = [-1] * count  # where the group's best way leaves: state in group
    exit_edge: list[int] = [-1] * count  # edge index taken from target, -1 to end there
    for g, members in enumerate(groups):
        if not live[members[0]]:
            continue
        best_key: tuple[int, int] | None = None
        best_state = -1
        best_edge = -1
        best_raw: Scores = ZERO
        for u in members:
            node = states[u][0]
            phi = potential[u]
            if node.ending is not None:
                raw = node.ending.scores
                key = (weighted(phi) + weighted(raw), _OUTCOME_RANK[node.ending.outcome])
                if best_key is None or key > best_key:
                    best_key, best_state, best_edge = key, u, -1
                    best_raw = tuple(p + r for p, r in zip(phi, raw, strict=True))  # type: ignore[assignment]
            for e, edge in enumerate(edges[u]):
                w = edge.target
                if w < 0 or not live[w] or group_of[w] == g:
                    continue
                cont = continuation[w]
                assert cont is not None
                raw = tuple(d + c for d, c in zip(edge.scores, cont, strict=True))  # type: ignore[assignment]
                key = (weighted(phi) + weighted(raw), value[w][1])
                if best_key is None or key > best_key:
                    best_key, best_state, best_edge = key, u, e
                    best_raw = tuple(p + r for p, r in zip(phi, raw, strict=True))  # type: ignore[assignment]
        assert best_key is not None
        for v in members:
            phi = potential[v]
            value[v] = (best_key[0] - weighted(phi), best_key[1])
            continuation[v] = tuple(b - p for b, p in zip(best_raw, phi, strict=True))  # type: ignore[assignment]
            target[v] = best_state
            exit_edge[v] = best_edge

    decisions: list[Decision] = []
    v = start
    while True:
        goal = target[v]
        if goal != v:
            decisions.extend(_path_inside(v, goal, edges, group_of))
        v = goal
        e = exit_edge[v]
        if e < 0:
            break
        decisions.append(edges[v][e].decision)
        v = edges[v][e].target
    return tuple(decisions), states[v][0].id, continuation


def _path_inside(
    source: int, goal: int, edges: list[list[_Edge]], group_of: list[int]
) -> list[Decision]:
    """Fewest decisions from `source` to `goal` inside their loop group."""
    group = group_of[source]
    came: dict[int, tuple[int, Decision]] = {}
    queue = deque([source])
    seen = {source}
    while queue:
        v = queue.popleft()
        if v == goal:
            break
        for edge in edges[v]:
            w = edge.target
            if w >= 0 and w not in seen and group_of[w] == group:
                seen.add(w)
                came[w] = (v, edge.decision)
                queue.append(w)
    path: list[Decision] = []
    v = goal
    while v != source:
        v, decision = came[v]
        path.append(decision)
    path.reverse()
    return path


def _count(
    states: list[tuple[Node, Values]],
    edges: list[list[_Edge]],
    groups: list[list[int]],
    live: list[bool],
    start: int,
) -> tuple[int, int]:
    """Distinct complete playthroughs and the most decisions, on a loop-free graph."""
    paths = [0] * len(states)
    longest = [0] * len(states)
    for members in groups:  # reverse topological order: successors first
        v = members[0]
        if not live[v]:
            continue
        total = 1 if states[v][0].ending is not None else 0
        most = 0
        for edge in edges[v]:
            w = edge.target
            if w >= 0 and live[w]:
                total += paths[w]
                most = max(most, longest[w] + 1)
        paths[v] = total
        longest[v] = most
    return paths[start], longest[start]


def review(scenario: Scenario, analysis: Analysis, decisions: Sequence[Decision]) -> list[Review]:
    """Each decision of a playthrough beside the best one at that point.

    The outlook of a decision is the best overall percent still reachable after
    it, counting what was scored before. Needs an exact analysis with ranges.
    """
    ranges = analysis.ranges
    if ranges is None:
        return []
    playthrough = replay(scenario, [])
    reviews: list[Review] = []
    for decision in decisions:
        state = analysis._index.get((playthrough.current.id, tuple(playthrough.values.values())))
        so_far = playthrough.raw_scores
        if state is None:
            break
        options: list[tuple[_Edge, float | None]] = []
        for edge in analysis._edges[state]:
            cont = analysis._continuation[edge.target] if edge.target >= 0 else None
            if cont is None:
                options.append((edge, None))
                continue
            total = tuple(a + b + c for a, b, c in zip(so_far, edge.scores, cont, strict=True))
            options.append((edge, overall(percents(total, ranges))))  # type: ignore[arg-type]
        taken = next((o for o in options if o[0].decision == decision), None)
        if taken is None:
            break
        best = max(options, key=lambda o: -1.0 if o[1] is None else o[1])
        reviews.append(
            Review(
                node=playthrough.current.id,
                taken=decision,
                taken_text=taken[0].text,
                taken_scores=taken[0].scores,
                feedback=taken[0].feedback,
                best=best[0].decision,
                best_text=best[0].text,
                best_scores=best[0].scores,
                best_feedback=best[0].feedback,
                taken_outlook=taken[1],
                best_outlook=best[1],
            )
        )
        playthrough.decide(decision)
    return reviews
