"""The core: the engine against a walk doing the same work, and the analysis at scale.

- engine: a presenter's loop (read the node's text, the narration entered, the
  visible choices' texts, then decide) through the Playthrough, against a bare
  walk of the same scenario that evaluates the same conditions, runs the same
  `set`s, adds the same scores, follows the same `next`s and timers and reads
  the same texts, with no history, undo or save. Both return what they saw,
  and the harness checks they agree.
- analysis: a generated 10,000-node scenario with six flags (about 570,000
  states), analysed exactly: CPU time in this thread, peak memory of a fresh
  process doing only that.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

from benchmarks.generated import big_scenario
from benchmarks.harness import (
    Measured,
    Mode,
    Row,
    Spread,
    alternate,
    child_cpu_ns,
    child_env,
    in_thread,
    ratio_result,
    repeat,
)
from game.core.model import Node, Scenario, Values

ENGINE_GOAL = 2.5  # engine / equal-work walk, at most
ANALYSIS_GOAL_S = 3.0  # CPU seconds for the exact analysis, at most
ANALYSIS_GOAL_MB = 500.0  # peak resident memory of the process, at most
ANALYSIS_NODES = 10_000
ANALYSIS_FLAGS = 6
ENGINE_NODES = 1_000
ENGINE_STEPS = 100_000  # decisions per side per round

Fingerprint = tuple[int, int, int, int]  # playthroughs ended, score total, characters read, last


def _picks(steps: int) -> list[int]:
    """A fixed sequence both walks turn into the same decisions."""
    rng = random.Random(1)
    return [rng.randrange(1_000) for _ in range(steps)]


def engine_walk(scenario: Scenario, picks: list[int]) -> Fingerprint:
    """A presenter's loop through the Playthrough API."""
    from game.core.engine import Playthrough

    nodes = scenario.nodes
    playthrough = Playthrough(scenario)
    ended = total = read = 0
    for node_id in playthrough.passage:
        read += len(nodes[node_id].text)
    for pick in picks:
        if playthrough.finished:
            ended += 1
            total += sum(playthrough.raw_scores)
            playthrough = Playthrough(scenario)
            for node_id in playthrough.passage:
                read += len(nodes[node_id].text)
        choices = playthrough.choices
        for choice in choices:
            read += len(choice.text)
        if pick % 7 == 0 and playthrough.timer_seconds is not None:
            playthrough.let_timer_expire()
        else:
            playthrough.choose(1 + pick % len(choices))
        for node_id in playthrough.passage:
            read += len(nodes[node_id].text)
    return ended, total, read, len(playthrough.path)


def floor_walk(scenario: Scenario, picks: list[int]) -> Fingerprint:
    """The same decisions with nothing kept but the current node, values and scores."""
    nodes = scenario.nodes
    initial = scenario.initial_values

    def enter(node: Node, values: Values, read: int) -> tuple[Node, Values, int, int]:
        entered = 0
        while True:
            entered += 1
            read += len(node.text)
            if node.assignments:
                updated = list(values)
                for assignment in node.assignments:
                    updated[assignment.index] = assignment.expression.evaluate(tuple(updated))
                values = tuple(updated)
            if node.next is None:
                return node, values, read, entered
            node = nodes[node.next]

    ended = total = read = 0
    node, values, read, path = enter(nodes[scenario.start], initial, 0)
    s0 = s1 = s2 = 0
    for pick in picks:
        ending = node.ending
        if ending is not None:
            ended += 1
            total += s0 + s1 + s2
            node, values, read, path = enter(nodes[scenario.start], initial, read)
            s0 = s1 = s2 = 0
        visible = [c for c in node.choices if c.condition is None or c.condition.evaluate(values)]
        for choice in visible:
            read += len(choice.text)
        timer = node.timer
        move = timer if pick % 7 == 0 and timer is not None else visible[pick % len(visible)]
        if move.assignments:
            updated = list(values)
            for assignment in move.assignments:
                updated[assignment.index] = assignment.expression.evaluate(tuple(updated))
            values = tuple(updated)
        d = move.scores
        s0, s1, s2 = s0 + d[0], s1 + d[1], s2 + d[2]
        node, values, read, entered = enter(nodes[move.goto], values, read)
        path += entered
        ending = node.ending
        if ending is not None:
            e = ending.scores
            s0, s1, s2 = s0 + e[0], s1 + e[1], s2 + e[2]
    return ended, total, read, path


def engine_row(mode: Mode) -> Measured:
    scenario = big_scenario(ENGINE_NODES, flags=3, timers=True)
    picks = _picks(mode.size(ENGINE_STEPS, 2_000))
    ratios = alternate(
        in_thread(lambda: engine_walk(scenario, picks)),
        in_thread(lambda: floor_walk(scenario, picks)),
        mode.rounds_or(15),
    )
    return ratio_result(ratios, ENGINE_GOAL)


_PEAK_SCRIPT = """
import resource, sys
from benchmarks.generated import big_scenario
from game.core.analysis import analyze
scenario = big_scenario({nodes}, flags={flags})
analysis = analyze(scenario)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(analysis.states, int(not analysis.approximate), peak_kb)
"""


def analysis_row(mode: Mode) -> Measured:
    from game.core.analysis import analyze

    nodes = mode.size(ANALYSIS_NODES, 300)
    scenario = big_scenario(nodes, flags=ANALYSIS_FLAGS)
    analysis = analyze(scenario)
    seconds = Spread.of(repeat(in_thread(lambda: analyze(scenario)), mode.rounds_or(5, 1)))
    script = _PEAK_SCRIPT.format(nodes=nodes, flags=ANALYSIS_FLAGS)
    _, output = child_cpu_ns([sys.executable, "-c", script], child_env())
    states, exact, peak_kb = (int(x) for x in output.split())
    assert states == analysis.states, "the child analysed a different scenario"
    peak_mb = peak_kb / 1024
    met = bool(exact) and seconds.median <= ANALYSIS_GOAL_S and peak_mb <= ANALYSIS_GOAL_MB
    return Measured(
        f"{states:,} states, {'exact' if exact else 'APPROXIMATE'}, "
        f"{seconds.seconds_text()}, peak {peak_mb:.0f} MB",
        met,
    )


def rows() -> list[Row]:
    run: Callable[[Mode], Measured]
    table: list[Row] = []
    for row_id, what, goal, run in (
        (
            "engine",
            f"engine / equal-work walk ({ENGINE_NODES:,} nodes)",
            f"≤ {ENGINE_GOAL}×",
            engine_row,
        ),
        (
            "analysis",
            f"exact analysis, {ANALYSIS_NODES:,} nodes with {ANALYSIS_FLAGS} flags",
            f"exact, ≤ {ANALYSIS_GOAL_S:g} s and ≤ {ANALYSIS_GOAL_MB:g} MB",
            analysis_row,
        ),
    ):
        table.append(Row(row_id, "core", what, goal, run))
    return table
