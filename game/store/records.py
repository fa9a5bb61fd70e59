"""What the results store keeps and returns: submissions, result records, board rows, sessions.

Plain data and validation only (no database code), so the outbox, the stores
and the front ends share one definition of a valid result. A `Submission` is
what a player did (never a score); a `ResultRecord` is a submission scored
against its scenario (see `game.store.recording`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from game.core.engine import TIMER, Decision
from game.core.model import COMPETENCIES, OUTCOMES, Scores
from game.core.players import PlayerNameError, check_player_name
from game.core.players import check_session_name as _check_session_name

MAX_RAW_SCORE = 10**9  # a raw score beyond this is damage, not play
MAX_SECONDS = 10**7  # seconds played: about four months, far past any real playthrough
MAX_ID_CHARS = 200  # scenario, module, ending and node ids
MAX_DECISIONS = 100_000  # decisions in one playthrough
MAX_CHOICE_NUMBER = 1000  # a choice number beyond this is damage, not play
ALL_SCENARIOS = "*"  # names the board across every scenario; never a scenario id
_RESULT_ID = re.compile(r"[0-9a-f]{32}")

Percents = tuple[float | None, float | None, float | None]


class StoreError(Exception):
    """The results store cannot do what was asked; the message is one sentence for people.

    The only error a results store lets escape: every backend error is mapped to it.
    """


class ResultError(StoreError):
    """A result that must not be stored (bad scores, name, id or time); says which field."""


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """What happened to a result: stored now, kept in the outbox for later, or neither."""

    stored: bool
    queued: bool
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Submission:
    """What a player did in one playthrough, as a front end reports it: never a score.

    Scores come only from replaying `decisions` on the scenario whose content
    hash is `content_hash` (`game.store.recording.score`).
    """

    id: str  # 32 lowercase hex digits (uuid4().hex), made by the entry point
    player: str
    scenario: str
    content_hash: str
    module: str | None
    decisions: tuple[Decision, ...]
    seconds: float
    played_at: datetime  # timezone-aware
    app_version: str
    session: str | None = None
    # A timer of the scenario was switched off in the player's settings: the
    # result stands, and the boards say "untimed" beside it.
    untimed: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_json` reads it back."""
        return {
            "id": self.id,
            "player": self.player,
            "scenario": self.scenario,
            "content_hash": self.content_hash,
            "module": self.module,
            "decisions": list(self.decisions),
            "seconds": self.seconds,
            "played_at": format_time(self.played_at),
            "app_version": self.app_version,
            "session": self.session,
            "untimed": self.untimed,
        }

    @classmethod
    def from_json(cls, data: Any) -> Submission:
        """Read `to_json()` output strictly: a missing, extra or mistyped field is ResultError.

        `untimed` may be missing (results queued by an earlier Rapport): it was False.
        """
        if not isinstance(data, dict):
            raise ResultError("the result is not an object")
        expected = set(cls.__dataclass_fields__)
        extra = sorted(set(data) - expected)
        if extra:
            raise ResultError(f"the result has unexpected fields ({', '.join(map(str, extra))})")
        missing = sorted(expected - set(data) - {"untimed"})
        if missing:
            raise ResultError(f"the result has no {', '.join(missing)} field")
        decisions = data["decisions"]
        if not isinstance(decisions, list):
            raise ResultError("the result's decisions must be a list")
        submission = cls(
            id=data["id"],
            player=data["player"],
            scenario=data["scenario"],
            content_hash=data["content_hash"],
            module=data["module"],
            decisions=tuple(decisions),
            seconds=data["seconds"],
            played_at=parse_time(data["played_at"]),
            app_version=data["app_version"],
            session=data["session"],
            untimed=data.get("untimed", False),
        )
        return validate_submission(submission)


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """One recorded playthrough, as one row of the `results` table."""

    id: str  # 32 lowercase hex digits (uuid4().hex), made by the entry point
    player: str  # NFC
    scenario: str
    content_hash: str
    module: str | None
    raw: Scores  # (empathy, anticipation, upsell) raw scores
    percent: Percents  # the same competencies as percents; None where not assessed
    overall: float | None
    ending: str
    outcome: str
    decisions: tuple[Decision, ...]
    path: tuple[str, ...]
    seconds: float
    played_at: datetime  # timezone-aware
    app_version: str
    session: str | None = None
    untimed: bool = False  # played with a timer switched off (see Submission)

    def submission(self) -> Submission:
        """What the player did, without the scores (what the outbox keeps)."""
        return Submission(
            id=self.id,
            player=self.player,
            scenario=self.scenario,
            content_hash=self.content_hash,
            module=self.module,
            decisions=self.decisions,
            seconds=self.seconds,
            played_at=self.played_at,
            app_version=self.app_version,
            session=self.session,
            untimed=self.untimed,
        )


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One line of a leaderboard; `scenario` holds the module id on a module board."""

    rank: int
    player: str
    scenario: str
    overall: float | None
    empathy: float | None
    anticipation: float | None
    upsell: float | None
    seconds: float
    played_at: str  # ISO 8601, UTC
    # The result (on a module board: one of the results) was played with a timer
    # switched off in the player's settings.
    untimed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The `leaderboard --json` object (docs/cli.md), keys in that order."""
        return {
            "rank": self.rank,
            "player": self.player,
            "scenario": self.scenario,
            "overall": self.overall,
            "empathy": self.empathy,
            "anticipation": self.anticipation,
            "upsell": self.upsell,
            "seconds": round(self.seconds, 3),
            "played_at": self.played_at,
            "untimed": self.untimed,
        }


