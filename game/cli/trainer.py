"""Trainer commands: new, graph, report and import-twee (listed in game.cli.COMMANDS).

The work is done in game.trainer; these commands read the arguments, print
what came back, and pick the exit code (1 for bad input, 2 for bad usage).
"""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path

import click

from game.cli.common import InputError, folder_modules, load_for_play, scenarios_option
from game.trainer.graph import (
    DETAILED_MAX_NODES,
    FORMATS,
    TIME_LIMIT_S,
    GraphvizMissing,
    RenderError,
    RenderTimeout,
    format_for,
)


def _shown(path: Path) -> str:
    """A path as the trainer can paste it into a shell."""
    return shlex.quote(str(path))


def _check_folder(path: Path) -> None:
    """Refuse an output whose folder does not exist, before any work is done (as export does)."""
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise InputError(f"the folder {folder} {what}; create it or choose another -o")


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InputError(
            f"cannot write {path} ({error.strerror or error}); check the folder and its permissions"
        ) from None


# -- new -----------------------------------------------------------------------
@click.command("new")
@click.argument("scenario_id", metavar="ID")
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write ID.yaml into; it must exist.",
)
def new_command(scenario_id: str, folder: Path) -> None:
    """Write a small, valid, commented starter scenario ID.yaml to grow into your own."""
    from game.trainer.starter import StarterError, write_starter

    try:
        path = write_starter(scenario_id, folder)
    except StarterError as error:
        raise InputError(str(error)) from None
    shown = _shown(path)
    click.echo(f"Wrote {path}: one customer, two decisions, a timer and three endings.")
    click.echo("Try next:")
    click.echo(f"  rapport validate {shown}")
    click.echo(f"  rapport play {shown}")
    click.echo(f"  rapport graph {shown} -o {_shown(path.with_suffix('.svg'))}")


# -- graph ---------------------------------------------------------------------
@click.command("graph")
@click.argument("scenario")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write here instead of printing DOT; .dot, .svg or .png picks the format.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="dot (no Graphviz needed), svg or png (need Graphviz's `dot`).",
)
@click.option(
    "--detailed",
    is_flag=True,
    help=f"Draw every label even past {DETAILED_MAX_NODES} nodes (can take long).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1, max=3600),
    default=TIME_LIMIT_S,
    show_default=True,
    metavar="SECONDS",
    help="Stop Graphviz after this many seconds.",
)
@scenarios_option
def graph_command(
    scenario: str,
    output: Path | None,
    output_format: str | None,
    detailed: bool,
    time_limit: float,
    scenarios_dir: Path | None,
) -> None:
    """Draw SCENARIO: nodes, choices with their scores, timers, endings by outcome.

    Without -o the DOT text is printed. Unreachable nodes are grey and dashed.
    SVG and PNG of scenarios over 100 nodes are an overview without choice
    labels, drawn quickly; DOT always has every detail.
    """
    from game.trainer.graph import is_overview, render, scenario_dot

    if output is None:
        chosen = output_format or "dot"
        if chosen == "png":
            raise click.UsageError("PNG is binary; give -o FILE.png to write it to a file")
    else:
        found = format_for(output.name, output_format)
        if found is None:
            raise click.UsageError(
                f"cannot tell the format from the file name `{output.name}`; "
                "end it in .dot, .svg or .png, or give --format"
            )
        chosen = found
    if output is not None:
        _check_folder(output)
    loaded, analysis, _ = load_for_play(scenario, scenarios_dir)
    overview = chosen != "dot" and not detailed and is_overview(loaded)
    dot = scenario_dot(loaded, analysis, overview=overview)
    nodes = f"{len(loaded.nodes):,} nodes"
    if chosen == "dot":
        data = dot.encode("utf-8")
    else:
        try:
            data = render(dot, chosen, time_limit_s=time_limit)
        except RenderTimeout as error:
            advice = (
                "leave out --detailed for a quick overview, "
                if detailed and is_overview(loaded)
                else ""
            )
            raise InputError(
                f"{error} while drawing the {nodes} of {loaded.id}, so nothing was written; "
                f"{advice}give it longer with --time-limit, or write DOT with -o FILE.dot "
                "(no Graphviz needed) and draw it with another program"
            ) from None
        except (GraphvizMissing, RenderError) as error:
            raise InputError(str(error)) from None
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    _write(output, data)
    if overview:
        click.echo(
            f"Wrote {output} ({chosen.upper()}, {nodes}: an overview without choice labels, as "
            f"the scenario has more than {DETAILED_MAX_NODES} nodes; --detailed draws every "
            "label, which can take many minutes, and -o FILE.dot has every detail)."
        )
    else:
        click.echo(f"Wrote {output} ({chosen.upper()}, {nodes}).")


