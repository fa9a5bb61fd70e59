"""Against a real LRS (Ralph): every statement is accepted, stored and reads back equal; a
malformed one is refused; a playthrough sent twice is stored once; statements queued while
the LRS was down arrive once it is back.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from game.lrs.client import LrsClient
from game.lrs.config import LrsConfig
from game.lrs.delivery import LrsOutbox, deliver, open_outbox, queue_playthrough
from game.lrs.errors import LrsRefused
from game.lrs.identity import IdentityPolicy
from game.lrs.queue import QueuedStatements
from game.lrs.statements import StatementOptions, playthrough_statements
from tests.lrs import support
from tests.lrs.lrs_server import PASSWORD, USERNAME, RalphServer

pytestmark = pytest.mark.needs("ralph")

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
ADDED_BY_THE_LRS = {"stored", "authority"}
IDENTITIES = [
    StatementOptions(),
    StatementOptions(IdentityPolicy("email", addresses={"zoé martin": "zoe@example.com"})),
    StatementOptions(IdentityPolicy("pseudonym", pseudonym_key="k" * 24), "en-GB"),
]


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphServer]:
    server = RalphServer(tmp_path_factory.mktemp("ralph"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def client_for(server: RalphServer) -> LrsClient:
    config = LrsConfig(endpoint=server.endpoint, username=USERNAME, password=PASSWORD)
    return LrsClient(config)


def queue(
    outbox: LrsOutbox, scenario_id: str, options: StatementOptions, pick: support.Pick
) -> list[dict[str, Any]]:
    scenario, result = support.play(scenario_id, pick)
    tried = support.attempt(support.module_of(scenario_id), session="Floor team")
    outcome = queue_playthrough(outbox, scenario, result, tried, options, now=NOW)
    assert outcome.queued, outcome.message
    return playthrough_statements(scenario, result, tried, options)


def stored_for(server: RalphServer, registration: str) -> list[dict[str, Any]]:
    return [s for s in server.stored() if s.get("context", {}).get("registration") == registration]


def test_every_statement_is_accepted_stored_and_reads_back_equal(
    ralph: RalphServer, tmp_path: Path
) -> None:
    outbox = open_outbox(ralph.endpoint, tmp_path)
    sent: list[dict[str, Any]] = []
    for scenario_id in sorted(support.library().scenarios):
        for options, pick in zip(IDENTITIES, support.PICKS, strict=True):
            sent += queue(outbox, scenario_id, options, pick)
    before = len(ralph.stored())
    report = deliver(outbox, client_for(ralph), now=NOW)
    assert report.complete, report.error
    assert report.sent_statements == len(sent)
    assert len(ralph.stored()) - before == len(sent)
    lrs = client_for(ralph)
    for statement in sent:
        back = lrs.get_statement(statement["id"])
        assert back is not None, statement["id"]
        assert set(back) - set(statement) <= ADDED_BY_THE_LRS
        assert {key: back[key] for key in statement} == statement


def test_ralphs_own_xapi_model_accepts_every_statement(ralph: RalphServer) -> None:
    statements = []
    for scenario, result in support.every_playthrough():
        for options in IDENTITIES:
            tried = support.attempt(support.module_of(scenario.id), session="Floor team")
            statements += playthrough_statements(scenario, result, tried, options)
    code = (
        "import json, sys\n"
        "from ralph.models.xapi.base.statements import BaseXapiStatement\n"
        "count = 0\n"
        "for line in sys.stdin:\n"
        "    BaseXapiStatement.model_validate(json.loads(line))\n"
        "    count += 1\n"
        "print(count)\n"
    )
    lines = "".join(json.dumps(s) + "\n" for s in statements)
    checked = subprocess.run(
        [str(ralph.python), "-c", code],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert int(checked.stdout) == len(statements)


def test_a_malformed_statement_is_refused_and_kept_aside(
    ralph: RalphServer, tmp_path: Path
) -> None:
    scenario, result = support.play("first-date")
    made = playthrough_statements(scenario, result, support.attempt(), StatementOptions())
    malformed = {k: v for k, v in made[0].items() if k != "verb"}
    with pytest.raises(LrsRefused) as refused:
        client_for(ralph).post_statements([malformed])
    assert 400 <= refused.value.status < 500
    assert ralph.stored() == [] or made[0]["id"] not in {s["id"] for s in ralph.stored()}
    # In a playthrough, the other statements still arrive; the bad one waits aside.
    outbox = open_outbox(ralph.endpoint, tmp_path)
    key = made[0]["context"]["registration"].replace("-", "")
    outbox.pending.put(QueuedStatements(key, (malformed, *made[1:]), NOW))
    report = deliver(outbox, client_for(ralph), now=NOW)
    assert report.sent_statements == len(made) - 1 and report.set_aside == 1
    stored_ids = {s["id"] for s in ralph.stored()}
    assert {s["id"] for s in made[1:]} <= stored_ids
    assert made[0]["id"] not in stored_ids
    assert [e.item.statements for e in outbox.refused.entries()] == [(malformed,)]


def test_the_same_playthrough_sent_twice_is_stored_once(ralph: RalphServer, tmp_path: Path) -> None:
    outbox = open_outbox(ralph.endpoint, tmp_path)
    sent = queue(outbox, "garage-checkup", StatementOptions(), support.first)
    registration = sent[0]["context"]["registration"]
    assert deliver(outbox, client_for(ralph), now=NOW).complete
    # Queued again (a crash before the entry was removed), and posted again by hand.
    entry = QueuedStatements(registration.replace("-", ""), tuple(sent), NOW)
    outbox.pending.put(entry)
    again = deliver(outbox, client_for(ralph), now=NOW)
    assert again.complete and again.set_aside == 0
    client_for(ralph).post_statements(sent)
    stored = stored_for(ralph, registration)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in sent)


def test_a_different_statement_under_a_sent_id_is_refused_and_kept(
    ralph: RalphServer, tmp_path: Path
) -> None:
    outbox = open_outbox(ralph.endpoint, tmp_path)
    scenario, result = support.play("just-looking")
    tried = support.attempt()
    queue_playthrough(outbox, scenario, result, tried, StatementOptions(), now=NOW)
    assert deliver(outbox, client_for(ralph), now=NOW).complete
    # The administrator switches to pseudonyms, and the same result is queued again.
    hidden = StatementOptions(IdentityPolicy("pseudonym", pseudonym_key="k" * 24))
    queue_playthrough(outbox, scenario, result, tried, hidden, now=NOW)
    report = deliver(outbox, client_for(ralph), now=NOW)
    assert report.set_aside == 1 and report.remaining == 0
    refused = [q.item for q in outbox.refused.entries()]
    assert refused[0].note is not None and "HTTP 409" in refused[0].note
    stored = stored_for(ralph, str(uuid.UUID(tried.result_id)))
    assert all("name" in s["actor"] for s in stored)  # the first version stays


def test_statements_queued_while_the_lrs_was_down_arrive_when_it_is_back(
    tmp_path: Path,
) -> None:
    server = RalphServer(tmp_path / "ralph")  # made, not started: the LRS is down
    outbox = open_outbox(server.endpoint, tmp_path / "lrs")
    sent = queue(outbox, "candle-shop", StatementOptions(), support.first)
    sent += queue(outbox, "loaner-counter", StatementOptions(), support.last)
    down = deliver(outbox, client_for(server), now=NOW)
    assert down.sent_playthroughs == 0 and down.remaining == 2
    assert down.error is not None and "cannot be reached" in down.error
    server.start()
    try:
        back = deliver(outbox, client_for(server), now=NOW)
        assert back.complete and back.sent_statements == len(sent)
        assert sorted(s["id"] for s in server.stored()) == sorted(s["id"] for s in sent)
        assert list(outbox.pending.entries()) == []
        assert outbox.log.read().last_error is None
    finally:
        server.stop()
