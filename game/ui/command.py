"""The window's command line: one click command behind both `rapport window` and `python run.py`.

The options are parsed and checked here (a mistake is a usage error, status 2),
then game.ui.app.main opens the window and gives the exit status: 0 done, 1 bad
input, 2 usage, 3 there is no screen here. Importing this module is light (click
and the options only): the window, the loader and the store are imported once
the options are known, so the first frame is not delayed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from game.core.modes import MODES, Mode
from game.ui.options import DEFAULT_SIZE, Options, parse_size

if TYPE_CHECKING:
    from game.core.engine import Decision

RUN_PY = "run.py"


def _folder(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Path | None:
    if value is None:
        return None
    if not Path(value).is_dir():
        raise click.UsageError(f"--scenarios {value}: there is no such folder")
    return Path(value)


def _size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[int, int]:
    if value is None:
        return DEFAULT_SIZE
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def _autoplay(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[Decision, ...] | None:
    if value is None:
        return None
    from game.core.decisions import parse_decisions

    try:
        return parse_decisions(value)
    except ValueError as error:
        raise click.UsageError(f"--autoplay: {error}") from None


@click.command("window", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--scenarios",
    "scenarios_dir",
    metavar="DIR",
    callback=_folder,
    help="Folder of scenario files.",
)
@click.option(
    "--db", "db_url", metavar="URL", help="Results database (default: RAPPORT_DB or a local file)."
)
@click.option("--fullscreen", is_flag=True, help="Start in full screen.")
@click.option("--size", metavar="WxH", callback=_size, help="Window size, e.g. 1920x1080.")
@click.option("--meeting", is_flag=True, help="The leaderboard screen for a projector.")
@click.option("--module", metavar="ID", help="With --meeting: the board of one module.")
@click.option("--session", metavar="NAME", help="Record results under this team session.")
@click.option(
    "--watch", is_flag=True, help="Trainer mode: reload a scenario when its file is saved."
)
@click.option(
    "--host",
    type=click.Choice(["race", "huddle"]),
    is_flag=False,
    flag_value="race",
    default=None,
    help="Host a live session (race if no mode is given); with --scenario or --module it "
    "starts at once.",
)
@click.option("--scenario", metavar="ID", help="Open the picker at this scenario.")
@click.option("--player", metavar="NAME", help="The player's name.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="coach: feedback after each choice; assess: at the end.",
)
@click.option("--autoplay", metavar="LIST", callback=_autoplay, help="Play choices, e.g. 2,1,t,3.")
@click.option(
    "--screenshots",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Save a PNG of every screen shown (with --meeting: the board, then exit).",
)
def window_command(
    scenarios_dir: Path | None,
    db_url: str | None,
    fullscreen: bool,
    size: tuple[int, int],
    meeting: bool,
    module: str | None,
    session: str | None,
    watch: bool,
    host: str | None,
    scenario: str | None,
    player: str | None,
    mode: str | None,
    autoplay: tuple[Decision, ...] | None,
    screenshots: Path | None,
) -> None:
    """Open the Rapport game window (`rapport window` and `python run.py` take the same options)."""
    if host is not None:
        from game.ui.live import check_host_options

        problem = check_host_options(meeting, scenario, module, autoplay is not None)
        if problem is not None:
            raise click.UsageError(problem)
    options = Options(
        scenarios_dir=scenarios_dir,
        db_url=db_url,
        fullscreen=fullscreen,
        size=size,
        scenario=scenario,
        player=player,
        autoplay=autoplay,
        screenshots=screenshots,
        mode=Mode(mode) if mode else None,
        meeting=meeting,
        module=module,
        session=session,
        watch=watch,
        host=host,
    )
    from game.ui.app import main

    raise click.exceptions.Exit(main(options))


def run(argv: list[str], prog_name: str = RUN_PY) -> int:
    """`python run.py ARGS`: the window command, with a mistake as one sentence (status 2)."""
    try:
        status = window_command.main(args=argv, prog_name=prog_name, standalone_mode=False)
    except click.ClickException as error:
        message = error.format_message().rstrip(".")
        print(f"{prog_name}: {message}; see `python {prog_name} --help`.", file=sys.stderr)
        return error.exit_code
    except click.exceptions.Abort:
        return 130
    return status if isinstance(status, int) else 0
