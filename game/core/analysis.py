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

import gc
import math
from collections import deque
from dataclasses import dataclass, field
from typing import Final

from game.core.engine import TIMER, Decision, apply
from game.core.model import (
    COMPETENCIES,
    MAX_VISIBLE_CHOICES,
    ZERO,
    Choice,
    Node,
    Scenario,
    Scores,
    Timer,
    Values,
)
from game.core.scoring import Range, Ranges

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


# A move between states, kept as a plain tuple because there are many:
# (decision, scores, target state index or -1 on a `next` loop, the Choice or Timer).
_Edge = tuple[Decision, Scores, int, Choice | Timer]
DECISION: Final = 0
SCORES: Final = 1
TARGET: Final = 2
SOURCE: Final = 3


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
    # What game.core.review needs; not part of the report.
    _index: dict[tuple[str, Values], int] = field(default_factory=dict, repr=False)
    _graph: _Graph | None = field(default=None, repr=False)

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
        if node.next is None and not node.assignments:  # the common case, made quick
            self.entered.add(node_id)
        else:
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
        states, edges, settle, queue = self.states, self.edges, self.settle, self.queue
        nodes, index, entered = self.scenario.nodes, self.index, self.entered
        while queue:
            number = queue.popleft()
            node, values = states[number]
            if node.ending is not None:
                continue
            out = edges[number]
            shown = 0
            for choice in node.choices:
                condition = choice.condition
                if condition is not None and not condition.evaluate(values):
                    continue
                shown += 1
                after = apply(choice.assignments, values) if choice.assignments else values
                goto = choice.goto
                target_node = nodes[goto]
                if target_node.next is None and not target_node.assignments:
                    # The common case: a plain node, perhaps already known.
                    entered.add(goto)
                    target = index.get((goto, after))
                    if target is None:
                        target = settle(goto, after)
                else:
                    target = settle(goto, after)
                out.append((shown, choice.scores, target, choice))
            if shown > MAX_VISIBLE_CHOICES:
                self.report(
                    TOO_MANY_CHOICES,
                    node.id,
                    f"node `{node.id}` shows {shown} choices at once"
                    f"{_describe(self.scenario, values)}; at most {MAX_VISIBLE_CHOICES} fit "
                    "on screen, so hide some with `if` or split the node",
                )
            timer = node.timer
            if timer is not None:
                target = settle(timer.goto, apply(timer.assignments, values))
                out.append((TIMER, timer.scores, target, timer))
            if not out:
                self.report(
                    DEAD_END,
                    node.id,
                    f"at node `{node.id}`{_describe(self.scenario, values)} every choice is "
                    "hidden by its `if` and there is no timer, so the player is stuck; "
                    "add a choice without `if` or change the conditions",
                )
        return start


def _strongly_connected(count: int, succ: list[list[tuple[int, int]]]) -> list[list[int]]:
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
                w = targets[i][1]
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
    # The analysis allocates many small tuples and frees none of them until it
    # ends, so the cycle collector only costs time here.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _analyze(scenario, max_states)
    finally:
        if collecting:
            gc.enable()


