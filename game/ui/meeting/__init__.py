"""The team-meeting screens: the projector board and the team round, with their shared board.

`scene` is the projector board (`run.py --meeting`), `team_round` the round
several players take turns in on one computer, `board` the rows, podium and
champions both draw. This module holds the entry points to them.

Importing this module is cheap: the scenes are imported when a screen is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.meeting.scene import MeetingScene
    from game.ui.meeting.team_round import TeamRoundScene
    from game.ui.scene import Context


def check_meeting_options(
    scenario: str | None, module: str | None, session: str | None
) -> str | None:
    """Why these meeting options cannot work (one sentence for run.py), or None.

    Checked before the window opens so a typo is a usage error in the terminal,
    not a message on the projector.
    """
    from game.core.players import InvalidNameError, check_session_name

    if scenario is not None and module is not None:
        return "--meeting shows one scenario or one module; give --scenario or --module, not both"
    if session is not None:
        try:
            check_session_name(session)
        except InvalidNameError as error:
            return f"--session: {error}"
    return None


def meeting_scene(
    ctx: Context,
    *,
    scenario: str | None = None,
    module: str | None = None,
    session: str | None = None,
) -> MeetingScene:
    """The projector board for one scenario, one module or every result, within a session.

    With `session`, the session is started (now) unless it already exists, and
    the board shows only results that belong to it.
    """
    from game.ui.meeting.scene import MeetingScene

    return MeetingScene(ctx, scenario=scenario, module=module, session=session)


def team_round_scene(ctx: Context, scenario: str | None = None) -> TeamRoundScene:
    """The team round on this computer: names, turns in assessment mode, a board, a podium.

    `scenario` preselects the scenario (an id from the library); the setup screen
    can change it. Push it once the scenario library is ready.
    """
    from game.ui.meeting.team_round import TeamRoundScene

    return TeamRoundScene(ctx, scenario)
