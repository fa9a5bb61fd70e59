"""`rapport play --player` sends each playthrough's learning records after the debrief: to a
real LRS (Ralph), whole and once, even when the LRS was down while it was played."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.loader import DEFAULT_SCENARIOS_DIR, Library, load_library
from game.store import SQLAlchemyResultsStore
from tests.lrs.arrival import check_arrived_once
from tests.lrs.lrs_server import PASSWORD, USERNAME, RalphServer, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAPPORT_DB", f"sqlite:///{tmp_path / 'results.db'}")
    return tmp_path / "home"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(DEFAULT_SCENARIOS_DIR)


def best(library: Library, scenario: str) -> str:
    found = library.analyses[scenario].best
    assert found is not None
    return ",".join(str(d) for d in found)


def play_in_a_terminal(scenario: str, choices: str) -> subprocess.CompletedProcess[str]:
    """`python -m game play` in its own process, as a trainer's script would run it."""
    return subprocess.run(
        [sys.executable, "-m", "game", "play", scenario, "--choices", choices, "--player", "Zoé"],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.needs("ralph")
def test_terminal_playthroughs_arrive_in_the_lrs_once_after_it_was_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    server = RalphServer(tmp_path / "ralph")  # set up, not started: the LRS is down
    monkeypatch.setenv("RAPPORT_LRS", server.endpoint)
    monkeypatch.setenv("RAPPORT_LRS_USERNAME", USERNAME)
    monkeypatch.setenv("RAPPORT_LRS_PASSWORD", PASSWORD)
    try:
        first = play_in_a_terminal("loaner-counter", best(library, "loaner-counter"))
        assert first.returncode == 0, first.stderr
        assert "Recorded the result for Zoé" in first.stdout
        [notice] = [line for line in first.stderr.splitlines() if "learning records" in line]
        assert notice.startswith("The learning records wait on this computer: ")
        assert "cannot be reached" in notice
        assert notice.endswith("1 playthrough goes with the next one or `rapport lrs send`.")
        assert first.stdout.index("Grade") < first.stdout.index("Recorded the result")
        assert PASSWORD not in first.stdout + first.stderr

        server.start()
        second = CliRunner().invoke(
            cli, ["play", "first-date", "--choices", best(library, "first-date"), "--player", "Zoé"]
        )
        assert second.exit_code == 0, second.output
        assert "learning records" not in second.output  # sent: nothing to say

        store = SQLAlchemyResultsStore(os.environ["RAPPORT_DB"], outbox_path=tmp_path / "outbox")
        try:
            records = list(store.all_results())
            assert [(r.scenario, r.module) for r in records] == [
                ("loaner-counter", "outcomes-not-transactions"),
                ("first-date", "anticipate-the-need"),
            ]
            check_arrived_once(server, store, library, records)
        finally:
            store.close()
        again = CliRunner().invoke(cli, ["lrs", "send"])
        assert again.exit_code == 0 and "Sent 0 statements from 0 playthroughs" in again.output
    finally:
        server.stop()


def test_an_unreachable_lrs_or_a_wrong_setting_never_stops_the_result(
    monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    choices = best(library, "first-date")
    monkeypatch.setenv("RAPPORT_LRS", f"http://127.0.0.1:{free_port()}/xapi/")
    done = CliRunner().invoke(cli, ["play", "first-date", "--choices", choices, "--player", "Ana"])
    assert done.exit_code == 0, done.output
    assert "Recorded the result for Ana" in done.stdout
    assert "The learning records wait on this computer" in done.stderr
    monkeypatch.setenv("RAPPORT_LRS_IDENTITY", "email")  # without its list of addresses
    done = CliRunner().invoke(
        cli, ["play", "first-date", "--choices", choices, "--player", "Ana", "--json"]
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("{")  # standard output stays one JSON object
    assert "Warning: Learning records are not sent: " in done.stderr
    assert "RAPPORT_LRS_ADDRESSES" in done.stderr
