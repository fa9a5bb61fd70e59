"""The core commands: validate, play, analyze and schema (docs/cli.md)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from game.cli.common import InputError, load_for_play, scenarios_folder, scenarios_option
from game.cli.player import TerminalPlayer
from game.core.engine import Playthrough
from game.core.model import COMPETENCIES


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Plain lines for people, or a JSON list for tools.",
)
def validate_command(paths: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Check scenario files, folders of them, and modules.yaml.

    Every problem is shown as PATH:LINE:COLUMN: error|warning: message.
    Exit status 1 when there is an error (or, with --strict, a warning).
    """
    from game.loader import validate_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    diagnostics = validate_paths(list(paths), strict=strict)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if output_format == "json":
        click.echo(json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False))
    else:
        for diagnostic in diagnostics:
            click.echo(diagnostic.format())
        if errors or warnings:
            click.echo(
                f"{errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}."
            )
        else:
            click.echo("All good: no errors, no warnings.")
    if errors:
        raise click.exceptions.Exit(1)


@click.command("play")
@click.argument("scenario")
@click.option("--text", "plain", is_flag=True, help="Plain text: no colour or styling.")
@click.option("--choices", default=None, help="Play without asking, e.g. 2,1,t,3 (t: timer).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--mode",
    type=click.Choice(["coach", "assess"]),
    default="coach",
    show_default=True,
    help="coach: feedback after every choice; assess: feedback only at the debrief.",
)
@click.option("--player", default=None, help="Record the result under this player's name.")
@click.option("--db", default=None, help="Results database URL (default: RAPPORT_DB or local).")
@click.option("--watch", is_flag=True, help="Reload the scenario whenever its file is saved.")
@scenarios_option
def play_command(
    scenario: str,
    plain: bool,
    choices: str | None,
    as_json: bool,
    mode: str,
    player: str | None,
    db: str | None,
    watch: bool,
    scenarios_dir: Path | None,
) -> None:
    """Play SCENARIO (a file or an id) in the terminal."""
    player_name = _checked_player(player)
    if watch:
        if choices is not None or as_json or player is not None:
            raise click.UsageError(
                "--watch is for writing scenarios; it cannot be used with --choices, "
                "--json or --player"
            )
        from game.cli.watch import play_watching

        play_watching(scenario, scenarios_folder(scenarios_dir), coaching=mode == "coach")
        return
    loaded, analysis, _ = load_for_play(scenario, scenarios_dir)
    presenter = TerminalPlayer(
        loaded, analysis, coaching=mode == "coach", styled=not plain and not as_json
    )
    if choices is not None:
        from game.core.decisions import parse_decisions, play_decisions
        from game.core.engine import PlayError

        try:
            decisions = parse_decisions(choices)
        except ValueError as error:
            raise InputError(f"--choices: {error}") from None
        try:
            playthrough = play_decisions(loaded, decisions)
        except PlayError as error:
            raise InputError(str(error)) from None
        if not as_json:
            presenter.transcript(playthrough)
    else:
        started = time.monotonic()
        playthrough = presenter.play() if not as_json else _play_quietly(presenter)
        playthrough.add_time(time.monotonic() - started)
    assert analysis.ranges is not None
    if as_json:
        from game.core.scoring import result_of

        result = result_of(playthrough, analysis.ranges)
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        presenter.finish(playthrough)
    if player_name is not None:
        _record(loaded, analysis, playthrough, player_name, db)


def _play_quietly(presenter: TerminalPlayer) -> Playthrough:
    """Interactive play whose screen output goes to stderr, keeping stdout JSON only."""
    presenter.echo = lambda text: click.echo(text, err=True)
    return presenter.play()


def _checked_player(player: str | None) -> str | None:
    if player is None:
        return None
    from game.core.players import PlayerNameError, check_player_name

    try:
        return check_player_name(player)
    except PlayerNameError as error:
        raise InputError(f"--player: {error}") from None


def _record(scenario, analysis, playthrough, player: str, db: str | None) -> None:  # type: ignore[no-untyped-def]
    """Record the result; recomputed from the path by the store, never trusted."""
    import uuid
    from datetime import UTC, datetime

    from game.store import StoreError, open_store
    from game.store.recording import record_playthrough

    try:
        store = open_store(db)
    except StoreError as error:
        raise InputError(str(error)) from None
    outcome = record_playthrough(
        store,
        scenario,
        analysis.ranges,
        playthrough.decisions,
        player=player,
        seconds=playthrough.elapsed_s,
        module=None,
        played_at=datetime.now(UTC),
        result_id=uuid.uuid4().hex,
    )
    if outcome.message:
        click.echo(outcome.message, err=True)


@click.command("analyze")
@click.argument("scenario")
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON.")
@scenarios_option
def analyze_command(scenario: str, as_json: bool, scenarios_dir: Path | None) -> None:
    """What a trainer needs to know about SCENARIO's shape and scores."""
    from game.loader import ScenarioNotFound, load_scenario, resolve_scenario

    try:
        path = resolve_scenario(scenario, scenarios_folder(scenarios_dir))
    except ScenarioNotFound as error:
        raise InputError(str(error)) from None
    report = load_scenario(path)
    analysis = report.analysis
    if analysis is None:
        for diagnostic in report.diagnostics:
            click.echo(diagnostic.format(), err=True)
        raise InputError(f"{path} could not be analysed; fix the errors above first")
    if as_json:
        click.echo(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_analysis(analysis.to_dict())
    if report.errors:
        for diagnostic in report.diagnostics:
            if diagnostic.severity == "error":
                click.echo(diagnostic.format(), err=True)
        raise click.exceptions.Exit(1)


def _print_analysis(data: dict) -> None:  # type: ignore[type-arg]
    click.echo(f"Scenario {data['scenario']}")
    reachable = len(data["reachable_nodes"])
    click.echo(f"  nodes          {data['nodes']} ({reachable} reachable)")
    click.echo(
        f"  states         {data['states']}" + (" (approximate)" if data["approximate"] else "")
    )
    plays = data["playthroughs"]
    click.echo(f"  playthroughs   {plays if plays is not None else 'unbounded (loops)'}")
    decisions = data["decisions"]
    longest = decisions["longest"] if decisions["longest"] is not None else "unbounded"
    click.echo(f"  decisions      {decisions['shortest']} to {longest}")
    click.echo("  endings")
    for ending, info in data["endings"].items():
        mark = "" if info["reachable"] else "  (unreachable)"
        click.echo(f"    {ending:<24}{info['outcome']}{mark}")
    if data["range"]:
        click.echo("  score ranges")
        for name in COMPETENCIES:
            span = data["range"][name]
            note = "" if data["assessed"][name] else "  (not assessed: always the same)"
            click.echo(f"    {name:<14}{span['min']:+d} to {span['max']:+d}{note}")
    if data["best"] is not None:
        best = ",".join(str(d) for d in data["best"])
        click.echo(f"  best           play --choices {best}  (ends at {data['best_ending']})")
    for problem in data["problems"]:
        click.echo(f"  {problem['severity']}: {problem['message']}")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the scenario format (for editors and tools)."""
    from game.loader import schema_text

    click.echo(schema_text().rstrip("\n"))
