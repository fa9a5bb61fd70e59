"""The live server on 127.0.0.1: pages, art, the WebSocket protocol, the store and the host API."""

from __future__ import annotations

import asyncio
import io
import json
import re
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from websockets.exceptions import ConnectionClosed, InvalidStatus

from game import pictures
from game.cli import cli
from game.live.host import LiveHost
from game.live.server import ASSETS_DIR, CSP, WEB_DIR
from game.store import SQLAlchemyResultsStore
from tests.live.conftest import StartHost
from tests.live.phones import Phone, run
from tests.live.support import eventually, module_plan, umbrella_plan
from tests.loader.test_art import png


def get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# -- pages and art -----------------------------------------------------------------------------
def test_pages_are_served_with_a_strict_content_security_policy(start_host: StartHost) -> None:
    host = start_host(umbrella_plan())
    for path in ("", "?join=123456", "board", "static/live.js", "static/live.css"):
        status, headers, _body = get(host.info.url + path)
        assert status == 200, path
        assert headers["Content-Security-Policy"] == CSP
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in CSP and "'unsafe-inline'" not in CSP
    _, headers, page = get(host.info.url)
    assert headers["Content-Type"].startswith("text/html")
    assert b'<script src="/static/live.js"' in page


def test_the_web_client_loads_nothing_from_outside() -> None:
    for path in WEB_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, flags=re.I), path
        assert "innerHTML" not in text and "outerHTML" not in text, path
        assert "eval(" not in text and "insertAdjacentHTML" not in text, path
        assert " style=" not in text, path  # the policy forbids inline styles


def test_art_comes_only_from_the_assets_folder(start_host: StartHost, tmp_path: Path) -> None:
    host = start_host(umbrella_plan())
    url = host.info.url
    status, headers, body = get(url + "art/settings/dealership.svg")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    assert body.startswith(b"<svg")
    assert get(url + "art/portraits/dana/pleased.svg")[0] == 200
    fallback = get(url + "art/portraits/dana/sleepy.svg")
    assert fallback[0] == 200 and b"neutral" in fallback[2]
    placeholder = (ASSETS_DIR / "placeholder" / "portrait.svg").read_bytes()
    assert get(url + "art/portraits/ines/annoyed.svg")[2] == placeholder
    for bad in (
        "art/settings/..%2F..%2Fpyproject.svg",
        "art/settings/../../pyproject.toml",
        "art/settings/Dealership.svg",
        "art/portraits/..%2Fsettings/dealership.svg",
        "static/..%2F__init__.py",
        "static/session.py",
        "fonts/OFL.txt",
        "fonts/..%2F..%2Fpyproject.toml",
    ):
        assert get(url + bad)[0] == 404, bad
    assert get(url + "fonts/Inter-Regular.otf")[0] == 200


def test_phones_see_a_trainers_own_pictures_first_png_included(
    start_host: StartHost, tmp_path: Path
) -> None:
    scenarios = tmp_path / "my-scenarios"
    own = pictures.art_folder(scenarios)
    (own / "settings").mkdir(parents=True)
    (own / "settings" / "dealership.png").write_bytes(png(64, 36))  # replaces the shipped one
    (own / "settings" / "flower-stall.png").write_bytes(png(32, 18))
    (own / "portraits" / "kim").mkdir(parents=True)
    neutral = (ASSETS_DIR / "portraits" / "maya" / "neutral.svg").read_bytes()
    (own / "portraits" / "kim" / "neutral.svg").write_bytes(neutral)
    (own / "portraits" / "kim" / "upset.png").write_bytes(png(40, 50))
    (own / "settings" / "empty.png").write_bytes(b"")
    (own / "settings" / "fake.png").write_bytes(b"<svg></svg>")
    (tmp_path / "secret.png").write_bytes(png(8, 8))
    (own / "settings" / "outside.png").symlink_to(tmp_path / "secret.png")
    host = start_host(umbrella_plan(), scenarios_dir=scenarios)
    url = host.info.url
    status, headers, body = get(url + "art/settings/flower-stall")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert body == png(32, 18)
    assert get(url + "art/settings/dealership")[2] == png(64, 36)
    assert get(url + "art/settings/dealership.svg")[2] == png(64, 36)  # an older page's address
    status, headers, body = get(url + "art/portraits/kim/upset")
    assert headers["Content-Type"] == "image/png" and body == png(40, 50)
    status, headers, body = get(url + "art/portraits/kim/sleepy")  # no such mood: neutral
    assert headers["Content-Type"] == "image/svg+xml" and body == neutral
    assert get(url + "art/portraits/dana/pleased")[0] == 200  # the shipped art is still there
    placeholder = (ASSETS_DIR / "placeholder" / "setting.svg").read_bytes()
    for refused in ("empty", "fake", "outside"):  # empty, not a PNG, a link out of art/
        status, headers, body = get(url + f"art/settings/{refused}")
        assert (status, body) == (200, placeholder), refused
    for bad in ("art/settings/flower-stall.gif", "art/settings/Flower-stall", "art/settings/.png"):
        assert get(url + bad)[0] == 404, bad


