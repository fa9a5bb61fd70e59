"""The database going away during a live session: results wait in the outbox, arrive once.

The fault is real: another program holds SQLite's write lock (as a backup
tool or a second writer can), so the store's writes fail and it keeps results
in its outbox. The room plays on; when the lock goes, the outbox is sent.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from game.store import SQLAlchemyResultsStore
from tests.live.conftest import StartHost
from tests.live.phones import Phone, run
from tests.live.support import eventually, umbrella_plan


def patient_store(path: Path, outbox: Path) -> SQLAlchemyResultsStore:
    """A store that gives up on a locked database quickly (the defaults wait seconds)."""
    return SQLAlchemyResultsStore(
        f"sqlite:///{path}", outbox_path=outbox, busy_timeout_s=0.05, attempts=2, backoff_s=0.01
    )


async def finish(port: int, code: str, name: str) -> None:
    phone = await Phone.open(port)
    await phone.join(code, name)
    await phone.until("view", seq=1)
    for number in (2, 2, 1):
        await phone.choose(number)
    await phone.until("result")


def test_results_wait_in_the_outbox_while_the_database_is_away(
    start_host: StartHost, tmp_path: Path
) -> None:
    path, outbox = tmp_path / "team.db", tmp_path / "team-outbox"
    store = patient_store(path, outbox)
    host = start_host(umbrella_plan(), results=store)
    port, code = host.info.port, host.info.code
    run(finish(port, code, "Ana"))
    assert eventually(lambda: host.recording().stored == 1)
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # the database is away for writers
    try:
        run(finish(port, code, "Ben"))

        async def drop_and_finish() -> None:
            cy = await Phone.open(port)
            token = (await cy.join(code, "Cy"))["token"]
            await cy.until("view", seq=1)
            await cy.choose(2)
            await cy.socket.close()
            again = await Phone.open(port)
            await again.join(code, "Cy", token=token)
            await again.until("view", seq=2)
            await again.choose(2)
            await again.choose(1)
            await again.until("result")

        run(drop_and_finish())
        assert eventually(lambda: host.recording().queued == 2)
        status = host.recording()
        assert status.stored == 1 and status.outbox and status.database
        assert len(list(outbox.glob("*.json"))) == 2
    finally:
        lock.rollback()
        lock.close()
    assert eventually(lambda: len(list(store.all_results())) == 3, timeout=30)
    assert eventually(lambda: not host.recording().outbox, timeout=30)
    report = host.stop(timeout_s=60)
    assert report.finished
    players = Counter(r.player for r in store.all_results())
    assert players == {"Ana": 1, "Ben": 1, "Cy": 1}
    assert list(outbox.glob("*.json")) == []


def test_ending_while_the_database_is_away_keeps_every_result(
    start_host: StartHost, tmp_path: Path
) -> None:
    path, outbox = tmp_path / "team.db", tmp_path / "team-outbox"
    store = patient_store(path, outbox)
    host = start_host(umbrella_plan(), results=store)
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        for name in ("Ana", "Ben"):
            run(finish(host.info.port, host.info.code, name))
        report = host.stop(timeout_s=60)  # Ctrl-C in the middle of the outage
        assert report.finished and report.recorded.queued == 2 and report.recorded.stored == 0
    finally:
        lock.rollback()
        lock.close()
    later = patient_store(path, outbox)  # the next command on this computer sends them
    try:
        assert later.flush_outbox() == 2
        assert later.flush_outbox() == 0
        assert Counter(r.player for r in later.all_results()) == {"Ana": 1, "Ben": 1}
        assert all(r.session == "Monday meeting" for r in later.all_results())
    finally:
        later.close()
