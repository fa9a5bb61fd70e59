"""The window is called Rapport where the desktop shows it: its class and its icon, checked on
a real X server (Xvfb) with xprop, as a window manager sees them."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_window_names_it_before_pygame_can() -> None:
    code = (
        "import os; os.environ['DISPLAY'] = ':99'; os.environ.pop('SDL_VIDEO_X11_WMCLASS', None)\n"
        "import game.ui, pygame; print(os.environ['SDL_VIDEO_X11_WMCLASS'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "Rapport"  # pygame alone would have said "-c"


@pytest.mark.needs("xvfb")
def test_the_window_has_the_class_rapport_and_an_icon(tmp_path: Path) -> None:
    display = f":{random.randint(100, 199)}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SDL_")},
        "DISPLAY": display,
        "SDL_AUDIODRIVER": "dummy",
        "RAPPORT_HOME": str(tmp_path / "home"),
    }
    window = None
    try:
        time.sleep(1.0)
        window = subprocess.Popen(
            [sys.executable, "run.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        found = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and '"Rapport"' not in found:
            time.sleep(0.5)
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True
            )
            found = next((line for line in tree.stdout.splitlines() if '"Rapport"' in line), "")
        assert found, "no window called Rapport appeared"
        window_id = found.split()[0]
        props = ""
        while time.monotonic() < deadline and "Icon (" not in props:
            # The window appears first, then its properties, as the window manager also sees.
            props = subprocess.run(
                ["xprop", "-id", window_id, "WM_CLASS", "_NET_WM_ICON"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            time.sleep(0.2)
        assert 'WM_CLASS(STRING) = "Rapport", "Rapport"' in props
        assert "Icon (64 x 64)" in props
    finally:
        if window is not None:
            window.terminate()
            window.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)
