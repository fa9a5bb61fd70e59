"""The core commands: validate, play, analyze and schema (docs/cli.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from game.cli.common import InputError, scenarios_folder, scenarios_option

if TYPE_CHECKING:  # each command imports what it uses when it runs (see game.cli)
    from game.cli.player import TerminalPlayer
    from game.core.analysis import Analysis
    from game.core.engine import Playthrough
    from game.core.model import Module, Scenario
    from game.core.progress import Verdict
    from game.lrs.records import LearningRecords
    from game.store import ResultsStore


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
    from game.loader.diagnostics import TOO_MANY_PROBLEMS

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
            # A file with too many problems lists the first ones and counts the rest (RP116).
            cut = len({d.path for d in diagnostics if d.code == TOO_MANY_PROBLEMS})
            more = f"; more in {cut} file{'s' if cut != 1 else ''}, not listed" if cut else ""
            click.echo(
                f"{errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}{more}."
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
    from game.cli.common import folder_modules, load_for_play
    from game.cli.player import GOODBYE, PlayerLeft, TerminalPlayer

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
    loaded, analysis, path = load_for_play(scenario, scenarios_dir)
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
        try:
            playthrough = presenter.play() if not as_json else _play_quietly(presenter)
        except PlayerLeft:
            presenter.echo(GOODBYE)
            return
        playthrough.add_time(time.monotonic() - started)
    assert analysis.ranges is not None
    if as_json:
        from game.core.scoring import result_of

        result = result_of(playthrough, analysis.ranges)
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    store = _open(db, loaded, analysis, path.parent) if player_name is not None else None
    try:
        modules = folder_modules(path.parent) if not as_json or store is not None else []
        home = next((m for m in modules if loaded.id in m.scenarios), None)
        if not as_json:
            verdict = _verdict(loaded, analysis, playthrough, modules, store, player_name)
            presenter.finish(playthrough, verdict, _titles(path.parent))
        if store is not None and player_name is not None:
            learning = _learning_records(quiet=as_json)
            _record(
                store, learning, loaded, analysis, playthrough, player_name, home, quiet=as_json
            )
            if learning is not None:
                _send(learning)
    finally:
        if store is not None:
            store.close()


def _play_quietly(presenter: TerminalPlayer) -> Playthrough:
    """Interactive play whose screen output goes to stderr, keeping stdout JSON only."""
    from game.cli.player import ask_in_terminal

    presenter.echo = lambda text: click.echo(text, err=True)
    presenter.ask = lambda prompt: ask_in_terminal(prompt, err=True)
    return presenter.play()


def _checked_player(player: str | None) -> str | None:
    if player is None:
        return None
    from game.core.players import PlayerNameError, check_player_name

    try:
        return check_player_name(player)
    except PlayerNameError as error:
        raise InputError(f"--player: {error}") from None


def _open(db: str | None, scenario: Scenario, analysis: Analysis, folder: Path) -> ResultsStore:
    """The results store, able to score results from `folder` that wait in its outbox."""
    from game.cli.results import open_results
    from game.store import ScoringBasis

    return open_results(db, folder, known={scenario.id: ScoringBasis(scenario, analysis.ranges)})


def _verdict(
    scenario: Scenario,
    analysis: Analysis,
    playthrough: Playthrough,
    modules: list[Module],
    store: ResultsStore | None,
    player: str | None,
) -> Verdict:
    """What the debrief says about this result: the same rules as the window's debrief."""
    from game.core.progress import judge
    from game.core.scoring import result_of
    from game.store import StoreError

    assert analysis.ranges is not None
    before: dict[str, float] | None = None  # nobody's progress without a player
    if store is not None and player is not None:
        try:
            before = store.best_overalls(player)
        except StoreError as error:
            click.echo(
                f"Your earlier results could not be read ({error}); what this result unlocks "
                "is not shown.",
                err=True,
            )
    home = next((m for m in modules if scenario.id in m.scenarios), None)
    overall = result_of(playthrough, analysis.ranges).overall
    return judge(scenario.id, overall, module=home, modules=modules, before=before)


def _titles(folder: Path) -> Callable[[str], str]:
    """A scenario's title by its id (the id itself when its file cannot be read)."""

    def title_of(scenario_id: str) -> str:
        from game.loader import ScenarioNotFound, load_scenario, resolve_scenario

        try:
            report = load_scenario(resolve_scenario(scenario_id, folder))
        except ScenarioNotFound:
            return scenario_id
        return report.scenario.title if report.scenario is not None else scenario_id

    return title_of


def _learning_records(*, quiet: bool) -> LearningRecords | None:
    """The learning records as set up; a setting that cannot work is said, and play goes on."""
    from game.lrs.records import open_learning_records

    learning, problems = open_learning_records()
    for problem in problems:
        click.echo(f"Warning: {problem}.", err=True)
    return learning


