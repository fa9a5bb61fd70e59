"""A room of simulated phones over real WebSockets, each from its own 127.0.0.x address.

Every phone joins, plays the scenario with a short think time, and some drop
their connection mid-scenario and rejoin with their token, as a lock screen
would. It measures the time from each `choose` to the next `view`, and from
each result to the player's place (which comes with the board update).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

WAIT_S = 60.0  # seconds a phone waits for one message before it counts as lost


@dataclass
class Phone:
    name: str
    address: str
    latencies: list[float] = field(default_factory=list)  # choose -> next view, seconds
    board_delay: float | None = None  # result -> own place (the board update), seconds
    result: dict[str, Any] | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    rejoined: int = 0


async def _receive(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT_S))
    return message


async def _open(port: int, phone: Phone) -> ClientConnection:
    return await connect(
        f"ws://127.0.0.1:{port}/ws", local_addr=(phone.address, 0), open_timeout=WAIT_S
    )


async def play(
    port: int,
    code: str,
    phone: Phone,
    choices: list[int],
    *,
    think_s: float,
    drop_after: int | None,
    chance: random.Random,
) -> Phone:
    socket = await _open(port, phone)
    try:
        await socket.send(
            json.dumps({"type": "join", "code": code, "name": phone.name, "token": None})
        )
        token = None
        view: dict[str, Any] | None = None
        while token is None or view is None:
            message = await _receive(socket)
            if message["type"] == "welcome":
                token = message["token"]
            elif message["type"] == "view":
                view = message
            elif message["type"] == "error":
                phone.errors.append(message)
                return phone
        for step, number in enumerate(choices):
            if drop_after is not None and step == drop_after:
                await socket.close()  # the lock screen; the phone comes back with its token
                socket = await _open(port, phone)
                phone.rejoined += 1
                await socket.send(
                    json.dumps({"type": "join", "code": code, "name": phone.name, "token": token})
                )
                view = None
                while view is None:
                    message = await _receive(socket)
                    if message["type"] == "view":
                        view = message
            await asyncio.sleep(chance.uniform(0, think_s))
            assert view is not None
            sent = time.perf_counter()
            await socket.send(json.dumps({"type": "choose", "seq": view["seq"], "number": number}))
            while True:
                message = await _receive(socket)
                if message["type"] == "view" and message["seq"] == view["seq"] + 1:
                    phone.latencies.append(time.perf_counter() - sent)
                    view = message
                    break
                if message["type"] == "error":
                    phone.errors.append(message)
        finished = 0.0
        while True:
            message = await _receive(socket)
            if message["type"] == "result":
                phone.result = message
                finished = time.perf_counter()
            elif message["type"] == "place" and phone.result is not None:
                phone.board_delay = time.perf_counter() - finished
                return phone
            elif message["type"] == "error":
                phone.errors.append(message)
    finally:
        await socket.close()


async def room(
    port: int,
    code: str,
    players: int,
    choices: list[int],
    *,
    think_s: float = 0.1,
    drop_share: float = 0.2,
    seed: int = 7,
) -> list[Phone]:
    """Play `players` phones at once; each from 127.0.0.(2 + n) so none is rate limited."""
    chance = random.Random(seed)
    phones = [
        Phone(f"Player {n:03d}", f"127.0.{1 + n // 250}.{2 + n % 250}") for n in range(players)
    ]
    games = [
        play(
            port,
            code,
            phone,
            choices,
            think_s=think_s,
            drop_after=(1 if chance.random() < drop_share else None),
            chance=random.Random(chance.random()),
        )
        for phone in phones
    ]
    return list(await asyncio.gather(*games))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]