@dataclass(frozen=True, slots=True)
class Session:
    """A named time window (a team meeting); results played inside it belong to it.

    `result_count` is how many results belong to it where the store counted them
    (`sessions()` and `end_session()` do), else None.
    """

    name: str
    started_at: datetime
    ended_at: datetime | None
    result_count: int | None = None

    def contains(self, moment: datetime) -> bool:
        return self.started_at <= moment and (self.ended_at is None or moment <= self.ended_at)


def format_time(moment: datetime) -> str:
    """UTC, fixed width, so that text order is time order in every database."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ResultError("times must carry a time zone (use datetime.now(UTC))")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_time(text: Any) -> datetime:
    if not isinstance(text, str):
        raise ResultError("a time must be ISO 8601 text")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ResultError(f"{text!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ResultError(f"the time {text!r} has no time zone")
    return moment.astimezone(UTC)


def check_session_name(text: str) -> str:
    """A session name as stored (the core's rule), refused as a StoreError."""
    try:
        return _check_session_name(text)
    except ValueError as error:
        raise StoreError(str(error)) from None


def _check_id(value: Any, field: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not value or len(value) > MAX_ID_CHARS:
        raise ResultError(f"the result's {field} must be text of 1 to {MAX_ID_CHARS} characters")
    # isprintable() is False for control, format, surrogate, private and unassigned
    # characters (categories C*) and for spaces other than " ": none belongs in an id.
    if not value.isprintable():
        raise ResultError(f"the result's {field} contains control or invisible characters")


def _check_percent(value: Any, field: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ResultError(f"the result's {field} percent must be a number, not {value!r}")
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ResultError(f"the result's {field} percent {value!r} is not between 0 and 100")
    # Scoring gives one decimal; the boards sum percents exactly in tenths.
    if round(value * 10) / 10 != value:
        raise ResultError(
            f"the result's {field} percent {value!r} has more than one decimal "
            "(scored percents are rounded to 0.1)"
        )


def _check_submission_fields(item: Submission | ResultRecord) -> tuple[str, str | None]:
    """Check what a submission and a record share; their player and session as stored."""
    if not isinstance(item.id, str) or not _RESULT_ID.fullmatch(item.id):
        raise ResultError("the result id must be 32 lowercase hex digits (uuid4().hex)")
    try:
        player = check_player_name(item.player)
    except PlayerNameError as error:
        raise ResultError(str(error)) from None
    except (TypeError, ValueError):
        raise ResultError("the result's player name must be text") from None
    _check_id(item.scenario, "scenario")
    if item.scenario == ALL_SCENARIOS:
        raise ResultError(f"{ALL_SCENARIOS!r} is not a scenario id")
    _check_id(item.module, "module", optional=True)
    if not isinstance(item.content_hash, str) or len(item.content_hash) > MAX_ID_CHARS:
        raise ResultError("the result's content hash must be short text")
    if not isinstance(item.decisions, tuple) or len(item.decisions) > MAX_DECISIONS:
        raise ResultError("the result's decisions must be a list of choice numbers or `t`")
    for decision in item.decisions:
        if decision == TIMER and isinstance(decision, str):
            continue
        if isinstance(decision, bool) or not isinstance(decision, int):
            raise ResultError("the result's decisions must be choice numbers or `t`")
        if not 1 <= decision <= MAX_CHOICE_NUMBER:
            raise ResultError("the result's decisions must be choice numbers or `t`")
    seconds = item.seconds
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ResultError("the result's playing time must be a number of seconds")
    if not math.isfinite(seconds) or not 0 <= seconds < MAX_SECONDS:
        raise ResultError(f"the result's playing time {seconds!r} s is out of range")
    if not isinstance(item.played_at, datetime):
        raise ResultError("the result's played_at must be a datetime")
    if item.played_at.utcoffset() is None:
        raise ResultError("times must carry a time zone (use datetime.now(UTC))")
    if not isinstance(item.app_version, str) or len(item.app_version) > 40:
        raise ResultError("the result's app version must be short text")
    if not isinstance(item.untimed, bool):
        raise ResultError("the result's untimed mark must be true or false")
    session = None
    if item.session is not None:
        if not isinstance(item.session, str):
            raise ResultError("the result's session must be text")
        try:
            session = check_session_name(item.session)
        except StoreError as error:
            raise ResultError(str(error)) from None
    return player, session


def validate_submission(submission: Submission) -> Submission:
    """The submission as it may be scored (player NFC, seconds a float), or ResultError."""
    player, session = _check_submission_fields(submission)
    return Submission(
        id=submission.id,
        player=player,
        scenario=submission.scenario,
        content_hash=submission.content_hash,
        module=submission.module,
        decisions=submission.decisions,
        seconds=float(submission.seconds),
        played_at=submission.played_at.astimezone(UTC),
        app_version=submission.app_version,
        session=session,
        untimed=submission.untimed,
    )


def validate_record(record: ResultRecord) -> ResultRecord:
    """The record as it may be stored (player NFC, numbers as floats), or ResultError.

    NaN, infinite, huge and non-integer scores never get past here. A record
    that is already as stored (what `recording.score` makes) comes back as it is.
    """
    if not isinstance(record, ResultRecord):
        raise ResultError("only a ResultRecord can be recorded")
    player, session = _check_submission_fields(record)
    _check_id(record.ending, "ending")
    if record.outcome not in OUTCOMES:
        raise ResultError(f"the result's outcome must be one of {', '.join(OUTCOMES)}")
    raw, percent = record.raw, record.percent
    if not isinstance(raw, tuple) or len(raw) != 3:
        raise ResultError("the result's raw scores must be three whole numbers")
    if not isinstance(percent, tuple) or len(percent) != 3:
        raise ResultError("the result's percents must be three numbers")
    for name, value in zip(COMPETENCIES, raw, strict=True):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ResultError(f"the result's raw {name} score must be a whole number")
        if abs(value) > MAX_RAW_SCORE:
            raise ResultError(f"the result's raw {name} score {value} is out of range")
    for name, shown in zip(COMPETENCIES, percent, strict=True):
        _check_percent(shown, name)
    _check_percent(record.overall, "overall")
    if not isinstance(record.path, tuple) or len(record.path) > MAX_DECISIONS * 2 + 1:
        raise ResultError("the result's node path is too long")
    for node in record.path:
        _check_id(node, "node path")
    if (
        player == record.player
        and session == record.session
        and type(record.seconds) is float
        and record.played_at.tzinfo is UTC
        and all(type(v) is float for v in percent if v is not None)
        and (record.overall is None or type(record.overall) is float)
    ):
        return record
    return ResultRecord(
        id=record.id,
        player=player,
        scenario=record.scenario,
        content_hash=record.content_hash,
        module=record.module,
        raw=raw,
        percent=_floats(percent),
        overall=None if record.overall is None else float(record.overall),
        ending=record.ending,
        outcome=record.outcome,
        decisions=tuple(record.decisions),
        path=tuple(record.path),
        seconds=float(record.seconds),
        played_at=record.played_at.astimezone(UTC),
        app_version=record.app_version,
        session=session,
        untimed=record.untimed,
    )


def _floats(values: Percents) -> Percents:
    a, b, c = (None if v is None else float(v) for v in values)
    return (a, b, c)
