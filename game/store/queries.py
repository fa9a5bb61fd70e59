"""What every results store checks and ranks the same way: board requests, session names, order.

Shared by the SQL and in-memory stores so that both refuse the same requests
with the same sentences and rank with the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from fractions import Fraction
from typing import Any

from game.core.expressions import did_you_mean
from game.core.model import COMPETENCIES, Module
from game.core.scoring import overall
from game.store.records import MAX_ID_CHARS, ResultRecord, StoreError, check_session_name

MAX_BOARD_ROWS = 100_000  # rows one board may return
MAX_RECENT_ROWS = 1_000_000  # rows one read of recent results may return
MAX_SESSIONS_LISTED = 8  # session names a "no such session" message may list


def check_board_request(
    scenario: Any, module: Any, competency: Any, session: Any, limit: Any
) -> str:
    """The board to rank by ("overall" or a competency), or StoreError saying what is wrong."""
    if scenario is not None and module is not None:
        raise StoreError("a board is for one scenario or one module, not both")
    check_scenario_id(scenario)
    if module is not None and not isinstance(module, Module):
        raise StoreError("a module board needs a Module (from modules.yaml)")
    if competency is not None and competency not in COMPETENCIES:
        raise StoreError(
            f"unknown competency {competency!r}; choose one of {', '.join(COMPETENCIES)}"
        )
    if session is not None and not isinstance(session, str):
        raise StoreError("a session is named by text")
    check_limit(limit, MAX_BOARD_ROWS, "board length")
    return str(competency or "overall")


def check_scenario_id(scenario: Any) -> None:
    if scenario is None:
        return
    if not isinstance(scenario, str) or not scenario or len(scenario) > MAX_ID_CHARS:
        raise StoreError(f"a scenario id is text of 1 to {MAX_ID_CHARS} characters")
    if any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in scenario):
        raise StoreError("a scenario id cannot contain NUL or broken characters")


def check_limit(limit: Any, most: int, what: str) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= most:
        raise StoreError(f"the {what} must be a whole number between 1 and {most}")


def check_since(since: Any) -> None:
    if not isinstance(since, datetime) or since.tzinfo is None or since.utcoffset() is None:
        raise StoreError("`since` must be a time with a time zone (use datetime.now(UTC))")


def session_lookup_name(name: Any) -> str:
    """A session name as stored (NFC, stripped), or StoreError; for looking one up."""
    if not isinstance(name, str):
        raise StoreError("a session is named by text")
    return check_session_name(name)


def no_such_session(name: str, known: Iterable[str]) -> StoreError:
    """The error for a session name nobody started, suggesting the closest existing one."""
    names = list(known)
    if not names:
        return StoreError(
            f"there is no session named {name!r}; no session has been started yet "
            f"(`rapport session start NAME` starts one)"
        )
    close = did_you_mean(name, names)
    if close:
        return StoreError(f"there is no session named {name!r}{close}")
    listed = ", ".join(repr(n) for n in names[:MAX_SESSIONS_LISTED])
    hidden = len(names) - MAX_SESSIONS_LISTED
    more = f" and {hidden} more" if hidden > 0 else ""
    return StoreError(
        f"there is no session named {name!r}; the sessions are {listed}{more} "
        "(`rapport session list` shows them all)"
    )


def mean_percent(values: Sequence[float | None]) -> float | None:
    """The mean of the assessed percents, one decimal: `game.core.scoring.overall`, faster.

    Scored percents have one decimal, so their mean is exact in whole tenths
    (rounded half up, as `overall` rounds); any other value takes `overall`'s
    exact but slower way. A module board computes dozens of these per read.
    """
    tenths = []
    for value in values:
        if value is None:
            continue
        scaled = round(value * 10)
        if scaled / 10 != value:
            return overall(values)
        tenths.append(scaled)
    return mean_of_tenths(sum(tenths), len(tenths))


def mean_of_tenths(total: int | None, count: int) -> float | None:
    """The mean of `count` percents whose sum is `total` tenths, one decimal, half up."""
    if not count or total is None:
        return None
    # floor(total / count + 1/2); percents are never negative.
    return ((2 * int(total) + count) // (2 * count)) / 10


def board_value(record: ResultRecord, board: str) -> float | None:
    """The percent a board ranks `record` by."""
    if board == "overall":
        return record.overall
    return record.percent[COMPETENCIES.index(board)]


def result_order(record: ResultRecord, board: str) -> tuple[float, float, datetime, str]:
    """The ranking rule, as a sort key: a higher percent, then fewer seconds, then earlier."""
    value = board_value(record, board)
    assert value is not None
    return (-value, record.seconds, record.played_at, record.id)


def module_order(
    bests: list[ResultRecord], board: str, player: str
) -> tuple[Fraction, float, datetime, str]:
    """The module ranking rule: a higher mean of bests, then fewer seconds, then earlier."""
    total = sum((Fraction(str(board_value(r, board))) for r in bests), Fraction(0))
    return (
        -total / len(bests),
        sum(r.seconds for r in bests),
        max(r.played_at for r in bests),
        player,
    )
