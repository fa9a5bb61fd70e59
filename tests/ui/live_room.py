"""A room of phones for the window's live screen: real WebSocket clients on an event loop of their
own thread, so the window's frames run while the phones join, play and vote.

Also `drawn(app)`, the text one frame puts on the screen, and `start_live`, which
hosts a session from the window on 127.0.0.1 with any free port.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from game.ui import flow
from game.ui.app import App
from game.ui.canvas import Canvas
from game.ui.live.hosting import HostRequest
from game.ui.live.scene import LiveScene
from tests.live.phones import Phone

T = TypeVar("T")
WAIT_S = 30.0  # seconds a step of the phones may take before the test fails


class Room:
    """Phones on a background event loop; `room(coroutine)` runs one step and waits for it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.phones: list[Phone] = []

    def __call__(self, step: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(step, self.loop).result(WAIT_S)

    def join(self, port: int, code: str, names: list[str]) -> list[Phone]:
        """One phone per name, each from its own address, joined."""
        joined = []
        for name in names:
            address = f"127.0.0.{2 + len(self.phones)}"
            phone = self(Phone.open(port, address=address))
            self.phones.append(phone)
            self(phone.join(code, name))
            joined.append(phone)
        return joined

    def close(self) -> None:
        async def close_all() -> None:
            for phone in self.phones:
                await phone.socket.close()

        self(close_all())
        Phone.opened.clear()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def start_live(app: App, **request: Any) -> LiveScene:
    """Host from the window (through the flow) on 127.0.0.1, any free port; once it runs."""
    request.setdefault("scenario", "loaner-counter")
    request.setdefault("port", 0)
    flow.start_live(app.ctx, HostRequest(bind="127.0.0.1", **request))
    scene = app.stack.top
    assert isinstance(scene, LiveScene)
    wait_for(app, lambda: scene.state != "starting" and (scene.qr is not None or bool(scene.error)))
    return scene


def wait_for(app: App, done: Callable[[], bool], limit: int = 3000) -> None:
    """Frames until `done` (the session's threads run in real time, the frames in simulated)."""
    for _ in range(limit):
        if done():
            return
        app.frame()
        time.sleep(0.002)
    top = app.stack.top
    raise AssertionError(f"still waiting on the {top.name if top else '(none)'} screen")


def drawn(app: App) -> list[str]:
    """Every text one frame draws, in order: single lines, and wrapped blocks as one string."""
    canvas: Canvas = app.ctx.canvas
    seen: list[str] = []
    text, block = canvas.text, canvas.block

    def spy_text(value: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(value)
        return text(value, *args, **kwargs)

    def spy_block(value: Any, *args: Any, **kwargs: Any) -> None:
        seen.append(" ".join(value.lines))
        block(value, *args, **kwargs)

    canvas.text = spy_text  # type: ignore[method-assign, assignment]
    canvas.block = spy_block  # type: ignore[method-assign, assignment]
    try:
        app.frame()
    finally:
        del canvas.text, canvas.block
    return seen
