"""The benchmark harness: A against B in alternating rounds, on a CPU clock.

On a machine shared with other work, a wall clock measures the machine's load
as much as the code, and timing all of A before all of B lets the load change
in between. So every comparison here:

- times A and B once each per round, swapping which goes first every round;
- reads a CPU clock: this thread's (`time.thread_time_ns`) for work done in
  the process, a child's own rusage (`os.wait4`) for a command started per
  run, and a database server's processes (`/proc/PID/schedstat`) for queries;
- reports the median of the per-round ratios A / B with the lowest and the
  highest, and the load average while it ran;
- checks that both sides produced the same thing (a floor that does less work
  would flatter A), wherever the sides can say what they produced.

A row whose goal is absolute (a board in under 1 ms) times A alone the same
way and reports the median per operation over the rounds.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NS_PER_S = 1_000_000_000

# One run of one side: (CPU nanoseconds it used, what it produced or None).
Sample = tuple[int, object]
Side = Callable[[], Sample]


class SameWorkError(AssertionError):
    """The two sides of a comparison produced different things, so the ratio means nothing."""


@dataclass(frozen=True, slots=True)
class Spread:
    """The median of some per-round figures, with the lowest and the highest."""

    median: float
    low: float
    high: float
    rounds: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ValueError("no rounds were timed")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def ratio_text(self) -> str:
        return f"{self.median:.2f}× (min {self.low:.2f}, max {self.high:.2f}, {self.rounds} rounds)"

    def ms_text(self) -> str:
        return (
            f"{self.median * 1e3:.3f} ms (min {self.low * 1e3:.3f}, "
            f"max {self.high * 1e3:.3f}, {self.rounds} rounds)"
        )

    def seconds_text(self) -> str:
        return (
            f"{self.median:.2f} s (min {self.low:.2f}, max {self.high:.2f}, {self.rounds} rounds)"
        )


@dataclass(frozen=True, slots=True)
class Measured:
    """What a row found: its figures in words, and whether the goal is met (None: not measured)."""

    figures: str
    met: bool | None


@dataclass
class Mode:
    """How thoroughly to measure. `quick` is for checking the harness itself, not the code."""

    quick: bool = False
    rounds: int | None = None  # overrides every row's own number of rounds
    cleanup: ExitStack = field(default_factory=ExitStack)
    shared: dict[str, Any] = field(default_factory=dict)  # made once, used by several rows
    _scratch: Path | None = None

    def rounds_or(self, full: int, quick: int = 3) -> int:
        if self.rounds is not None:
            return self.rounds
        return quick if self.quick else full

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    def environ(self, **values: str) -> None:
        """Set environment variables for this run; the old values come back when it ends."""
        for name, value in values.items():
            self.cleanup.callback(_restore, name, os.environ.get(name))
            os.environ[name] = value

    @property
    def scratch(self) -> Path:
        """A temporary folder for this run's files, deleted when the run ends."""
        if self._scratch is None:
            folder = self.cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix="rapport-bench-")
            )
            self._scratch = Path(folder)
        return self._scratch


def _restore(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@dataclass(frozen=True, slots=True)
class Row:
    """One line of `make bench`: what is measured, its goal, and how to measure it."""

    id: str  # what to type after `python -m benchmarks` to run it alone
    group: str  # the bench module it belongs to (core, loader, store, ui, startup)
    what: str
    goal: str
    run: Callable[[Mode], Measured]


# -- sides -------------------------------------------------------------------------------------
def in_thread(work: Callable[[], object]) -> Side:
    """A side that runs `work` in this thread and reads this thread's CPU clock.

    The cycle collector runs before the clock starts, so one side's garbage is
    not collected on the other side's time.
    """

    def side() -> Sample:
        gc.collect()
        started = time.thread_time_ns()
        produced = work()
        return time.thread_time_ns() - started, produced

    return side


def child_cpu_ns(
    command: Sequence[str], env: dict[str, str] | None = None, expect: str | None = None
) -> tuple[int, str]:
    """Run `command` to its end; its own CPU time (user + system, from wait4) and its output.

    `expect` must appear in the output, so a command that failed early (and
    cheaply) cannot pass for a fast one.
    """
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            list(command), stdout=subprocess.PIPE, stderr=errors, env=env, cwd=ROOT
        )
        assert process.stdout is not None
        output = process.stdout.read().decode("utf-8", "replace")
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0 or (expect is not None and expect not in output):
            errors.seek(0)
            told = errors.read().decode("utf-8", "replace").strip()[-2000:]
            wanted = f" instead of {expect!r}" if expect is not None else ""
            raise RuntimeError(
                f"{' '.join(command)} exited with {process.returncode} and printed "
                f"{output[-300:]!r}{wanted}; stderr: {told}"
            )
    return round((usage.ru_utime + usage.ru_stime) * NS_PER_S), output


