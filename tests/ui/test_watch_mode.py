"""Trainer mode in the window (`run.py --watch`): a saved scenario file reloads in place."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.loader import load_library
from game.settings import Settings
from game.ui.app import App
from game.ui.conversation.scene import CHOICES, ConversationScene
from tests.ui.conftest import MakeApp
from tests.ui.support import TINY_SCENARIO, frames, key, open_play, top, write_tiny


def open_watching(make_app: MakeApp, folder: Path) -> tuple[App, ConversationScene, Path]:
    path = write_tiny(folder)
    settings = Settings(player_name="Ana", text_speed="instant", volume=0)
    app = make_app(library=load_library(folder), settings=settings, watch=True)
    app.start()
    frames(app)
    open_play(app, "tiny-desk", "coach", None)
    frames(app)
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    return app, scene, path


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 2_000_000_000  # a clearly newer modification time
    os.utime(path, ns=(stamp, stamp))


def to_choices(app: App) -> ConversationScene:
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    while not scene.choices_ready:
        if scene.phase != CHOICES:
            key(pygame.K_SPACE, " ")
        frames(app)
    return scene


def test_a_saved_valid_file_reloads_and_keeps_the_choices(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app, _, path = open_watching(make_app, tmp_path / "scenarios")
    to_choices(app)
    key(pygame.K_2, "2")  # "What is it for?"
    frames(app, 3)
    save(path, TINY_SCENARIO.replace("It is a present for my sister.", "It's for my sister."))
    frames(app, 60)  # more than the half second between looks at the file
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    assert scene.playthrough.current.id == "gift"
    assert scene.playthrough.current.text == "It's for my sister."
    assert scene.playthrough.decisions == [2]
    assert app.ctx.library.scenario("tiny-desk") is scene.scenario


def test_a_half_written_file_keeps_the_previous_version(make_app: MakeApp, tmp_path: Path) -> None:
    app, scene, path = open_watching(make_app, tmp_path / "scenarios")
    to_choices(app)
    save(path, TINY_SCENARIO[: len(TINY_SCENARIO) // 2])
    frames(app, 60)
    assert top(app) is scene
    assert scene.scenario.nodes["gift"].text == "It is a present for my sister."
    key(pygame.K_1, "1")  # the old version still plays
    frames(app, 3)
    assert scene.playthrough.decisions == [1]


def test_without_watch_the_file_is_not_looked_at(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    write_tiny(folder)
    app = make_app(library=load_library(folder))
    app.start()
    frames(app)
    open_play(app, "tiny-desk", "coach", None)
    frames(app)
    scene = top(app)
    assert isinstance(scene, ConversationScene) and scene.watcher is None
