"""Engine and analysis speed on generated scenarios, against bare floors.

- engine: choices per second stepping a 1,000-node scenario with conditions,
  and the ratio to a bare dict walk of the same graph and the same decisions;
- analysis: seconds to analyse a 10,000-node scenario with three flags;
- surface cues: seconds to play every naive strategy and random play on it
  (what `rapport validate` adds to a load), and the ratio to the analysis.
"""

from __future__ import annotations

import random
import time

from benchmarks.generated import big_scenario
from game.core.analysis import analyze
from game.core.engine import Playthrough
from game.core.surface import surface_report

STEPS = 200_000  # choices per engine run
RUNS = 5  # best of


def _decisions(scenario: object, steps: int) -> list[int]:
    """A fixed random sequence of visible-choice numbers, replayable by both walks."""
    rng = random.Random(1)
    return [rng.randint(1, 3) for _ in range(steps)]


def engine_run(scenario, picks: list[int]) -> int:  # type: ignore[no-untyped-def]
    playthrough = Playthrough(scenario)
    steps = 0
    for pick in picks:
        if playthrough.finished:
            playthrough = Playthrough(scenario)
        visible = len(playthrough.choices)
        playthrough.choose(1 + (pick - 1) % visible)
        steps += 1
    return steps


def dict_walk(graph: dict[str, list[str]], start: str, picks: list[int]) -> int:
    node = start
    steps = 0
    for pick in picks:
        targets = graph[node]
        if not targets:
            node = start
            targets = graph[node]
        node = targets[(pick - 1) % len(targets)]
        steps += 1
    return steps


def best_of(function, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    scenario = big_scenario(1_000)
    picks = _decisions(scenario, STEPS)
    graph = {n.id: [c.goto for c in n.choices] for n in scenario.nodes.values()}
    engine_s = best_of(engine_run, scenario, picks)
    floor_s = best_of(dict_walk, graph, scenario.start, picks)
    print(
        f"engine: {STEPS / engine_s:,.0f} choices/s on 1,000 nodes "
        f"(target 300,000); engine / dict walk = {engine_s / floor_s:.1f}"
    )

    large = big_scenario(10_000)
    began = time.perf_counter()
    analysis = analyze(large)
    elapsed = time.perf_counter() - began
    print(
        f"analysis: 10,000 nodes, {analysis.states:,} states in {elapsed:.2f} s "
        f"(target under 1 s; exact: {not analysis.approximate})"
    )
    assert analysis.ranges is not None
    began = time.process_time()
    report = surface_report(large, analysis.ranges)
    surface_s = time.process_time() - began
    print(
        f"surface cues: {len(report.runs)} strategies and random play on the same "
        f"scenario in {surface_s:.2f} s CPU (analysis x {surface_s / elapsed:.1f})"
    )


if __name__ == "__main__":
    main()
