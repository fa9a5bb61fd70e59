"""The live protocol: client messages read into commands, and the error codes the server sends.

Pure: JSON text in, a command or a `ProtocolError` out. Nothing here trusts a
client: sizes are checked before parsing, every field's type and range is
checked, and a message that claims a score is refused (the server computes
every score itself). The message tables are in docs/live.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_BYTES = 4096  # bytes of one client message (UTF-8); larger ones get `too_big`
MAX_SEQ = 10**9  # a view number beyond this is nonsense, not play
MAX_NUMBER = 1000  # a choice number beyond this is never shown
MAX_CODE_CHARS = 32  # characters of a typed join code before it is simply wrong
MAX_NAME_FIELD_CHARS = 1000  # characters of a name field; the name rules say the rest
MAX_TOKEN_CHARS = 200  # characters of a token

# Error codes (docs/live.md). The connection stays open unless the code is in CLOSING.
BAD_JSON = "bad_json"
BAD_MESSAGE = "bad_message"
UNKNOWN_TYPE = "unknown_type"
TOO_BIG = "too_big"
NOT_ALLOWED = "not_allowed"
NOT_JOINED = "not_joined"
ALREADY_JOINED = "already_joined"
BAD_CODE = "bad_code"
FULL = "full"
KICKED = "kicked"
BAD_NAME = "bad_name"
NAME_TAKEN = "name_taken"
SLOW_DOWN = "slow_down"
NOT_SHOWN = "not_shown"
NOT_YET = "not_yet"
NO_TIMER = "no_timer"
NOT_HOST = "not_host"
WRONG_MODE = "wrong_mode"
VOTING_CLOSED = "voting_closed"
NO_VOTES = "no_votes"
TIE = "tie"
FINISHED = "finished"
NO_SUCH_PLAYER = "no_such_player"
CLOSING = frozenset({BAD_CODE, FULL, KICKED})

# What only the server sends; a client sending one of these is told why not.
SERVER_TYPES = frozenset(
    {
        "welcome",
        "view",
        "tally",
        "reveal",
        "result",
        "board",
        "error",
        "place",
        "standings",
        "voted",
        "ended",
        "timers",
        "watching",
        "players",
    }
)
# Fields through which a client might try to claim a score, an ending or a path.
CLAIM_FIELDS = frozenset(
    {"score", "scores", "overall", "percent", "points", "ending", "path", "result", "rank"}
)
HOST_ACTIONS = ("reveal", "advance", "end", "timers", "kick")
TIMER_SETTINGS = ("normal", "slow", "off")


class ProtocolError(Exception):
    """A client message the server cannot act on: `code` for programs, `message` for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Join:
    code: str
    name: str
    token: str | None


@dataclass(frozen=True, slots=True)
class Choose:
    seq: int
    number: int


@dataclass(frozen=True, slots=True)
class TimerUp:
    seq: int


@dataclass(frozen=True, slots=True)
class Vote:
    seq: int
    number: int


@dataclass(frozen=True, slots=True)
class Watch:
    """A screen that shows the board (the projector page); with the host token, the host's."""

    host_token: str | None


@dataclass(frozen=True, slots=True)
class HostAction:
    host_token: str
    action: str  # one of HOST_ACTIONS
    seq: int | None
    number: int | None
    value: str | None  # `timers`: normal, slow or off; `kick`: the player's name


Command = Join | Choose | TimerUp | Vote | Watch | HostAction


