"""`python run.py`: open the Rapport game window; the same command as `rapport window`.

A thin shim over game.ui.command (options in docs/window.md): it keeps the
flags and exit statuses, and prints a mistake as one sentence.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's banner is not ours to print


def main(argv: list[str]) -> int:
    if not argv:  # nothing to parse: open the window at once (click costs tens of ms to import)
        from game.ui.app import main as open_window
        from game.ui.options import Options

        return open_window(Options())
    from game.ui.command import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
