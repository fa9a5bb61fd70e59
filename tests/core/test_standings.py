"""The ranking rule, podiums and champions."""

from __future__ import annotations

from game.core.standings import Standing, best_of, champions_of, rank_key, ranked


def standing(player: str, overall: float | None, seconds: float = 60.0) -> Standing:
    return Standing(0, player, overall, (overall, None, overall), seconds)


def test_rank_by_overall_then_fewer_seconds_then_name_unscored_last() -> None:
    entries = [
        standing("Dee", None, 10.0),
        standing("Bo", 80.0, 90.0),
        standing("ann", 80.0, 90.0),
        standing("Cy", 80.0, 30.0),
        standing("Eve", 95.0, 300.0),
    ]
    assert [(s.rank, s.player) for s in ranked(entries)] == [
        (1, "Eve"),
        (2, "Cy"),
        (3, "ann"),
        (4, "Bo"),
        (5, "Dee"),
    ]


def test_best_of_uses_the_same_rule() -> None:
    plays = [(70.0, 20.0), (80.0, 90.0), (80.0, 40.0), (None, 1.0)]
    assert best_of(plays, lambda p: p) == (80.0, 40.0)
    assert rank_key(None, 0.0) > rank_key(0.0, 999.0)


def test_champions_are_the_best_per_competency_and_none_where_nobody_scored() -> None:
    entries = [standing("Ann", 70.0, 50.0), standing("Bo", 70.0, 40.0), standing("Cy", 65.0)]
    assert champions_of(entries) == (("Bo", 70.0), None, ("Bo", 70.0))
    assert champions_of([]) == (None, None, None)
