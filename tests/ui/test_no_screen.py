"""Without a screen the window says so in one sentence and exits 3 (make play then falls back)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NO_SCREEN = 3


def run_py(tmp_path: Path, **sdl: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SDL_") and key not in {"DISPLAY", "WAYLAND_DISPLAY"}
    }
    env.update(sdl, RAPPORT_HOME=str(tmp_path / "home"))
    return subprocess.run(
        [sys.executable, "run.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "sdl",
    [{}, {"SDL_VIDEODRIVER": "dummy"}, {"SDL_VIDEODRIVER": "offscreen"}, {"SDL_VIDEODRIVER": ""}],
    ids=["no-driver-set", "dummy", "offscreen", "empty"],
)
def test_no_screen_is_one_sentence_and_exit_3_without_sdl_noise(
    tmp_path: Path, sdl: dict[str, str]
) -> None:
    done = run_py(tmp_path, **sdl)
    assert done.returncode == NO_SCREEN
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("run.py: there is no screen")
    assert "rapport play loaner-counter" in lines[0]
