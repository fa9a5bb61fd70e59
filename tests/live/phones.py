"""A phone in the tests: a real WebSocket client that keeps every message it got."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import Any, ClassVar, TypeVar

from websockets.asyncio.client import ClientConnection, connect

WAIT_S = 15.0  # seconds a phone waits for an expected message before the test fails
T = TypeVar("T")


def run(main: Awaitable[T]) -> T:
    """Run a test's phones to the end, then close every phone it opened."""

    async def whole() -> T:
        try:
            return await main
        finally:
            for phone in Phone.opened:
                await phone.socket.close()
            Phone.opened.clear()

    return asyncio.run(whole())


class Phone:
    opened: ClassVar[list[Phone]] = []  # every phone of the running test, closed by `run`

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.got: list[dict[str, Any]] = []
        self._read = 0
        Phone.opened.append(self)

    @classmethod
    async def open(
        cls, port: int, *, address: str = "127.0.0.1", headers: dict[str, str] | None = None
    ) -> Phone:
        socket = await connect(
            f"ws://127.0.0.1:{port}/ws",
            local_addr=(address, 0),
            additional_headers=headers,
            max_size=None,
            open_timeout=WAIT_S,
        )
        return cls(socket)

    async def send(self, message: Any) -> None:
        await self.socket.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def next(self, timeout: float = WAIT_S) -> dict[str, Any]:
        if self._read < len(self.got):
            self._read += 1
            return self.got[self._read - 1]
        text = await asyncio.wait_for(self.socket.recv(), timeout)
        message: dict[str, Any] = json.loads(text)
        self.got.append(message)
        self._read += 1
        return message

    async def until(self, kind: str, timeout: float = WAIT_S, **fields: Any) -> dict[str, Any]:
        """The next message of `kind` (with these field values), skipping others."""
        async with asyncio.timeout(timeout):
            while True:
                message = await self.next()
                if message["type"] == kind and all(message.get(k) == v for k, v in fields.items()):
                    return message

    def last(self, kind: str) -> dict[str, Any]:
        for message in reversed(self.got):
            if message["type"] == kind:
                return dict(message)
        raise AssertionError(f"no {kind} among {[m['type'] for m in self.got]}")

    async def join(self, code: str, name: str, token: str | None = None) -> dict[str, Any]:
        await self.send({"type": "join", "code": code, "name": name, "token": token})
        return await self.until("welcome")

    async def choose(self, number: int) -> dict[str, Any]:
        """Choose among the last view's choices; returns the next view."""
        seq = self.last("view")["seq"]
        await self.send({"type": "choose", "seq": seq, "number": number})
        return await self.until("view", seq=seq + 1)

    async def close(self) -> None:
        await self.socket.close()
