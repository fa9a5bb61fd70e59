"""A live session's playthroughs reach a real LRS (Ralph) whole, once, with the session's name,
even when the LRS was down during the session: phones over WebSockets, the recorder's thread,
the learning-record outbox, then `rapport lrs send` once the LRS is up."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.live.session import Plan, Stage
from game.loader import load_library
from game.lrs.records import LearningRecords
from game.store import SQLAlchemyResultsStore
from tests.live.conftest import StartHost
from tests.live.phones import Phone, run
from tests.live.support import KEYS, UMBRELLA
from tests.lrs.arrival import check_arrived_once
from tests.lrs.lrs_server import PASSWORD, USERNAME, RalphServer

MODULES = """\
format: 1
modules:
  - id: first-week
    title: First week
    summary: Two customers on a rainy first week.
    scenarios: [spare-keys, umbrella-stand]
    pass_percent: 60
"""
SESSION = "Monday meeting"


@pytest.mark.needs("ralph")
def test_a_live_module_arrives_in_the_lrs_once_with_the_session_after_it_was_down(
    start_host: StartHost,
    store: SQLAlchemyResultsStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "spare-keys.yaml").write_text(KEYS, encoding="utf-8")
    (folder / "umbrella-stand.yaml").write_text(UMBRELLA, encoding="utf-8")
    (folder / "modules.yaml").write_text(MODULES, encoding="utf-8")
    library = load_library(folder)
    [module] = library.modules
    stages = tuple(Stage(library.scenarios[s], library.analyses[s]) for s in module.scenarios)
    plan = Plan(stages, title=module.title, module=module)

    server = RalphServer(tmp_path / "ralph")  # set up, not started: the LRS is down
    monkeypatch.setenv("RAPPORT_LRS", server.endpoint)
    monkeypatch.setenv("RAPPORT_LRS_USERNAME", USERNAME)
    monkeypatch.setenv("RAPPORT_LRS_PASSWORD", PASSWORD)
    notes: list[str] = []
    host = start_host(plan, session=SESSION, learning=LearningRecords.open(), on_note=notes.append)

    async def play() -> None:
        for name, choices in (("Ben", [(2, 1), (2, 2, 1)]), ("Cleo", [(3,), (1, 1, 1)])):
            phone = await Phone.open(host.info.port)
            await phone.join(host.info.code, name)
            for scenario, numbers in zip(module.scenarios, choices, strict=True):
                await phone.until("view", scenario=scenario)
                for number in numbers:
                    await phone.choose(number)
                await phone.until("result", scenario=scenario)
            await phone.close()

    try:
        run(play())
        report = host.stop(timeout_s=60)
        assert report.finished and report.recorded.stored == 4
        assert any(n.startswith("Learning records wait on this computer") for n in notes), notes
        assert server.stored() == []

        server.start()
        sent = CliRunner().invoke(cli, ["lrs", "send"])
        assert sent.exit_code == 0, sent.output
        assert "from 4 playthroughs" in sent.output
        records = list(store.all_results())
        assert {(r.player, r.session, r.module) for r in records} == {
            ("Ben", SESSION, "first-week"),
            ("Cleo", SESSION, "first-week"),
        }
        check_arrived_once(server, store, library, records, module_verdicts=2, session=SESSION)
        again = CliRunner().invoke(cli, ["lrs", "send"])
        assert again.exit_code == 0 and "Sent 0 statements" in again.output
    finally:
        server.stop()
