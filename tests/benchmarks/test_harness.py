"""The benchmark harness: alternating rounds, CPU clocks, same-work checks and row selection.

These check that the harness measures what it says, never how fast the code is
(speed is what `make bench` reports).
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stdout

import pytest

from benchmarks.__main__ import all_rows, main
from benchmarks.bench_core import _picks, engine_walk, floor_walk
from benchmarks.generated import big_scenario
from benchmarks.harness import (
    Measured,
    Mode,
    Row,
    SameWorkError,
    Spread,
    alternate,
    child_cpu_ns,
    run_rows,
    select,
)


def fake_side(name: str, spent: int, calls: list[str], produced: object = "same"):  # type: ignore[no-untyped-def]
    def side() -> tuple[int, object]:
        calls.append(name)
        return spent, produced

    return side


def test_rounds_alternate_which_side_goes_first_and_keep_every_ratio() -> None:
    calls: list[str] = []
    ratios = alternate(fake_side("A", 300, calls), fake_side("B", 100, calls), 4)
    assert calls == ["A", "B", "B", "A", "A", "B", "B", "A"]
    assert ratios == [3.0, 3.0, 3.0, 3.0]


def test_a_floor_that_produces_something_else_is_refused() -> None:
    with pytest.raises(SameWorkError, match="floor produced"):
        alternate(fake_side("A", 1, [], "seven"), fake_side("B", 1, [], "six"), 1)


def test_spread_is_the_median_with_the_lowest_and_highest() -> None:
    spread = Spread.of([1.4, 1.0, 9.0, 1.2, 1.1])
    assert (spread.median, spread.low, spread.high, spread.rounds) == (1.2, 1.0, 9.0, 5)
    assert spread.ratio_text() == "1.20× (min 1.00, max 9.00, 5 rounds)"


def test_a_child_is_timed_by_its_own_cpu_time() -> None:
    burn = "import time\nwhile time.process_time() < 0.2: pass\nprint('done')"
    spent, output = child_cpu_ns([sys.executable, "-c", burn], expect="done")
    assert spent >= 0.2e9  # it used at least what it measured itself
    assert output.strip() == "done"


def test_a_child_that_fails_or_prints_the_wrong_thing_is_not_a_fast_run() -> None:
    with pytest.raises(RuntimeError, match="exited with 3"):
        child_cpu_ns([sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(RuntimeError, match="first frame"):
        child_cpu_ns([sys.executable, "-c", "print('oops')"], expect="first frame")


def test_rows_are_chosen_by_id_prefix_or_group() -> None:
    rows = all_rows()
    assert [r.id for r in select(rows, ["engine"])] == ["engine"]
    assert {r.id for r in select(rows, ["frame"])} == {
        f"frame-{screen}-{height}"
        for screen in ("conversation", "meeting", "debrief")
        for height in (720, 1080)
    }
    assert {r.group for r in select(rows, ["store"])} == {"store"}
    with pytest.raises(KeyError, match="no benchmark row is called nope"):
        select(rows, ["nope"])


def test_every_goal_of_the_table_has_a_row() -> None:
    ids = {r.id for r in all_rows()}
    assert {
        "engine",
        "analysis",
        "frame-conversation-720",
        "frame-meeting-720",
        "frame-debrief-720",
        "startup-window",
        "startup-help",
        "startup-validate",
        "startup-play",
        "reload",
        "board-module-sqlite",
        "board-module-postgres",
        "board-scenario-postgres",
        "record-sqlite",
        "record-postgres",
        "memory",
    } <= ids


def test_a_row_that_breaks_says_so_and_the_others_still_run() -> None:
    def broken(mode: Mode) -> Measured:
        raise ValueError("no database")

    rows = [
        Row("broken", "test", "something", "≤ 1×", broken),
        Row("fine", "test", "something else", "≤ 2×", lambda mode: Measured("1.50×", True)),
    ]
    lines: list[str] = []
    run_rows(rows, Mode(quick=True), lines.append)
    assert "failed: ValueError: no database" in lines[0] and "not measured" in lines[0]
    assert lines[1].startswith("fine") and ": met (load" in lines[1]


def test_the_engine_floor_walks_the_same_path_as_the_engine() -> None:
    scenario = big_scenario(200, flags=3, timers=True)
    picks = _picks(3_000)
    seen = engine_walk(scenario, picks)
    assert seen == floor_walk(scenario, picks)
    assert seen[0] > 10  # it went through many playthroughs, timers included


def test_quick_run_prints_one_line_per_row_with_its_goal_and_verdict() -> None:
    chosen = [
        "engine",
        "analysis",
        "reload",
        "frame-conversation-720",
        "startup-help",
        "board-scenario-sqlite",
        "record-sqlite",
    ]
    out = io.StringIO()
    before = dict(os.environ)
    with redirect_stdout(out):
        assert main(["--quick", "--rounds", "2", *chosen]) == 0
    assert dict(os.environ) == before  # the rows' scratch folders and drivers are put back
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("# ") and "quick" in lines[0]
    body = lines[1:]
    assert [line.split()[0] for line in body] == [r.id for r in select(all_rows(), chosen)]
    for line in body:
        assert "failed" not in line, line
        assert "; goal " in line and "(load " in line
        assert line.split("; goal ")[1].split(": ")[1].startswith(("met", "NOT MET")), line
