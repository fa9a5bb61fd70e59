"""Leaving interactive play: end of input says goodbye (status 0), Ctrl-C stops (status 130)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.cli.player import GOODBYE

ROOT = Path(__file__).resolve().parents[2]


def test_end_of_input_says_goodbye_records_nothing_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    result = CliRunner().invoke(
        cli,
        ["play", "loaner-counter", "--text", "--player", "Ana", "--db", f"sqlite:///{db}"],
        input="1\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(GOODBYE)
    assert "Aborted" not in result.output
    assert not db.exists() or b"Ana" not in db.read_bytes()


def test_end_of_input_with_json_keeps_stdout_empty() -> None:
    result = CliRunner().invoke(cli, ["play", "loaner-counter", "--json"], input="")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert GOODBYE in result.stderr


def test_ctrl_c_stops_play_with_one_line_and_status_130(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    # As from a shell: Ctrl-C is not ignored in the child (a library in this test process
    # may have left SIGINT ignored, and an ignored signal stays ignored across exec).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    with subprocess.Popen(
        [sys.executable, "-m", "game", "play", "loaner-counter", "--text"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:  # closes the pipes at the end
        try:
            assert child.stdout is not None and child.stderr is not None
            shown = ""
            deadline = time.monotonic() + 60
            while "Your choice" not in shown and time.monotonic() < deadline:
                shown += child.stdout.read(1)
            assert "Your choice" in shown
            child.send_signal(signal.SIGINT)
            child.wait(timeout=30)  # stdin stays open, as in a terminal: only the signal ends it
            err = child.stderr.read()
        finally:
            child.kill()
    assert child.returncode == 130
    assert err.strip() == "Stopped."
