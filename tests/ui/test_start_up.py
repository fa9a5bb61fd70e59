"""What the window leaves until after its first frame: logging, the audio device, and the cycle
collector's look at what start-up made (docs/architecture.md, "Start-up"); and how a window on
simulated time leaves the store worker real time."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from types import SimpleNamespace

import pygame
import pytest

from game.settings import Settings
from game.ui import app as app_module
from game.ui.app import App
from tests.ui.conftest import MakeApp
from tests.ui.support import frames


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )


def test_the_modules_of_the_first_frame_import_neither_logging_nor_json() -> None:
    shown = python(
        "import sys\n"
        "import game.ui.app, game.ui.flow, game.ui.scenes.intro\n"
        "print('logging' in sys.modules, 'json' in sys.modules)\n"
    )
    assert shown.stdout.split() == ["False", "False"]


def test_a_message_imports_logging_and_is_shown_as_configured_from_the_callers_line() -> None:
    shown = python(
        "import sys\n"
        "from game import logs\n"
        "logs.configure('rapport: %(message)s (%(funcName)s)')\n"
        "log = logs.Log('game.ui')\n"
        "print('logging' in sys.modules)\n"
        "def load():\n"
        "    log.info('not shown')\n"
        "    log.warning('the font %s is missing', 'X')\n"
        "load()\n"
        "print('logging' in sys.modules)\n"
    )
    assert shown.stdout.split() == ["False", "True"]
    assert shown.stderr == "rapport: the font X is missing (load)\n"


def test_apply_sets_logging_up_once_and_only_when_configured() -> None:
    shown = python(
        "import logging\n"
        "from game import logs\n"
        "logs.apply()\n"
        "print(len(logging.getLogger().handlers))\n"
        "logs.configure('%(message)s')\n"
        "logs.apply()\n"
        "logs.apply()\n"
        "print(len(logging.getLogger().handlers))\n"
    )
    assert shown.stdout.split() == ["0", "1"]


def test_the_audio_device_opens_after_the_first_frame_and_only_with_sound(
    make_app: MakeApp,
) -> None:
    pygame.mixer.quit()
    app = make_app(settings=Settings(player_name="Ana", text_speed="instant", volume=60))
    app.start()
    assert not pygame.mixer.get_init()
    frames(app, 1)
    assert pygame.mixer.get_init()
    pygame.mixer.quit()
    silent = make_app()  # volume 0
    silent.start()
    frames(silent, 2)
    assert not pygame.mixer.get_init()


def test_only_the_processs_own_window_freezes_what_start_up_made(make_app: MakeApp) -> None:
    assert gc.get_freeze_count() == 0
    app = make_app()  # a test's window, one of many in this process
    app.start()
    frames(app, 2)
    assert gc.get_freeze_count() == 0
    own = make_app()
    own.freeze = True  # as run.py's window
    own.start()
    try:
        frames(own, 2)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def settle(app: App) -> None:
    """Frames until the store worker has answered everything asked so far."""
    for _ in range(2000):
        app.frame()
        if app.ctx.worker.idle:
            return
        threading.Event().wait(0.001)
    raise AssertionError("the store worker never answered")


def test_a_window_on_simulated_time_yields_to_the_store_worker_while_a_job_waits(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(app_module, "time", SimpleNamespace(sleep=slept.append))
    app = make_app()
    app.start()
    settle(app)
    slept.clear()
    frames(app, 2)
    assert slept == []  # nothing waits: simulated time runs flat out
    gate = threading.Event()
    app.ctx.worker.submit(lambda store: gate.wait(5), lambda answer: None)
    frames(app, 3)
    assert slept == [app_module.WORKER_YIELD_S] * 3  # each frame leaves the worker real time
    gate.set()
    settle(app)
    slept.clear()
    frames(app, 2)
    assert slept == []
