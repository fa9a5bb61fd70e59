"""Recorded results as xAPI statements, for LRSs that import files (JSON Lines).

Each record's decisions are replayed through the scenario as it is now and
scored again, so the statements are exactly those the LRS would have been sent
live, with the same ids: importing a file after live delivery stores nothing
twice. A record whose scenario is gone or has changed since (its content hash
differs) cannot be described decision by decision; it is skipped, with the
reason, rather than described wrongly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TextIO

from game.core.decisions import play_decisions
from game.core.engine import PlayError
from game.core.model import Module, Scenario
from game.core.scoring import Ranges, result_of
from game.lrs.statements import (
    Attempt,
    Statement,
    StatementError,
    StatementOptions,
    module_statements,
    playthrough_statements,
)
from game.lrs.validation import problems
from game.store.records import ResultRecord


@dataclass(frozen=True)
class Skipped:
    """A recorded result that gave no statements, and why."""

    result_id: str
    scenario: str
    reason: str


@dataclass
class XapiExport:
    """Turns records into statements; `described` counts the records that gave statements,
    `skipped` lists those that could not."""

    scenarios: Mapping[str, Scenario]
    ranges: Mapping[str, Ranges]  # the analysed score ranges of each scenario
    modules: Sequence[Module]
    options: StatementOptions
    skipped: list[Skipped] = field(default_factory=list)
    described: int = 0

    def statements(self, records: Iterable[ResultRecord]) -> Iterator[Statement]:
        """Every statement of every record, the oldest playthrough first."""
        modules = {m.id: m for m in self.modules}
        best: dict[str, dict[str, float]] = {}  # player -> scenario -> best overall
        for record in sorted(records, key=lambda r: (r.played_at, r.id)):
            mine = best.setdefault(record.player, {})
            try:
                statements = self._record(record, modules.get(record.module or ""), mine)
            except StatementError as error:
                self.skipped.append(Skipped(record.id, record.scenario, str(error)))
                continue
            finally:
                _keep_best(mine, record)
            self.described += 1
            yield from statements

    def _record(
        self, record: ResultRecord, module: Module | None, best_before: dict[str, float]
    ) -> list[Statement]:
        scenario = self.scenarios.get(record.scenario)
        ranges = self.ranges.get(record.scenario)
        if scenario is None or ranges is None:
            raise StatementError(f"there is no playable scenario {record.scenario!r} any more")
        if scenario.content_hash != record.content_hash:
            raise StatementError(
                f"scenario {record.scenario!r} has changed since this result was recorded"
            )
        try:
            playthrough = play_decisions(scenario, list(record.decisions), to_ending=False)
        except PlayError as error:
            raise StatementError(f"the decisions do not fit the scenario: {error}") from None
        if not playthrough.finished:
            raise StatementError("the decisions do not reach an ending")
        result = replace(result_of(playthrough, ranges), seconds=record.seconds)
        attempt = Attempt.of(record, module)
        statements = playthrough_statements(scenario, result, attempt, self.options)
        if module is not None:
            statements += module_statements(module, best_before, result, attempt, self.options)
        for number, statement in enumerate(statements, start=1):
            wrong = problems(statement)
            if wrong:
                raise StatementError(f"statement {number} breaks xAPI rules: {wrong[0]}")
        return statements


def _keep_best(best: dict[str, float], record: ResultRecord) -> None:
    """The player's bests as the store keeps them (`best_overalls`): scored results only,
    so the module statements here are those live delivery made."""
    if record.overall is None:
        return
    before = best.get(record.scenario)
    if before is None or record.overall > before:
        best[record.scenario] = record.overall


def write_jsonl(statements: Iterable[Statement], out: TextIO) -> int:
    """One statement per line (JSON Lines, UTF-8 text); returns how many were written."""
    count = 0
    for statement in statements:
        out.write(json.dumps(statement, ensure_ascii=False, allow_nan=False))
        out.write("\n")
        count += 1
    return count
