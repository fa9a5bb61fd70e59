"""The `rapport` command line: one click group that front-ends every part.

Checks return data; the commands here format it and choose the exit code:
0 done, 1 the input is wrong, 2 the command line itself is wrong. No command
ever shows a traceback (see `main`).

Each command imports only what it uses, when it runs: the group knows every
command by name, where it lives and its one-line help (`COMMANDS`), so
`rapport --help` lists them all without importing any, and `rapport validate`
never loads the database layer, the window or the live server.
"""

from __future__ import annotations

import importlib
import sys

import click

from game import __version__

# name: (module:attribute of the click command, its short help as `rapport --help` shows it).
# A test keeps every short help equal to the command's own.
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": (
        "game.cli.core_commands:analyze_command",
        "What a trainer needs to know about SCENARIO's shape and scores.",
    ),
    "graph": (
        "game.cli.trainer:graph_command",
        "Draw SCENARIO: nodes, choices with their scores, timers, endings by outcome.",
    ),
    "host": (
        "game.cli.host:host_command",
        "Host a live session: the room joins from phones with a code or a QR code.",
    ),
    "import-twee": (
        "game.cli.trainer:import_twee_command",
        "Turn a Twine story (Twee 3) into a scenario draft to finish by hand.",
    ),
    "leaderboard": (
        "game.cli.results:leaderboard_command",
        "Best result per player, ranked by overall; ties go to fewer seconds.",
    ),
    "lrs": (
        "game.cli.lrs:lrs_group",
        "Learning records for the company's LRS (xAPI): what waits, and send it now.",
    ),
    "new": (
        "game.cli.trainer:new_command",
        "Write a small, valid, commented starter scenario ID.yaml to grow into your own.",
    ),
    "play": (
        "game.cli.core_commands:play_command",
        "Play SCENARIO (a file or an id) in the terminal.",
    ),
    "report": (
        "game.cli.trainer:report_command",
        "The team report: one self-contained HTML page for the debrief after a meeting.",
    ),
    "results": (
        "game.cli.results:results_group",
        "Recorded results: export them for a spreadsheet or a Learning Record Store.",
    ),
    "schema": (
        "game.cli.core_commands:schema_command",
        "Print the JSON Schema of the scenario format (for editors and tools).",
    ),
    "session": (
        "game.cli.results:session_group",
        "Team-meeting sessions: results played between start and end belong to one.",
    ),
    "validate": (
        "game.cli.core_commands:validate_command",
        "Check scenario files, folders of them, and modules.yaml.",
    ),
    "window": (
        "game.ui.command:window_command",
        "Open the Rapport game window (`rapport window` and `python run.py` take the same "
        "options).",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is wanted.

    This is the pattern of click's documentation ("Lazily Loading Subcommands"):
    `get_command` imports the module named in `COMMANDS`; the listing in
    `--help` and the "did you mean" of a mistyped name use the names and short
    helps kept there, so they import nothing.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in COMMANDS:
            module_name, _, attribute = COMMANDS[cmd_name][0].partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            self.add_command(command, cmd_name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            # click suggests from the commands loaded so far; suggest from them all.
            raise click.exceptions.NoSuchCommand(
                error.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None:
                rows.append((name, loaded.get_short_help_str(limit)))
            else:  # shortened exactly as click shortens a command's own help
                stand_in = click.Command(name, help=COMMANDS[name][1])
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rapport")
def cli() -> None:
    """Rapport: customer-experience training in branching conversations.

    Play a scenario in the terminal, check and analyse scenario files, and read
    the team's results. `rapport window` (or `python run.py`) opens the game window.
    """


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


__all__ = ["COMMANDS", "cli", "main"]
