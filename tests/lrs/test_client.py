"""The LRS client: the headers xAPI asks for, and each kind of failure as its own error."""

from __future__ import annotations

import base64
import socket
from typing import Any

import pytest

from game.lrs.client import LrsClient
from game.lrs.config import LrsConfig
from game.lrs.errors import LrsAuthError, LrsConfigError, LrsRefused, LrsUnreachable
from tests.lrs.lrs_server import free_port
from tests.lrs.stub import Answer, Seen, always, stub_lrs

PASSWORD = "very-secret-password"
STATEMENT: dict[str, Any] = {"id": "6c0f4a0e-2d52-4c6f-9a57-5b1f0e3d8c21", "verb": {"id": "x:y"}}


def client(endpoint: str, timeout_s: float = 5.0) -> LrsClient:
    config = LrsConfig(endpoint=endpoint, username="ann", password=PASSWORD, timeout_s=timeout_s)
    return LrsClient(config)


def test_a_post_sends_json_with_the_version_and_basic_credentials() -> None:
    with stub_lrs(always(200, [STATEMENT["id"]])) as lrs:
        client(lrs.endpoint).post_statements([STATEMENT])
    seen = lrs.seen[0]
    assert (seen.method, seen.path) == ("POST", "/xapi/statements")
    assert seen.body == [STATEMENT]
    assert seen.headers["x-experience-api-version"] == "1.0.3"
    assert seen.headers["content-type"] == "application/json"
    expected = base64.b64encode(f"ann:{PASSWORD}".encode()).decode()
    assert seen.headers["authorization"] == f"Basic {expected}"


def test_a_put_names_the_statement_id() -> None:
    with stub_lrs(always(204)) as lrs:
        client(lrs.endpoint).put_statement(STATEMENT)
    assert lrs.seen[0].method == "PUT"
    assert lrs.seen[0].path == f"/xapi/statements?statementId={STATEMENT['id']}"


def test_get_reads_a_statement_or_none() -> None:
    def script(seen: Seen) -> Answer:
        if STATEMENT["id"] in seen.path:
            return Answer(200, STATEMENT)
        return Answer(404, {"detail": "not found"})

    with stub_lrs(script) as lrs:
        lrs_client = client(lrs.endpoint)
        assert lrs_client.get_statement(STATEMENT["id"]) == STATEMENT
        assert lrs_client.get_statement("00000000-0000-0000-0000-000000000000") is None
    with stub_lrs(always(200, {"statements": [STATEMENT], "more": ""})) as lrs:
        assert client(lrs.endpoint).get_statement(STATEMENT["id"]) == STATEMENT


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, LrsAuthError, "refused the credentials"),
        (403, LrsAuthError, "refused the credentials"),
        (400, LrsRefused, "refused the POST (HTTP 400: bad verb ***)"),
        (409, LrsRefused, "HTTP 409"),
        (422, LrsRefused, "HTTP 422"),
        (500, LrsUnreachable, "cannot take statements now"),
        (503, LrsUnreachable, "cannot take statements now"),
        (429, LrsUnreachable, "HTTP 429"),
        (404, LrsConfigError, "does not answer as an xAPI LRS"),
        (405, LrsConfigError, "check RAPPORT_LRS"),
    ],
)
def test_each_answer_becomes_its_error(status: int, error: type[Exception], words: str) -> None:
    answer = always(status, {"detail": f"bad verb {PASSWORD}"})
    with stub_lrs(answer) as lrs, pytest.raises(error) as raised:
        client(lrs.endpoint).post_statements([STATEMENT])
    assert words in str(raised.value)
    assert PASSWORD not in str(raised.value)
    if isinstance(raised.value, LrsRefused):
        assert raised.value.status == status


def test_a_redirect_is_never_followed() -> None:
    redirect = Answer(302, None, {"Location": "/elsewhere/statements"})
    with (
        stub_lrs(lambda seen: redirect) as lrs,
        pytest.raises(LrsConfigError, match="redirects elsewhere"),
    ):
        client(lrs.endpoint).post_statements([STATEMENT])
    assert [s.method for s in lrs.seen] == ["POST"]  # no GET to the new place


def test_a_slow_lrs_is_unreachable_after_the_timeout() -> None:
    with (
        stub_lrs(lambda seen: Answer(200, [], delay_s=1.0)) as lrs,
        pytest.raises(LrsUnreachable, match=r"did not answer within 0\.3 seconds"),
    ):
        client(lrs.endpoint, timeout_s=0.3).post_statements([STATEMENT])


def test_nobody_listening_is_unreachable_with_a_hint() -> None:
    with pytest.raises(LrsUnreachable, match="connection refused") as raised:
        client(f"http://127.0.0.1:{free_port()}/xapi/").post_statements([STATEMENT])
    assert raised.value.status is None


def test_a_server_that_hangs_up_is_unreachable() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        lrs_client = client(f"http://127.0.0.1:{port}/xapi/", timeout_s=2)
        import threading

        def hang_up() -> None:
            connection, _ = listener.accept()
            connection.close()

        thread = threading.Thread(target=hang_up)
        thread.start()
        with pytest.raises(LrsUnreachable):
            lrs_client.post_statements([STATEMENT])
        thread.join(timeout=5)


def test_a_client_needs_an_endpoint() -> None:
    with pytest.raises(LrsConfigError, match="set RAPPORT_LRS"):
        LrsClient(LrsConfig())