def _record(
    store: ResultsStore,
    learning: LearningRecords | None,
    scenario: Scenario,
    analysis: Analysis,
    playthrough: Playthrough,
    player: str,
    module: Module | None,
    *,
    quiet: bool,
) -> None:
    """Record the result (recomputed from the path by the store, never trusted) with its
    learning records, and say what became of it; with `quiet` (JSON on standard output)
    that goes to standard error."""
    import uuid
    from datetime import UTC, datetime

    from game.core.scoring import result_of
    from game.lrs.records import record_with_statements
    from game.store import StoreError

    try:
        recorded = record_with_statements(
            store,
            learning,
            scenario,
            analysis.ranges,
            playthrough.decisions,
            player=player,
            seconds=playthrough.elapsed_s,
            module=module,
            played_at=datetime.now(UTC),
            result_id=uuid.uuid4().hex,
        )
    except StoreError as error:
        raise InputError(f"the result could not be recorded: {error}") from None
    outcome = recorded.outcome
    if recorded.statements.message:
        click.echo(f"Warning: {recorded.statements.message}", err=True)
    if outcome.stored:
        assert analysis.ranges is not None
        overall = result_of(playthrough, analysis.ranges).overall
        score = "not assessed" if overall is None else f"{overall:.1f}% overall"
        click.echo(f"Recorded the result for {player}: {score}.", err=quiet)
    elif outcome.queued:
        click.echo(outcome.message, err=quiet)
    else:
        raise InputError(outcome.message or "the result was not recorded")


def _send(learning: LearningRecords) -> None:
    """Send the learning records that wait (this playthrough's and any earlier ones); when
    the LRS cannot take them now, one line on standard error says they wait."""
    from datetime import UTC, datetime

    report = learning.send(now=datetime.now(UTC))
    if report is None or report.error is None:
        return
    waiting = report.remaining
    click.echo(
        f"The learning records wait on this computer: {learning.config.mask(report.error)}; "
        f"{waiting} playthrough{'s' if waiting != 1 else ''} "
        f"{'goes' if waiting == 1 else 'go'} with the next one or `rapport lrs send`.",
        err=True,
    )


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
    data = analysis.to_dict()
    if report.scenario is not None and analysis.ranges is not None and not analysis.approximate:
        from game.core.surface import surface_report

        data["surface"] = surface_report(report.scenario, analysis.ranges).to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_analysis(data)
    if report.errors:
        for diagnostic in report.diagnostics:
            if diagnostic.severity == "error":
                click.echo(diagnostic.format(), err=True)
        raise click.exceptions.Exit(1)


def _print_analysis(data: dict) -> None:  # type: ignore[type-arg]
    from game.core.model import COMPETENCIES

    click.echo(f"Scenario {data['scenario']}")
    reachable = len(data["reachable_nodes"])
    click.echo(f"  nodes          {data['nodes']} ({reachable} reachable)")
    click.echo(
        f"  states         {data['states']}" + (" (approximate)" if data["approximate"] else "")
    )
    plays, decisions = data["playthroughs"], data["decisions"]
    if data["approximate"]:  # counts are not known past the state budget
        click.echo("  playthroughs   unknown (approximate)")
        click.echo("  decisions      unknown (approximate)")
    elif decisions["shortest"] is None:
        click.echo("  playthroughs   none: no ending can be reached")
    else:
        click.echo(f"  playthroughs   {plays if plays is not None else 'unbounded (loops)'}")
        longest = decisions["longest"] if decisions["longest"] is not None else "unbounded"
        click.echo(f"  decisions      {decisions['shortest']} to {longest}")
    click.echo("  endings")
    for ending, info in data["endings"].items():
        mark = "" if info["reachable"] else "  (unreachable)"
        if data["approximate"] and info["reachable"]:
            mark = "  (may be reachable)"
        click.echo(f"    {ending:<24}{info['outcome']}{mark}")
    if data["range"]:
        click.echo("  score bounds (approximate)" if data["approximate"] else "  score ranges")
        for name in COMPETENCIES:
            span = data["range"][name]
            note = "" if data["assessed"][name] else "  (not assessed: always the same)"
            click.echo(f"    {name:<14}{span['min']:+d} to {span['max']:+d}{note}")
    if data["best"] is not None:
        best = ",".join(str(d) for d in data["best"])
        click.echo(f"  best           play --choices {best}  (ends at {data['best_ending']})")
    if "surface" in data:
        _print_surface(data["surface"])
    for problem in data["problems"]:
        click.echo(f"  {problem['severity']}: {problem['message']}")


def _print_surface(surface: dict) -> None:  # type: ignore[type-arg]
    """How far a player gets by the look of the lines alone (game.core.surface)."""
    import textwrap

    from game.core.surface import SHORT_NAMES

    click.echo("  surface cues   always choosing...")
    for run in surface["strategies"]:
        name = SHORT_NAMES.get(run["strategy"], run["strategy"])
        if not run["finishes"]:
            click.echo(f"    {name:<22}never reaches an ending")
            continue
        ending = f"{run['ending']} ({run['outcome']})"
        overall = "–" if run["overall"] is None else f"{run['overall']:.1f}%"
        wins = f"  WINS: can reach {run['success_ending']}" if run["success_ending"] else ""
        click.echo(f"    {name:<22}{ending:<32}{overall:>7}{wins}")
    chance = surface["random"]
    if chance["overall"] is not None:
        success = chance["outcomes"].get("success", 0.0)
        click.echo(
            f"    {'at random (average)':<22}{f'success {success:.1f}% of the time':<32}"
            f"{chance['overall']:>6.1f}%"
        )
    points = surface["decision_points"]
    if points:
        longest = list(dict.fromkeys(surface["best_is_longest"]))
        where = f" ({', '.join(longest)})" if longest else ""
        line = (
            f"  best choice    the longest line at {len(surface['best_is_longest'])} of "
            f"{points} decision points{where}"
        )
        click.echo(textwrap.fill(line, 78, subsequent_indent=" " * 17))
        positions = ", ".join(
            f"{position} at {count}" for position, count in surface["best_position"].items()
        )
        click.echo(f"                 in position {positions}")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the scenario format (for editors and tools)."""
    from game.loader import schema_text

    click.echo(schema_text().rstrip("\n"))