def in_child(
    command: Sequence[str], env: dict[str, str] | None = None, expect: str | None = None
) -> Side:
    """A side that starts `command` once and reads the child's own CPU time."""

    def side() -> Sample:
        spent, _ = child_cpu_ns(command, env, expect)
        return spent, None

    return side


def child_env(**extra: str) -> dict[str, str]:
    """This environment for a child, with bytecode caching allowed as on a player's computer."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# -- timing --------------------------------------------------------------------------------------
def alternate(a: Side, b: Side, rounds: int, *, same_work: bool = True) -> list[float]:
    """Per-round CPU ratios A / B; A runs first in even rounds, B first in odd ones.

    With `same_work`, both sides must produce equal things every round.
    """
    ratios: list[float] = []
    for round_number in range(rounds):
        if round_number % 2 == 0:
            spent_a, made_a = a()
            spent_b, made_b = b()
        else:
            spent_b, made_b = b()
            spent_a, made_a = a()
        if same_work and made_a != made_b:
            raise SameWorkError(f"A produced {made_a!r} but its floor produced {made_b!r}")
        ratios.append(spent_a / max(1, spent_b))
    return ratios


def repeat(side: Side, rounds: int, per_round: int = 1) -> list[float]:
    """CPU seconds per operation in each round, for goals in absolute time."""
    return [side()[0] / NS_PER_S / per_round for _ in range(rounds)]


def ratio_result(ratios: Sequence[float], goal: float) -> Measured:
    spread = Spread.of(ratios)
    return Measured(spread.ratio_text(), spread.median <= goal)


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


# -- running rows ----------------------------------------------------------------------------
def select(rows: Sequence[Row], names: Iterable[str]) -> list[Row]:
    """The rows named: by id, by id prefix (`frame` for every frame row) or by group."""
    wanted = list(names)
    if not wanted:
        return list(rows)
    unknown = [
        n
        for n in wanted
        if not any(r.id == n or r.group == n or r.id.startswith(f"{n}-") for r in rows)
    ]
    if unknown:
        known = ", ".join(sorted({r.id for r in rows} | {r.group for r in rows}))
        raise KeyError(f"no benchmark row is called {', '.join(unknown)}; choose from {known}")
    return [
        r
        for r in rows
        if any(r.id == n or r.group == n or r.id.startswith(f"{n}-") for n in wanted)
    ]


def verdict(met: bool | None) -> str:
    return {True: "met", False: "NOT MET", None: "not measured"}[met]


def run_rows(rows: Sequence[Row], mode: Mode, out: Callable[[str], None] = print) -> list[Measured]:
    """Run each row and print one line for it; a row that fails prints why and the rest go on."""
    results: list[Measured] = []
    width = max((len(r.id) for r in rows), default=0)
    for row in rows:
        try:
            measured = row.run(mode)
        except Exception as error:  # a broken row must not hide the others' figures
            measured = Measured(f"failed: {type(error).__name__}: {error}", None)
        results.append(measured)
        out(
            f"{row.id:<{width}}  {row.what}: {measured.figures}; goal {row.goal}: "
            f"{verdict(measured.met)} (load {load_average():.2f})"
        )
        sys.stdout.flush()
    return results
