"""What `python run.py` was asked to do, and the checks on its option values.

Converters raise ValueError with a sentence that names the option; run.py
turns that into a usage error (exit status 2). No pygame here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from game.core.modes import Mode

if TYPE_CHECKING:
    from game.core.engine import Decision

DEFAULT_SIZE = (1280, 720)  # window pixels
MIN_SIZE = (320, 180)  # window pixels: below this nothing is readable
MAX_SIZE = (7680, 4320)  # window pixels (8K)


class Options(NamedTuple):
    """How the window was asked to open (the command line's options, docs/window.md).

    A NamedTuple, like the other small records the window needs before its first
    frame: it is made several times faster than a frozen dataclass.
    """

    scenarios_dir: Path | None = None
    db_url: str | None = None
    fullscreen: bool = False
    size: tuple[int, int] = DEFAULT_SIZE
    scenario: str | None = None
    player: str | None = None
    autoplay: tuple[Decision, ...] | None = None
    screenshots: Path | None = None
    mode: Mode | None = None
    meeting: bool = False
    module: str | None = None
    session: str | None = None
    watch: bool = False  # trainer mode: reload scenarios when their files are saved
    host: str | None = None  # "race" or "huddle": host a live session (docs/live.md)


def parse_size(text: str) -> tuple[int, int]:
    """`1920x1080` to (1920, 1080), within sensible window sizes."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    if not match:
        raise ValueError(f"--size expects WIDTHxHEIGHT such as 1920x1080, not {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise ValueError(
            f"--size {width}x{height} is outside {MIN_SIZE[0]}x{MIN_SIZE[1]} to "
            f"{MAX_SIZE[0]}x{MAX_SIZE[1]}"
        )
    return width, height
