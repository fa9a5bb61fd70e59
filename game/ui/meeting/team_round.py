"""The team round: several players take turns at one computer on the same scenario in assessment
mode, with a hand-over screen before each turn, the round's board after each, a podium at the end.

The round asks for each turn (`TurnRequest`, emitted); game.ui.flow plays it
with the ordinary conversation and debrief screens and reports back through
`turn_finished`, with the player's standing and how recording their result went.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from game.core.players import MAX_PLAYER_NAME_CHARS, PlayerNameError, check_player_name
from game.ui.commands import Advance, Back, Command, Confirm, Move
from game.ui.meeting.board import (
    StandingsTable,
)
from game.ui.meeting.team_round_view import (
    AGAIN,
    BACK,
    BEGIN,
    DONE,
    FIELD,
    HANDOVER,
    MAX_PLAYERS,
    MIN_PLAYERS,
    NAME,
    NEXT,
    PLAYING,
    PODIUM,
    SCENARIO,
    SETUP,
    SKIP,
    STANDINGS,
    START,
    Action,
    TeamRoundView,
    Turn,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import DialogScene
from game.ui.widgets import Activated, Button, FocusGroup, Moved, TextField


@dataclass(frozen=True)
class TurnRequest:
    """Play `scenario` now as `player`'s turn."""

    player: str
    scenario: str


