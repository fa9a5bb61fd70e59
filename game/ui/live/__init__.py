"""Hosting a live session from the window: set it up, then put the join code, the QR code and
the board (race) or the room's conversation (huddle) on the projector.

`setup` is the screen that chooses what and how to host, `scene` the live
screen (with `view` and `huddle`, its layout and drawing), and `hosting` the
session itself, started and stopped on threads of its own (game.live.host).
This module holds the checks of the command line's `--host`.

Importing this module is cheap: the screens and the live server are imported
when a session is set up.
"""

from __future__ import annotations

HOST_MODES = ("race", "huddle")  # what `--host` takes


def check_host_options(
    meeting: bool, scenario: str | None, module: str | None, autoplay: bool
) -> str | None:
    """Why these `--host` options cannot work (one sentence for run.py), or None."""
    if meeting:
        return "--host and --meeting are two different screens; give one of them"
    if scenario is not None and module is not None:
        return "--host plays one scenario or one module; give --scenario or --module, not both"
    if autoplay:
        return "--autoplay plays a scenario in this window; it cannot be used with --host"
    return None
