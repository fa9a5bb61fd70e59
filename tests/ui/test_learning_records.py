"""A playthrough in the window reaches a real LRS (Ralph) whole and once, even when the LRS was
down while it was played: real events through the flow, the store worker, the learning-record
outbox, then `rapport lrs send` once the LRS is up."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.core.engine import Decision
from game.loader import Library
from game.lrs.delivery import open_outbox
from game.store import SQLAlchemyResultsStore
from game.store.recording import record_playthrough
from tests.lrs.arrival import check_arrived_once, verb
from tests.lrs.lrs_server import PASSWORD, USERNAME, RalphServer
from tests.ui.conftest import MakeApp
from tests.ui.support import settle_store

MODULE = "anticipate-the-need"  # open: any of its scenarios can be picked first
PLAYED = "computer-shop"
EARLIER = ("garage-checkup", "first-date")  # played before the LRS was set up


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLAlchemyResultsStore]:
    opened = SQLAlchemyResultsStore(
        f"sqlite:///{tmp_path / 'results.db'}", outbox_path=tmp_path / "outbox"
    )
    yield opened
    opened.close()


@pytest.fixture
def lrs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RalphServer]:
    """A Ralph LRS, set up for Rapport but not started: it is down while the game is played."""
    server = RalphServer(tmp_path / "ralph")
    monkeypatch.setenv("RAPPORT_LRS", server.endpoint)
    monkeypatch.setenv("RAPPORT_LRS_USERNAME", USERNAME)
    monkeypatch.setenv("RAPPORT_LRS_PASSWORD", PASSWORD)
    try:
        yield server
    finally:
        server.stop()


def best(library: Library, scenario: str) -> list[Decision]:
    found = library.analyses[scenario].best
    assert found is not None
    return list(found)


@pytest.mark.needs("ralph")
def test_a_window_playthrough_arrives_in_the_lrs_once_after_it_was_down(
    make_app: MakeApp, shipped: Library, store: SQLAlchemyResultsStore, lrs: RalphServer
) -> None:
    for scenario in EARLIER:  # so that this playthrough completes the module
        recorded = record_playthrough(
            store,
            shipped.scenarios[scenario],
            shipped.analyses[scenario].ranges,
            best(shipped, scenario),
            player="Ana",
            seconds=60.0,
            module=MODULE,
            played_at=datetime(2025, 3, 13, 9, 0, tzinfo=UTC),
            result_id=uuid.uuid4().hex,
        )
        assert recorded.stored
    decisions = best(shipped, PLAYED)
    app = make_app(results=store, scenario=PLAYED, autoplay=tuple(decisions), mode="assess")
    app.start()
    while app.running:  # title, picker, conversation and debrief, by real key and mouse events
        app.frame()
    settle_store(app)  # the result is recorded and the LRS tried, on the store worker
    settle_store(app)
    assert app.ctx.autoplay is not None and app.ctx.autoplay.finished
    assert app.ctx.records == [(True, "Your result is recorded on the leaderboard.")]
    notices = [n.text for n in app.ctx.notices]
    assert any(
        n.startswith("Your learning records wait on this computer: ") and "cannot be reached" in n
        for n in notices
    ), notices
    waiting = list(open_outbox(lrs.endpoint).pending.entries())
    assert len(waiting) == 1
    assert lrs.stored() == []

    lrs.start()
    sent = CliRunner().invoke(cli, ["lrs", "send"])
    assert sent.exit_code == 0, sent.output
    played = [r for r in store.all_results() if r.scenario == PLAYED]
    assert [(r.player, r.module, r.decisions) for r in played] == [
        ("Ana", MODULE, tuple(decisions))
    ]
    statements = check_arrived_once(lrs, store, shipped, played, module_verdicts=1)
    assert len(lrs.stored()) == len(statements) == len(decisions) + 3
    assert [verb(s) for s in statements][-1] == "passed"  # the best of each: the module passed
    again = CliRunner().invoke(cli, ["lrs", "send"])
    assert again.exit_code == 0 and "Sent 0 statements" in again.output
    assert len(lrs.stored()) == len(statements)


def test_a_wrong_lrs_setting_is_a_notice_and_the_result_is_still_recorded(
    make_app: MakeApp,
    shipped: Library,
    store: SQLAlchemyResultsStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RAPPORT_LRS", "https://lrs.example.com/xapi/")
    monkeypatch.setenv("RAPPORT_LRS_IDENTITY", "pseudonym")  # without its key
    decisions = best(shipped, PLAYED)
    app = make_app(results=store, scenario=PLAYED, autoplay=tuple(decisions), mode="assess")
    app.start()
    while app.running:
        app.frame()
    settle_store(app)
    assert app.ctx.records == [(True, "Your result is recorded on the leaderboard.")]
    [notice] = app.ctx.notices
    assert notice.error and notice.text.startswith("Learning records are not sent: ")
    assert "RAPPORT_LRS_PSEUDONYM_KEY" in notice.text
    assert open_outbox("https://lrs.example.com/xapi/").pending.is_empty()
