"""xAPI 1.0.3 statements for a playthrough, built from the core's Result: pure, no I/O.

A finished playthrough becomes one `answered` statement per decision, one
`completed` at the ending and, in a module, `passed` or `failed`; a result that
raises the player's best in a module whose every scenario is now played also
gives a `passed`/`failed` for the module. Decisions are replayed through the
engine, so every number comes from the scenario and the path, never from a
presenter.

Statement ids are UUID v5 of the result id and the statement's role, so the
same result always gives the same statements: sending them again is harmless
(an LRS keeps one copy of identical statements).

Choice ids: each choice of a node is identified by the node it leads to (its
`goto`), with `~2`, `~3`... for further choices that lead to the same node, in
file order, and a timer that runs out is `~timer`. So they survive any edit of
the wording and any reordering of choices that lead to different places; they
change only when a choice is pointed elsewhere, which makes it another choice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from game.core.decisions import play_decisions
from game.core.engine import TIMER, PlayError, Step
from game.core.grades import passes
from game.core.model import COMPETENCIES, NARRATOR, Module, Node, Scenario
from game.core.progress import module_progress
from game.core.scoring import Result
from game.core.scoring import overall as mean_overall
from game.lrs import vocabulary as iri
from game.lrs.identity import IdentityPolicy

if TYPE_CHECKING:
    from game.store.records import ResultRecord

TIMER_CHOICE = "~timer"  # node ids start with a letter or digit, so this is never a goto
DEFAULT_LANGUAGE = "en"

Statement = dict[str, Any]


class StatementError(ValueError):
    """A result that cannot be described: its decisions do not fit the scenario."""


@dataclass(frozen=True)
class Attempt:
    """What the statements say about a playthrough besides the core's Result."""

    result_id: str  # 32 lowercase hex digits, as the results store keeps it
    player: str  # NFC, as the results store keeps it
    played_at: datetime  # timezone-aware: when the playthrough ended
    app_version: str
    module: Module | None = None
    session: str | None = None

    @classmethod
    def of(cls, record: ResultRecord, module: Module | None) -> Attempt:
        """The attempt a recorded result stands for, played in `module` (or on its own)."""
        return cls(
            result_id=record.id,
            player=record.player,
            played_at=record.played_at,
            app_version=record.app_version,
            module=module,
            session=record.session,
        )


@dataclass(frozen=True)
class StatementOptions:
    """The administrator's choices that shape every statement (docs/lms.md)."""

    identity: IdentityPolicy = field(default_factory=IdentityPolicy)
    language: str = DEFAULT_LANGUAGE  # RFC 5646 tag of the scenarios' text


def choice_ids(node: Node) -> list[str]:
    """The interaction component id of each choice of `node`, in file order."""
    seen: dict[str, int] = {}
    ids = []
    for choice in node.choices:
        seen[choice.goto] = seen.get(choice.goto, 0) + 1
        count = seen[choice.goto]
        ids.append(choice.goto if count == 1 else f"{choice.goto}~{count}")
    return ids


def statement_id(result_id: str, role: str) -> str:
    return str(uuid.uuid5(iri.STATEMENT_NAMESPACE, f"{result_id}/{role}"))


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as xAPI recommends."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StatementError("times must carry a time zone")
    text = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds")
    return text + "Z"


def duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second (xAPI's precision)."""
    exact = Decimal(repr(float(seconds)))
    return f"PT{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}S"


def playthrough_statements(
    scenario: Scenario, result: Result, attempt: Attempt, options: StatementOptions
) -> list[Statement]:
    """Every statement of one finished playthrough, in the order it happened.

    Raises StatementError when the result is not a playthrough of `scenario`
    as it is now (another scenario, another version, or decisions that do not
    replay to the same path).
    """
    steps = _replay(scenario, result)
    builder = _Builder(scenario, result, attempt, options)
    statements = [builder.answered(n, step) for n, step in enumerate(steps, start=1)]
    statements.append(builder.completed())
    if attempt.module is not None:
        statements.append(builder.verdict(attempt.module))
    return statements


def module_statements(
    module: Module,
    best_before: Mapping[str, float | None],
    result: Result,
    attempt: Attempt,
    options: StatementOptions,
) -> list[Statement]:
    """`passed`/`failed` for `module` when `result` changes the player's standing in it.

    `best_before` is the player's best overall per scenario before this result
    (a scenario absent from it was never played). Nothing is said until every
    scenario of the module has been played, nor for a result that does not beat
    the player's best for its scenario (the standing is then unchanged).
    """
    if result.scenario not in module.scenarios:
        return []
    before = best_before.get(result.scenario, None)
    played_before = result.scenario in best_before
    improves = not played_before or (
        result.overall is not None and (before is None or result.overall > before)
    )
    if not improves:
        return []
    best = {**best_before, result.scenario: result.overall}
    if not all(s in best for s in module.scenarios):
        return []  # the module's verdict waits until every scenario has been played
    scored = {s: v for s, v in best.items() if v is not None}
    progress = module_progress(module, scored)
    passed = progress.passed == progress.total
    module_overall = mean_overall([best[s] for s in module.scenarios])
    language = options.language
    statement: Statement = {
        "id": statement_id(attempt.result_id, f"module/{module.id}"),
        "actor": options.identity.actor(attempt.player),
        "verb": _verb(iri.PASSED if passed else iri.FAILED),
        "object": _module_activity(module, language),
        "result": {
            **_score(module_overall),
            "success": passed,
            "completion": True,
            "extensions": {
                iri.PASS_PERCENT: module.pass_percent,
                iri.SCENARIO_BEST: {s: best[s] for s in module.scenarios},
            },
        },
        "context": {
            "platform": iri.PLATFORM,
            "language": language,
            "extensions": _context_extensions(attempt),
        },
        "timestamp": timestamp(attempt.played_at),
    }
    return [statement]


# -- inside ------------------------------------------------------------------------------


def _replay(scenario: Scenario, result: Result) -> list[Step]:
    if result.scenario != scenario.id:
        raise StatementError(f"the result is for scenario {result.scenario!r}, not {scenario.id!r}")
    if result.content_hash != scenario.content_hash:
        raise StatementError(
            f"scenario {scenario.id!r} has changed since the result was made (its content "
            "hash differs), so its decisions cannot be described"
        )
    try:
        playthrough = play_decisions(scenario, list(result.decisions), to_ending=False)
    except PlayError as error:
        raise StatementError(
            f"the decisions do not fit scenario {scenario.id!r}: {error}"
        ) from None
    if not playthrough.finished or tuple(playthrough.path) != result.path:
        raise StatementError(
            f"the decisions do not lead through scenario {scenario.id!r} as the result says"
        )
    return playthrough.history


def _verb(verb: str) -> dict[str, Any]:
    return {"id": verb, "display": {"en-US": iri.VERB_NAMES[verb]}}


def _text(language: str, text: str) -> dict[str, str]:
    return {language: " ".join(text.split())}


def _scenario_activity(scenario: Scenario, language: str) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "type": iri.SIMULATION,
        "name": _text(language, scenario.title),
    }
    if scenario.summary.strip():
        definition["description"] = _text(language, scenario.summary)
    return {
        "objectType": "Activity",
        "id": iri.scenario_activity_id(scenario.id),
        "definition": definition,
    }


def _module_activity(module: Module, language: str) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": iri.MODULE_TYPE, "name": _text(language, module.title)}
    if module.summary.strip():
        definition["description"] = _text(language, module.summary)
    return {
        "objectType": "Activity",
        "id": iri.module_activity_id(module.id),
        "definition": definition,
    }


def _score(overall: float | None) -> dict[str, Any]:
    """The overall percent as xAPI's score: scaled 0–1, and raw on 0–100."""
    if overall is None:
        return {}
    exact = Decimal(repr(overall))
    return {
        "score": {
            "scaled": float(exact / 100),
            "raw": overall,
            "min": 0,
            "max": 100,
        }
    }


def _context_extensions(attempt: Attempt) -> dict[str, Any]:
    extensions: dict[str, Any] = {iri.APP_VERSION: attempt.app_version}
    if attempt.session is not None:
        extensions[iri.SESSION] = attempt.session
    return extensions


