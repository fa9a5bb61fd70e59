"""An edited outbox can never change the board: every way of editing a queued result fails.

Each case queues real results for a store (SQLite, PostgreSQL or memory),
edits one of them the way a player with a text editor could, and delivers:
the edited entry is never inserted (it is kept aside, or left alone when it
is not an outbox entry any more), the board is exactly what the untouched
entries make, and nothing is lost.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.store import MemoryResultsStore, ResultsStore, SQLAlchemyResultsStore
from game.store.delivery import queue_result
from game.store.outbox import SET_ASIDE_FOLDER, Outbox
from game.store.recording import score
from tests.store.factories import BASIS, BEST, WORST, make_submission, shelf

Edit = Callable[[Path, dict[str, Any]], None]


def _payload(change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(path: Path, data: dict[str, Any]) -> None:
        change(data["payload"]["submission"])
        path.write_text(json.dumps(data), encoding="utf-8")

    return edit


def _envelope(change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(path: Path, data: dict[str, Any]) -> None:
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return edit


def _raw(content: bytes) -> Edit:
    def edit(path: Path, data: dict[str, Any]) -> None:
        path.write_bytes(content)

    return edit


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def _legacy_with_a_perfect_score(path: Path, data: dict[str, Any]) -> None:
    """An entry in the first outbox format, as it was forged before: scores at 100 %."""
    submission = data["payload"]["submission"]
    forged = {
        **submission,
        "raw": [99, 99, 99],
        "percent": [100.0, 100.0, 100.0],
        "overall": 100.0,
        "ending": "test_drive",
        "outcome": "success",
        "path": ["arrive", "picks_model", "test_drive"],
    }
    legacy = {"format": "rapport-outbox", "version": 1, "target": data["target"], "result": forged}
    path.write_text(json.dumps(legacy), encoding="utf-8")


EDITS: dict[str, Edit] = {
    "an overall score added": _payload(lambda s: s.update(overall=100.0)),
    "percents added": _payload(lambda s: s.update(percent=[100.0, 100.0, 100.0])),
    "raw scores added": _payload(lambda s: s.update(raw=[50, 50, 50])),
    "decisions changed to the best path": _payload(lambda s: s.update(decisions=list(BEST))),
    "decisions that do not fit": _payload(lambda s: s.update(decisions=[9, 9])),
    "decisions as text": _payload(lambda s: s.update(decisions="2,2")),
    "decisions removed": _payload(lambda s: s.pop("decisions")),
    "content hash changed": _payload(lambda s: s.update(content_hash="another-version")),
    "id changed": _payload(lambda s: s.update(id="f" * 32)),
    "id as a number": _payload(lambda s: s.update(id=12345)),
    "scenario changed": _payload(lambda s: s.update(scenario="candles")),
    "player changed": _payload(lambda s: s.update(player="Someone else")),
    "played_at moved": _payload(lambda s: s.update(played_at="2030-01-01T00:00:00.000000Z")),
    "seconds as text": _payload(lambda s: s.update(seconds="1")),
    "seconds negative": _payload(lambda s: s.update(seconds=-5.0)),
    "module changed": _payload(lambda s: s.update(module="another-module")),
    "session added": _payload(lambda s: s.update(session="Monday meeting")),
    "submission replaced by a list": _envelope(lambda d: d["payload"].update(submission=[1, 2, 3])),
    "scenario folder changed": _envelope(lambda d: d["payload"].update(library="/elsewhere")),
    "seal removed": _envelope(lambda d: d.pop("seal")),
    "seal replaced": _envelope(lambda d: d.update(seal="0" * 64)),
    "seal as a number": _envelope(lambda d: d.update(seal=7)),
    "seal with odd characters": _envelope(lambda d: d.update(seal="é" * 64)),
    "key changed": _envelope(lambda d: d.update(key="0" * 32)),
    "kind changed": _envelope(lambda d: d.update(kind="note")),
    "payload emptied": _envelope(lambda d: d.update(payload={})),
    "payload as text": _envelope(lambda d: d.update(payload="overall: 100")),
    "version as text": _envelope(lambda d: d.update(version="2")),
    "a future version": _envelope(lambda d: d.update(version=3)),
    "format changed": _envelope(lambda d: d.update(format="something-else")),
    "truncated": lambda path, data: _truncate(path),
    "random bytes": _raw(random.Random(11).randbytes(600)),
    "a JSON list": _raw(b"[1, 2, 3]"),
    "deeply nested JSON": _raw(b"[" * 100_000 + b"]" * 100_000),
    "empty file": _raw(b""),
    "the first format with forged scores": _legacy_with_a_perfect_score,
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "memory"])
def scored_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ResultsStore]:
    """A store with an outbox and the test catalogue, so it can score queued results."""
    outbox = tmp_path / "outbox"
    made: ResultsStore
    if request.param == "memory":
        made = MemoryResultsStore(outbox_path=outbox, scenarios=shelf())
    else:
        url = (
            f"sqlite:///{tmp_path / 'results.db'}"
            if request.param == "sqlite"
            else request.getfixturevalue("postgres_url")
        )
        made = SQLAlchemyResultsStore(url, outbox_path=outbox, scenarios=shelf())
    yield made
    made.close()


def board(store: ResultsStore) -> list[tuple[str, float | None]]:
    return [(row.player, row.overall) for row in store.leaderboard(limit=100)]


@pytest.mark.parametrize("how", sorted(EDITS))
def test_an_edited_queued_result_never_reaches_the_board(
    scored_store: ResultsStore, tmp_path: Path, how: str
) -> None:
    store = scored_store
    target = store.target  # type: ignore[attr-defined]
    outbox = Outbox(tmp_path / "outbox")
    honest = score(make_submission("Honest", BEST, minute=1), BASIS)
    victim = score(make_submission("Mallory", WORST, minute=2), BASIS)
    queue_result(outbox, target, honest, shelf())
    path = queue_result(outbox, target, victim, shelf())
    data = json.loads(path.read_text(encoding="utf-8"))
    EDITS[how](path, data)

    store.flush_outbox()

    assert [r.id for r in store.all_results()] == [honest.id]
    assert board(store) == [("Honest", honest.overall)]
    assert store.pending() == 0
    aside = tmp_path / "outbox" / SET_ASIDE_FOLDER
    kept_aside = aside / path.name
    # Nothing is lost: the edited entry is kept aside, or left where it was when it is no
    # outbox entry at all (or one of a version this Rapport does not know).
    assert kept_aside.exists() or path.exists()
    if kept_aside.exists():
        assert (aside / f"{path.name}.reason.txt").read_text(encoding="utf-8").strip()
        assert any(path.name in w for w in store.warnings())
    store.flush_outbox()  # a second delivery changes nothing either
    assert board(store) == [("Honest", honest.overall)]


def test_an_untouched_queued_result_is_scored_as_it_was_played(
    scored_store: ResultsStore, tmp_path: Path
) -> None:
    store = scored_store
    outbox = Outbox(tmp_path / "outbox")
    played = score(make_submission("Ann", WORST), BASIS)
    queue_result(outbox, store.target, played, shelf())  # type: ignore[attr-defined]
    assert store.flush_outbox() == 1
    assert list(store.all_results()) == [played]
    assert store.warnings() == []
