"""The pictures of the window's live screens in docs/ (part of `make shots`, tests.ui.doc_shots).

A real session is hosted from the window on 127.0.0.1 and a made-up team joins
from real WebSocket phones, then plays (a race) or votes (a huddle).
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.live.setup import LiveSetupScene
from tests.live.phones import Phone
from tests.ui.doc_shots import LAPTOP, PROJECTOR, TEAM, Shots, playable, press, until
from tests.ui.live_room import Room, start_live, wait_for

LIVE = Path(__file__).resolve().parents[2] / "docs" / "images" / "live"
SESSION = "Monday team meeting"


async def _play(phone: Phone, decisions: list[int]) -> None:
    view = await phone.until("view")
    plan = iter(decisions)
    while view["choices"]:
        view = await phone.choose(next(plan, 1))
    await phone.until("result")


async def _vote(phone: Phone, number: int) -> None:
    view = await phone.until("view")
    await phone.send({"type": "vote", "seq": view["seq"], "number": number})
    await phone.until("voted")


def setup(shots: Shots) -> None:
    app = shots.window(LAPTOP, player="Ana")
    until(app, lambda: app.ctx.library.ready)
    app.ctx.stack.push(LiveSetupScene(app.ctx, "huddle"))
    press(app, pygame.K_UP)  # to the timers
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)  # to the scenario
    shots.save(app, "live-setup.png")
    shots.close(app)


def race(shots: Shots, live: Path) -> None:
    shots.new_database()
    app = shots.window(PROJECTOR, player="Ana")
    until(app, lambda: app.ctx.library.ready)
    room = Room()
    try:
        scene = start_live(app, session=SESSION)
        info = scene.session.info if scene.session else None
        assert info is not None
        names = [name for name, _ in TEAM] + ["Frank", "Rosa", "Priya"]
        phones = room.join(info.port, info.code, names)
        wait_for(app, lambda: scene.snap is not None and len(scene.snap.players) == len(names))
        shots.save(app, str(live / "window-race-joined.png"))
        for phone, (_name, decisions) in zip(phones, TEAM, strict=False):
            room(_play(phone, [int(d) for d in playable(shots, list(decisions))]))
        wait_for(app, lambda: len(scene.standings) == len(TEAM))
        shots.save(app, "live-race.png")
        scene._end()
        wait_for(app, lambda: app.stack.top is not scene)
    finally:
        room.close()
    shots.close(app)


def huddle(shots: Shots, live: Path) -> None:
    shots.new_database()
    app = shots.window(PROJECTOR, player="Ana")
    until(app, lambda: app.ctx.library.ready)
    room = Room()
    try:
        scene = start_live(app, mode="huddle", session=SESSION)
        info = scene.session.info if scene.session else None
        assert info is not None
        names = ["Lena", "Raj", "Maya", "Sophie", "Tom", "Frank", "Rosa"]
        phones = room.join(info.port, info.code, names)
        for phone, number in zip(phones, (2, 2, 1, 4, 2, 3), strict=False):
            room(_vote(phone, number))
        wait_for(app, lambda: scene.snap is not None and scene.snap.room is not None)
        wait_for(app, lambda: scene.snap.room.voters == 6)  # type: ignore[union-attr]
        shots.save(app, str(live / "window-huddle-tally.png"))
        press(app, pygame.K_SPACE, " ")  # reveal
        wait_for(app, lambda: scene.snap.room.revealed)  # type: ignore[union-attr]
        shots.save(app, "live-huddle-reveal.png")
        scene._end()
        wait_for(app, lambda: app.stack.top is not scene)
    finally:
        room.close()
    shots.close(app)


def main(shots: Shots, live: Path = LIVE) -> None:
    setup(shots)
    race(shots, live)
    huddle(shots, live)


if __name__ == "__main__":
    import sys
    import tempfile

    from tests.ui.doc_shots import SCREENS

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SCREENS
    with tempfile.TemporaryDirectory() as temp:
        made = Shots(folder, Path(temp))
        try:
            main(made, Path(sys.argv[2]) if len(sys.argv) > 2 else LIVE)
        finally:
            if made.store is not None:
                made.store.close()
