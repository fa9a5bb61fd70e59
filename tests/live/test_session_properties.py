"""Random sequences of joins, leaves, rejoins, late and repeated messages never double-count.

Hypothesis drives the pure session with everything a room of unreliable phones
can do; after every sequence each decision counted once, each result recorded
once and every recorded playthrough replays to an ending.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.decisions import play_decisions
from game.live.session import LiveSession, Plan
from tests.live.support import CODE, HOST, Driver, check_record, counter_ids, module_plan, rules

NAMES = ["Ana", "Ben", "Cy"]

step = st.one_of(
    st.tuples(st.just("join"), st.integers(0, 2), st.booleans()),
    st.tuples(st.just("drop"), st.integers(0, 5)),
    st.tuples(st.just("choose"), st.integers(0, 5), st.integers(-1, 1), st.integers(1, 4)),
    st.tuples(st.just("vote"), st.integers(0, 5), st.integers(-1, 1), st.integers(1, 4)),
    st.tuples(st.just("timer"), st.integers(0, 5), st.integers(-1, 1)),
    st.tuples(st.just("repeat"), st.integers(0, 5)),
    st.tuples(st.just("tick"), st.floats(0, 25)),
    st.tuples(st.just("reveal"), st.integers(-1, 0)),
    st.tuples(st.just("advance"), st.integers(-1, 0), st.one_of(st.none(), st.integers(1, 3))),
    st.tuples(st.just("board")),
)


class Room:
    """The phones: each name's token as its device stored it, and the messages each sent."""

    def __init__(self, driver: Driver) -> None:
        self.d = driver
        self.tokens: dict[str, str] = {}
        self.open: list[int] = []
        self.sent: dict[int, dict[str, Any]] = {}
        self.owner: dict[int, str] = {}  # connection -> the player it plays as
        self.asked: set[tuple[str, int, int]] = set()  # (player, seq, number) ever sent

    def record_ask(self, conn: int, message: dict[str, Any]) -> None:
        if message.get("type") == "choose" and conn in self.owner:
            self.asked.add((self.owner[conn], message["seq"], message["number"]))

    def conn(self, index: int) -> int | None:
        self.open = [c for c in self.open if c not in self.d.closed]
        return self.open[index % len(self.open)] if self.open else None

    def seq(self, conn: int, offset: int) -> int:
        views = self.d.all(conn, "view")
        return (views[-1]["seq"] if views else 1) + offset

    def send(self, conn: int, message: dict[str, Any]) -> None:
        self.sent[conn] = message
        self.record_ask(conn, message)
        self.d.send(conn, message)

    def run(self, action: tuple[Any, ...]) -> None:
        kind = action[0]
        if kind == "join":
            name = NAMES[action[1]]
            token = self.tokens.get(name) if action[2] else None
            conn = self.d.connect(address=f"10.0.0.{action[1]}")
            self.open.append(conn)
            self.send(conn, {"type": "join", "code": CODE, "name": name, "token": token})
            welcome = [m for m in self.d.inbox[conn] if m["type"] == "welcome"]
            if welcome:
                self.tokens[welcome[-1]["name"]] = welcome[-1]["token"]
                self.owner[conn] = welcome[-1]["name"]
        elif kind == "tick":
            self.d.tick(action[1])
        elif kind == "board":
            best: dict[str, int] = {}
            for record in self.d.records:
                best[record.player] = best.get(record.player, 0) + 1
            rows = [
                {"rank": n, "player": player, "overall": 50.0}
                for n, player in enumerate(sorted(best), start=1)
            ]
            self.d.apply(self.d.session.board_changed(rows, self.d.now))
        elif kind in ("reveal", "advance"):
            room = self.d.session._room
            seq = (room.play.seq if room is not None else 1) + action[1]
            message: dict[str, Any] = {"type": "host", "host_token": HOST, "action": kind}
            message["seq"] = seq
            if kind == "advance" and action[2] is not None:
                message["number"] = action[2]
            self.d.send(self.d.connect("10.9.9.9"), message)
        else:
            chosen = self.conn(action[1])
            if chosen is None:
                return
            conn = chosen
            if kind == "drop":
                self.d.drop(conn)
            elif kind == "repeat":
                if conn in self.sent:
                    self.record_ask(conn, self.sent[conn])
                    self.d.send(conn, self.sent[conn])
            elif kind == "timer":
                self.send(conn, {"type": "timer", "seq": self.seq(conn, action[2])})
            else:
                number = action[3]
                self.send(conn, {"type": kind, "seq": self.seq(conn, action[2]), "number": number})


