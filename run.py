"""`python run.py`: open the Rapport game window (options in docs/cli.md and docs/window.md)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:
    from game.core.engine import Decision

T = TypeVar("T")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's banner is not ours to print


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One sentence and exit status 2, instead of argparse's usage block."""
        self.exit(2, f"run.py: {message}; see `python run.py --help`.\n")


def converter(parse: Callable[[str], T]) -> Callable[[str], T]:
    """An argparse type from one of game.ui.options' parsers (ValueError → usage error)."""

    def convert(text: str) -> T:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"--scenarios {text}: there is no such folder")
    return path


def parse_autoplay(text: str) -> tuple[Decision, ...]:
    from game.core.decisions import parse_decisions

    try:
        return parse_decisions(text)
    except ValueError as error:
        raise ValueError(f"--autoplay: {error}") from None


def main(argv: list[str]) -> int:
    from game.core.modes import MODES, Mode
    from game.ui.options import Options, parse_size

    parser = Parser(prog="run.py", description="Open the Rapport game window.")
    parser.add_argument("--scenarios", type=folder, metavar="DIR", help="folder of scenario files")
    parser.add_argument(
        "--db", metavar="URL", help="results database (default: RAPPORT_DB or a local file)"
    )
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen")
    parser.add_argument(
        "--size", type=converter(parse_size), metavar="WxH", help="window size, e.g. 1920x1080"
    )
    parser.add_argument(
        "--meeting", action="store_true", help="the leaderboard screen for a projector"
    )
    parser.add_argument("--module", metavar="ID", help="with --meeting: the board for one module")
    parser.add_argument("--session", metavar="NAME", help="record results under this team session")
    parser.add_argument(
        "--watch",
        action="store_true",
        help="trainer mode: reload a scenario when its file is saved",
    )
    parser.add_argument("--scenario", metavar="ID", help="open the picker at this scenario")
    parser.add_argument("--player", metavar="NAME", help="the player's name")
    parser.add_argument(
        "--mode", choices=MODES, help="coach: feedback after each choice; assess: at the end"
    )
    parser.add_argument(
        "--autoplay",
        type=converter(parse_autoplay),
        metavar="LIST",
        help="play choices, e.g. 2,1,t,3",
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="save a PNG of every screen shown"
    )
    args = parser.parse_args(argv)
    options = Options(
        scenarios_dir=args.scenarios,
        db_url=args.db,
        fullscreen=args.fullscreen,
        size=args.size or Options.size,
        scenario=args.scenario,
        player=args.player,
        autoplay=args.autoplay,
        screenshots=args.screenshots,
        mode=Mode(args.mode) if args.mode else None,
        meeting=args.meeting,
        module=args.module,
        session=args.session,
        watch=args.watch,
    )
    from game.ui.app import main as open_window

    return open_window(options)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
