"""The live app in process (Starlette's TestClient): pages, headers and a WebSocket round trip."""

from __future__ import annotations

import itertools

from starlette.testclient import TestClient

from game.live.recorder import Recorder
from game.live.server import CSP, LiveServer
from game.live.session import Ids, LiveSession
from game.store import SQLAlchemyResultsStore
from tests.live.support import CODE, rules, umbrella_plan


def make_app(store: SQLAlchemyResultsStore) -> LiveServer:
    plan = umbrella_plan()
    numbers = itertools.count(1)
    session = LiveSession(
        plan,
        rules("race"),
        Ids(token=lambda: f"t{next(numbers)}", result_id=lambda: f"{next(numbers):032x}"),
    )
    recorder = Recorder(store, plan, "Monday meeting", on_board=lambda rows: None)
    return LiveServer(session, recorder)


def test_the_app_serves_its_pages_and_plays_over_a_websocket(
    store: SQLAlchemyResultsStore,
) -> None:
    server = make_app(store)
    with TestClient(server.app) as client:
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
        assert client.get("/nowhere").status_code == 404
        assert client.get("/health").json() == {"rapport": "live"}
        with client.websocket_connect("/ws") as socket:
            socket.send_json({"type": "join", "code": CODE, "name": "Ana", "token": None})
            assert socket.receive_json()["type"] == "welcome"
            view = socket.receive_json()
            assert view["type"] == "view" and view["seq"] == 1
            socket.send_json({"type": "choose", "seq": 1, "number": 2})
            assert socket.receive_json()["node"] == "aisle"
