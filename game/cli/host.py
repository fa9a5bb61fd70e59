"""`rapport host`: a live session from this computer (docs/live.md), and `--check` for its network.

It loads what to play, opens the results store, starts the live server on a
background thread, prints where to join (one JSON line with `--json`, else for
a person with a QR code) and waits. Ctrl-C, SIGTERM or the host's "End" on
the projector page end it cleanly: every finished result is recorded or kept
in the outbox, the connections close, and it exits 0.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from game.cli.common import InputError, load_for_play, scenarios_folder, scenarios_option
from game.cli.results import _find_module, db_option, open_results, shown
from game.store import ResultsStore, StoreError

if TYPE_CHECKING:
    from game.live.host import LiveHost
    from game.live.names import NameFilter
    from game.live.session import Plan

MODES = ("race", "huddle")
TIMER_SETTINGS = ("normal", "slow", "off")


@click.command("host")
@click.argument("scenario", required=False)
@click.option(
    "--module", "module_id", metavar="ID", default=None, help="Play a module's scenarios in order."
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="race",
    show_default=True,
    help="race: everyone plays on their own device; huddle: the room plays one conversation.",
)
@click.option(
    "--bind",
    default="0.0.0.0",
    show_default=True,
    metavar="ADDR",
    help="Address to listen on (0.0.0.0: every interface; 127.0.0.1: this computer only).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port to listen on (default 8765, or any free port if it is taken; 0: any free port).",
)
@click.option("--session", "session_name", metavar="NAME", default=None, help="Session name.")
@click.option(
    "--max-players",
    type=click.IntRange(1, 2000),
    default=200,
    show_default=True,
    help="Players who may join.",
)
@click.option(
    "--timers",
    type=click.Choice(TIMER_SETTINGS),
    default="normal",
    show_default=True,
    help="Node timers as written, twice as long (slow), or off for the room.",
)
@click.option(
    "--board-rows",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="Rows of the board everyone sees; the others see their own place on their phone.",
)
@click.option(
    "--blocked-words",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A file of more words player names may not use (one a line).",
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the join details as one JSON line.")
@click.option("--check", is_flag=True, help="Test this computer's network for hosting, and exit.")
@scenarios_option
def host_command(
    scenario: str | None,
    module_id: str | None,
    mode: str,
    bind: str,
    port: int | None,
    session_name: str | None,
    max_players: int,
    timers: str,
    board_rows: int,
    blocked_words: Path | None,
    db: str | None,
    as_json: bool,
    check: bool,
    scenarios_dir: Path | None,
) -> None:
    """Host a live session: the room joins from phones with a code or a QR code.

    Give a SCENARIO (a file or an id) or --module ID. Every score is computed
    here; results are recorded with the session's name. See docs/live.md.
    """
    from game.live import network
    from game.live.host import DEFAULT_PORT

    try:
        bind = network.resolve_bind(bind)
    except ValueError as error:
        raise InputError(str(error)) from None
    if check:
        _check(bind, DEFAULT_PORT if port is None else port, db, as_json)
        return
    if (scenario is None) == (module_id is None):
        raise click.UsageError("give a SCENARIO or --module ID (one of them)")
    plan, folder = _plan(scenario, module_id, scenarios_dir)
    names = _names(blocked_words)
    store = _open_store(db, plan, folder)
    try:
        session = _session_name(store, session_name, scenario or module_id or "")
        _run(
            plan,
            store,
            session=session,
            mode=mode,
            bind=bind,
            port=port,
            max_players=max_players,
            timers=timers,
            board_rows=board_rows,
            names=names,
            as_json=as_json,
            folder=folder,
        )
    finally:
        store.close()


def _open_store(db: str | None, plan: Plan, folder: Path) -> ResultsStore:
    """The results store, able to score this session's results should they wait in the outbox."""
    from game.store import ScoringBasis

    known = {
        stage.scenario.id: ScoringBasis(
            stage.scenario, stage.analysis.ranges, plan.module.id if plan.module else None
        )
        for stage in plan.stages
    }
    return open_results(db, folder, known=known)


def _plan(
    scenario: str | None, module_id: str | None, scenarios_dir: Path | None
) -> tuple[Plan, Path]:
    """What the session plays, and the folder its scenarios come from."""
    from game.live.session import Plan, Stage

    if scenario is not None:
        loaded, analysis, path = load_for_play(scenario, scenarios_dir)
        return Plan((Stage(loaded, analysis),), title=loaded.title), path.parent
    from game.loader import load_library

    assert module_id is not None
    module = _find_module(module_id, scenarios_dir)
    library = load_library(scenarios_folder(scenarios_dir))
    stages = []
    for scenario_id in module.scenarios:
        found = library.scenarios.get(scenario_id)
        studied = library.analyses.get(scenario_id)
        if found is None or studied is None or studied.ranges is None:
            raise InputError(
                f"scenario {scenario_id!r} of module {module.id!r} has errors; "
                f"run `rapport validate {scenarios_folder(scenarios_dir)}` and fix them"
            )
        stages.append(Stage(found, studied))
    plan = Plan(tuple(stages), title=module.title, module=module)
    return plan, scenarios_folder(scenarios_dir)