def taken_as_asked(d: Driver, asked: set[tuple[str, int, int]]) -> None:
    """Race: every decision at view `seq` is one a message for that very view asked for."""
    for player in d.session._players.values():
        done = [r for r in d.records if r.player == player.name]
        stages = [list(r.decisions) for r in done]
        if player.play.playthrough is not None and not player.play.playthrough.finished:
            stages.append(list(player.play.playthrough.decisions))
        seq = 0
        for decisions in stages:
            seq += 1  # the stage's first view
            for decision in decisions:
                assert decision == "t" or (player.name, seq, decision) in asked, (
                    player.name,
                    seq,
                    decision,
                )
                seq += 1


def check(d: Driver, plan: Plan) -> None:
    records = d.records
    assert len({r.result_id for r in records}) == len(records)
    per_play = Counter((r.player, r.stage) for r in records)
    assert all(count == 1 for count in per_play.values()), per_play
    for record in records:
        check_record(plan, record)
    session = d.session
    # Each player's (or the room's) view number counts every view once: one per stage
    # started and one per decision taken, never more.
    plays = [session._room.play] if session._room is not None else []
    plays += [player.play for player in session._players.values()]
    owners = [session.rules.room_name] if session._room is not None else []
    owners += [player.name for player in session._players.values()]
    for owner, play in zip(owners, plays, strict=True):
        if play.playthrough is None:
            continue
        done = [r for r in records if r.player == owner]
        decisions = sum(len(r.decisions) for r in done)
        live = 0 if play.playthrough.finished else len(play.playthrough.decisions)
        started = play.stage + 1
        assert play.seq == started + decisions + live, (owner, play.seq)
        assert len(done) == play.stage + (1 if play.playthrough.finished else 0)
        if done and play.playthrough.finished:
            assert play_decisions(
                play.playthrough.scenario, list(done[-1].decisions), to_ending=False
            ).finished
    if session._room is not None:
        room_decisions = play_count = 0
        room = session._room
        room_decisions = sum(len(r.decisions) for r in records)
        if room.play.playthrough is not None and not room.play.playthrough.finished:
            room_decisions += len(room.play.playthrough.decisions)
        play_count = room_decisions
        for player in session._players.values():
            assert player.best_votes <= player.votes <= play_count
    # Per connection, views only move forward.
    for conn, messages in d.inbox.items():
        views = [m for m in messages if m["type"] == "view"]
        for a, b in itertools.pairwise(views):  # a view repeats only when shown again whole
            assert b["seq"] > a["seq"] or b == a, (conn, a["seq"], b["seq"])
        for message in messages:
            json.dumps(message)
            if message["type"] == "error":
                assert message["code"] and message["message"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["race", "huddle"]), st.lists(step, max_size=60))
def test_no_sequence_counts_a_decision_or_a_result_twice(
    mode: str, actions: list[tuple[Any, ...]]
) -> None:
    plan = module_plan()
    d = Driver(LiveSession(plan, rules(mode, join_burst=100), counter_ids()))
    room = Room(d)
    for action in actions:
        room.run(action)
    check(d, plan)
    if mode == "race":
        taken_as_asked(d, room.asked)
    d.apply(d.session.end(d.now))
    check(d, plan)
    assert d.ended


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([1, 2, 3, "t", "late", "drop"]), max_size=40))
def test_a_player_who_keeps_dropping_still_finishes_each_scenario_once(
    moves: list[Any],
) -> None:
    plan = module_plan()
    d = Driver(LiveSession(plan, rules("race"), counter_ids()))
    conn, got = d.join("Ana")
    token = got[0]["token"]
    for move in [*moves, *[1] * 20]:
        view = d.last(conn, "view")
        if move == "drop":
            d.drop(conn)
            conn, _ = d.join("Ana", token=token)
        elif move == "late":
            d.send(conn, {"type": "choose", "seq": view["seq"] - 1, "number": 1})
        elif move == "t":
            d.tick(40)
        else:
            d.send(conn, {"type": "choose", "seq": view["seq"], "number": move})
    assert [r.scenario for r in d.records] == ["spare-keys", "umbrella-stand"]
    for record in d.records:
        check_record(plan, record)