# -- playing over WebSockets -------------------------------------------------------------------
def test_a_race_is_played_recorded_and_shown_on_the_same_board_as_the_cli(
    start_host: StartHost, store: SQLAlchemyResultsStore, db_url: str
) -> None:
    host = start_host(umbrella_plan(), session="Friday round")
    code, port = host.info.code, host.info.port

    async def play() -> tuple[dict[str, object], dict[str, object]]:
        ana = await Phone.open(port)
        welcome = await ana.join(code, "Ana")
        assert welcome["session"] == "Friday round"
        await ana.until("view", seq=1)
        for number in (2, 2, 1):
            await ana.choose(number)
        result = await ana.until("result")
        board = await ana.until("board")
        place = await ana.until("place")
        assert place["rank"] == 1 and place["of"] == 1
        await ana.close()
        return result, board

    result, board = run(play())
    assert result["ending"] == "happy" and result["overall"] == 100.0
    [record] = list(store.all_results())
    assert record.player == "Ana" and record.session == "Friday round"
    assert record.decisions == (2, 2, 1)
    shown = CliRunner().invoke(
        cli, ["leaderboard", "--session", "Friday round", "--json", "--db", db_url]
    )
    assert shown.exit_code == 0, shown.output
    assert board["rows"] == json.loads(shown.output)


def test_a_module_race_records_each_scenario_and_the_module_board(
    start_host: StartHost, store: SQLAlchemyResultsStore
) -> None:
    host = start_host(module_plan())

    async def play() -> dict[str, Any]:
        ben = await Phone.open(host.info.port)
        await ben.join(host.info.code, "Ben")
        await ben.until("view", seq=1)
        await ben.choose(2)
        await ben.choose(1)
        await ben.until("result")
        await ben.until("view", scenario="umbrella-stand")
        for number in (2, 2, 1):
            await ben.choose(number)
        await ben.until("result", scenario="umbrella-stand")
        board = await ben.until("board", timeout=15)
        while len(board["rows"]) == 0:  # the module board lists players who played it all
            board = await ben.until("board")
        await ben.close()
        return board

    board = run(play())
    assert [r.scenario for r in store.all_results()] == ["spare-keys", "umbrella-stand"]
    assert {r.module for r in store.all_results()} == {"first-week"}
    assert board["rows"][0]["player"] == "Ben" and board["rows"][0]["scenario"] == "first-week"


def test_a_phone_that_drops_mid_scenario_rejoins_where_it_was(
    start_host: StartHost, store: SQLAlchemyResultsStore
) -> None:
    host = start_host(umbrella_plan())

    async def play() -> None:
        ana = await Phone.open(host.info.port)
        token = (await ana.join(host.info.code, "Ana"))["token"]
        await ana.until("view", seq=1)
        await ana.choose(2)
        await ana.socket.close()  # the lock screen
        again = await Phone.open(host.info.port)
        welcome = await again.join(host.info.code, "", token=token)
        assert welcome["name"] == "Ana"
        view = await again.until("view")
        assert view["seq"] == 2 and view["node"] == "aisle"
        await again.send({"type": "choose", "seq": 1, "number": 1})  # late, from before
        await again.choose(2)
        await again.choose(1)
        await again.until("result")
        await again.close()

    run(play())
    assert eventually(lambda: [r.decisions for r in store.all_results()] == [(2, 2, 1)])


def test_bad_clients_get_errors_and_the_server_carries_on(start_host: StartHost) -> None:
    host = start_host(umbrella_plan())

    async def abuse() -> None:
        eve = await Phone.open(host.info.port)
        for text, code in [
            ("{nope", "bad_json"),
            ('{"type": "teleport"}', "unknown_type"),
            ('{"type": "result", "overall": 100.0, "ending": "happy"}', "not_allowed"),
            ("x" * (1024 * 1024), "too_big"),
            (b"\x00\x01binary", "bad_json"),
        ]:
            await eve.send(text)
            error = await eve.until("error")
            assert error["code"] == code
        await eve.join(host.info.code, "Eve")
        await eve.until("view", seq=1)
        await eve.send({"type": "choose", "seq": 1, "number": 1, "scores": {"empathy": 99}})
        assert (await eve.until("error"))["code"] == "not_allowed"
        with pytest.raises((ConnectionClosed, ConnectionResetError)):
            await eve.send("y" * (5 * 1024 * 1024))  # past the frame limit: only this one closes
            for _ in range(10):
                await eve.next(timeout=10)
        wrong = await Phone.open(host.info.port)
        await wrong.send({"type": "join", "code": "000000", "name": "Mallory", "token": None})
        assert (await wrong.until("error"))["code"] == "bad_code"
        with pytest.raises(ConnectionClosed):
            await wrong.next(timeout=10)
        ana = await Phone.open(host.info.port)
        await ana.join(host.info.code, "Ana")
        await ana.until("view", seq=1)
        assert (await ana.choose(2))["node"] == "aisle"
        await ana.close()

    run(abuse())
    assert eventually(lambda: {p.name for p in host.snapshot().players} == {"Eve", "Ana"})


