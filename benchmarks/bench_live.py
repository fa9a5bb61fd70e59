"""Benchmark of a live session: N phones against a real `rapport host` process on 127.0.0.1.

Run: `.venv/bin/python benchmarks/bench_live.py [--players N] [--rounds N] [--think S]`.
Each round starts `rapport host` on a fresh SQLite database, plays N phones at
once over real WebSockets (each from its own 127.0.0.x address, one in five
dropping and rejoining mid-scenario) and reports:

- players served: results in the database for the session, out of N;
- latency from a `choose` to the next `view` (p50, p95, p99, max), seen by the phones;
- board freshness: from a phone's result to its place, which arrives with the
  board update the projector gets;
- the server's CPU time per player: in all (start-up included) and for serving
  alone (after it accepts connections; Linux, from /proc), and the phones' own CPU
  time per player (the load generator shares the machine with the server).

Figures are the median over rounds, with the min and max. `make bench ROWS=live`
runs it as one row of the harness (its goals: every result recorded, a p95 under
50 ms and the board current within 1 s); run alone it prints every figure.
These are wall-clock latencies as a phone sees them, by nature: the server's
CPU per player is reported beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

if __package__ in (None, ""):  # run as a file: `python benchmarks/bench_live.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import Measured, Mode, Row

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "loaner-counter"  # a shipped scenario; the phones take its best playthrough
WAIT_S = 60.0  # seconds one phone waits for a message before it counts as lost


@dataclass
class Phone:
    name: str
    address: str
    latencies: list[float] = field(default_factory=list)
    board_delay: float | None = None
    served: bool = False


async def _receive(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT_S))
    return message


async def _open(port: int, phone: Phone) -> ClientConnection:
    return await connect(f"ws://127.0.0.1:{port}/ws", local_addr=(phone.address, 0))


async def _until(socket: ClientConnection, kind: str) -> dict[str, Any]:
    while True:
        message = await _receive(socket)
        if message["type"] == kind:
            return message


async def _play(
    port: int, code: str, phone: Phone, choices: list[int | str], think_s: float, drop: bool
) -> None:
    chance = random.Random(phone.name)
    socket = await _open(port, phone)
    try:
        await socket.send(
            json.dumps({"type": "join", "code": code, "name": phone.name, "token": None})
        )
        token = (await _until(socket, "welcome"))["token"]
        view = await _until(socket, "view")
        for step, number in enumerate(choices):
            if drop and step == 1:
                await socket.close()
                socket = await _open(port, phone)
                join = {"type": "join", "code": code, "name": phone.name, "token": token}
                await socket.send(json.dumps(join))
                view = await _until(socket, "view")
            await asyncio.sleep(chance.uniform(0, think_s))
            sent = time.perf_counter()
            if number == "t":  # the shipped best playthroughs never wait out a timer
                raise ValueError("a timer in the benchmark's playthrough")
            await socket.send(json.dumps({"type": "choose", "seq": view["seq"], "number": number}))
            while True:
                message = await _receive(socket)
                if message["type"] == "view" and message["seq"] == view["seq"] + 1:
                    phone.latencies.append(time.perf_counter() - sent)
                    view = message
                    break
        await _until(socket, "result")
        finished = time.perf_counter()
        await _until(socket, "place")
        phone.board_delay = time.perf_counter() - finished
    finally:
        await socket.close()


def _best_choices() -> list[int | str]:
    from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario

    report = load_scenario(DEFAULT_SCENARIOS_DIR / f"{SCENARIO}.yaml")
    assert report.analysis is not None and report.analysis.best is not None
    return list(report.analysis.best)


def _round(players: int, think_s: float, choices: list[int | str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{Path(folder) / 'results.db'}"
        env = {**os.environ, "RAPPORT_HOME": str(Path(folder) / "home")}
        env.pop("RAPPORT_DB", None)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "host",
                SCENARIO,
                "--json",
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--db",
                db,
                "--max-players",
                str(players),
                "--session",
                "Bench",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        start_up = _cpu_s(process.pid)  # the server accepts connections: start-up is done
        port = int(info["url"].rsplit(":", 1)[1].strip("/"))
        chance = random.Random(players)
        phones = [
            Phone(f"Player {n:04d}", f"127.0.{1 + n // 250}.{2 + n % 250}") for n in range(players)
        ]

        async def everyone() -> None:
            await asyncio.gather(
                *(
                    _play(port, info["code"], phone, choices, think_s, chance.random() < 0.2)
                    for phone in phones
                )
            )

        started = time.perf_counter()
        own = resource.getrusage(resource.RUSAGE_SELF)
        asyncio.run(everyone())
        wall = time.perf_counter() - started
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=300)
        process.stdout.close()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        from game.store import SQLAlchemyResultsStore

        store = SQLAlchemyResultsStore(db, outbox_path=Path(folder) / "outbox")
        try:
            records = [r for r in store.all_results() if r.session == "Bench"]
        finally:
            store.close()
    served = len({r.player for r in records})
    latencies = sorted(s for p in phones for s in p.latencies)
    delays = sorted(p.board_delay for p in phones if p.board_delay is not None)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    serving = cpu - start_up if start_up is not None else float("nan")
    phones_cpu = (own_after.ru_utime + own_after.ru_stime) - (own.ru_utime + own.ru_stime)

    def pick(values: list[float], share: float) -> float:
        return values[min(len(values) - 1, round(share * (len(values) - 1)))] * 1000

    return {
        "served": served,
        "recorded": len(records),
        "p50_ms": pick(latencies, 0.50),
        "p95_ms": pick(latencies, 0.95),
        "p99_ms": pick(latencies, 0.99),
        "max_ms": latencies[-1] * 1000,
        "board_p50_ms": pick(delays, 0.50),
        "board_p95_ms": pick(delays, 0.95),
        "board_max_ms": delays[-1] * 1000,
        "server_cpu_ms_per_player": cpu * 1000 / players,
        "serving_cpu_ms_per_player": serving * 1000 / players,
        "phones_cpu_ms_per_player": phones_cpu * 1000 / players,
        "wall_s": wall,
    }


def _cpu_s(pid: int) -> float | None:
    """CPU seconds a running process has used so far (Linux's /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


P95_GOAL_MS = 50.0  # from a choose to the next view, as the phones see it
BOARD_GOAL_MS = 1000.0  # from a result to the board that shows it


def live_row(mode: Mode) -> Measured:
    players = mode.size(200, 10)
    choices = _best_choices()
    rounds = [_round(players, 2.0, choices) for _ in range(mode.rounds_or(3, 1))]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    p95 = [r["p95_ms"] for r in rounds]
    served = min(r["served"] for r in rounds)
    recorded = max(r["recorded"] for r in rounds)
    figures = (
        f"{served:.0f}/{players} served, {recorded:.0f} recorded; choose→view p95 "
        f"{median('p95_ms'):.1f} ms (min {min(p95):.1f}, max {max(p95):.1f}), "
        f"p50 {median('p50_ms'):.1f} ms; board p95 {median('board_p95_ms'):.0f} ms; "
        f"server CPU {median('server_cpu_ms_per_player'):.1f} ms per player "
        f"({median('serving_cpu_ms_per_player'):.1f} serving)"
    )
    met = (
        served == players
        and recorded == players
        and median("p95_ms") <= P95_GOAL_MS
        and median("board_p95_ms") <= BOARD_GOAL_MS
    )
    return Measured(figures, met)


def rows() -> list[Row]:
    return [
        Row(
            "live",
            "live",
            "200 phones against rapport host over WebSockets (think time up to 2 s)",
            f"all served once, p95 ≤ {P95_GOAL_MS:.0f} ms, board ≤ {BOARD_GOAL_MS / 1000:.0f} s",
            live_row,
        )
    ]


def main(argv: list[str] | None = None) -> dict[str, tuple[float, float, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--think", type=float, default=2.0, help="most seconds a phone thinks before a choice"
    )
    args = parser.parse_args(
        argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else []
    )
    choices = _best_choices()
    rounds = [_round(args.players, args.think, choices) for _ in range(args.rounds)]
    figures: dict[str, tuple[float, float, float]] = {}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"live session: {args.players} phones, {len(choices)} decisions each, "
        f"think time up to {args.think:g} s, {args.rounds} rounds (median [min, max]); "
        f"{os.cpu_count()} cores, load average {load:.1f} at the end"
    )
    for key in rounds[0]:
        values = [r[key] for r in rounds]
        figures[key] = (statistics.median(values), min(values), max(values))
        median, low, high = figures[key]
        print(f"  {key:<26}{median:10.1f}   [{low:.1f}, {high:.1f}]")
    return figures


if __name__ == "__main__":
    main()
