"""The SELECTs behind the boards, on SQLAlchemy Core: kept boards read from an index, others ranked.

A scenario board or the board across all scenarios is an index range of
`best_results`; a module board in use is an index range of `module_bests`
(both kept by the database's trigger, see `game.store.schema`). A session's
boards rank the session's results when read (a session is small).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, cast, func, literal, select, tuple_

from game.store.schema import BOARDS, best_results, module_bests, results

RESULT_COLUMNS = [
    results.c.id,
    results.c.player,
    results.c.scenario,
    results.c.content_hash,
    results.c.module,
    results.c.empathy_raw,
    results.c.anticipation_raw,
    results.c.upsell_raw,
    results.c.empathy,
    results.c.anticipation,
    results.c.upsell,
    results.c.overall,
    results.c.ending,
    results.c.outcome,
    results.c.decisions,
    results.c.path,
    results.c.seconds,
    results.c.played_at,
    results.c.app_version,
    results.c.session,
    results.c.untimed,
]


def stored_board_statement() -> Select[Any]:
    """A kept board straight from `best_results`: an index range, no sorting.

    Parameters: `board`, `scope` (a scenario id or ALL_SCENARIOS) and `limit`.
    Columns: player, scenario, overall, empathy, anticipation, upsell, seconds,
    played_at, untimed (the fields of a BoardRow after its rank).
    """
    return (
        select(
            best_results.c.player,
            results.c.scenario,
            results.c.overall,
            results.c.empathy,
            results.c.anticipation,
            results.c.upsell,
            results.c.seconds,
            results.c.played_at,
            results.c.untimed,
        )
        .select_from(best_results.join(results, results.c.id == best_results.c.result_id))
        .where(
            best_results.c.board == bindparam("board"),
            best_results.c.scenario == bindparam("scope"),
        )
        .order_by(
            best_results.c.score.desc(),
            best_results.c.seconds,
            best_results.c.played_at,
            best_results.c.result_id,
        )
        .limit(bindparam("limit"))
    )


def kept_module_board_statement() -> Select[Any]:
    """A kept module board: one index range of `module_bests`, no join, no sorting.

    Parameters: `board`, `key`, `count` (the module's number of scenarios) and
    `limit`. Columns: player, seconds, latest, then each competency's sum in
    tenths and count (overall, empathy, anticipation, upsell).
    """
    kept = module_bests.c
    sums = [kept[f"{name}_{part}"] for name in BOARDS for part in ("tenths", "count")]
    return (
        select(kept.player, kept.seconds, kept.latest, *sums)
        .where(
            kept.board == bindparam("board"),
            kept.module_key == bindparam("key"),
            kept.scenarios == bindparam("count"),
        )
        .order_by(kept.tenths.desc(), kept.seconds, kept.latest, kept.player)
        .limit(bindparam("limit"))
    )


def module_leaders(board: str, scenarios: set[str], limit: int) -> Select[Any]:
    """The leaders of a module board that is not kept, ranked from `best_results`.

    Percents have one decimal, so summing them as whole tenths is exact, and
    among players who played every scenario the sum orders like the mean.
    """
    best = best_results.c
    tenths = func.sum(cast(func.round(best.score * 10), Integer))
    seconds = func.sum(best.seconds)
    latest = func.max(best.played_at)
    return (
        select(best.player)
        .where(best.board == board, best.scenario.in_(scenarios))
        .group_by(best.player)
        .having(func.count() == len(scenarios))
        .order_by(tenths.desc(), seconds, latest, best.player)
        .limit(limit)
    )


def bests_of(board: str, scenarios: set[str], players: list[str]) -> Select[Any]:
    """The bests of `players` in `scenarios`, with their results' columns."""
    return (
        select(*RESULT_COLUMNS)
        .select_from(best_results.join(results, results.c.id == best_results.c.result_id))
        .where(
            best_results.c.board == board,
            best_results.c.scenario.in_(scenarios),
            best_results.c.player.in_(players),
        )
    )


def untimed_players(board: str, scenarios: set[str], players: list[str]) -> Select[Any]:
    """Which of `players` have a best in `scenarios` that was played untimed (a kept module
    board's rows carry no results, so this marks them; at most a board's players)."""
    return (
        select(best_results.c.player)
        .distinct()
        .select_from(best_results.join(results, results.c.id == best_results.c.result_id))
        .where(
            # Each (board, scenario, player) exactly, so the primary key finds them whatever
            # the planner thinks of the other indexes: a board's players times its scenarios.
            tuple_(best_results.c.board, best_results.c.scenario, best_results.c.player).in_(
                [(board, scenario, player) for scenario in sorted(scenarios) for player in players]
            ),
            results.c.untimed,
        )
    )


def ranked_rows(board: str, filters: list[Any], *, per_scenario: bool) -> Select[Any]:
    """Each player's best among the results matching `filters` (for session boards)."""
    value = results.c[board]
    partition = [results.c.scenario, results.c.player] if per_scenario else [results.c.player]
    ranked = (
        select(
            *RESULT_COLUMNS,
            value.label("ranking_value"),
            func.row_number()
            .over(
                partition_by=partition,
                order_by=[value.desc(), results.c.seconds, results.c.played_at, results.c.id],
            )
            .label("position"),
        )
        .where(value.is_not(None), *filters)
        .subquery()
    )
    return select(ranked).where(ranked.c.position == 1)


def ranked_board(board: str, filters: list[Any], limit: int) -> Select[Any]:
    best = ranked_rows(board, filters, per_scenario=False).subquery()
    return (
        select(best)
        .order_by(best.c.ranking_value.desc(), best.c.seconds, best.c.played_at, best.c.id)
        .limit(limit)
    )


def session_count(name: Any, started_at: Any, ended_at: Any) -> Any:
    """How many results belong to a session: played in its window, or tagged with its name.

    Two index ranges (by time, and by session name outside the window), never
    a scan of every result.
    """
    inside = results.c.played_at >= started_at
    inside = and_(inside, func.coalesce(ended_at, literal("~")) >= results.c.played_at)
    window = select(func.count()).select_from(results).where(inside).scalar_subquery()
    tagged = (
        select(func.count())
        .select_from(results)
        .where(
            results.c.session == name,
            ~and_(
                results.c.played_at >= started_at,
                func.coalesce(ended_at, literal("~")) >= results.c.played_at,
            ),
        )
        .scalar_subquery()
    )
    return window + tagged
