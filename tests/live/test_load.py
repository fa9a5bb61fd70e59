"""200 phones over real WebSockets against a real `rapport host` process on 127.0.0.1.

Asserts what must hold under load: every result recorded exactly once, none
lost, every phone told its place. Timing is only bounded generously here to
prove liveness; benchmarks/bench_live.py measures the latencies.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.store import SQLAlchemyResultsStore
from tests.live.crowd import percentile, room
from tests.live.support import UMBRELLA

ROOT = Path(__file__).parents[2]
PLAYERS = 200
LIVENESS_S = 5.0  # seconds: far above the targets, only proves nobody waits forever


@pytest.mark.slow
def test_two_hundred_phones_each_recorded_once(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "umbrella-stand.yaml").write_text(UMBRELLA, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'results.db'}"
    env = {**os.environ, "RAPPORT_HOME": str(tmp_path / "home")}
    env.pop("RAPPORT_DB", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "host",
            "umbrella-stand",
            "--scenarios",
            str(folder),
            "--json",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            db,
            "--max-players",
            str(PLAYERS),
            "--session",
            "Load",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        port = int(info["url"].rsplit(":", 1)[1].strip("/"))
        phones = asyncio.run(room(port, info["code"], PLAYERS, [2, 2, 1]))
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=120)
        err = process.stderr.read() if process.stderr else ""
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert code == 0, err
    assert all(not p.errors for p in phones), [p.errors for p in phones if p.errors][:3]
    assert all(p.result is not None and p.result["ending"] == "happy" for p in phones)
    assert sum(p.rejoined for p in phones) > 20  # some phones really dropped and came back
    store = SQLAlchemyResultsStore(db, outbox_path=tmp_path / "outbox")
    try:
        records = list(store.all_results())
        board = store.leaderboard(session="Load", scenario="umbrella-stand", limit=1000)
    finally:
        store.close()
    per_player = Counter(r.player for r in records)
    assert len(records) == PLAYERS and set(per_player.values()) == {1}
    assert {r.decisions for r in records} == {(2, 2, 1)}
    assert len(board) == PLAYERS
    latencies = [s for p in phones for s in p.latencies]
    assert len(latencies) == 3 * PLAYERS
    assert percentile(latencies, 0.95) < LIVENESS_S
    delays = [p.board_delay for p in phones if p.board_delay is not None]
    assert len(delays) == PLAYERS and max(delays) < LIVENESS_S
    assert f"{PLAYERS} results recorded" in err
