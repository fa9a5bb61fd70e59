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

A loop-free scenario whose variables take few combinations of values is
analysed a node at a time instead (game.core.lanes), with the same results.

Past the state budget the analysis is *approximate but sound*: the states not
explored are stood in for by their nodes, with every condition taken as
possibly true (node-level bounds), so the ranges contain every playthrough's
score, no reachable ending or node is called unreachable, and no playable
scenario is called unplayable. Where even the node-level bounds are endless (a
loop that changes a score, limited only by variables not explored), it says so
as an error rather than guess.

Standard library only; problems are returned as data, never printed.
"""

from __future__ import annotations

import gc
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

from game.core.engine import TIMER, Decision, apply
from game.core.lanes import LanePlan
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

DEFAULT_MAX_STATES = 200_000  # states explored one by one, at most; beyond, sound bounds
LANE_MAX_STATES = 4_000_000  # states of a loop-free scenario analysed a node at a time, at most

# Diagnostic codes of the analysis (documented in docs/diagnostics.md).
DEAD_END = "RP401"
SCORE_FARMING = "RP402"
TOO_MANY_CHOICES = "RP403"
UNREACHABLE_NODE = "RP404"
UNREACHABLE_ENDING = "RP405"
NEXT_LOOP = "RP406"
APPROXIMATE = "RP407"
UNBOUNDED = "RP409"

_OUTCOME_RANK = {"failure": 0, "partial": 1, "success": 2}
_INFINITY = math.inf
_NO_STATES: dict[tuple[str, Values], int] = {}


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


class _EdgeRows(Protocol):
    def __getitem__(self, state: int, /) -> Sequence[_Edge]: ...


class _Numbers(Protocol):
    def __getitem__(self, state: int, /) -> int: ...


class _StateIndex(Protocol):
    def get(self, key: tuple[str, Values], /) -> int | None: ...


class _StateGraph(Protocol):
    """What reading a playthrough against the analysis needs (`review`)."""

    @property
    def edges(self) -> _EdgeRows:
        """The moves out of each state."""

    @property
    def best_state(self) -> _Numbers:
        """Negative for a state from which no complete playthrough is known."""

    def walk_best(self, v: int) -> tuple[tuple[Decision, ...], Scores, str]: ...


@dataclass(frozen=True)
class Analysis:
    scenario: str
    nodes: int
    reachable_nodes: tuple[str, ...]  # approximate: every node a playthrough may reach
    states: int
    endings: dict[str, tuple[str, bool]]  # id -> (outcome, reachable; approximate: may be)
    playthroughs: int | None  # None where loops make the number unbounded, or approximate
    # None where no ending is reachable or scores can be farmed. Approximate: bounds
    # that contain every playthrough's score, but that no playthrough may reach.
    ranges: Ranges | None
    best: tuple[Decision, ...] | None  # approximate: the best among the states explored
    best_ending: str | None
    shortest: int | None  # fewest decisions to an ending; None when approximate
    longest: int | None  # most decisions to an ending; None when unbounded or approximate
    approximate: bool
    problems: tuple[Problem, ...]
    # What game.core.review needs; not part of the report.
    _index: _StateIndex = field(default_factory=lambda: _NO_STATES, repr=False)
    _graph: _StateGraph | None = field(default=None, repr=False)

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


def _stuck_message(scenario: Scenario, node: str, values: Values) -> str:
    return (
        f"at node `{node}`{_describe(scenario, values)} every choice is "
        "hidden by its `if` and there is no timer, so the player is stuck; "
        "add a choice without `if` or change the conditions"
    )


def _no_ending_message(scenario: Scenario, node: str, values: Values) -> str:
    return (
        f"from node `{node}`{_describe(scenario, values)} no ending can be "
        "reached: every way on leads back or gets stuck; give the player a way "
        "to an ending"
    )


def _crowded_message(scenario: Scenario, node: str, values: Values, shown: int) -> str:
    return (
        f"node `{node}` shows {shown} choices at once"
        f"{_describe(scenario, values)}; at most {MAX_VISIBLE_CHOICES} fit "
        "on screen, so hide some with `if` or split the node"
    )


def _unreachable(scenario: Scenario, reachable: set[str]) -> list[Problem]:
    found: list[Problem] = []
    for node_id in sorted(scenario.nodes):
        if node_id in reachable:
            continue
        if scenario.nodes[node_id].ending is not None:
            found.append(
                Problem(
                    UNREACHABLE_ENDING,
                    "warning",
                    node_id,
                    f"no playthrough reaches the ending `{node_id}`; "
                    "lead a choice to it or remove it",
                )
            )
        else:
            found.append(
                Problem(
                    UNREACHABLE_NODE,
                    "warning",
                    node_id,
                    f"no playthrough reaches node `{node_id}`; "
                    "lead a choice or `next` to it or remove it",
                )
            )
    return found


def _sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.severity != "error", p.code, p.node)))


class _Explorer:
    """Builds the state graph of one scenario, up to `max_states` states.

    Past the budget a move into a new state leads to a *stand-in* for its node
    instead (target `-2 - k` while exploring, for the k-th such node).
    """

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
        self.frontier: dict[str, int] = {}  # node id -> k, for the stand-ins
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
            k = self.frontier.setdefault(node.id, len(self.frontier))
            return -2 - k
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
                    _crowded_message(self.scenario, node.id, values, shown),
                )
            timer = node.timer
            if timer is not None:
                target = settle(timer.goto, apply(timer.assignments, values))
                out.append((TIMER, timer.scores, target, timer))
            if not out:
                self.report(DEAD_END, node.id, _stuck_message(self.scenario, node.id, values))
        return start

    def stand_ins(self) -> list[str]:
        """Turn stand-in targets into state numbers after the explored ones; their node ids."""
        count = len(self.states)
        if not self.frontier:
            return []
        for out in self.edges:
            for e, edge in enumerate(out):
                if edge[TARGET] <= -2:
                    out[e] = (edge[DECISION], edge[SCORES], count - 2 - edge[TARGET], edge[SOURCE])
        return list(self.frontier)


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


def analyze(scenario: Scenario, max_states: int | None = None) -> Analysis:
    """Explore every state of `scenario` and report its exact shape.

    `max_states` bounds the states explored (default: DEFAULT_MAX_STATES one by
    one, LANE_MAX_STATES a node at a time); past it the report is approximate.
    """
    # The analysis allocates many small tuples and frees none of them until it
    # ends, so the cycle collector only costs time here.
    collecting = gc.isenabled()
    gc.disable()
    try:
        plan = LanePlan.build(scenario)
        if plan is not None:
            states = plan.explore()  # None: too many combinations of values for lanes
            if states is not None and states <= (
                LANE_MAX_STATES if max_states is None else max_states
            ):
                return _from_lanes(plan)
        budget = DEFAULT_MAX_STATES if max_states is None else max_states
        return _analyze(scenario, max(1, budget))
    finally:
        if collecting:
            gc.enable()


def _analyze(scenario: Scenario, max_states: int) -> Analysis:
    explorer = _Explorer(scenario, max_states)
    start = explorer.explore()
    explored = len(explorer.states)
    stand_ins = explorer.stand_ins()
    if start <= -2:  # the budget was too small for even the start
        start = explored - 2 - start
    states, edges = explorer.states, explorer.edges
    abstract = _NodeBounds(scenario) if stand_ins else None
    for node_id in stand_ins:
        states.append((scenario.nodes[node_id], ()))
        edges.append([])
    count = len(states)
    problems = explorer.problems
    approximate = explorer.approximate

    # Which states can still reach an ending (complete playthroughs only pass there).
    # A stand-in can when its node can, conditions aside: this over-approximates.
    reverse: list[list[int]] = [[] for _ in range(count)]
    for source, out in enumerate(edges):
        for edge in out:
            if edge[TARGET] >= 0:
                reverse[edge[TARGET]].append(source)
    ends = [i for i in range(explored) if states[i][0].ending is not None]
    explored_live = _reaching(ends, reverse, count)  # exact within the explored states
    distance = _distances(ends, reverse, count)
    if abstract is not None:
        opened = [explored + k for k, node_id in enumerate(stand_ins) if abstract.can_end(node_id)]
        live = _reaching(ends + opened, reverse, count)
    else:
        live = explored_live

    for i in range(explored):
        node, values = states[i]
        if not live[i] and edges[i]:
            explorer.report(DEAD_END, node.id, _no_ending_message(scenario, node.id, values))

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

    reachable = set(explorer.entered)
    if abstract is not None:
        reachable |= abstract.reachable_from(stand_ins)
    problems.extend(_unreachable(scenario, reachable))
    if approximate:
        problems.append(
            Problem(
                APPROXIMATE,
                "warning",
                scenario.start,
                f"the scenario has more than {max_states:,} states (node and variable "
                "combinations), so this analysis is approximate: its score ranges are "
                "bounds that hold every playthrough, but the best scores may not be "
                "reachable, so percents may stay below 100; fewer or smaller variables "
                "make it exact",
            )
        )

    endings = {
        node_id: (node.ending.outcome, node_id in reachable)
        for node_id, node in scenario.nodes.items()
        if node.ending is not None
    }
    best_moves = (
        moves
        if abstract is None
        else [[(e, w) for e, w in out if explored_live[w]] for out in moves]
    )
    fixed = (
        {explored + k: abstract.bounds(node_id) for k, node_id in enumerate(stand_ins)}
        if abstract is not None
        else {}
    )
    graph = _Graph(states, edges, moves, groups, group_of, potential, looped, best_moves, fixed)
    ranges: Ranges | None = None
    best: tuple[Decision, ...] | None = None
    best_ending: str | None = None
    playthroughs: int | None = None
    longest: int | None = None
    shortest = distance[start] if live[start] and not approximate else None
    if live[start] and not farming:
        bounds = graph.ranges(start)
        endless = [
            c
            for c, (low, high) in zip(COMPETENCIES, bounds, strict=True)
            if not (math.isfinite(low) and math.isfinite(high))
        ]
        if endless:
            assert abstract is not None  # only stand-ins' bounds can be endless
            problems.append(_unbounded(scenario, max_states, endless, abstract))
        else:
            (low0, high0), (low1, high1), (low2, high2) = bounds
            ranges = (
                Range(int(low0), int(high0)),
                Range(int(low1), int(high1)),
                Range(int(low2), int(high2)),
            )
            graph.choose_best(_weights(ranges))
            if explored_live[start]:
                best, _, best_ending = graph.walk_best(start)
            if not looping and not approximate:
                playthroughs, longest = graph.count(start)

    return Analysis(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        reachable_nodes=tuple(sorted(reachable)),
        states=explored,
        endings=endings,
        playthroughs=playthroughs,
        ranges=ranges,
        best=best,
        best_ending=best_ending,
        shortest=shortest,
        longest=longest,
        approximate=approximate,
        problems=_sorted(problems),
        _index=explorer.index,
        _graph=graph if ranges is not None else None,
    )


def _reaching(goals: list[int], reverse: list[list[int]], count: int) -> list[bool]:
    """Which states can reach one of `goals`."""
    found = [False] * count
    queue = deque(goals)
    for g in goals:
        found[g] = True
    while queue:
        v = queue.popleft()
        for u in reverse[v]:
            if not found[u]:
                found[u] = True
                queue.append(u)
    return found


def _distances(goals: list[int], reverse: list[list[int]], count: int) -> list[int]:
    """Fewest moves from each state to one of `goals`; -1 where there is no way."""
    distance = [-1] * count
    queue = deque(goals)
    for g in goals:
        distance[g] = 0
    while queue:
        v = queue.popleft()
        step = distance[v] + 1
        for u in reverse[v]:
            if distance[u] == -1:
                distance[u] = step
                queue.append(u)
    return distance


def _unbounded(
    scenario: Scenario, max_states: int, endless: list[str], abstract: _NodeBounds
) -> Problem:
    where = abstract.loop_node or scenario.start
    return Problem(
        UNBOUNDED,
        "error",
        where,
        f"the scenario has more than {max_states:,} states, and past them the loop through "
        f"node `{where}` may change {' and '.join(endless)} every time round, so the "
        "lowest and highest scores cannot be worked out; make the loop score nothing, "
        "or use fewer or smaller variables so the analysis can follow the loop exactly",
    )


def _from_lanes(plan: LanePlan) -> Analysis:
    """The report of a scenario analysed a node at a time."""
    scenario = plan.scenario
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()

    def report(code: str, node: str, message: str) -> None:
        if (code, node) not in reported:
            reported.add((code, node))
            problems.append(Problem(code, "error", node, message))

    nodes = scenario.nodes
    for n in plan.order:
        node_id = plan.ids[n]
        if not plan.reach[n] or nodes[node_id].ending is not None:
            continue
        for v, shown in plan.crowded(n)[:1]:
            report(
                TOO_MANY_CHOICES,
                node_id,
                _crowded_message(scenario, node_id, plan.values[v], shown),
            )
        stuck = plan.stuck(n)
        if stuck:
            first = (stuck & -stuck).bit_length() - 1
            report(DEAD_END, node_id, _stuck_message(scenario, node_id, plan.values[first]))
    settled = plan.settle()
    for n in plan.order:
        node_id = plan.ids[n]
        dead = plan.reach[n] & ~plan.live[n] & ~plan.stuck(n)
        if dead and nodes[node_id].ending is None:
            first = (dead & -dead).bit_length() - 1
            report(DEAD_END, node_id, _no_ending_message(scenario, node_id, plan.values[first]))
    problems.extend(_unreachable(scenario, plan.entered))

    ranges: Ranges | None = None
    best: tuple[Decision, ...] | None = None
    best_ending: str | None = None
    playthroughs = shortest = longest = None
    if settled is not None:
        bounds, shortest, longest, playthroughs = settled
        ranges = (Range(*bounds[0]), Range(*bounds[1]), Range(*bounds[2]))
        plan.choose_best(_weights(ranges))
        best, _, best_ending = plan.walk_best(plan.start, plan.start_value)
    view = _LaneStates(plan)
    return Analysis(
        scenario=scenario.id,
        nodes=len(nodes),
        reachable_nodes=tuple(sorted(plan.entered)),
        states=plan.states,
        endings={
            node_id: (node.ending.outcome, node_id in plan.entered)
            for node_id, node in nodes.items()
            if node.ending is not None
        },
        playthroughs=playthroughs,
        ranges=ranges,
        best=best,
        best_ending=best_ending,
        shortest=shortest,
        longest=longest,
        approximate=False,
        problems=_sorted(problems),
        _index=view,
        _graph=view if ranges is not None else None,
    )


class _LaneStates:
    """The lanes seen state by state, as `review` reads them; state = node number × V + value id."""

    def __init__(self, plan: LanePlan) -> None:
        self.plan = plan
        self.width = len(plan.values)

    def get(self, key: tuple[str, Values], /) -> int | None:
        node_id, values = key
        n = self.plan.number.get(node_id)
        v = self.plan.value_id.get(values)
        if n is None or v is None or not self.plan.reach[n] >> v & 1:
            return None
        return n * self.width + v

    @property
    def edges(self) -> _LaneStates:
        return self

    @property
    def best_state(self) -> _LaneLive:
        return _LaneLive(self)

    def __getitem__(self, state: int, /) -> list[_Edge]:
        n, v = divmod(state, self.width)
        plan = self.plan
        return [
            (decision, move.scores, move.target * self.width + plan.after(move, v), move.source)
            for decision, move in plan.shown_moves(n, v)
        ]

    def walk_best(self, v: int) -> tuple[tuple[Decision, ...], Scores, str]:
        n, value = divmod(v, self.width)
        return self.plan.walk_best(n, value)


class _LaneLive:
    def __init__(self, states: _LaneStates) -> None:
        self.states = states

    def __getitem__(self, state: int, /) -> int:
        n, v = divmod(state, self.states.width)
        return state if self.states.plan.live[n] >> v & 1 else -1


class _NodeBounds:
    """Bounds for a node whatever the variables: every condition taken as possibly true.

    A stand-in for states the analysis did not explore. Loops are grouped as for
    states; a loop that changes a competency makes that competency endless there.
    """

    def __init__(self, scenario: Scenario) -> None:
        nodes = scenario.nodes
        self.ids = list(nodes)
        number = {node_id: n for n, node_id in enumerate(self.ids)}
        self.number = number
        count = len(self.ids)
        self.out: list[list[tuple[int, Scores]]] = [[] for _ in range(count)]
        for n, node_id in enumerate(self.ids):
            node = nodes[node_id]
            if node.ending is not None:
                continue
            if node.next is not None:
                self.out[n].append((number[node.next], ZERO))
                continue
            for choice in node.choices:
                self.out[n].append((number[choice.goto], choice.scores))
            if node.timer is not None:
                self.out[n].append((number[node.timer.goto], node.timer.scores))
        reverse: list[list[int]] = [[] for _ in range(count)]
        for n, out in enumerate(self.out):
            for w, _ in out:
                reverse[w].append(n)
        ends = [n for n, node_id in enumerate(self.ids) if nodes[node_id].ending is not None]
        self.live = _reaching(ends, reverse, count)
        live_out = [
            [(e, w) for e, (w, _) in enumerate(out) if self.live[w]] if self.live[n] else []
            for n, out in enumerate(self.out)
        ]
        groups = _strongly_connected(count, live_out)
        group_of = [0] * count
        for g, members in enumerate(groups):
            for v in members:
                group_of[v] = g
        self.loop_node: str | None = None
        inf = _INFINITY
        self.low = [[inf] * count for _ in range(3)]
        self.high = [[-inf] * count for _ in range(3)]
        for g, members in enumerate(groups):
            if not self.live[members[0]]:
                continue
            potential: dict[int, list[float]] = {members[0]: [0.0, 0.0, 0.0]}
            endless = [False, False, False]
            todo = [members[0]]
            while todo:
                v = todo.pop()
                for e, w in live_out[v]:
                    if group_of[w] != g:
                        continue
                    d = self.out[v][e][1]
                    expected = [potential[v][c] + d[c] for c in range(3)]
                    if w not in potential:
                        potential[w] = expected
                        todo.append(w)
                    else:
                        for c in range(3):
                            if potential[w][c] != expected[c]:
                                endless[c] = True
                                self.loop_node = self.loop_node or self.ids[v]
            for c in range(3):
                if endless[c]:
                    for v in members:
                        self.low[c][v], self.high[c][v] = -inf, inf
                    continue
                low, high = inf, -inf
                for u in members:
                    p = potential[u][c]
                    ending = nodes[self.ids[u]].ending
                    if ending is not None:
                        low = min(low, p + ending.scores[c])
                        high = max(high, p + ending.scores[c])
                    for e, w in live_out[u]:
                        if group_of[w] == g:
                            continue
                        gained = self.out[u][e][1][c]
                        low = min(low, p + gained + self.low[c][w])
                        high = max(high, p + gained + self.high[c][w])
                for v in members:
                    self.low[c][v] = low - potential[v][c]
                    self.high[c][v] = high - potential[v][c]

    def can_end(self, node_id: str) -> bool:
        return self.live[self.number[node_id]]

    def bounds(self, node_id: str) -> tuple[float, float, float, float, float, float]:
        n = self.number[node_id]
        low, high = self.low, self.high
        return (low[0][n], low[1][n], low[2][n], high[0][n], high[1][n], high[2][n])

    def reachable_from(self, node_ids: list[str]) -> set[str]:
        """Every node reachable from these, conditions aside (`next` chains included)."""
        seen = {self.number[i] for i in node_ids}
        todo = list(seen)
        while todo:
            v = todo.pop()
            for w, _ in self.out[v]:
                if w not in seen:
                    seen.add(w)
                    todo.append(w)
        return {self.ids[n] for n in seen}


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
        best_moves: list[list[tuple[int, int]]],
        fixed: dict[int, tuple[float, float, float, float, float, float]],
    ) -> None:
        self.states = states
        self.edges = edges
        self.moves = moves
        self.groups = groups  # reverse topological order: successors first
        self.group_of = group_of
        self.potential = potential
        self.looped = looped  # per group: a one-state group that loops to itself
        # The moves a best playthrough may take: those that can end among the states
        # explored (all live moves, when the analysis is exact).
        self.best_moves = best_moves
        # Stand-ins for states not explored: (lows, highs) of the three competencies.
        self.fixed = fixed
        count = len(states)
        self.best_state = [-1] * count  # where the group's best way leaves it
        self.best_edge = [-1] * count  # the edge taken there; -1 to end there

    def _single(self, members: list[int]) -> bool:
        return len(members) == 1 and not self.looped[self.group_of[members[0]]]

    def ranges(self, start: int) -> tuple[tuple[float, float], ...]:
        """Min and max of every competency over complete playthroughs.

        Exact, or with stand-ins sound bounds, which may be endless (infinite).
        """
        count = len(self.states)
        lo0: list[float] = [0] * count
        lo1: list[float] = [0] * count
        lo2: list[float] = [0] * count
        hi0: list[float] = [0] * count
        hi1: list[float] = [0] * count
        hi2: list[float] = [0] * count
        states, edges, moves, group_of = self.states, self.edges, self.moves, self.group_of
        inf = math.inf
        looped = self.looped
        fixed = self.fixed
        for g, members in enumerate(self.groups):
            if len(members) == 1 and not looped[g]:
                # Most groups are one state without a loop: no potentials needed.
                u = members[0]
                if fixed:
                    bound = fixed.get(u)
                    if bound is not None:
                        lo0[u], lo1[u], lo2[u], hi0[u], hi1[u], hi2[u] = bound
                        continue
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
                lo0[v], lo1[v], lo2[v] = _whole(a0 - p[0]), _whole(a1 - p[1]), _whole(a2 - p[2])
                hi0[v], hi1[v], hi2[v] = _whole(b0 - p[0]), _whole(b1 - p[1]), _whole(b2 - p[2])
        return (
            (lo0[start], hi0[start]),
            (lo1[start], hi1[start]),
            (lo2[start], hi2[start]),
        )

    def choose_best(self, weights: tuple[int, int, int]) -> None:
        """For every live state, the way on with the highest weighted score.

        Ties go to the better outcome. The weights order playthroughs by overall.
        """
        w0, w1, w2 = weights
        count = len(self.states)
        value = [0] * count
        rank = [0] * count
        states, edges, moves, group_of = self.states, self.edges, self.best_moves, self.group_of
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
            if key is None:
                continue  # no playthrough known to end from this group
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
            for e, w in self.best_moves[v]:
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


def _whole(x: float) -> float:
    """An int where the number is finite (stand-ins' bounds may be endless)."""
    return int(x) if math.isfinite(x) else x
