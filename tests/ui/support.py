"""Helpers for window tests: a tiny scenario, real input events, and running frames."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.core.decisions import play_decisions
from game.core.engine import TIMER, Decision
from game.core.model import Scenario
from game.store import MemoryResultsStore, ResultRecord
from game.ui.app import App
from game.ui.scene import Scene

TINY_SCENARIO = """\
format: 1
id: tiny-desk
title: The Tiny Desk
summary: A short test of the window.
source:
  title: A small article
  lesson: Ask before you answer.
minutes: 1
setting: no-such-setting
cast:
  kim: {name: Kim, portrait: no-such-portrait}
variables:
  asked: false
start: hello
nodes:
  hello:
    text: The shop opens.
    next: kim_asks
  kim_asks:
    speaker: kim
    mood: thinking
    text: Do you have this in blue?
    choices:
      - text: Let me look in the back for you.
        scores: {empathy: 2}
        feedback: You took her question seriously.
        goto: found
      - text: What is it for?
        set: {asked: true}
        scores: {anticipation: 2, upsell: 1}
        feedback: You asked about the need first.
        goto: gift
    timer: {seconds: 3, goto: gone, scores: {empathy: -1}, feedback: She left while you waited.}
  found:
    speaker: kim
    mood: pleased
    text: Perfect, thank you.
    next: sold
  gift:
    speaker: kim
    mood: delighted
    text: It is a present for my sister.
    choices:
      - text: Then let me wrap it for you.
        scores: {empathy: 1, upsell: 1}
        feedback: A small service that fits the need.
        goto: sold
  gone:
    ending:
      title: An empty shop
      outcome: failure
      text: Kim walks out.
  sold:
    ending:
      title: A happy customer
      outcome: success
      text: Kim leaves smiling.
"""


def results_of(store: MemoryResultsStore) -> list[ResultRecord]:
    """Everything the store keeps, oldest first (through the role, as an export reads it)."""
    return list(store.all_results())


def write_tiny(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tiny-desk.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    return path


def key(code: int, text: str = "", mod: int = 0) -> None:
    """Post a key press the way the keyboard does."""
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text, scancode=0)
    )


def number_key(number: int) -> None:
    """Post the number key for choice `number` of the node, counted in file order: in
    assessment mode the choices are shown shuffled, so the key is where it is shown."""
    pygame.event.post(
        pygame.event.Event(
            pygame.KEYDOWN,
            key=getattr(pygame, f"K_{number}"),
            mod=0,
            unicode=str(number),
            scancode=0,
        )
    )


def say(scene: Any, number: int) -> None:
    """Press the key of the choice that is number `number` in file order (the conversation
    shows its choices in another order in assessment mode)."""
    shown = [button.action for button in scene.focus.buttons]
    number_key(shown.index(number) + 1)


def type_text(text: str) -> None:
    """Post committed text the way the keyboard or an input method does."""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def click(app: App, pos: tuple[float, float]) -> None:
    """Post a left click at a logical canvas position."""
    physical = app.ctx.canvas.point(*pos)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=physical, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=physical, button=1))


def right_click(app: App, pos: tuple[float, float]) -> None:
    """Post a right click at a logical canvas position."""
    physical = app.ctx.canvas.point(*pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=physical, button=3))


def _finger(app: App, kind: int, pos: tuple[float, float], finger: int) -> None:
    """Post a touch event as SDL does: x and y as fractions of the window."""
    x, y = app.ctx.canvas.point(*pos)
    width, height = app.window.get_size()
    pygame.event.post(
        pygame.event.Event(
            kind,
            touch_id=1,
            finger_id=finger,
            x=x / width,
            y=y / height,
            dx=0.0,
            dy=0.0,
            pressure=1.0,
        )
    )


def tap(app: App, pos: tuple[float, float], finger: int = 0) -> None:
    """Post a tap (a finger down and up at a logical canvas position), with the mouse copies
    SDL makes of it (which the window must ignore)."""
    physical = app.ctx.canvas.point(*pos)
    _finger(app, pygame.FINGERDOWN, pos, finger)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=physical, button=1, touch=True)
    )
    _finger(app, pygame.FINGERUP, pos, finger)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=physical, button=1, touch=True))


def drag(app: App, start: tuple[float, float], end: tuple[float, float], steps: int = 5) -> None:
    """Post a finger dragged from `start` to `end` (logical positions), then lifted."""
    _finger(app, pygame.FINGERDOWN, start, 0)
    for step in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * step / steps
        y = start[1] + (end[1] - start[1]) * step / steps
        _finger(app, pygame.FINGERMOTION, (x, y), 0)
    _finger(app, pygame.FINGERUP, end, 0)


def frames(app: App, count: int = 1) -> None:
    for _ in range(count):
        app.frame()


STORE_WAIT_S = 60.0  # seconds a test waits for the store worker (a busy machine is slow)


def run_until(app: App, done: Callable[[], bool], limit: int = 2000) -> None:
    """Run frames until `done`: at most `limit` of them, not counting frames spent waiting for
    the store worker (its thread runs in real time, however fast the frames go)."""
    counted = 0
    deadline = time.monotonic() + STORE_WAIT_S
    while not done():
        if counted >= limit:
            raise AssertionError(
                f"still waiting after {limit} frames on the {top_name(app)} screen"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"the results store never answered ({top_name(app)} screen)")
        waiting = not app.ctx.worker.idle
        app.frame()
        if waiting:
            time.sleep(0.001)
        else:
            counted += 1


def top(app: App) -> Scene[Any]:
    scene = app.stack.top
    assert scene is not None
    return scene


def top_name(app: App) -> str:
    return app.stack.top.name if app.stack.top else "(none)"


def open_play(app: App, scenario: str, mode: str = "coach", module: str | None = None) -> None:
    """Open a scenario the way the picker does (through the flow)."""
    from game.core.modes import Mode
    from game.ui import flow
    from game.ui.scenes.picker import PlayChoice

    flow.play(app.ctx, PlayChoice(scenario, Mode(mode), module))


def settle_store(app: App, limit: int = 2000) -> None:
    """Run frames until the store worker has answered everything asked of it."""
    run_until(app, lambda: app.ctx.worker.idle, limit)


def decisions_to_every_ending(scenario: Scenario) -> dict[str, tuple[Decision, ...]]:
    """One list of decisions per reachable ending, found breadth first over states."""
    found: dict[str, tuple[Decision, ...]] = {}
    seen: set[tuple[str, tuple[object, ...]]] = set()
    queue: deque[tuple[Decision, ...]] = deque([()])
    while queue:
        decisions = queue.popleft()
        playthrough = play_decisions(scenario, list(decisions), to_ending=False)
        state = (playthrough.current.id, tuple(playthrough.values.values()))
        if playthrough.finished:
            found.setdefault(playthrough.current.id, decisions)
            continue
        if state in seen:
            continue
        seen.add(state)
        options: list[Decision] = list(range(1, len(playthrough.choices) + 1))
        if playthrough.current.timer is not None:
            options.append(TIMER)
        queue.extend((*decisions, option) for option in options)
    return found
