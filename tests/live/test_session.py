"""The live session's rules, driven without sockets or a clock (docs/live.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.core.decisions import play_decisions
from game.core.scoring import result_of
from game.live.session import GRACE_S, LiveSession
from tests.live.support import (
    CODE,
    HOST,
    Driver,
    check_record,
    counter_ids,
    errors,
    kinds,
    module_plan,
    rules,
    umbrella_plan,
)


def race(**changes: Any) -> Driver:
    return Driver(LiveSession(umbrella_plan(), rules("race", **changes), counter_ids()))


def huddle(**changes: Any) -> Driver:
    return Driver(LiveSession(umbrella_plan(), rules("huddle", **changes), counter_ids()))


def choose(d: Driver, conn: int, number: int, seq: int | None = None) -> list[dict[str, Any]]:
    if seq is None:
        seq = d.last(conn, "view")["seq"]
    return d.send(conn, {"type": "choose", "seq": seq, "number": number})


# -- joining ---------------------------------------------------------------------------------
def test_join_welcomes_with_a_token_and_shows_the_first_view() -> None:
    d = race()
    _, got = d.join("Ines")
    assert kinds(got) == ["welcome", "view"]
    welcome, view = got
    assert welcome["name"] == "Ines" and welcome["token"] == "token-1"
    assert welcome["mode"] == "race" and welcome["session"] == "Monday meeting"
    assert view["seq"] == 1 and view["scenario"] == "umbrella-stand" and view["node"] == "door"
    assert [c["number"] for c in view["choices"]] == [1, 2]
    assert view["timer"] == 15.0 and view["speaker"] == "customer"


def test_race_views_carry_no_coaching() -> None:
    d = race()
    conn, _ = d.join("Ines")
    text = json.dumps(d.inbox[conn])
    assert "feedback" not in text and "scores" not in text and "Walk with her" not in text


def test_the_code_is_read_leniently_and_a_wrong_one_closes() -> None:
    d = race()
    _, got = d.join("Ines", code=" 123-456 ")
    assert kinds(got)[0] == "welcome"
    conn, got = d.join("Tom", code="654321")
    assert errors(got) == ["bad_code"] and conn in d.closed


def test_names_follow_the_player_name_rules_and_the_workplace_filter() -> None:
    d = race()
    for bad in [
        "",
        "   ",
        "a\x00b",
        "x" * 41,
        "Bob\u202e",
        "line\nbreak",
        "B4dW0rd",
        "the badword",
    ]:
        conn, got = d.join(bad)
        assert errors(got) == ["bad_name"], bad
        assert conn not in d.closed
        assert got[0]["message"].endswith(".")
    _, got = d.join("Robert'); DROP TABLE results;--")
    assert got[0]["name"] == "Robert'); DROP TABLE results;--"
    _, got = d.join("Jose\u0301")
    assert got[0]["name"] == "José"  # stored NFC


def test_a_name_in_use_is_taken_and_returns_to_its_holder_once_they_are_gone() -> None:
    d = race()
    first, _ = d.join("Ines")
    choose(d, first, 2)
    _, got = d.join("ines")
    assert errors(got) == ["name_taken"]
    d.drop(first)
    _again, got = d.join("Ines")
    assert kinds(got) == ["welcome", "view"]
    assert got[0]["token"] != "token-1"  # a new device gets a new token
    assert got[1]["seq"] == 2 and got[1]["node"] == "aisle"  # the same progress


def test_a_token_restores_the_player_after_the_browser_was_closed() -> None:
    d = race()
    conn, got = d.join("Ines")
    token = got[0]["token"]
    choose(d, conn, 2)
    d.drop(conn)
    _again, got = d.join("anything", token=token)
    assert got[0]["name"] == "Ines" and got[0]["token"] == token
    assert got[1]["seq"] == 2 and got[1]["node"] == "aisle"
    assert len(d.session.snapshot().players) == 1


def test_a_second_tab_with_the_token_closes_the_first() -> None:
    d = race()
    first, got = d.join("Ines")
    second, again = d.join("Ines", token=got[0]["token"])
    assert kinds(again)[0] == "welcome"
    assert errors(d.inbox[first]) == ["kicked"] and first in d.closed
    choose(d, second, 2)
    assert d.last(second, "view")["seq"] == 2


def test_a_full_session_refuses_new_players_but_not_returning_ones() -> None:
    d = race(max_players=2)
    a, got = d.join("Ana")
    token = got[0]["token"]
    d.join("Ben")
    conn, got = d.join("Cy")
    assert errors(got) == ["full"] and conn in d.closed
    d.drop(a)
    _, got = d.join("Ana", token=token)
    assert kinds(got)[0] == "welcome"


def test_join_attempts_from_one_address_are_slowed_down() -> None:
    d = race(join_burst=3, join_refill_s=1.0)
    for _ in range(3):
        conn, got = d.join("x\x00", address="10.1.1.1")
        assert errors(got) == ["bad_name"]
    conn, got = d.join("Ana", address="10.1.1.1")
    assert errors(got) == ["slow_down"] and got[0]["retry_after"] == 1.0
    assert conn not in d.closed
    _, got = d.join("Ana", address="10.1.1.2")  # another device is not affected
    assert kinds(got)[0] == "welcome"
    d.tick(1.0)
    _, got = d.join("Ben", address="10.1.1.1")
    assert kinds(got)[0] == "welcome"


# -- bad messages ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_message"),
        ('{"kind": "join"}', "bad_message"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "result", "overall": 100}', "not_allowed"),
        ('{"type": "choose", "seq": 1, "number": 1, "score": 99}', "not_allowed"),
        ('{"type": "choose", "seq": "1", "number": 1}', "bad_message"),
        ('{"type": "choose", "seq": 1, "number": true}', "bad_message"),
        ('{"type": "choose", "seq": 1, "number": 1e3}', "bad_message"),
        ('{"type": "choose", "seq": 1, "number": NaN}', "bad_message"),
        ("[" * 2000 + "]" * 2000, "bad_json"),
        ('{"type": "join", "code": "1", "name": "a", "token": 5}', "bad_message"),
        ("x" * 5000, "too_big"),
        ('{"type": "choose", "pad": "' + "é" * 2100 + '"}', "too_big"),
        (b'{"type": "join"}', "bad_json"),
    ],
)
def test_bad_messages_get_an_error_and_change_nothing(text: str | bytes, code: str) -> None:
    d = race()
    conn, _ = d.join("Ines")
    before = d.session.snapshot()
    got = d.send(conn, text)
    assert errors(got) == [code]
    assert conn not in d.closed
    assert d.session.snapshot() == before
    choose(d, conn, 2)  # the connection still plays
    assert d.last(conn, "view")["seq"] == 2


def test_a_megabyte_message_is_refused_before_it_is_parsed() -> None:
    d = race()
    conn, _ = d.join("Ines")
    got = d.send(conn, '{"type": "choose", "seq": 1, "number": 1, "x": "' + "a" * 2**20 + '"}')
    assert errors(got) == ["too_big"]


def test_playing_before_joining_is_refused() -> None:
    d = race()
    conn = d.connect()
    assert errors(d.send(conn, {"type": "choose", "seq": 1, "number": 1})) == ["not_joined"]
    assert errors(d.send(conn, {"type": "vote", "seq": 1, "number": 1})) == ["not_joined"]


# -- race --------------------------------------------------------------------------------------
def test_late_and_repeated_decisions_are_ignored() -> None:
    d = race()
    conn, _ = d.join("Ines")
    assert kinds(choose(d, conn, 2, seq=1)) == ["view"]
    assert choose(d, conn, 1, seq=1) == []  # repeated after the view moved on
    assert choose(d, conn, 1, seq=7) == []  # from a future that never came
    assert d.session.snapshot().players[0].part == 1
    view = d.last(conn, "view")
    assert view["seq"] == 2 and view["node"] == "aisle"


def test_a_choice_not_shown_is_refused() -> None:
    d = race()
    conn, _ = d.join("Ines")
    got = choose(d, conn, 3)
    assert errors(got) == ["not_shown"] and "choose 1 to 2" in got[0]["message"]
    assert d.last(conn, "view")["seq"] == 1


def test_a_finished_race_sends_the_play_json_result_and_records_it_once() -> None:
    d = race()
    conn, _ = d.join("Ines")
    d.now = 10.0
    choose(d, conn, 2)
    choose(d, conn, 2)
    d.now = 42.5
    got = choose(d, conn, 1)
    assert kinds(got) == ["view", "result"]
    ending, result = got
    assert ending["choices"] == [] and ending["ending"]["outcome"] == "success"
    plan = umbrella_plan()
    played = play_decisions(plan.stages[0].scenario, [2, 2, 1], to_ending=False)
    played.elapsed_s = 42.5
    assert plan.stages[0].analysis.ranges is not None
    expected = result_of(played, plan.stages[0].analysis.ranges).to_dict()
    assert {k: v for k, v in result.items() if k != "type"} == expected
    assert len(d.records) == 1
    record = d.records[0]
    assert record.player == "Ines" and record.decisions == (2, 2, 1)
    assert record.session == "Monday meeting" and record.seconds == 42.5
    check_record(plan, record)
    assert choose(d, conn, 1, seq=ending["seq"]) and len(d.records) == 1


def test_a_rejoin_after_the_end_shows_the_result_again_without_recording_it_again() -> None:
    d = race()
    conn, got = d.join("Ines")
    for number in (2, 2, 1):
        choose(d, conn, number)
    d.drop(conn)
    _, again = d.join("Ines", token=got[0]["token"])
    assert kinds(again) == ["welcome", "view", "result"]
    assert len(d.records) == 1


def test_the_timer_is_kept_by_the_server() -> None:
    d = race()
    conn, _ = d.join("Ines")
    got = d.send(conn, {"type": "timer", "seq": 1})
    assert errors(got) == ["not_yet"] and got[0]["seconds_left"] == 15.0
    d.tick(15.0)
    assert d.last(conn, "view")["seq"] == 1  # the grace: the device may still answer
    assert kinds(d.send(conn, {"type": "timer", "seq": 1})) == ["view"]
    assert d.last(conn, "view")["node"] == "aisle"
    assert d.session.snapshot().players[0].part == 1


def test_the_server_takes_the_timers_way_after_the_grace() -> None:
    d = race()
    conn, _ = d.join("Ines")
    d.drop(conn)  # the phone locked: the clock goes on
    d.tick(15.0 + GRACE_S - 0.01)
    again, got = d.join("Ines")
    assert got[1]["seq"] == 1
    d.tick(0.02)
    view = d.last(again, "view")
    assert view["seq"] == 2 and view["node"] == "aisle"
    assert d.send(again, {"type": "timer", "seq": 1}) == []


def test_a_choice_inside_the_grace_wins_over_the_timer() -> None:
    d = race()
    conn, _ = d.join("Ines")
    d.tick(16.0)
    choose(d, conn, 2, seq=1)
    d.tick(5.0)
    assert d.last(conn, "view")["seq"] == 2
    assert "compact storm" in json.dumps(d.last(conn, "view"))  # asked_where was set


@pytest.mark.parametrize(("setting", "shown"), [("slow", 30.0), ("off", None)])
def test_the_host_can_slow_or_switch_off_timers(setting: str, shown: float | None) -> None:
    d = race(timers=setting)
    conn, _ = d.join("Ines")
    assert d.last(conn, "view")["timer"] == shown
    d.tick(100.0)
    assert d.last(conn, "view")["seq"] == (1 if shown is None else 2)
    if shown is None:
        got = d.send(conn, {"type": "timer", "seq": 1})
        assert errors(got) == ["no_timer"] and "off" in got[0]["message"]


def test_the_host_switches_timers_off_for_the_next_views() -> None:
    d = Driver(LiveSession(module_plan(), rules("race"), counter_ids()))
    conn, _ = d.join("Ines")
    got = d.host("timers", value="off")
    assert kinds(got)[0] == "timers"
    assert d.last(conn, "timers")["value"] == "off"
    choose(d, conn, 2)
    choose(d, conn, 1)
    view = d.last(conn, "view")
    assert view["scenario"] == "umbrella-stand" and view["node"] == "door"
    assert view["timer"] is None
    d.tick(100)
    assert d.last(conn, "view")["seq"] == view["seq"]
    assert d.session.snapshot().timers == "off"


def test_a_module_is_played_in_order_and_each_result_is_recorded_with_it() -> None:
    plan = module_plan()
    d = Driver(LiveSession(plan, rules("race"), counter_ids()))
    conn, got = d.join("Ines")
    assert got[0]["parts"] == 2 and got[1]["scenario"] == "spare-keys"
    choose(d, conn, 2)
    got = choose(d, conn, 1)
    assert kinds(got) == ["view", "result", "view"]
    assert got[2]["scenario"] == "umbrella-stand" and got[2]["part"] == 2
    assert got[2]["seq"] == got[0]["seq"] + 1
    for number in (2, 2, 1):
        choose(d, conn, number)
    assert [r.scenario for r in d.records] == ["spare-keys", "umbrella-stand"]
    assert all(r.module == "first-week" for r in d.records)
    for record in d.records:
        check_record(plan, record)
    assert d.session.snapshot().players[0].finished


def test_the_board_goes_to_those_on_it_and_each_place_privately() -> None:
    d = race(board_rows=1)
    ana, _ = d.join("Ana")
    ben, _ = d.join("Ben")
    watcher = d.connect()
    d.send(watcher, {"type": "watch"})
    rows = [
        {"rank": 1, "player": "Ana", "overall": 90.0},
        {"rank": 2, "player": "Ben", "overall": 50.0},
    ]
    d.apply(d.session.board_changed(rows, d.now))
    for conn in (ana, ben, watcher):
        assert d.last(conn, "board")["rows"] == rows[:1]
    assert d.last(ana, "place") == {
        "type": "place",
        "rank": 1,
        "of": 2,
        "overall": 90.0,
        "top": 1,
    }
    assert d.last(ben, "place")["rank"] == 2
    assert d.all(watcher, "place") == []


# -- huddle ------------------------------------------------------------------------------------
def test_huddle_players_see_the_rooms_view_and_the_tally() -> None:
    d = huddle()
    ana, got = d.join("Ana")
    assert kinds(got) == ["welcome", "view", "tally"]
    assert got[2] == {"type": "tally", "seq": 1, "counts": [0, 0], "voters": 0, "players": 1}
    ben, _ = d.join("Ben")
    got = d.send(ana, {"type": "vote", "seq": 1, "number": 2})
    assert got[0] == {"type": "voted", "seq": 1, "number": 2}
    d.tick(0.2)
    assert d.last(ben, "tally") == {
        "type": "tally",
        "seq": 1,
        "counts": [0, 1],
        "voters": 1,
        "players": 2,
    }
    assert errors(d.send(ben, {"type": "choose", "seq": 1, "number": 1})) == ["wrong_mode"]
    assert errors(d.send(ben, {"type": "vote", "seq": 1, "number": 4})) == ["not_shown"]


def test_a_vote_can_change_until_the_reveal() -> None:
    d = huddle()
    ana, _ = d.join("Ana")
    d.send(ana, {"type": "vote", "seq": 1, "number": 1})
    d.send(ana, {"type": "vote", "seq": 1, "number": 2})
    d.tick(1)
    assert d.last(ana, "tally")["counts"] == [0, 1]
    got = d.host("reveal", seq=1)
    reveal = got[-1]
    assert reveal["type"] == "reveal" and reveal["seq"] == 1
    first, second = reveal["choices"]
    assert first["scores"] == {"empathy": -1, "anticipation": 0, "upsell": 0}
    assert "walk with her" in first["feedback"].lower()
    assert (first["best"], second["best"]) == (False, True)
    assert d.last(ana, "reveal") == reveal
    assert errors(d.send(ana, {"type": "vote", "seq": 1, "number": 1})) == ["voting_closed"]


def test_host_actions_need_the_host_token() -> None:
    d = huddle()
    ana, _ = d.join("Ana")
    got = d.send(ana, {"type": "host", "host_token": "guess", "action": "advance", "seq": 1})
    assert errors(got) == ["not_host"]
    got = d.send(ana, {"type": "host", "host_token": "guess", "action": "end"})
    assert errors(got) == ["not_host"] and not d.ended


def test_advance_follows_the_most_votes_and_asks_the_host_on_a_tie() -> None:
    d = huddle()
    a, _ = d.join("Ana")
    b, _ = d.join("Ben")
    host = d.connect()
    assert errors(d.host("advance", seq=1, conn=host)) == ["no_votes"]
    d.send(a, {"type": "vote", "seq": 1, "number": 1})
    d.send(b, {"type": "vote", "seq": 1, "number": 2})
    got = d.host("advance", seq=1, conn=host)
    assert errors(got) == ["tie"] and got[-1]["tied"] == [1, 2]
    d.send(b, {"type": "vote", "seq": 1, "number": 1})
    d.host("advance", seq=1, conn=host)
    view = d.last(a, "view")
    assert view["seq"] == 2 and "compact storm" not in json.dumps(view)  # choice 1 was taken
    assert d.host("advance", seq=1, conn=host) == []  # a repeated advance is harmless
    assert d.last(a, "view")["seq"] == 2


def test_the_host_decides_with_a_number_and_the_room_result_is_recorded_once() -> None:
    d = huddle(room_name="Monday room")
    a, _ = d.join("Ana")
    b, _ = d.join("Ben")
    host = d.connect()
    votes = {1: (2, 1), 2: (2, 3), 3: (1, 3)}  # per view: Ana's and Ben's votes
    for seq, (va, vb) in votes.items():
        d.send(a, {"type": "vote", "seq": seq, "number": va})
        d.send(b, {"type": "vote", "seq": seq, "number": vb})
        d.host("advance", seq=seq, number=[2, 2, 1][seq - 1], conn=host)
    result = d.last(a, "result")
    assert result["ending"] == "happy" and result["path"][-1] == "happy"
    assert len(d.records) == 1
    record = d.records[0]
    assert record.player == "Monday room" and record.decisions == (2, 2, 1)
    standings = d.last(host, "standings")["rows"]
    assert standings == [
        {"rank": 1, "player": "Ana", "best": 3, "votes": 3},
        {"rank": 2, "player": "Ben", "best": 0, "votes": 3},
    ]
    assert d.last(b, "place") == {
        "type": "place",
        "rank": 2,
        "of": 2,
        "best": 0,
        "votes": 3,
        "top": 2,
    }
    got = d.host("advance", seq=4, conn=host)
    assert errors(got) == ["finished"]
    assert len(d.records) == 1


def test_a_huddle_moves_to_the_next_scenario_of_a_module_on_advance() -> None:
    d = Driver(LiveSession(module_plan(), rules("huddle"), counter_ids()))
    a, _ = d.join("Ana")
    d.host("advance", seq=1, number=3)
    assert d.last(a, "view")["ending"]["outcome"] == "failure"
    d.host("advance", seq=2)
    view = d.last(a, "view")
    assert view["scenario"] == "umbrella-stand" and view["seq"] == 3
    assert d.last(a, "tally")["seq"] == 3


def test_the_room_timer_runs_only_while_someone_is_there_and_stops_at_the_reveal() -> None:
    d = huddle()
    d.tick(100)
    a, _ = d.join("Ana")
    d.tick(15 + GRACE_S - 0.1)
    assert d.last(a, "view")["seq"] == 1
    d.host("reveal", seq=1)
    d.tick(100)
    assert d.last(a, "view")["seq"] == 1
    d.host("advance", seq=1, number=2)
    assert d.last(a, "view")["node"] == "aisle"


def test_the_room_takes_the_timers_way_and_still_counts_the_votes() -> None:
    d = huddle()
    a, _ = d.join("Ana")
    d.send(a, {"type": "vote", "seq": 1, "number": 2})
    d.tick(15 + GRACE_S)
    assert d.last(a, "view")["seq"] == 2
    assert d.session.snapshot().players[0].votes == 1
    assert d.session.snapshot().players[0].best_votes == 1


# -- the host and the end ----------------------------------------------------------------------
def play_out(d: Driver, conn: int) -> None:
    """The first choice at every view until the player's result."""
    while d.last(conn, "view")["choices"]:
        choose(d, conn, 1)