class TeamRoundScene(TeamRoundView, Scene[TurnRequest]):
    """Set up the team, hand over before each turn, show the board after it, end on a podium."""

    name = "team-round"

    def __init__(self, ctx: Context, scenario: str | None = None) -> None:
        super().__init__(ctx)
        self._init_view()
        self.scenario_ids: list[str] = []
        self.scenario_id = scenario
        self.names: list[str] = []
        self.field = TextField("", MAX_PLAYER_NAME_CHARS, placeholder="Type a name, then Enter")
        self.error: str | None = None
        self.phase = SETUP
        self.turn = 0  # index into `names` of the player whose turn is next or under way
        self.turns: dict[str, Turn] = {}
        self.skipped: list[str] = []
        self.just_played: str | None = None
        self.table = StandingsTable()
        self.focus: FocusGroup[Action] = FocusGroup()
        self._load_scenarios()
        self._build(keep=(FIELD, 0))

    # -- the scenario -----------------------------------------------------------------------------
    def _load_scenarios(self) -> None:
        library = self.ctx.library
        ids = [s for m in library.modules() for s in m.scenarios]
        self.scenario_ids = list(dict.fromkeys(ids))
        if self.scenario_id not in self.scenario_ids:
            self.scenario_id = self.scenario_ids[0] if self.scenario_ids else None

    def _switch_scenario(self, step: int) -> None:
        if len(self.scenario_ids) > 1 and self.scenario_id is not None:
            index = self.scenario_ids.index(self.scenario_id)
            self.scenario_id = self.scenario_ids[(index + step) % len(self.scenario_ids)]
            self.ctx.sounds.play("select")
            self.relayout()

    # -- buttons per phase ------------------------------------------------------------------------
    def _build(self, keep: Action | None = None) -> None:
        buttons: list[Button[Action]] = []
        if self.phase == SETUP:
            buttons.append(Button("Scenario", (SCENARIO, 0), kind="row", value=""))
            buttons.append(Button("", (FIELD, 0), kind="field"))
            buttons += [Button(name, (NAME, i)) for i, name in enumerate(self.names)]
            buttons.append(Button("Back", (BACK, 0), kind="quiet"))
            buttons.append(
                Button(
                    "Start the round",
                    (START, 0),
                    kind="primary",
                    enabled=len(self.names) >= MIN_PLAYERS and self.scenario is not None,
                )
            )
        elif self.phase == HANDOVER:
            name = self.names[self.turn]
            buttons.append(Button(f"Skip {name}", (SKIP, 0), kind="quiet"))
            buttons.append(Button(f"Start {name}’s turn", (BEGIN, 0), kind="primary"))
            keep = keep or (BEGIN, 0)
        elif self.phase == STANDINGS:
            upcoming = self._upcoming()
            label = f"Next: hand over to {upcoming[0]}" if upcoming else "See the podium"
            buttons.append(Button(label, (NEXT, 0), kind="primary"))
            keep = keep or (NEXT, 0)
        elif self.phase == PODIUM:
            buttons.append(Button("Play another round", (AGAIN, 0)))
            buttons.append(Button("Done", (DONE, 0), kind="primary"))
            keep = keep or (DONE, 0)
        self.focus.set(buttons, keep=keep)

    def _set_phase(self, phase: str, keep: Action | None = None) -> None:
        self.phase = phase
        self._build(keep)
        self.relayout()

    # -- input ------------------------------------------------------------------------------------
    @property
    def text_input(self) -> bool:
        focused = self.focus.focused
        return self.phase == SETUP and focused is not None and focused.action[0] == FIELD

    def handle(self, command: Command) -> None:
        if self.text_input and (edited := self.field.edit(command)):
            if edited == "changed":
                self._clear_error()
            return
        focus = self.focus
        focused = focus.focused
        on = focused.action[0] if focused is not None else None
        if isinstance(command, Move) and command.dx and on == SCENARIO:
            self._switch_scenario(command.dx)
            return
        # Down from the field goes to the first name (the nearest one may be the last).
        down = isinstance(command, Move) and command.dy > 0
        if down and on == FIELD and focus.focus_action((NAME, 0)):
            self.ctx.sounds.play("select")
            return
        if isinstance(command, Advance) and self.phase != SETUP:
            command = Confirm()
        event = focus.handle(command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            self._activate(event.action)
        elif isinstance(command, Back):
            self._back()

    def _clear_error(self) -> None:
        if self.error:
            self.error = None
            self.relayout()

    def _activate(self, action: Action) -> None:
        kind, index = action
        if kind == SCENARIO:
            self._switch_scenario(1)
        elif kind == FIELD:
            self._add_name()
        elif kind == NAME:
            self._remove_name(index)
        elif kind == START:
            self._start_round()
        elif kind in (BACK, DONE):
            self._leave()
        elif kind == BEGIN:
            self._begin_turn()
        elif kind == SKIP:
            self._skip_turn()
        elif kind == NEXT:
            self._next_turn()
        elif kind == AGAIN:
            self.ctx.sounds.play("confirm")
            self.turns.clear()
            self.skipped.clear()
            self.table = StandingsTable()
            self.turn = 0
            self.just_played = None
            self._set_phase(HANDOVER)

    def _back(self) -> None:
        if self.phase in (SETUP, PODIUM):
            self._leave()
        else:
            self.ctx.stack.push(
                DialogScene(
                    self.ctx,
                    "Leave the team round?",
                    "The results already played stay recorded.",
                    [("Keep playing", lambda: None), ("Leave the round", self._leave)],
                    name="leave-round",
                )
            )

    # -- setting up -------------------------------------------------------------------------------
    def _add_name(self) -> None:
        if not self.field.text.strip() and self.names:
            # Enter on an empty field means "that's everyone": go to the start button.
            if not self.focus.focus_action((START, 0)):
                self._refuse(f"Add at least {MIN_PLAYERS} players to start a round.")
            return
        try:
            name = check_player_name(self.field.text)
        except PlayerNameError as error:
            message = str(error)
            self._refuse(message[0].upper() + message[1:] + ".")
            return
        if any(name.casefold() == other.casefold() for other in self.names):
            self._refuse(f"{name} is already in the team; add each player once.")
            return
        if len(self.names) >= MAX_PLAYERS:
            self._refuse(f"A round has room for {MAX_PLAYERS} players; start it, or remove one.")
            return
        self.names.append(name)
        self.field.text = ""
        self.error = None
        self.ctx.sounds.play("confirm")
        self._build(keep=(FIELD, 0))
        self.relayout()

    def _refuse(self, message: str) -> None:
        self.error = message
        self.ctx.sounds.play("feedback-bad")
        self.focus.focus_action((FIELD, 0))
        self.relayout()

    def _remove_name(self, index: int) -> None:
        if 0 <= index < len(self.names):
            del self.names[index]
            self.ctx.sounds.play("select")
            keep: Action = (NAME, min(index, len(self.names) - 1)) if self.names else (FIELD, 0)
            self._build(keep=keep)
            self.relayout()

    def _start_round(self) -> None:
        if len(self.names) < MIN_PLAYERS or self.scenario is None:
            return
        self.ctx.sounds.play("confirm")
        self.turn = 0
        self._set_phase(HANDOVER)

    # -- turns ------------------------------------------------------------------------------------
    def _begin_turn(self) -> None:
        if self.scenario_id is None or self.scenario is None:
            self.ctx.notify("This scenario cannot be played: it did not load.", error=True)
            return
        self.ctx.sounds.play("confirm")
        self.phase = PLAYING
        self.emit(TurnRequest(self.names[self.turn], self.scenario_id))

    def turn_finished(self, turn: Turn | None) -> None:
        """The turn under way ended: played (its standing), or stopped from the pause menu."""
        if self.phase != PLAYING:
            return
        player = self.names[self.turn]
        if turn is None:
            self.ctx.notify(f"{player}’s turn was stopped; start it again or skip it.")
            self._set_phase(HANDOVER)
            return
        self.turns[turn.standing.player] = turn
        self.just_played = player
        self.turn += 1
        self._show_board(glowing={player})
        self._set_phase(STANDINGS if self._upcoming() else PODIUM)

    def _skip_turn(self) -> None:
        self.ctx.sounds.play("select")
        self.skipped.append(self.names[self.turn])
        self.turn += 1
        if self._upcoming():
            self._set_phase(HANDOVER)
        else:
            self._show_board(glowing=set())
            self._set_phase(PODIUM)

    def _next_turn(self) -> None:
        self.ctx.sounds.play("confirm")
        self._set_phase(HANDOVER if self._upcoming() else PODIUM)

    def _show_board(self, glowing: set[str]) -> None:
        # The board was covered during the turn, so earlier highlights never faded.
        self.table.untimed = frozenset(p for p, turn in self.turns.items() if turn.untimed)
        self.table.show(self.standings, glowing, keep_glow=False)

    def _leave(self) -> None:
        self.ctx.sounds.play("confirm")
        if self.ctx.stack.top is self:
            self.ctx.stack.pop()

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        if self.phase == SETUP:
            self.field.update(step_s)
            if not self.scenario_ids and self.ctx.library.ready:
                self._load_scenarios()
                self._build(keep=self.focus.focused.action if self.focus.focused else None)
                self.relayout()
        self.table.update(step_s, instant=self.ctx.settings.reduced_motion)

    # -- what the app reads -----------------------------------------------------------------------
    @property
    def view(self) -> Hashable:
        return (self.name, self.phase, self.turn, tuple(self.names), self.error)

    @property
    def settled(self) -> bool:
        return self.table.settled
