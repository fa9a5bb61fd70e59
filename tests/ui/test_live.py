"""The window hosts a live session: a real LiveHost on 127.0.0.1 in the window's process, phones
joining over real WebSockets, the screen showing the code, the QR code, the players, the board,
and in a huddle the tally, the reveal and the host's advance; leaving ends the session cleanly."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
import segno

from game.core.decisions import play_decisions
from game.loader import Library
from game.settings import Settings
from game.store import SQLAlchemyResultsStore, StoreError
from game.ui import flow
from game.ui.app import App
from game.ui.command import run
from game.ui.live.hosting import HostRequest
from game.ui.live.scene import LiveScene
from game.ui.live.setup import LiveSetupScene
from game.ui.options import Options
from game.ui.services import StoreHandle
from tests.live.phones import Phone
from tests.ui.conftest import MakeApp
from tests.ui.live_room import Room, drawn, start_live, wait_for
from tests.ui.support import click, key, top, type_text

SESSION = "Monday meeting"


@pytest.fixture
def results(tmp_path: Path) -> Iterator[SQLAlchemyResultsStore]:
    store = SQLAlchemyResultsStore(
        f"sqlite:///{tmp_path / 'results.db'}", outbox_path=tmp_path / "outbox"
    )
    yield store
    store.close()


@pytest.fixture
def room() -> Iterator[Room]:
    phones = Room()
    yield phones
    phones.close()


@pytest.fixture
def app(make_app: MakeApp, results: SQLAlchemyResultsStore) -> Iterator[App]:
    window = make_app(results=results)
    window.start()
    window.frame()
    yield window
    window.close()  # ends a session still running, its results safe


def press(app: App, code: int, text: str = "") -> None:
    """A key press, and the frames that act on it."""
    key(code, text)
    app.frame()
    app.frame()


def spaced(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


async def play_to_the_end(phone: Phone, decisions: list[int]) -> dict[str, object]:
    """Take `decisions` in order (then the first choice) until the result comes."""
    view = await phone.until("view")
    plan = iter(decisions)
    while view["choices"]:
        view = await phone.choose(next(plan, 1))
    return await phone.until("result")


async def vote(phone: Phone, seq: int, number: int) -> None:
    await phone.send({"type": "vote", "seq": seq, "number": number})
    await phone.until("voted", seq=seq)


# -- what the projector shows -------------------------------------------------------------------
def test_the_screen_shows_the_code_every_address_and_a_qr_code_of_the_join_link(
    app: App,
) -> None:
    scene = start_live(app, session=SESSION)
    info = scene.session.info if scene.session else None
    assert scene.state == "running" and info is not None
    texts = drawn(app)
    assert spaced(info.code) in texts
    assert info.url.removeprefix("http://").rstrip("/") in texts
    assert any(SESSION in text for text in texts)
    placed = scene.qr_placement(app.ctx.canvas)
    assert placed is not None
    left, top_px, scale, modules = placed
    assert scale >= 3  # large enough to scan from the room
    matrix = segno.make(info.join_link, error="m", micro=False).matrix
    assert modules == len(matrix) + 8  # the code and its quiet zone, one pixel each in the PNG
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            x = left + (column + 4) * scale + scale // 2
            y = top_px + (row + 4) * scale + scale // 2
            assert (app.window.get_at((x, y))[0] < 128) == bool(dark), (row, column)


def test_players_appear_as_they_join_and_the_board_fills_as_they_finish(
    app: App, room: Room, results: SQLAlchemyResultsStore, shipped: Library
) -> None:
    scene = start_live(app, session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    lena, raj, maya = room.join(info.port, info.code, ["Lena Fischer", "Raj", "Maya Okafor"])
    wait_for(app, lambda: scene.snap is not None and len(scene.snap.players) == 3)
    texts = drawn(app)
    assert {"Lena Fischer", "Raj", "Maya Okafor"} <= set(texts)
    assert "Players  ·  3 joined" in texts
    best = [int(d) for d in shipped.analyses["loaner-counter"].best or ()]
    lena_result = room(play_to_the_end(lena, best))
    raj_result = room(play_to_the_end(raj, [3, 3, 3, 3, 3]))
    wait_for(app, lambda: [s.player for s in scene.standings] == ["Lena Fischer", "Raj"])
    wait_for(app, lambda: scene.table.settled)
    texts = drawn(app)
    assert f"{lena_result['overall']:g}%" in texts and f"{raj_result['overall']:g}%" in texts
    assert any("2 of 3 finished" in text for text in texts)
    board = results.leaderboard(scenario="loaner-counter", session=SESSION)
    assert [(r.player, r.overall) for r in board] == [
        (s.player, s.overall) for s in scene.standings
    ]
    press(app, pygame.K_SPACE, " ")  # the podium and the champions
    texts = drawn(app)
    assert scene.show_podium and "Podium" in texts and "Most empathetic" in texts
    assert maya.socket.state.name == "OPEN"


def test_the_host_changes_the_timers_for_the_room(app: App, room: Room) -> None:
    scene = start_live(app, session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    (phone,) = room.join(info.port, info.code, ["Ana"])
    timers = next(b for b in scene.focus.buttons if b.action[0] == "timers")
    click(app, (timers.box[0] + timers.box[2] * 0.75, timers.box[1] + timers.box[3] / 2))
    wait_for(app, lambda: scene.snap is not None and scene.snap.timers == "slow")
    assert room(phone.until("timers"))["value"] == "slow"
    assert "Twice as long" in drawn(app)


# -- a huddle --------------------------------------------------------------------------------------
def test_a_huddle_shows_the_tally_then_the_reveal_and_the_host_moves_the_room_on(
    app: App, room: Room, shipped: Library
) -> None:
    scenario = shipped.scenarios["loaner-counter"]
    scene = start_live(app, mode="huddle", session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    phones = room.join(info.port, info.code, ["Ana", "Ben", "Chloé"])
    first = room(phones[0].until("view", seq=1))
    for phone, number in zip(phones, (2, 2, 1), strict=True):
        room(vote(phone, 1, number))
    wait_for(app, lambda: scene.snap is not None and scene.snap.room is not None)
    wait_for(app, lambda: scene.snap.room.voters == 3)  # type: ignore[union-attr]
    texts = drawn(app)
    assert any(text.endswith("3 of 3 voted") for text in texts)
    assert "2 votes" in texts and "1 vote" in texts
    assert all(choice["text"] in texts for choice in first["choices"])
    assert "Best answer" not in texts
    press(app, pygame.K_SPACE, " ")  # reveal
    wait_for(app, lambda: scene.snap.room.revealed)  # type: ignore[union-attr]
    reveal = room(phones[0].until("reveal"))
    texts = drawn(app)
    assert "Best answer" in texts
    for choice in reveal["choices"]:
        if choice["feedback"]:
            assert choice["feedback"] in texts
    press(app, pygame.K_SPACE, " ")  # go with the most votes: 2
    view = room(phones[1].until("view", seq=2))
    assert view["node"] == play_decisions(scenario, [2], to_ending=False).current.id
    for phone, number in zip(phones[:2], (1, 3), strict=True):  # a tie between 1 and 3
        room(vote(phone, 2, number))
    wait_for(app, lambda: scene.snap.room.tied == (1, 3))  # type: ignore[union-attr]
    wait_for(app, lambda: any(b.label == "Reveal answers" for b in scene.focus.buttons))
    next_step = next(b for b in scene.focus.buttons if b.action[0] == "reveal")
    click(app, (next_step.box[0] + 10, next_step.box[1] + 10))  # reveal with the mouse
    wait_for(app, lambda: scene.snap.room.revealed)  # type: ignore[union-attr]
    assert "A tie: press 1 or 3" in drawn(app)
    press(app, pygame.K_SPACE, " ")  # nothing to go with: the host picks
    for _ in range(30):
        app.frame()
    assert scene.snap.room.view["seq"] == 2  # type: ignore[union-attr]
    press(app, pygame.K_3, "3")
    view = room(phones[2].until("view", seq=3))
    assert view["node"] == play_decisions(scenario, [2, 3], to_ending=False).current.id


# -- ending --------------------------------------------------------------------------------------
def test_leaving_the_screen_ends_the_session_and_keeps_every_finished_result(
    app: App, room: Room, results: SQLAlchemyResultsStore
) -> None:
    scene = start_live(app, session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    done, busy = room.join(info.port, info.code, ["Lena", "Raj"])
    room(play_to_the_end(done, [1, 1, 1, 1, 1, 1]))
    room(busy.until("view"))
    press(app, pygame.K_ESCAPE)
    wait_for(app, lambda: top(app).name == "live-end")
    press(app, pygame.K_RETURN)  # End the session
    wait_for(app, lambda: top(app).name == "title")
    assert any("1 result recorded" in notice.text for notice in app.ctx.notices)
    assert room(busy.until("ended"))["message"]
    records = [r for r in results.all_results() if r.session == SESSION]
    assert [r.player for r in records] == ["Lena"]
    window = results.session_window(SESSION)
    assert window is not None and window.ended_at is not None


def test_closing_the_window_mid_session_records_what_was_finished(
    make_app: MakeApp, room: Room, results: SQLAlchemyResultsStore
) -> None:
    window = make_app(results=results)
    window.start()
    scene = start_live(window, session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    (phone,) = room.join(info.port, info.code, ["Lena"])
    room(play_to_the_end(phone, [2, 2, 2, 2, 2, 2]))
    window.close()  # the window's close button, mid-session
    assert scene.session is not None and scene.session.state == "ended"
    assert [r.player for r in results.all_results()] == ["Lena"]
    assert room(phone.until("ended"))["type"] == "ended"


# -- when it cannot start ------------------------------------------------------------------------
def test_a_port_in_use_is_a_sentence_on_the_screen_and_esc_goes_back(app: App) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        scene = start_live(app, port=taken.getsockname()[1])
        assert scene.state == "failed"
        assert "already in use" in (scene.error or "")
        texts = drawn(app)
        assert "The live session could not start" in texts
        press(app, pygame.K_ESCAPE)
        wait_for(app, lambda: top(app).name == "title")


def test_without_a_results_database_no_session_starts(shipped: Library) -> None:
    def unavailable() -> SQLAlchemyResultsStore:
        raise StoreError("the server at db.example is not answering")

    window = App(
        Options(),
        library=shipped,
        store=StoreHandle(unavailable),
        settings=Settings(player_name="Ana", text_speed="instant", volume=0),
        fast=True,
    )
    window.start()
    scene = start_live(window)
    assert scene.state == "failed"
    assert "db.example is not answering" in (scene.error or "")
    assert "not started" in (scene.error or "")
    window.close()


# -- setting it up -------------------------------------------------------------------------------
def test_the_title_opens_the_setup_which_finishes_with_what_to_host(
    app: App, shipped: Library
) -> None:
    title = top(app)
    button = next(b for b in title.focus.buttons if b.label == "Host a live session")  # type: ignore[attr-defined]
    click(app, (button.box[0] + 20, button.box[1] + 10))
    wait_for(app, lambda: top(app).name == "live-setup")
    app.stack.pop()
    chosen: list[HostRequest | None] = []
    setup = LiveSetupScene(app.ctx)
    app.ctx.stack.push(setup, chosen.append)
    app.frame()
    boxes = {b.action: b.box for b in setup.focus.buttons}
    for row in ("mode", "timers"):  # the right half of a row: the next value
        x, y, w, h = boxes[row]
        click(app, (x + w * 0.75, y + h / 2))
        app.frame()
    x, y, w, h = boxes["name"]
    click(app, (x + 20, y + h / 2))
    app.frame()
    type_text("Friday \u202e round")  # a direction override: refused, with why
    app.frame()
    press(app, pygame.K_RETURN)  # the name is typed: on to "Start the session"
    press(app, pygame.K_RETURN)
    app.frame()
    assert not chosen and setup.error and "Session name" in setup.error
    for _ in "Friday \u202e round":
        press(app, pygame.K_BACKSPACE)
    type_text("Friday round")
    app.frame()
    start = next(b for b in setup.focus.buttons if b.action == "start")
    click(app, (start.box[0] + 20, start.box[1] + 10))
    app.frame()
    first = next(iter(shipped.modules[0].scenarios))
    assert chosen == [
        HostRequest(
            scenario=first, module=None, mode="huddle", timers="slow", session="Friday round"
        )
    ]


def test_run_py_host_starts_over_the_title_with_the_mode_scenario_and_session(
    make_app: MakeApp,
) -> None:
    window = make_app(host="huddle", scenario="loaner-counter", session="Team huddle")
    window.start()
    scene = top(window)
    assert isinstance(scene, LiveScene)
    assert scene.request == HostRequest(
        scenario="loaner-counter", mode="huddle", session="Team huddle"
    )
    assert [s.name for s in window.stack.scenes] == ["title", "live"]
    window.stack.pop()  # never started: nothing to end


def test_run_py_host_with_screenshots_photographs_the_live_screen_then_ends_the_session(
    make_app: MakeApp,
    results: SQLAlchemyResultsStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = flow.start_live  # the same flow, on 127.0.0.1 only (tests never listen wider)
    monkeypatch.setattr(
        flow,
        "start_live",
        lambda ctx, request: real(ctx, replace(request, bind="127.0.0.1", port=0)),
    )
    folder = tmp_path / "shots"
    folder.mkdir()
    window = make_app(
        results=results,
        host="race",
        scenario="loaner-counter",
        session=SESSION,
        screenshots=folder,
    )
    assert window.run() == 0
    assert [shot.name for shot in sorted(folder.iterdir())] == ["001-live.png"]
    scene = top(window)
    assert isinstance(scene, LiveScene)
    placed = scene.qr_placement(window.ctx.canvas)
    assert placed is not None
    left, top_px, scale, _ = placed
    shot = pygame.image.load(str(folder / "001-live.png"))
    assert shot.get_size() == window.window.get_size()
    # the photograph shows the QR code: its quiet zone light, its finder's corner dark
    assert shot.get_at((left + scale // 2, top_px + scale // 2))[0] >= 128
    assert shot.get_at((left + 4 * scale + scale // 2, top_px + 4 * scale + scale // 2))[0] < 128
    ended = results.session_window(SESSION)
    assert ended is not None and ended.ended_at is not None


def test_run_py_host_refuses_options_that_cannot_go_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--host", "--meeting"]) == 2
    assert "--host and --meeting" in capsys.readouterr().err
    assert run(["--host", "huddle", "--scenario", "a", "--module", "b"]) == 2
    assert "not both" in capsys.readouterr().err
    assert run(["--host", "party"]) == 2


def test_a_session_hosted_from_the_window_queues_each_result_for_the_learning_record_store(
    app: App, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.lrs.records import open_learning_records

    monkeypatch.setenv("RAPPORT_LRS", "http://127.0.0.1:9/xapi/")  # nothing listens: it waits
    monkeypatch.setenv("RAPPORT_LRS_USERNAME", "rapport")
    monkeypatch.setenv("RAPPORT_LRS_PASSWORD", "secret")
    scene = start_live(app, session=SESSION)
    info = scene.session.info if scene.session else None
    assert info is not None
    (phone,) = room.join(info.port, info.code, ["Lena"])
    room(play_to_the_end(phone, [1, 1, 1, 1, 1, 1]))
    learning, problems = open_learning_records()
    assert learning is not None, problems
    wait_for(app, lambda: learning.waiting() == 1)