def test_in_a_race_the_board_goes_to_board_screens_and_players_with_a_result() -> None:
    d = race(board_rows=2)
    ana, _ = d.join("Ana")
    ben, _ = d.join("Ben")
    cleo, _ = d.join("Cleo")
    watcher = d.connect()
    d.send(watcher, {"type": "watch"})
    play_out(d, ana)
    assert d.all(ana, "board") == []  # no board read yet: nothing to show
    rows = [{"rank": 1, "player": "Ana", "overall": 90.0}]
    d.apply(d.session.board_changed(rows, d.now))
    assert d.last(watcher, "board")["rows"] == rows
    assert d.last(ana, "board")["rows"] == rows
    assert d.all(ben, "board") == [] and d.all(cleo, "board") == []  # still playing: not shown
    play_out(d, ben)  # the board comes with Ben's result, before any new reading
    got = kinds(d.inbox[ben])
    assert got[-2:] == ["result", "board"] and d.last(ben, "board")["rows"] == rows
    d.tick(1.0)
    rows = [*rows, {"rank": 2, "player": "Ben", "overall": 40.0}]
    d.apply(d.session.board_changed(rows, d.now))
    assert d.last(ben, "board")["rows"] == rows and d.last(ana, "board")["rows"] == rows
    assert d.all(cleo, "board") == []
    d.apply(d.session.end(d.now))  # Cleo's last screen shows the board too
    assert kinds(d.inbox[cleo])[-2:] == ["board", "ended"]
    assert d.last(cleo, "board")["rows"] == rows
    assert len(d.all(ana, "board")) == 2  # not sent again at the end


