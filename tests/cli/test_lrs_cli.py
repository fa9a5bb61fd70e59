"""`rapport lrs status` and `rapport lrs send` through click's CliRunner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from game.cli import cli
from game.lrs.config import ENVIRONMENT
from game.lrs.delivery import open_outbox, queue_playthrough
from game.lrs.queue import QueuedStatements
from game.lrs.statements import StatementOptions
from tests.lrs import support
from tests.lrs.lrs_server import PASSWORD, USERNAME, RalphServer, free_port

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings and the learning-record queue in a temp folder; no LRS from the caller."""
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    yield tmp_path / "home"


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, ["lrs", *args], env=env)


LRS = "https://lrs.example.com/xapi/"


def queue_one(endpoint: str = LRS) -> int:
    scenario, result = support.play("candle-shop")
    outcome = queue_playthrough(
        open_outbox(endpoint), scenario, result, support.attempt(), StatementOptions(), now=NOW
    )
    assert outcome.queued
    return outcome.statements


def test_status_without_an_lrs_or_anything_queued() -> None:
    done = run("status")
    assert done.exit_code == 0, done.output
    assert "LRS: (none)" in done.output
    assert "set RAPPORT_LRS" in done.output
    assert "Queued: 0 statements from 0 playthroughs" in done.output
    assert "Last sent: never" in done.output


def test_status_counts_what_waits_and_lists_what_was_refused() -> None:
    count = queue_one()
    open_outbox(LRS).refused.put(
        QueuedStatements("abc123", ({"id": "x"},), NOW, "the LRS refused the POST (HTTP 400)")
    )
    done = run("status", RAPPORT_LRS=LRS)
    assert done.exit_code == 0, done.output
    assert f"LRS: {LRS}" in done.output
    assert f"Queued: {count} statements from 1 playthrough, the oldest from 2025-03-14" in (
        done.output
    )
    assert "Refused by the LRS and kept aside: 1 statement from 1 playthrough" in done.output
    assert "abc123: the LRS refused the POST (HTTP 400)" in done.output


def test_status_names_statements_that_wait_for_another_lrs() -> None:
    queue_one("https://old-lrs.example.com/xapi/")
    done = run("status", RAPPORT_LRS=LRS)
    assert done.exit_code == 0, done.output
    assert "Queued: 0 statements from 0 playthroughs" in done.output
    assert (
        "Waiting for another LRS: statements from 1 playthrough for "
        "https://old-lrs.example.com/xapi/; they go only there" in done.output
    )
    unset = run("status")
    assert "https://old-lrs.example.com/xapi/" in unset.output


def test_send_without_an_lrs_says_how_to_set_one() -> None:
    done = run("send")
    assert done.exit_code == 1
    assert "no Learning Record Store is set: set RAPPORT_LRS" in done.output


def test_send_to_an_unreachable_lrs_keeps_the_queue_and_never_shows_the_password() -> None:
    secret = "pa55-word-never-shown"
    endpoint = f"http://127.0.0.1:{free_port()}/xapi/"
    queue_one(endpoint)
    done = run("send", RAPPORT_LRS=endpoint, RAPPORT_LRS_PASSWORD=secret)
    assert done.exit_code == 1
    assert "cannot be reached" in done.output
    assert "1 playthrough stays queued and is sent next time" in done.output
    status = run("status", RAPPORT_LRS=endpoint, RAPPORT_LRS_PASSWORD=secret)
    assert "Queued: " in status.output and "from 1 playthrough" in status.output
    assert "Last attempt: " in status.output and "cannot be reached" in status.output
    assert secret not in done.output + status.output


def test_a_wrong_setting_is_an_input_error() -> None:
    done = run("status", RAPPORT_LRS_IDENTITY="pseudonym")
    assert done.exit_code == 1
    assert "secret key" in done.output


def test_the_lrs_commands_are_in_the_rapport_group() -> None:
    done = CliRunner().invoke(cli, ["--help"])
    assert "lrs" in done.output
    assert "status" in CliRunner().invoke(cli, ["lrs", "--help"]).output


@pytest.mark.needs("ralph")
def test_send_delivers_to_a_real_lrs_and_status_says_when(tmp_path: Path) -> None:
    server = RalphServer(tmp_path / "ralph")
    count = queue_one(server.endpoint)
    server.start()
    try:
        env = {
            "RAPPORT_LRS": server.endpoint,
            "RAPPORT_LRS_USERNAME": USERNAME,
            "RAPPORT_LRS_PASSWORD": PASSWORD,
        }
        done = run("send", **env)
        assert done.exit_code == 0, done.output
        assert f"Sent {count} statements from 1 playthrough to {server.endpoint}." in done.output
        assert len(server.stored()) == count
        status = run("status", **env)
        assert "Queued: 0 statements from 0 playthroughs" in status.output
        assert f"({count} statements)" in status.output
        assert "Last sent: never" not in status.output
        assert PASSWORD not in done.output + status.output
    finally:
        server.stop()