# -- report --------------------------------------------------------------------
def pass_percent_for(scenario_id: str, folder: Path) -> float:
    """The pass mark of the module that holds the scenario, else the default."""
    from game.core.model import DEFAULT_PASS_PERCENT

    home = next((m for m in folder_modules(folder) if scenario_id in m.scenarios), None)
    return home.pass_percent if home is not None else DEFAULT_PASS_PERCENT


@click.command("report")
@click.option("--scenario", "scenario", required=True, metavar="ID", help="The scenario played.")
@click.option("--session", default=None, metavar="NAME", help="Only results of this session.")
@click.option("--db", default=None, metavar="URL", help="Results database URL.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The HTML file to write, e.g. report.html.",
)
@scenarios_option
def report_command(
    scenario: str,
    session: str | None,
    db: str | None,
    output: Path,
    scenarios_dir: Path | None,
) -> None:
    """The team report: one self-contained HTML page for the debrief after a meeting.

    Players and their percents, the team's weakest competency, how many players
    took each choice, the most common wrong turn, and who has not passed yet.
    """
    from game.store import StoreError, open_store
    from game.trainer.report import build_report, render_html

    _check_folder(output)
    loaded, analysis, path = load_for_play(scenario, scenarios_dir)
    # modules.yaml beside the scenario file says which module, and so which pass mark.
    pass_percent = pass_percent_for(loaded.id, path.parent)
    try:
        store = open_store(db)
    except StoreError as error:
        raise InputError(str(error)) from None
    try:
        records = store.results_for(loaded.id, session=session)
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()
    report = build_report(
        loaded,
        analysis,
        records,
        pass_percent=pass_percent,
        session=session,
        generated_at=datetime.now().astimezone(),
    )
    left_out: list[str] = []
    page = render_html(report, analysis, left_out=left_out)
    _write(output, page.encode("utf-8"))
    for note in left_out:
        click.echo(f"Note: {note}", err=True)
    players = len(report.players)
    if players:
        click.echo(
            f"Wrote {output}: {players} player{'s' if players != 1 else ''}, "
            f"{report.plays} play{'s' if report.plays != 1 else ''}."
        )
    else:
        where = f" in session {session}" if session else ""
        click.echo(f"Wrote {output}: nobody has played {loaded.id}{where} yet.")


# -- import-twee -----------------------------------------------------------------
MAX_TWEE_BYTES = 4 * 1024 * 1024  # a Twine story far larger than any training scenario


@click.command("import-twee")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The scenario file to write, e.g. my-story.yaml; its name gives the scenario id.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_twee_command(story: Path, output: Path, force: bool) -> None:
    """Turn a Twine story (Twee 3) into a scenario draft to finish by hand.

    Passages become nodes, links become choices, passages without links become
    endings. Scores, feedback and outcomes are left for you; the command lists
    what to add and anything it had to drop.
    """
    from game.loader import load_scenario_text
    from game.trainer.starter import modeline
    from game.trainer.twee import convert, parse_twee, scenario_id_from

    if not story.is_file():
        raise InputError(f"there is no file {story}; check the path")
    if output.exists() and not force:
        raise InputError(f"{output} already exists; choose another name or add --force")
    if story.stat().st_size > MAX_TWEE_BYTES:
        raise InputError(f"{story} is larger than 4 MiB; that is not a story to import")
    try:
        source = story.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{story} is not UTF-8 text; save it as UTF-8 and try again") from None
    except OSError as error:
        raise InputError(f"cannot read {story} ({error.strerror or error})") from None
    scenario_id = scenario_id_from(output.stem)
    try:
        conversion = convert(parse_twee(source), scenario_id, modeline=modeline(output.parent))
    except ValueError as error:
        raise InputError(f"{story}: {error}") from None
    _write(output, conversion.text.encode("utf-8"))
    check = load_scenario_text(conversion.text, str(output))
    if check.errors:
        # Written all the same: the trainer fixes the draft, not the story.
        for diagnostic in check.errors:
            click.echo(diagnostic.format(), err=True)
        raise InputError(
            f"{output} was written but has errors (above); fix them by hand, then run "
            f"`rapport validate {_shown(output)}`"
        )
    click.echo(f"Wrote {output} (scenario id `{scenario_id}`). Still to do:")
    for note in conversion.notes:
        click.echo(f"  - {note}")
    click.echo(f"Then check it with: rapport validate {_shown(output)}")