def test_a_flood_of_joins_from_one_address_is_slowed_down(start_host: StartHost) -> None:
    host = start_host(umbrella_plan(), join_limits=(5, 60.0))

    async def flood() -> list[str]:
        phone = await Phone.open(host.info.port, address="127.0.0.9")
        codes = []
        for n in range(40):
            await phone.send({"type": "join", "code": "999999", "name": f"Bot {n}", "token": None})
            reply = await phone.until("error")
            codes.append(reply["code"])
            if reply["code"] == "bad_code":
                phone = await Phone.open(host.info.port, address="127.0.0.9")
        other = await Phone.open(host.info.port, address="127.0.0.10")
        await other.join(host.info.code, "Ana")
        await other.close()
        return codes

    codes = run(flood())
    assert codes[:5] == ["bad_code"] * 5 and set(codes[5:]) == {"slow_down"}
    assert eventually(lambda: [p.name for p in host.snapshot().players] == ["Ana"])


def test_pages_from_another_site_cannot_open_the_socket(start_host: StartHost) -> None:
    host = start_host(umbrella_plan())

    async def foreign() -> None:
        with pytest.raises(InvalidStatus):
            await Phone.open(host.info.port, headers={"Origin": "http://evil.example"})
        ours = await Phone.open(
            host.info.port, headers={"Origin": f"http://127.0.0.1:{host.info.port}"}
        )
        await ours.join(host.info.code, "Ana")
        await ours.close()

    run(foreign())


# -- huddle and the host ------------------------------------------------------------------------
def test_a_huddle_votes_reveals_and_advances_from_the_host_api(
    start_host: StartHost, store: SQLAlchemyResultsStore
) -> None:
    host = start_host(umbrella_plan(), mode="huddle")

    async def room() -> None:
        ana = await Phone.open(host.info.port)
        ben = await Phone.open(host.info.port)
        await ana.join(host.info.code, "Ana")
        await ben.join(host.info.code, "Ben")
        for seq, choice in ((1, 2), (2, 2), (3, 1)):
            await ana.until("view", seq=seq)
            await ben.until("view", seq=seq)
            await ana.send({"type": "vote", "seq": seq, "number": choice})
            await ben.send({"type": "vote", "seq": seq, "number": choice})
            tally = await ana.until("tally", seq=seq, voters=2)
            assert tally["counts"][choice - 1] == 2
            host.reveal()
            reveal = await ben.until("reveal", seq=seq)
            assert any(c["best"] for c in reveal["choices"])
            revealed = await asyncio.to_thread(eventually, lambda: revealed_now(host))
            assert revealed
            host.advance()
        result = await ana.until("result")
        assert result["ending"] == "happy"
        standings = await ben.until("standings")
        assert standings["rows"][0]["best"] == 3
        await ana.close()
        await ben.close()

    run(room())
    assert eventually(lambda: len(list(store.all_results())) == 1)
    [record] = list(store.all_results())
    assert record.player == "Room: Monday meeting" and record.decisions == (2, 2, 1)


def revealed_now(host: LiveHost) -> bool:
    room = host.snapshot().room
    return room is not None and room.revealed


def test_the_projector_screen_gets_the_code_only_with_the_host_token(
    start_host: StartHost,
) -> None:
    host = start_host(umbrella_plan())

    async def screens() -> None:
        projector = await Phone.open(host.info.port)
        await projector.send({"type": "watch", "host_token": host.info.host_token})
        hello = await projector.until("watching")
        assert hello["code"] == host.info.code and hello["qr"].startswith("data:image/svg+xml")
        assert hello["urls"] == list(host.info.urls)
        public = await Phone.open(host.info.port)
        await public.send({"type": "watch"})
        assert "code" not in await public.until("watching")
        ana = await Phone.open(host.info.port)
        await ana.join(host.info.code, "Ana")
        counted = await projector.until("players", connected=1)
        assert counted["joined"] == 1
        for phone in (projector, public, ana):
            await phone.close()

    run(screens())


def test_ending_closes_every_connection_and_the_host_can_stop(start_host: StartHost) -> None:
    host = start_host(umbrella_plan())

    async def end() -> None:
        ana = await Phone.open(host.info.port)
        await ana.join(host.info.code, "Ana")
        await ana.until("view")
        projector = await Phone.open(host.info.port)
        await projector.send({"type": "host", "host_token": host.info.host_token, "action": "end"})
        assert (await ana.until("ended"))["message"]
        with pytest.raises(ConnectionClosed):
            await ana.next(timeout=10)

    run(end())
    assert host.wait(10)
    report = host.stop(timeout_s=30)
    assert report.finished and report.recorded.stored == 0


def test_the_qr_code_is_a_png_the_window_can_load(start_host: StartHost) -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    host = start_host(umbrella_plan())
    png = host.qr_png(scale=4)
    assert png.startswith(b"\x89PNG")
    image = pygame.image.load(io.BytesIO(png))
    assert image.get_width() == image.get_height() > 100
    assert host.info.join_link == f"{host.info.url}?join={host.info.code}"
    assert "▀" in host.qr_text() or "█" in host.qr_text()
