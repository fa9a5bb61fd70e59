"""What the window's entry point checks and prepares before it opens: the options' names, the
results store's opener and a checked autoplay.

Split from game.ui.app (the window and its loop) so each file keeps one job;
`game.ui.app.main` calls these.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.ui.options import Options

if TYPE_CHECKING:
    from game.store import ResultsStore


def check_usage(options: Options) -> tuple[Options, str | None]:
    """The options with the player and session names checked, or a sentence saying which
    option is wrong (a usage error)."""
    if options.meeting:
        from game.ui.meeting import check_meeting_options

        problem = check_meeting_options(options.scenario, options.module, options.session)
        if problem is not None:
            return options, problem
    if options.player is not None:
        from game.core.players import PlayerNameError, check_player_name

        try:
            options = options._replace(player=check_player_name(options.player))
        except PlayerNameError as error:
            return options, f"--player: {error}"
    if options.session is not None:
        from game.core.players import InvalidNameError, check_session_name

        try:
            options = options._replace(session=check_session_name(options.session))
        except InvalidNameError as error:
            return options, f"--session: {error}"
    if options.autoplay is not None and (options.scenario is None or options.player is None):
        return options, "--autoplay needs --scenario ID and --player NAME"
    return options, None


def store_opener(
    db_url: str | None, scenarios_dir: Path | None = None
) -> Callable[[], ResultsStore]:
    """Open the results store the way the CLI does (same default database and outbox).

    Its catalogue is the window's scenario folder: queued results are scored there.
    """

    def open_now() -> ResultsStore:
        from game.loader import DEFAULT_SCENARIOS_DIR, load_library
        from game.store import FolderCatalogue, open_store

        folder = scenarios_dir or DEFAULT_SCENARIOS_DIR
        return open_store(db_url, scenarios=FolderCatalogue(folder, load_library))

    return open_now


def check_autoplay(options: Options) -> tuple[Options, str | None]:
    """Load the autoplay's scenario and replay its list; the options to use, or a sentence."""
    from game.core.decisions import play_decisions
    from game.core.engine import PlayError
    from game.loader import DEFAULT_SCENARIOS_DIR, ScenarioNotFound, load_scenario, resolve_scenario

    assert options.scenario is not None and options.autoplay is not None
    folder = options.scenarios_dir or DEFAULT_SCENARIOS_DIR
    try:
        path = resolve_scenario(options.scenario, folder)
    except ScenarioNotFound as error:
        return options, str(error)
    report = load_scenario(path)
    if report.scenario is None or report.analysis is None or report.analysis.ranges is None:
        for diagnostic in report.errors:
            print(diagnostic.format(), file=sys.stderr)
        return options, f"{path} cannot be played; fix the problems above and try again"
    scenario = report.scenario
    try:
        play_decisions(scenario, options.autoplay)
    except PlayError as error:
        return options, f"--autoplay: {error}"
    return options._replace(scenario=scenario.id, scenarios_dir=path.parent), None
