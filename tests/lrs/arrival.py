"""What the presenters' tests check in a real LRS: each playthrough arrived whole, valid, once.

A playthrough's statements are found by their registration (the result id),
and its module verdict by its id. They must be exactly those that
`rapport results export --xapi` makes from the results store, which describes
each decision from the scenario and the recorded path alone: so what the
window, the terminal player or a live session sent cannot differ from the
core's result.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from game.core.model import COMPETENCIES, Module
from game.loader import Library
from game.lrs import vocabulary as iri
from game.lrs.export import XapiExport
from game.lrs.statements import StatementOptions, statement_id
from game.lrs.validation import problems
from game.store import ResultRecord, ResultsStore
from tests.lrs.lrs_server import RalphServer

ADDED_BY_THE_LRS = {"stored", "authority", "version"}


def verb(statement: dict[str, Any]) -> str:
    return str(statement["verb"]["id"]).rsplit("/", 1)[1]


def expected_statements(
    store: ResultsStore, library: Library, records: list[ResultRecord]
) -> list[dict[str, Any]]:
    """The export's statements of `records` (with the whole store behind the module verdicts)."""
    ranges = {k: a.ranges for k, a in library.analyses.items() if a.ranges is not None}
    export = XapiExport(library.scenarios, ranges, library.modules, StatementOptions())
    every = list(export.statements(store.all_results()))
    assert export.skipped == []
    registrations = {str(uuid.UUID(r.id)) for r in records}
    verdicts = {statement_id(r.id, f"module/{m.id}") for r in records for m in library.modules}
    return [
        s for s in every if s["context"].get("registration") in registrations or s["id"] in verdicts
    ]


def check_arrived_once(
    server: RalphServer,
    store: ResultsStore,
    library: Library,
    records: list[ResultRecord],
    *,
    module_verdicts: int = 0,
    session: str | None = None,
) -> list[dict[str, Any]]:
    """Every statement of `records` is in the LRS once, as the export makes it; returns them."""
    stored = server.stored()
    counts = Counter(s["id"] for s in stored)
    assert [i for i, n in counts.items() if n > 1] == [], "a statement was stored twice"
    by_id = {s["id"]: s for s in stored}
    expected = expected_statements(store, library, records)
    for statement in expected:
        assert statement["id"] in by_id, f"{verb(statement)} {statement['id']} did not arrive"
        back = by_id[statement["id"]]
        assert set(back) - set(statement) <= ADDED_BY_THE_LRS
        assert {key: back[key] for key in statement} == statement
        assert problems(statement) == []
    for record in records:
        _check_playthrough(record, expected, library, session)
    assert sum(1 for s in expected if "/modules/" in str(s["object"]["id"])) == module_verdicts
    return expected


def _check_playthrough(
    record: ResultRecord,
    statements: list[dict[str, Any]],
    library: Library,
    session: str | None,
) -> None:
    registration = str(uuid.UUID(record.id))
    mine = [s for s in statements if s["context"].get("registration") == registration]
    answered = [s for s in mine if verb(s) == "answered"]
    assert len(answered) == len(record.decisions)
    for statement in answered:  # what each decision did to each of the three competencies
        assert set(statement["result"]["extensions"]) == {iri.DELTA[c] for c in COMPETENCIES}
    [completed] = [s for s in mine if verb(s) == "completed"]
    extensions = completed["result"]["extensions"]
    assert [extensions[iri.PERCENT[c]] for c in COMPETENCIES] == list(record.percent)
    assert [extensions[iri.RAW[c]]["raw"] for c in COMPETENCIES] == list(record.raw)
    assert completed["result"]["score"]["raw"] == record.overall
    module: Module | None = next((m for m in library.modules if m.id == record.module), None)
    verdicts = [s for s in mine if verb(s) in ("passed", "failed")]
    assert len(verdicts) == (1 if module is not None else 0)
    for statement in mine:
        extensions = statement["context"]["extensions"]
        assert extensions.get(iri.SESSION) == session
        if module is not None:
            grouping = statement["context"]["contextActivities"]["grouping"]
            assert grouping[0]["id"] == iri.module_activity_id(module.id)
