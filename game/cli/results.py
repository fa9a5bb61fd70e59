"""Commands over the results store: leaderboards, the export (CSV, xAPI) and team-meeting sessions.

Each command opens the store once (from --db, RAPPORT_DB or the local
default) with the scenario folder as its catalogue (so results waiting in the
outbox can be scored and sent), formats what the store returns and picks the
exit code. The `rapport` group lists them in game.cli.COMMANDS.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from game.cli.common import InputError, scenarios_folder, scenarios_option
from game.core.model import COMPETENCIES, Module
from game.store import (
    BoardRow,
    FolderCatalogue,
    ResultsStore,
    ScoringBasis,
    Session,
    StoreError,
    open_store,
)
from game.store.export import export_rows, write_csv

if TYPE_CHECKING:
    from game.lrs.export import XapiExport

F = TypeVar("F", bound=Callable[..., Any])
MAX_LIMIT = 10_000  # rows a board may list
MAX_SKIPPED_SHOWN = 10  # results left out of an xAPI export that are listed one by one
_HIDDEN = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def db_option(function: F) -> F:
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="URL",
        help="Results database URL (default: RAPPORT_DB, else a file in your data folder).",
    )(function)


def scenario_catalogue(
    folder: Path, known: dict[str, ScoringBasis] | None = None
) -> FolderCatalogue:
    """The scenarios of `folder` for scoring queued results, loaded only if one waits."""
    from game.loader import load_library

    return FolderCatalogue(folder, load_library, known=known)


def open_results(
    db: str | None,
    scenarios_dir: Path | None = None,
    *,
    known: dict[str, ScoringBasis] | None = None,
) -> ResultsStore:
    """Open the store for a command (InputError for a URL that cannot work); print its warnings."""
    catalogue = scenario_catalogue(scenarios_folder(scenarios_dir), known)
    try:
        store = open_store(db, scenarios=catalogue)
    except StoreError as error:
        raise InputError(str(error)) from None
    for warning in store.warnings():
        click.echo(f"Warning: {warning}", err=True)
    return store


# -- leaderboard ---------------------------------------------------------------
@click.command("leaderboard")
@click.option("--scenario", metavar="ID", default=None, help="The board of one scenario.")
@click.option("--module", "module_id", metavar="ID", default=None, help="The board of a module.")
@click.option(
    "--competency",
    type=click.Choice(COMPETENCIES),
    default=None,
    help="Rank by one competency instead of overall.",
)
@click.option("--session", metavar="NAME", default=None, help="Only results of this session.")
@click.option(
    "--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="Rows."
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the board as JSON.")
@scenarios_option
def leaderboard_command(
    scenario: str | None,
    module_id: str | None,
    competency: str | None,
    session: str | None,
    limit: int,
    db: str | None,
    as_json: bool,
    scenarios_dir: Path | None,
) -> None:
    """Best result per player, ranked by overall; ties go to fewer seconds."""
    if scenario is not None and module_id is not None:
        raise click.UsageError("give --scenario or --module, not both")
    module = _find_module(module_id, scenarios_dir) if module_id is not None else None
    store = open_results(db, scenarios_dir)
    try:
        # One row more than shown says whether the board goes on.
        rows = store.leaderboard(
            scenario=scenario,
            module=module,
            competency=competency,
            session=session,
            limit=limit + 1,
        )
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()
    more = len(rows) > limit
    rows = rows[:limit]
    if as_json:
        click.echo(json.dumps([row.to_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No results yet.")
        return
    click.echo(board_table(rows, "Module" if module is not None else "Scenario"))
    if more:
        wider = min(MAX_LIMIT, max(limit * 5, 50))
        click.echo(
            f"Showing the top {limit} players only; `--limit {wider}` shows more."
            if limit < MAX_LIMIT
            else f"Showing the top {limit} players only (the most a board lists)."
        )


def _find_module(module_id: str, scenarios_dir: Path | None) -> Module:
    from game.core.expressions import did_you_mean
    from game.loader import load_library

    folder = scenarios_folder(scenarios_dir)
    library = load_library(folder)
    for module in library.modules:
        if module.id == module_id:
            return module
    known = [m.id for m in library.modules]
    listed = f"; the modules are: {', '.join(known)}" if known else ""
    raise InputError(
        f"there is no module {module_id!r} in {folder / 'modules.yaml'}"
        f"{did_you_mean(module_id, known)}{listed}"
    )


def shown(text: str) -> str:
    """Text safe for a terminal: control and direction-override characters replaced."""
    return "".join("?" if unicodedata.category(c) == "Cc" or c in _HIDDEN else c for c in text)


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK, emoji) count two, combining marks none."""
    width = 0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def board_table(rows: Iterable[BoardRow], what: str = "Scenario") -> str:
    """An aligned text table of a board (numbers right-aligned)."""
    header = ["#", "Player", what, "Overall", "Empathy", "Anticipation", "Upsell", "Time", "Played"]
    right = {0, 3, 4, 5, 6, 7}
    lines = [header] + [
        [
            str(row.rank),
            shown(row.player),
            shown(row.scenario),
            _percent(row.overall),
            _percent(row.empathy),
            _percent(row.anticipation),
            _percent(row.upsell),
            _duration(row.seconds) + (" untimed" if row.untimed else ""),
            row.played_at[:16].replace("T", " "),
        ]
        for row in rows
    ]
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = []
        for i, cell in enumerate(line):
            pad = " " * (widths[i] - display_width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


# -- results export --------------------------------------------------------------
@click.group("results")
def results_group() -> None:
    """Recorded results: export them for a spreadsheet or a Learning Record Store."""


@results_group.command("export")
@click.option(
    "--csv",
    "csv_path",
    default=None,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="CSV file to write (- for standard output).",
)
@click.option(
    "--xapi",
    "xapi_path",
    default=None,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="xAPI statements to write, one JSON object per line (- for standard output).",
)
@db_option
@scenarios_option
def export_command(
    csv_path: Path | None, xapi_path: Path | None, db: str | None, scenarios_dir: Path | None
) -> None:
    """Every recorded result: one CSV row each with every column (--csv), or its xAPI
    statements for an LRS that imports files (--xapi); give one or both.

    Each row names its session (the one it was recorded with, else the session
    it was played in) and its module (else the one that lists its scenario in
    the scenario folder's modules.yaml). The statements are those live delivery
    sends, with the same ids (docs/lms.md).
    """
    if csv_path is None and xapi_path is None:
        raise click.UsageError("give --csv FILE or --xapi FILE (or both)")
    if str(csv_path) == "-" and str(xapi_path) == "-":
        raise click.UsageError("only one of --csv and --xapi can write to standard output (-)")
    xapi = _xapi_export(scenarios_dir) if xapi_path is not None else None
    store = open_results(db, scenarios_dir)
    try:
        if csv_path is not None:
            module_of = _module_finder(scenarios_folder(scenarios_dir))

            def csv_rows(out: TextIO) -> int:
                return write_csv(export_rows(store.all_results(), store.sessions(), module_of), out)

            count = _export(csv_path, csv_rows, "--csv", encoding="utf-8-sig")
            _exported(csv_path, f"{count} result{'s' if count != 1 else ''}")
        if xapi_path is not None and xapi is not None:
            from game.lrs.export import write_jsonl

            export = xapi

            def statements(out: TextIO) -> int:
                return write_jsonl(export.statements(store.all_results()), out)

            count = _export(xapi_path, statements, "--xapi", encoding="utf-8")
            described = export.described
            _exported(
                xapi_path,
                f"{count} statement{'s' if count != 1 else ''} from "
                f"{described} result{'s' if described != 1 else ''}",
            )
            _show_skipped(export)
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()


def _exported(path: Path, what: str) -> None:
    if str(path) == "-":  # standard output holds the export itself
        click.echo(f"Exported {what}.", err=True)
    else:
        click.echo(f"Exported {what} to {path}.")


def _xapi_export(scenarios_dir: Path | None) -> XapiExport:
    """The statement maker: the LRS settings (how players are named) and the scenarios."""
    from game.loader import load_library
    from game.lrs.config import load_config
    from game.lrs.errors import LrsConfigError
    from game.lrs.export import XapiExport

    try:
        config = load_config()
    except LrsConfigError as error:
        raise InputError(f"--xapi: {error}") from None
    folder = scenarios_folder(scenarios_dir)
    if not folder.is_dir():
        raise InputError(
            f"--xapi needs the scenarios the results were played on, and {folder} is not a "
            "folder; give it with --scenarios DIR"
        )
    library = load_library(folder)
    ranges = {
        scenario_id: analysis.ranges
        for scenario_id, analysis in library.analyses.items()
        if analysis.ranges is not None
    }
    return XapiExport(library.scenarios, ranges, library.modules, config.options)


def _show_skipped(export: XapiExport) -> None:
    """Say which results gave no statements, and why (on standard error)."""
    skipped = export.skipped
    if not skipped:
        return
    count = len(skipped)
    click.echo(
        f"Left out {count} result{'s' if count != 1 else ''} that cannot be described "
        "decision by decision (the scenario was edited or removed since they were played):",
        err=True,
    )
    for item in skipped[:MAX_SKIPPED_SHOWN]:
        click.echo(f"  result {item.result_id} ({shown(item.scenario)}): {item.reason}", err=True)
    if count > MAX_SKIPPED_SHOWN:
        click.echo(f"  ... and {count - MAX_SKIPPED_SHOWN} more", err=True)
    click.echo(
        "Their scores are still in `rapport results export --csv`; restore the scenario "
        "file they were played on to export their statements.",
        err=True,
    )


def _module_finder(folder: Path) -> Callable[[str], str | None]:
    """The module that lists a scenario in `folder`'s modules.yaml (read on first use)."""
    found: dict[str, str] | None = None

    def module_of(scenario_id: str) -> str | None:
        nonlocal found
        if found is None:
            from game.loader import load_library

            found = {}
            if folder.is_dir():
                for module in load_library(folder).modules:
                    for listed in module.scenarios:
                        found.setdefault(listed, module.id)
        return found.get(scenario_id)

    return module_of


def _export(path: Path, write: Callable[[TextIO], int], option: str, *, encoding: str) -> int:
    """Write to standard output (`-`), or beside the target and rename, so a failed export
    never leaves half a file; returns what `write` counted."""
    if str(path) == "-":
        return write(sys.stdout)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(
            f"the folder {folder} does not exist; create it or choose another {option}"
        )
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write in {folder} ({error.strerror or error})") from None
    try:
        # utf-8-sig for CSV: spreadsheet programs then read accents and emoji correctly.
        with os.fdopen(handle, "w", encoding=encoding, newline="") as file:
            count = write(file)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise InputError(f"cannot write {path} ({error.strerror or error})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return count


# -- sessions --------------------------------------------------------------------
@click.group("session")
def session_group() -> None:
    """Team-meeting sessions: results played between start and end belong to one."""


@session_group.command("start")
@click.argument("name")
@db_option
def session_start_command(name: str, db: str | None) -> None:
    """Start the session NAME now."""
    store = open_results(db)
    try:
        session = store.start_session(name, datetime.now(UTC))
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()
    click.echo(
        f"Session {shown(session.name)!r} started at {_clock(session.started_at)} UTC; "
        "every result played until it ends counts for it."
    )


@session_group.command("end")
@click.argument("name")
@db_option
def session_end_command(name: str, db: str | None) -> None:
    """End the session NAME now."""
    store = open_results(db)
    try:
        session = store.end_session(name, datetime.now(UTC))
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()
    ended = session.ended_at or session.started_at
    count = session.result_count or 0
    click.echo(
        f"Session {shown(session.name)!r} ended at {_clock(ended)} UTC with "
        f"{count} result{'s' if count != 1 else ''}."
    )


@session_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the sessions as JSON.")
def session_list_command(db: str | None, as_json: bool) -> None:
    """The sessions, newest first, with how many results each has."""
    store = open_results(db)
    try:
        found = store.sessions()
    except StoreError as error:
        raise InputError(str(error)) from None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([_session_dict(s) for s in found], indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo('No sessions yet; start one with `rapport session start "NAME"`.')
        return
    click.echo(sessions_table(found))


def _session_dict(session: Session) -> dict[str, Any]:
    return {
        "name": session.name,
        "started_at": _iso(session.started_at),
        "ended_at": None if session.ended_at is None else _iso(session.ended_at),
        "results": session.result_count,
    }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sessions_table(found: Iterable[Session]) -> str:
    """An aligned text table of sessions (times in UTC)."""
    header = ["Session", "Started (UTC)", "Ended (UTC)", "Results"]
    lines = [header] + [
        [
            shown(s.name),
            _clock(s.started_at),
            "still open" if s.ended_at is None else _clock(s.ended_at),
            str(s.result_count or 0),
        ]
        for s in found
    ]
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = []
        for i, cell in enumerate(line):
            pad = " " * (widths[i] - display_width(cell))
            cells.append(pad + cell if i == 3 else cell + pad)
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def _clock(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


__all__ = ["board_table", "open_results", "scenario_catalogue", "sessions_table"]
