"""Export: recorded results become the very statements live delivery sends, as JSON Lines."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import replace
from datetime import timedelta

from game.core.model import Module, Scenario
from game.core.scoring import Result
from game.lrs import vocabulary as iri
from game.lrs.export import XapiExport, write_jsonl
from game.lrs.statements import (
    StatementOptions,
    module_statements,
    playthrough_statements,
)
from game.lrs.validation import problems
from game.store.records import ResultRecord
from tests.lrs import support

OPTIONS = StatementOptions()


def record_of(
    scenario: Scenario,
    result: Result,
    *,
    player: str = "Zoé Martin",
    module: str | None = None,
    minutes: int = 0,
    session: str | None = None,
) -> ResultRecord:
    return ResultRecord(
        id=uuid.uuid4().hex,
        player=player,
        scenario=scenario.id,
        content_hash=result.content_hash,
        module=module,
        raw=result.scores,
        percent=result.percent,
        overall=result.overall,
        ending=result.ending,
        outcome=result.outcome,
        decisions=result.decisions,
        path=result.path,
        seconds=result.seconds,
        played_at=support.PLAYED_AT + timedelta(minutes=minutes),
        app_version="0.1.0",
        session=session,
    )


def exporter() -> XapiExport:
    library = support.library()
    ranges = {s: a.ranges for s, a in library.analyses.items() if a.ranges is not None}
    return XapiExport(library.scenarios, ranges, library.modules, OPTIONS)


def test_an_exported_record_gives_exactly_the_live_statements() -> None:
    module = support.module_of("candle-shop")
    scenario, result = support.play("candle-shop", support.rotating)
    record = record_of(scenario, result, module=module.id, session="Monday")
    exported = list(exporter().statements([record]))
    tried = support.attempt(module, player=record.player, session="Monday", result_id=record.id)
    live = playthrough_statements(scenario, result, tried, OPTIONS)
    assert exported == live


def test_every_shipped_scenario_exports_valid_statements_as_json_lines() -> None:
    records = [
        record_of(s, r, module=support.module_of(s.id).id, minutes=n)
        for n, (s, r) in enumerate(support.every_playthrough())
    ]
    export = exporter()
    out = io.StringIO()
    count = write_jsonl(export.statements(records), out)
    lines = out.getvalue().splitlines()
    assert count == len(lines) > len(records) * 3
    parsed = [json.loads(line) for line in lines]
    assert all(problems(s) == [] for s in parsed)
    assert export.skipped == []
    assert len({s["id"] for s in parsed}) == len(parsed)


def test_module_verdicts_follow_the_players_bests_in_played_order() -> None:
    module = Module("pair", "A pair", ("candle-shop", "first-date"), pass_percent=0.0)
    export = replace(exporter(), modules=[module])
    candle, candle_result = support.play("candle-shop")
    date, date_result = support.play("first-date")
    records = [
        record_of(candle, candle_result, module="pair", minutes=0),
        record_of(date, date_result, module="pair", minutes=5),  # completes the module
        record_of(date, date_result, module="pair", minutes=9),  # no better: nothing new
        record_of(date, date_result, module="pair", minutes=9, player="Bo"),  # Bo: half done
    ]
    made = list(export.statements(records))
    verdicts = [s for s in made if s["object"]["id"] == iri.module_activity_id("pair")]
    assert len(verdicts) == 1
    tried = support.attempt(
        module,
        player=records[1].player,
        result_id=records[1].id,
        played_at=records[1].played_at,
    )
    expected = module_statements(
        module, {"candle-shop": candle_result.overall}, date_result, tried, OPTIONS
    )
    assert verdicts == expected


def test_a_record_whose_scenario_changed_or_vanished_is_skipped_with_the_reason() -> None:
    scenario, result = support.play("candle-shop")
    changed = replace(record_of(scenario, result), content_hash="an-older-version")
    gone = replace(record_of(scenario, result), scenario="retired-scenario")
    export = exporter()
    assert list(export.statements([changed, gone])) == []
    reasons = {s.result_id: s.reason for s in export.skipped}
    assert "has changed since this result was recorded" in reasons[changed.id]
    assert "no playable scenario 'retired-scenario'" in reasons[gone.id]


def test_a_record_whose_decisions_do_not_fit_is_skipped() -> None:
    scenario, result = support.play("candle-shop")
    wrong = replace(record_of(scenario, result), decisions=(9,))
    short = replace(record_of(scenario, result, minutes=1), decisions=result.decisions[:1])
    export = exporter()
    assert list(export.statements([wrong, short])) == []
    assert [s.result_id for s in export.skipped] == [wrong.id, short.id]
    assert "do not fit" in export.skipped[0].reason
    assert "do not reach an ending" in export.skipped[1].reason