class _Builder:
    """The parts every statement of one playthrough shares."""

    def __init__(
        self, scenario: Scenario, result: Result, attempt: Attempt, options: StatementOptions
    ) -> None:
        self.scenario = scenario
        self.result = result
        self.attempt = attempt
        self.language = options.language
        self.actor = options.identity.actor(attempt.player)
        self.activity = _scenario_activity(scenario, self.language)
        self.when = timestamp(attempt.played_at)

    def _context(self, *, parent: bool) -> dict[str, Any]:
        activities: dict[str, Any] = {}
        if parent:
            activities["parent"] = [self.activity]
        if self.attempt.module is not None:
            activities["grouping"] = [_module_activity(self.attempt.module, self.language)]
        context: dict[str, Any] = {
            "registration": str(uuid.UUID(self.attempt.result_id)),
        }
        if activities:
            context["contextActivities"] = activities
        if self.result.content_hash:
            context["revision"] = self.result.content_hash
        context["platform"] = iri.PLATFORM
        context["language"] = self.language
        context["extensions"] = _context_extensions(self.attempt)
        return context

    def _statement(self, role: str, verb: str, target: dict[str, Any], **parts: Any) -> Statement:
        return {
            "id": statement_id(self.attempt.result_id, role),
            "actor": self.actor,
            "verb": _verb(verb),
            "object": target,
            **parts,
            "timestamp": self.when,
        }

    def answered(self, number: int, step: Step) -> Statement:
        node = self.scenario.nodes[step.node]
        ids = choice_ids(node)
        choices = [
            {"id": choice_id, "description": _text(self.language, choice.text)}
            for choice_id, choice in zip(ids, node.choices, strict=True)
        ]
        if node.timer is not None:
            choices.append(
                {
                    "id": TIMER_CHOICE,
                    "description": _text(
                        self.language,
                        f"(says nothing: the timer runs out after {node.timer.seconds:g} seconds)",
                    ),
                }
            )
        speaker = self.scenario.speaker_name(node.speaker) if node.speaker != NARRATOR else ""
        said = f"{speaker}: {node.text}" if speaker else node.text
        definition: dict[str, Any] = {
            "type": iri.INTERACTION,
            "name": _text(self.language, f"{self.scenario.title}: {node.id}"),
            "interactionType": "choice",
            "choices": choices,
        }
        if said.strip():
            definition["description"] = _text(self.language, said)
        target = {
            "objectType": "Activity",
            "id": iri.node_activity_id(self.scenario.id, node.id),
            "definition": definition,
        }
        response = TIMER_CHOICE if step.decision == TIMER else ids[step.index]
        result = {
            "response": response,
            "extensions": {
                iri.DELTA[c]: delta for c, delta in zip(COMPETENCIES, step.scores, strict=True)
            },
        }
        return self._statement(
            f"answered/{number}",
            iri.ANSWERED,
            target,
            result=result,
            context=self._context(parent=True),
        )

    def completed(self) -> Statement:
        r = self.result
        extensions: dict[str, Any] = {iri.OUTCOME: r.outcome, iri.ENDING: r.ending}
        for name, raw, span, shown in zip(COMPETENCIES, r.scores, r.ranges, r.percent, strict=True):
            extensions[iri.PERCENT[name]] = shown
            extensions[iri.RAW[name]] = {"raw": raw, "min": span.min, "max": span.max}
        result = {
            **_score(r.overall),
            "completion": True,
            "duration": duration(r.seconds),
            "extensions": extensions,
        }
        return self._statement(
            "completed",
            iri.COMPLETED,
            self.activity,
            result=result,
            context=self._context(parent=False),
        )

    def verdict(self, module: Module) -> Statement:
        r = self.result
        passed = passes(r.overall, module.pass_percent)
        result = {
            **_score(r.overall),
            "success": passed,
            "completion": True,
            "duration": duration(r.seconds),
            "extensions": {iri.PASS_PERCENT: module.pass_percent},
        }
        return self._statement(
            "verdict",
            iri.PASSED if passed else iri.FAILED,
            self.activity,
            result=result,
            context=self._context(parent=False),
        )