def test_a_player_rejoining_after_the_result_still_gets_the_board() -> None:
    d = race()
    ana, welcome = d.join("Ana")
    token = welcome[0]["token"]
    play_out(d, ana)
    d.drop(ana)
    rows = [{"rank": 1, "player": "Ana", "overall": 70.0}]
    d.apply(d.session.board_changed(rows, d.now))
    again, got = d.join("Ana", token=token)
    assert "board" in kinds(got) and d.last(again, "board")["rows"] == rows


def test_a_host_screen_gets_the_code_and_a_public_board_screen_does_not() -> None:
    d = race(host_info={"urls": ["http://192.0.2.2:8000/"]})
    host = d.connect()
    got = d.send(host, {"type": "watch", "host_token": HOST})
    assert got[0]["type"] == "watching" and got[0]["code"] == CODE and got[0]["host"]
    assert got[0]["urls"] == ["http://192.0.2.2:8000/"]
    public = d.connect()
    got = d.send(public, {"type": "watch"})
    assert "code" not in got[0] and not got[0]["host"]
    assert errors(d.send(d.connect(), {"type": "watch", "host_token": "x"})) == ["not_host"]


def test_the_host_can_remove_a_player() -> None:
    d = race()
    ana, _ = d.join("Ana")
    d.host("kick", value="ana")
    assert errors(d.inbox[ana]) == ["kicked"] and ana in d.closed
    assert d.session.snapshot().players == ()
    _, got = d.join("Ana")
    assert kinds(got)[0] == "welcome"


def test_ending_closes_every_connection_and_records_only_finished_playthroughs() -> None:
    d = race()
    done, _ = d.join("Ana")
    for number in (2, 2, 1):
        choose(d, done, number)
    halfway, _ = d.join("Ben")
    choose(d, halfway, 2)
    d.host("end")
    assert d.ended and len(d.records) == 1
    assert {done, halfway} <= d.closed
    assert d.last(halfway, "ended")["message"]
    late, got = d.join("Cy")
    assert errors(got) == ["bad_code"] and late in d.closed
    assert d.session.tick(1000) == []