def _analyze(scenario: Scenario, max_states: int) -> Analysis:
    explorer = _Explorer(scenario, max_states)
    start = explorer.explore()
    states, edges = explorer.states, explorer.edges
    count = len(states)
    problems = explorer.problems

    # Which states can still reach an ending (complete playthroughs only pass there).
    reverse: list[list[int]] = [[] for _ in range(count)]
    for source, out in enumerate(edges):
        for edge in out:
            if edge[TARGET] >= 0:
                reverse[edge[TARGET]].append(source)
    distance = [-1] * count  # fewest decisions to an ending
    queue = deque(i for i, (node, _) in enumerate(states) if node.ending is not None)
    for i in queue:
        distance[i] = 0
    while queue:
        v = queue.popleft()
        step = distance[v] + 1
        for u in reverse[v]:
            if distance[u] == -1:
                distance[u] = step
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

    # The state graph of complete playthroughs, grouped into loops. `moves[v]`
    # lists (edge index, target) for the live moves only.
    moves: list[list[tuple[int, int]]] = [
        [
            (e, edge[TARGET])
            for e, edge in enumerate(edges[i])
            if edge[TARGET] >= 0 and live[edge[TARGET]]
        ]
        if live[i]
        else []
        for i in range(count)
    ]
    groups = _strongly_connected(count, moves)
    group_of = [0] * count
    for g, members in enumerate(groups):
        for v in members:
            group_of[v] = g

    # Potentials inside each loop group; a move that disagrees with them closes
    # a loop that changes a score.
    potential: list[Scores] = [ZERO] * count
    looped = [False] * len(groups)
    farming = False
    looping = False
    for g, members in enumerate(groups):
        root = members[0]
        if len(members) == 1:
            if all(w != root for _, w in moves[root]):
                continue
            looped[g] = True
        looping = looping or live[root]
        seen = {root}
        todo = [root]
        while todo:
            v = todo.pop()
            for e, w in moves[v]:
                if group_of[w] != g:
                    continue
                d, p = edges[v][e][SCORES], potential[v]
                expected = (p[0] + d[0], p[1] + d[1], p[2] + d[2])
                if w not in seen:
                    seen.add(w)
                    potential[w] = expected
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
    graph = _Graph(states, edges, moves, groups, group_of, potential, looped)
    ranges: Ranges | None = None
    best: tuple[Decision, ...] | None = None
    best_ending: str | None = None
    playthroughs: int | None = None
    longest: int | None = None
    shortest = distance[start] if start >= 0 and live[start] else None
    if start >= 0 and live[start] and not farming:
        ranges = graph.ranges(start)
        graph.choose_best(_weights(ranges))
        best, _, best_ending = graph.walk_best(start)
        if not looping:
            playthroughs, longest = graph.count(start)

    return Analysis(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        reachable_nodes=tuple(sorted(explorer.entered)),
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
        _graph=graph if ranges is not None else None,
    )


