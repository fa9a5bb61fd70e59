"""The `rapport` command line: one click group that front-ends every part.

Checks return data; the commands here format it and choose the exit code:
0 done, 1 the input is wrong, 2 the command line itself is wrong. No command
ever shows a traceback (see `main`).
"""

from __future__ import annotations

import sys

import click

from game import __version__
from game.cli.core_commands import analyze_command, play_command, schema_command, validate_command
from game.ui.command import window_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rapport")
def cli() -> None:
    """Rapport: customer-experience training in branching conversations.

    Play a scenario in the terminal, check and analyse scenario files, and read
    the team's results. `rapport window` (or `python run.py`) opens the game window.
    """


cli.add_command(validate_command)
cli.add_command(play_command)
cli.add_command(analyze_command)
cli.add_command(schema_command)
cli.add_command(window_command)


def _register_parts() -> None:
    """Commands of the store, the trainer toolkit, live sessions and the learning records
    (each lists COMMANDS)."""
    import importlib

    for name in ("game.cli.results", "game.cli.trainer", "game.cli.host", "game.cli.lrs"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register_parts()

INTERRUPTED = 130  # exit status after Ctrl-C, as shells report a SIGINT


def main() -> None:
    """Entry point of the console script and `python -m game`.

    Exit status: 0 done, 1 wrong input, 2 wrong command line, 130 stopped with Ctrl-C.
    """
    try:
        status = cli.main(prog_name="rapport", standalone_mode=False)
    except click.exceptions.Abort as error:
        # click turns Ctrl-C (and end of input at one of its prompts) into Abort.
        if isinstance(error.__cause__, EOFError):
            click.echo("Stopped: the input ended.", err=True)
            sys.exit(1)
        click.echo("Stopped.", err=True)
        sys.exit(INTERRUPTED)
    except KeyboardInterrupt:  # outside a command (while starting up)
        click.echo("\nStopped.", err=True)
        sys.exit(INTERRUPTED)
    except click.ClickException as error:  # usage errors (2) and InputError (1)
        error.show()
        sys.exit(error.exit_code)
    except Exception as error:
        click.echo(
            f"Error: Rapport stopped unexpectedly ({type(error).__name__}: {error}); "
            "please report this with the command you ran.",
            err=True,
        )
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


__all__ = ["cli", "main"]