def _names(blocked_words: Path | None) -> NameFilter:
    from game.live.words import WordListError, default_name_filter

    try:
        return default_name_filter(blocked_words)
    except WordListError as error:
        raise InputError(str(error)) from None


def _session_name(store: ResultsStore, given: str | None, what: str) -> str:
    """The given name (checked), or today's date and the scenario, unique in the store."""
    from game.live.host import default_session_name
    from game.store.records import check_session_name

    if given is not None:
        try:
            return check_session_name(given)
        except StoreError as error:
            raise InputError(f"--session: {error}") from None
    return default_session_name(store, what, datetime.now().astimezone().date())


def _run(
    plan: Plan,
    store: ResultsStore,
    *,
    session: str,
    mode: str,
    bind: str,
    port: int | None,
    max_players: int,
    timers: str,
    board_rows: int,
    names: NameFilter,
    as_json: bool,
    folder: Path,
) -> None:
    from game.live.host import DEFAULT_PORT, LiveError, LiveHost, PortInUseError
    from game.lrs.records import open_learning_records

    lock = threading.Lock()
    learning, problems = open_learning_records()
    for problem in problems:
        click.echo(f"Warning: {problem}.", err=True)

    def note(text: str) -> None:
        with lock:
            if as_json:
                click.echo(text, err=True)
            else:
                click.echo(f"{datetime.now():%H:%M:%S}  {shown(text)}")

    def make(chosen_port: int) -> LiveHost:
        return LiveHost(
            plan,
            store,
            session=session,
            mode=mode,
            bind=bind,
            port=chosen_port,
            max_players=max_players,
            timers=timers,
            board_rows=board_rows,
            names=names,
            on_note=note,
            learning=learning,
            scenarios_dir=folder,  # the phones see the trainer's own pictures there
        )

    # Signals are caught before the server starts, so an early Ctrl-C still ends cleanly.
    stop = threading.Event()

    def on_signal(number: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        host = make(DEFAULT_PORT if port is None else port)
        try:
            try:
                info = host.start()
            except PortInUseError:
                if port is not None:
                    raise
                host = make(0)
                info = host.start()
        except LiveError as error:
            raise InputError(str(error)) from None
        for warning in host.warnings:
            click.echo(f"Warning: {warning}", err=True)
        if as_json:
            click.echo(json.dumps(info.to_json(), ensure_ascii=False))
            sys.stdout.flush()
        else:
            _tell_the_room(host, plan, store)
        while not stop.is_set() and not host.wait(0.2):
            pass
        if not as_json:
            click.echo("Ending the session…")
        report = host.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    status = report.recorded
    summary = (
        f"Session {shown(session)!r} ended: {status.stored} result"
        f"{'s' if status.stored != 1 else ''} recorded"
    )
    if status.queued:
        summary += f", {status.queued} kept in the outbox until the database answers"
    if status.refused:
        summary += f", {status.refused} refused (see above)"
    click.echo(summary + ".", err=as_json)
    waiting = learning.waiting() if learning is not None and learning.enabled else 0
    if waiting:
        click.echo(
            f"The learning records of {waiting} playthrough{'s' if waiting != 1 else ''} "
            "wait on this computer for the LRS; `rapport lrs send` sends them.",
            err=as_json,
        )


def _tell_the_room(host: LiveHost, plan: Plan, store: ResultsStore) -> None:
    info = host.info
    what = (
        "race: everyone plays on their own phone"
        if info.mode == "race"
        else "huddle: the room plays one conversation together"
    )
    code = f"{info.code[:3]} {info.code[3:]}"
    click.echo(f"Live session {shown(info.session)!r} — {shown(plan.title)} ({what}).")
    click.echo("")
    click.echo(f"  Join at   {info.url}")
    click.echo(f"  Code      {code}")
    for other in info.urls[1:]:
        click.echo(f"  Also at   {other}")
    click.echo("")
    click.echo(host.qr_text().rstrip("\n"))
    click.echo("")
    click.echo(f"  Projector (on this computer): {info.board_url}")
    where = getattr(store, "where", "the results database")
    click.echo(f"  Results are recorded in {where}.")
    click.echo("  Phones cannot open the page? Run `rapport host --check` (docs/live.md).")
    click.echo("  Press Ctrl+C to end the session.")
    click.echo("")


def _check(bind: str, port: int, db: str | None, as_json: bool) -> None:
    from game.live.check import PROBLEM, run_checks

    findings = run_checks(bind, port, db)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        marks = {"ok": "ok     ", "warning": "warning", "problem": "PROBLEM", "info": "note   "}
        for finding in findings:
            click.echo(f"{marks[finding.status]}  {finding.title}: {finding.detail}")
            if finding.advice:
                click.echo(f"         → {finding.advice}")
    if any(f.status == PROBLEM for f in findings):
        raise click.exceptions.Exit(1)


__all__ = ["host_command"]