def _weights(ranges: Ranges) -> tuple[int, int, int]:
    """Integer weights that make the weighted sum order playthroughs by overall."""
    spans = [r.max - r.min for r in ranges if r.assessed]
    if not spans:
        return (0, 0, 0)
    common = math.lcm(*spans)
    w = [common // (r.max - r.min) if r.assessed else 0 for r in ranges]
    return (w[0], w[1], w[2])


class _Graph:
    """The live state graph with its loop groups: extremes, best moves and counts."""

    def __init__(
        self,
        states: list[tuple[Node, Values]],
        edges: list[list[_Edge]],
        moves: list[list[tuple[int, int]]],
        groups: list[list[int]],
        group_of: list[int],
        potential: list[Scores],
        looped: list[bool],
    ) -> None:
        self.states = states
        self.edges = edges
        self.moves = moves
        self.groups = groups  # reverse topological order: successors first
        self.group_of = group_of
        self.potential = potential
        self.looped = looped  # per group: a one-state group that loops to itself
        count = len(states)
        self.best_state = [-1] * count  # where the group's best way leaves it
        self.best_edge = [-1] * count  # the edge taken there; -1 to end there

    def _single(self, members: list[int]) -> bool:
        return len(members) == 1 and not self.looped[self.group_of[members[0]]]

    def ranges(self, start: int) -> Ranges:
        """Exact min and max of every competency over complete playthroughs."""
        count = len(self.states)
        lo0, lo1, lo2 = [0] * count, [0] * count, [0] * count
        hi0, hi1, hi2 = [0] * count, [0] * count, [0] * count
        states, edges, moves, group_of = self.states, self.edges, self.moves, self.group_of
        inf = math.inf
        looped = self.looped
        for g, members in enumerate(self.groups):
            if len(members) == 1 and not looped[g]:
                # Most groups are one state without a loop: no potentials needed.
                u = members[0]
                ending = states[u][0].ending
                if ending is not None:
                    lo0[u], lo1[u], lo2[u] = ending.scores
                    hi0[u], hi1[u], hi2[u] = ending.scores
                    continue
                out = moves[u]
                if not out:
                    continue  # not live
                edges_u = edges[u]
                e, w = out[0]
                d0, d1, d2 = edges_u[e][SCORES]
                m0, m1, m2 = d0 + lo0[w], d1 + lo1[w], d2 + lo2[w]
                n0, n1, n2 = d0 + hi0[w], d1 + hi1[w], d2 + hi2[w]
                for e, w in out:
                    d0, d1, d2 = edges_u[e][SCORES]
                    t = d0 + lo0[w]
                    if t < m0:
                        m0 = t
                    t = d1 + lo1[w]
                    if t < m1:
                        m1 = t
                    t = d2 + lo2[w]
                    if t < m2:
                        m2 = t
                    t = d0 + hi0[w]
                    if t > n0:
                        n0 = t
                    t = d1 + hi1[w]
                    if t > n1:
                        n1 = t
                    t = d2 + hi2[w]
                    if t > n2:
                        n2 = t
                lo0[u], lo1[u], lo2[u] = m0, m1, m2
                hi0[u], hi1[u], hi2[u] = n0, n1, n2
                continue
            if not moves[members[0]] and states[members[0]][0].ending is None:
                continue  # not live
            single = self._single(members)
            a0 = a1 = a2 = inf
            b0 = b1 = b2 = -inf
            for u in members:
                ending = states[u][0].ending
                p = ZERO if single else self.potential[u]
                if ending is not None:
                    s = ending.scores
                    a0, a1, a2 = min(a0, p[0] + s[0]), min(a1, p[1] + s[1]), min(a2, p[2] + s[2])
                    b0, b1, b2 = max(b0, p[0] + s[0]), max(b1, p[1] + s[1]), max(b2, p[2] + s[2])
                for e, w in moves[u]:
                    if group_of[w] == g:
                        continue
                    # Groups with loops are rare: plain min/max is fast enough here.
                    d = edges[u][e][SCORES]
                    x0, x1, x2 = p[0] + d[0], p[1] + d[1], p[2] + d[2]
                    a0, a1, a2 = min(a0, x0 + lo0[w]), min(a1, x1 + lo1[w]), min(a2, x2 + lo2[w])
                    b0, b1, b2 = max(b0, x0 + hi0[w]), max(b1, x1 + hi1[w]), max(b2, x2 + hi2[w])
            for v in members:
                p = ZERO if single else self.potential[v]
                lo0[v], lo1[v], lo2[v] = int(a0 - p[0]), int(a1 - p[1]), int(a2 - p[2])
                hi0[v], hi1[v], hi2[v] = int(b0 - p[0]), int(b1 - p[1]), int(b2 - p[2])
        return (
            Range(lo0[start], hi0[start]),
            Range(lo1[start], hi1[start]),
            Range(lo2[start], hi2[start]),
        )

    def choose_best(self, weights: tuple[int, int, int]) -> None:
        """For every live state, the way on with the highest weighted score.

        Ties go to the better outcome. The weights order playthroughs by overall.
        """
        w0, w1, w2 = weights
        count = len(self.states)
        value = [0] * count
        rank = [0] * count
        states, edges, moves, group_of = self.states, self.edges, self.moves, self.group_of
        best_state, best_edge = self.best_state, self.best_edge
        looped = self.looped
        for g, members in enumerate(self.groups):
            if len(members) == 1 and not looped[g]:
                # One state without a loop: compare plain numbers, no potentials.
                u = members[0]
                ending = states[u][0].ending
                if ending is not None:
                    s = ending.scores
                    value[u] = s[0] * w0 + s[1] * w1 + s[2] * w2
                    rank[u] = _OUTCOME_RANK[ending.outcome]
                    best_state[u] = u
                    continue
                out = moves[u]
                if not out:
                    continue  # not live
                edges_u = edges[u]
                top_value, top_rank, how = 0, -1, -1
                for e, w in out:
                    d = edges_u[e][SCORES]
                    here = d[0] * w0 + d[1] * w1 + d[2] * w2 + value[w]
                    if how < 0 or here > top_value or (here == top_value and rank[w] > top_rank):
                        top_value, top_rank, how = here, rank[w], e
                value[u], rank[u] = top_value, top_rank
                best_state[u] = u
                best_edge[u] = how
                continue
            if not moves[members[0]] and states[members[0]][0].ending is None:
                continue
            single = self._single(members)
            key: tuple[int, int] | None = None
            where, how = -1, -1
            for u in members:
                p = ZERO if single else self.potential[u]
                base = p[0] * w0 + p[1] * w1 + p[2] * w2
                ending = states[u][0].ending
                if ending is not None:
                    s = ending.scores
                    option = (
                        base + s[0] * w0 + s[1] * w1 + s[2] * w2,
                        _OUTCOME_RANK[ending.outcome],
                    )
                    if key is None or option > key:
                        key, where, how = option, u, -1
                for e, w in moves[u]:
                    if group_of[w] == g:
                        continue
                    d = edges[u][e][SCORES]
                    option = (base + d[0] * w0 + d[1] * w1 + d[2] * w2 + value[w], rank[w])
                    if key is None or option > key:
                        key, where, how = option, u, e
            assert key is not None
            for v in members:
                p = ZERO if single else self.potential[v]
                value[v] = key[0] - (p[0] * w0 + p[1] * w1 + p[2] * w2)
                rank[v] = key[1]
                best_state[v] = where
                best_edge[v] = how

    def walk_best(self, v: int) -> tuple[tuple[Decision, ...], Scores, str]:
        """Follow the best way from state `v`: decisions, scores gained, ending."""
        decisions: list[Decision] = []
        s0 = s1 = s2 = 0
        edges = self.edges
        while True:
            goal = self.best_state[v]
            if goal != v:
                for e in self._path_inside(v, goal):
                    edge = edges[v][e]
                    decisions.append(edge[DECISION])
                    d = edge[SCORES]
                    s0, s1, s2 = s0 + d[0], s1 + d[1], s2 + d[2]
                    v = edge[TARGET]
            e = self.best_edge[v]
            if e < 0:
                ending = self.states[v][0].ending
                assert ending is not None
                s = ending.scores
                return tuple(decisions), (s0 + s[0], s1 + s[1], s2 + s[2]), self.states[v][0].id
            edge = edges[v][e]
            decisions.append(edge[DECISION])
            d = edge[SCORES]
            s0, s1, s2 = s0 + d[0], s1 + d[1], s2 + d[2]
            v = edge[TARGET]

    def _path_inside(self, source: int, goal: int) -> list[int]:
        """Edge indexes of the fewest decisions from `source` to `goal` in their group."""
        group = self.group_of[source]
        came: dict[int, tuple[int, int]] = {}
        queue = deque([source])
        while queue:
            v = queue.popleft()
            if v == goal:
                break
            for e, w in self.moves[v]:
                if w not in came and w != source and self.group_of[w] == group:
                    came[w] = (v, e)
                    queue.append(w)
        path: list[int] = []
        v = goal
        while v != source:
            v, e = came[v]
            path.append(e)
        path.reverse()
        return path

    def count(self, start: int) -> tuple[int, int]:
        """Distinct complete playthroughs and the most decisions, on a loop-free graph."""
        paths = [0] * len(self.states)
        longest = [0] * len(self.states)
        for members in self.groups:
            v = members[0]
            total = 1 if self.states[v][0].ending is not None else 0
            most = 0
            for _, w in self.moves[v]:
                total += paths[w]
                if longest[w] + 1 > most:
                    most = longest[w] + 1
            paths[v] = total
            longest[v] = most
        return paths[start], longest[start]
