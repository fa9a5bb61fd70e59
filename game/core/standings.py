"""Standings: the one ranking rule, podiums and competency champions.

A board ranks by overall percent (a result nobody could score goes last), then
fewer seconds, then name. The results store ranks its boards in SQL in the same
order (a test compares the two); the meeting board, the team round and the team
report rank with `rank_key` here. Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

from game.core.model import COMPETENCIES

T = TypeVar("T")

Percents = tuple[float | None, float | None, float | None]  # in COMPETENCIES order
Champion = tuple[str, float]  # (player, percent) of the best in one competency


def rank_key(
    overall: float | None, seconds: float, player: str = ""
) -> tuple[bool, float, float, str]:
    """The sort key of a place: highest overall first (unscored last), fewer seconds, name."""
    return (overall is None, -(overall or 0.0), seconds, player.casefold())


class Standing(NamedTuple):
    """One player's place on a board, whatever it was read from (the store or a team round)."""

    rank: int
    player: str
    overall: float | None
    percent: Percents
    seconds: float


def ranked(entries: Iterable[Standing]) -> list[Standing]:
    """Entries in rank order, numbered from 1."""
    ordered = sorted(entries, key=lambda e: rank_key(e.overall, e.seconds, e.player))
    return [entry._replace(rank=position) for position, entry in enumerate(ordered, start=1)]


def best_of(items: Iterable[T], score: Callable[[T], tuple[float | None, float]]) -> T:
    """The best of `items` by the ranking rule; `score` gives each one's (overall, seconds)."""
    return min(items, key=lambda item: rank_key(*score(item)))


def champions_of(entries: Sequence[Standing]) -> tuple[Champion | None, ...]:
    """The best player in each competency (ties to fewer seconds); None where nobody scored."""
    found: list[Champion | None] = []
    for index in range(len(COMPETENCIES)):
        scored = [e for e in entries if e.percent[index] is not None]
        if not scored:
            found.append(None)
            continue
        best = min(scored, key=lambda e: rank_key(e.percent[index], e.seconds, e.player))
        percent = best.percent[index]
        found.append((best.player, percent) if percent is not None else None)
    return tuple(found)
