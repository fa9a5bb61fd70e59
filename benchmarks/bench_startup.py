"""Start-up: each program started afresh, timed by the child's own CPU time (wait4).

- startup-window: `run.py` until its first frame is shown (it exits there when
  RAPPORT_FIRST_FRAME=exit) against a bare `pygame.init(); set_mode(); flip()`.
- startup-help / startup-validate / startup-play: `rapport --help`,
  `rapport validate` on one shipped scenario, and `rapport play --choices …
  --json`, against `python -c "import yaml"`.

Both sides run once untimed first, so bytecode caches are written as on a
player's computer; the user's folders point into a scratch folder.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.harness import (
    ROOT,
    Measured,
    Mode,
    Row,
    alternate,
    child_cpu_ns,
    child_env,
    in_child,
    ratio_result,
)

WINDOW_GOAL = 1.3  # run.py to first frame / bare pygame window, at most
HELP_GOAL = 2.0  # rapport --help / import yaml, at most
VALIDATE_GOAL = 3.0  # rapport validate / import yaml, at most
PLAY_GOAL = 3.0  # rapport play --json / import yaml, at most
SCENARIO = "loaner-counter"  # the shipped scenario validated and played
FIRST_FRAME = "first frame"
BARE_WINDOW = (
    "import pygame; pygame.init(); pygame.display.set_mode((1280, 720)); "
    f"pygame.display.flip(); print({FIRST_FRAME!r}, flush=True)"
)


def _env(mode: Mode) -> dict[str, str]:
    return child_env(
        RAPPORT_HOME=str(mode.scratch / "home"),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        RAPPORT_FIRST_FRAME="exit",
    )


def _rapport() -> list[str]:
    """The `rapport` console script run by this interpreter, or `python -m game`."""
    script = Path(sys.executable).parent / "rapport"
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "game"]


def _paired(
    mode: Mode,
    command: Sequence[str],
    floor: Sequence[str],
    goal: float,
    expect: str | None = None,
    floor_expect: str | None = None,
) -> Measured:
    env = _env(mode)
    child_cpu_ns(command, env, expect)  # write the bytecode caches
    child_cpu_ns(floor, env, floor_expect)
    ratios = alternate(
        in_child(command, env, expect),
        in_child(floor, env, floor_expect),
        mode.rounds_or(15),
        same_work=False,
    )
    return ratio_result(ratios, goal)


IMPORT_YAML = [sys.executable, "-c", "import yaml"]


def window_row(mode: Mode) -> Measured:
    return _paired(
        mode,
        [sys.executable, str(ROOT / "run.py")],
        [sys.executable, "-c", BARE_WINDOW],
        WINDOW_GOAL,
        FIRST_FRAME,
        FIRST_FRAME,
    )


def help_row(mode: Mode) -> Measured:
    return _paired(mode, [*_rapport(), "--help"], IMPORT_YAML, HELP_GOAL, "Usage")


def validate_row(mode: Mode) -> Measured:
    path = ROOT / "scenarios" / f"{SCENARIO}.yaml"
    return _paired(mode, [*_rapport(), "validate", str(path)], IMPORT_YAML, VALIDATE_GOAL)


def play_row(mode: Mode) -> Measured:
    from game.core.analysis import analyze
    from game.loader import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / f"{SCENARIO}.yaml").scenario
    assert scenario is not None
    best = analyze(scenario).best
    assert best is not None
    choices = ",".join(str(d) for d in best)
    command = [*_rapport(), "play", SCENARIO, "--choices", choices, "--json"]
    return _paired(mode, command, IMPORT_YAML, PLAY_GOAL, '"overall"')


def rows() -> list[Row]:
    return [
        Row(
            "startup-window",
            "startup",
            "run.py to first frame / bare pygame.init(); set_mode()",
            f"≤ {WINDOW_GOAL}×",
            window_row,
        ),
        Row(
            "startup-help",
            "startup",
            'rapport --help / python -c "import yaml"',
            f"≤ {HELP_GOAL:g}×",
            help_row,
        ),
        Row(
            "startup-validate",
            "startup",
            f'rapport validate {SCENARIO}.yaml / python -c "import yaml"',
            f"≤ {VALIDATE_GOAL:g}×",
            validate_row,
        ),
        Row(
            "startup-play",
            "startup",
            f'rapport play {SCENARIO} --choices … --json / python -c "import yaml"',
            f"≤ {PLAY_GOAL:g}×",
            play_row,
        ),
    ]