def error_message(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The `error` message the server sends."""
    return {"type": "error", "code": code, "message": message, **extra}


def encode(message: dict[str, Any]) -> str:
    """One message as compact JSON text (names and texts stay as typed)."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def parse(text: str | bytes) -> Command:
    """Read one client message; raises ProtocolError saying what is wrong and what to send."""
    if isinstance(text, bytes | bytearray):
        raise ProtocolError(BAD_JSON, "Send messages as JSON text, not binary data.")
    if len(text) > MAX_MESSAGE_BYTES or len(text.encode("utf-8", "surrogatepass")) > (
        MAX_MESSAGE_BYTES
    ):
        raise ProtocolError(
            TOO_BIG, f"A message may be at most {MAX_MESSAGE_BYTES} bytes; this one was larger."
        )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ProtocolError(
            BAD_JSON, "The message is not valid JSON; send one JSON object."
        ) from None
    if not isinstance(data, dict):
        raise ProtocolError(BAD_MESSAGE, "A message must be a JSON object with a `type`.")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise ProtocolError(BAD_MESSAGE, "A message needs a `type` given as text.")
    if kind in SERVER_TYPES:
        raise ProtocolError(
            NOT_ALLOWED,
            f"`{_shown(kind)}` messages come only from the server: it computes every score, "
            "ending and place itself.",
        )
    claimed = sorted(CLAIM_FIELDS & data.keys())
    if claimed:
        raise ProtocolError(
            NOT_ALLOWED,
            f"The server computes every score itself; remove `{claimed[0]}` and send only "
            "the fields of the message type.",
        )
    reader = _READERS.get(kind)
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise ProtocolError(
            UNKNOWN_TYPE, f"Unknown message type `{_shown(kind)}`; the types are {known}."
        )
    return reader(data)


def _shown(text: str) -> str:
    """A client's text inside our message: short, printable."""
    clipped = text[:40]
    return "".join(c if c.isprintable() else "?" for c in clipped)


def _integer(data: dict[str, Any], field: str, low: int, high: int) -> int:
    value = data.get(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(BAD_MESSAGE, f"`{field}` must be a whole number.")
    if not low <= value <= high:
        raise ProtocolError(BAD_MESSAGE, f"`{field}` must be between {low} and {high}.")
    return value


def _text(data: dict[str, Any], field: str, limit: int, *, optional: bool = False) -> str | None:
    value = data.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ProtocolError(BAD_MESSAGE, f"`{field}` must be text.")
    if len(value) > limit:
        raise ProtocolError(BAD_MESSAGE, f"`{field}` may be at most {limit} characters.")
    return value


def _join(data: dict[str, Any]) -> Join:
    code = _text(data, "code", MAX_CODE_CHARS)
    name = _text(data, "name", MAX_NAME_FIELD_CHARS)
    token = _text(data, "token", MAX_TOKEN_CHARS, optional=True)
    assert code is not None and name is not None
    return Join(code, name, token)


def _choose(data: dict[str, Any]) -> Choose:
    return Choose(_integer(data, "seq", 0, MAX_SEQ), _integer(data, "number", 1, MAX_NUMBER))


def _timer(data: dict[str, Any]) -> TimerUp:
    return TimerUp(_integer(data, "seq", 0, MAX_SEQ))


def _vote(data: dict[str, Any]) -> Vote:
    return Vote(_integer(data, "seq", 0, MAX_SEQ), _integer(data, "number", 1, MAX_NUMBER))


def _watch(data: dict[str, Any]) -> Watch:
    return Watch(_text(data, "host_token", MAX_TOKEN_CHARS, optional=True))


def _host(data: dict[str, Any]) -> HostAction:
    token = _text(data, "host_token", MAX_TOKEN_CHARS)
    assert token is not None
    action = data.get("action")
    if action not in HOST_ACTIONS:
        raise ProtocolError(BAD_MESSAGE, f"`action` must be one of {', '.join(HOST_ACTIONS)}.")
    seq = None if data.get("seq") is None else _integer(data, "seq", 0, MAX_SEQ)
    number = None if data.get("number") is None else _integer(data, "number", 1, MAX_NUMBER)
    value = _text(data, "value", MAX_NAME_FIELD_CHARS, optional=True)
    if action == "timers" and value not in TIMER_SETTINGS:
        raise ProtocolError(
            BAD_MESSAGE, f"`value` must be one of {', '.join(TIMER_SETTINGS)} for `timers`."
        )
    if action == "kick" and not value:
        raise ProtocolError(BAD_MESSAGE, "`value` must name the player to remove.")
    return HostAction(token, action, seq, number, value)


_READERS: dict[str, Callable[[dict[str, Any]], Command]] = {
    "join": _join,
    "choose": _choose,
    "timer": _timer,
    "vote": _vote,
    "watch": _watch,
    "host": _host,
}
