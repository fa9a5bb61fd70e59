"""The live screen for the projector: the join code, the QR code and the addresses, then the board
(race) or the room's conversation with its votes and the reveal (huddle), and the host's keys.

The session runs in this process on threads of its own (game.ui.live.hosting);
the screen reads its snapshot between frames and never waits. It finishes with
a sentence on how the session ended for its results (None when it never
started), once every finished result is recorded or safe in the outbox.
Layout and drawing are in game.ui.live.view and game.ui.live.huddle.
"""

from __future__ import annotations

import io
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import pygame

from game.core.standings import Standing
from game.ui.commands import Advance, Back, Choose, Command, Move, Scroll
from game.ui.live.hosting import (
    ENDED,
    ENDING,
    FAILED,
    RUNNING,
    STARTING,
    TIMERS,
    HostedSession,
    HostRequest,
    plan_for,
)
from game.ui.live.view import (
    BACK,
    END,
    GO,
    JOIN,
    MOST,
    PODIUM,
    REVEAL,
    TIMER,
    Action,
    LiveView,
)
from game.ui.meeting.board import StandingsTable
from game.ui.scene import Context, Scene
from game.ui.scenes.common import DialogScene
from game.ui.widgets import Activated, Button, FocusGroup, Moved, ScrollArea
from game.ui.worker import StoreFailure

if TYPE_CHECKING:
    from game.live.session import LiveSnapshot
    from game.store import ResultsStore


class LiveScene(LiveView, Scene[str | None]):
    """Hosts one live session from the window; see the module docstring."""

    name = "live"

    def __init__(self, ctx: Context, request: HostRequest) -> None:
        super().__init__(ctx)
        self._init_view()
        self.request = request
        self.session: HostedSession | None = None
        self.problem: str | None = None  # why the session could not start
        self.asked_store = False
        self.snap: LiveSnapshot | None = None
        self.qr: pygame.Surface | None = None  # one pixel per module; enlarged when drawn
        self.table = StandingsTable()
        self.standings: list[Standing] = []
        self.show_podium = False  # race: the podium and champions instead of how to join
        self.show_join = True  # huddle: how to join beside the conversation
        self.join_chosen = False  # the host chose it (or it was put away at the first reveal)
        self.clock_s = 0.0
        self.view_seq = 0  # the room's view (huddle) and when it was first shown here
        self.view_since_s = 0.0
        self.options_area = ScrollArea()
        self.focus: FocusGroup[Action] = FocusGroup()
        self._shape: Hashable = None
        self._build()

    # -- starting --------------------------------------------------------------------------------
    def _prepare(self) -> None:
        """Once the scenarios are loaded: what to play, then the store, then the session."""
        library = self.ctx.library
        if not library.ready:
            library.start()
            return
        plan = plan_for(library, self.request)
        if isinstance(plan, str):
            self.problem = plan
            return
        self.session = HostedSession(self.request, plan, self.ctx.options.scenarios_dir)
        self.asked_store = True
        self.ctx.worker.submit(lambda store: store, self._got_store, owner=self)

    def _got_store(self, answer: ResultsStore | StoreFailure) -> None:
        session = self.session
        assert session is not None
        if isinstance(answer, StoreFailure):
            session.fail(
                f"{answer.message} A live session records every result, so it was not "
                "started; check the results database (docs/teams.md) and try again."
            )
            return
        session.start(answer)

    @property
    def state(self) -> str:
        if self.problem is not None:
            return FAILED
        return self.session.state if self.session is not None else STARTING

    @property
    def error(self) -> str | None:
        if self.problem is not None:
            return self.problem
        return self.session.error if self.session is not None else None

    # -- time ------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        self.clock_s += step_s
        if self.session is None and self.problem is None:
            self._prepare()
        session = self.session
        if session is not None and session.state == RUNNING:
            if self.qr is None and session.qr_png is not None:
                self.qr = pygame.image.load(io.BytesIO(session.qr_png), "qr.png").convert()
            snap = session.snapshot()
            if snap is not None and snap is not self.snap:
                self._show(snap)
            if session.ended_by_the_room:
                session.end()
        if session is not None and session.state == ENDED:
            self.dismiss(session.summary())
            return
        self.table.update(step_s)
        self.options_area.update(step_s)
        shape = self._shape_now()
        if shape != self._shape:
            self._build()
            self.relayout()
        self._place_options()

    def _show(self, snap: LiveSnapshot) -> None:
        old = self.snap
        self.snap = snap
        room = snap.room
        if room is not None:
            if room.revealed and not self.join_chosen and self.show_join:
                self.show_join = False  # the room is in: the options need the width
                self.join_chosen = True
            seq = int(room.view.get("seq", 0))
            if seq != self.view_seq:
                self.view_seq, self.view_since_s = seq, self.clock_s
                self.options_area.target = self.options_area.offset = 0.0
            if old is None or _layout_of(old) != _layout_of(snap):
                self.relayout()
            return
        if old is not None and old.board == snap.board:
            return
        earlier = {s.player: s.overall for s in self.standings}
        self.standings = [_standing(row) for row in snap.board]
        glowing = {s.player for s in self.standings if earlier.get(s.player, -1.0) != s.overall}
        self.table.show(self.standings, glowing, animate=old is not None)

    # -- buttons ---------------------------------------------------------------------------------
    def _shape_now(self) -> Hashable:
        """What the buttons depend on: they are built again when it changes."""
        room = self.snap.room if self.snap is not None else None
        if room is None:
            return (self.state, self.show_podium)
        return (
            self.state,
            room.view.get("seq"),
            room.revealed,
            room.tied,
            room.voters > 0,
            bool(room.view.get("choices")),
            self.show_join,
        )

    def _build(self) -> None:
        self._shape = self._shape_now()
        focused = self.focus.focused
        keep = focused.action if focused is not None else None
        buttons: list[Button[Action]] = []
        state = self.state
        if state == FAILED:
            buttons.append(Button("Back", (BACK, 0), kind="primary"))
        elif state == RUNNING:
            room = self.snap.room if self.snap is not None else None
            if self.request.mode == "huddle":
                buttons += self._huddle_buttons(room)
                label = "Hide how to join" if self.show_join else "Show how to join"
                buttons.append(Button(label, (JOIN, 0)))
            else:
                label = "Show how to join" if self.show_podium else "Show the podium"
                buttons.append(Button(label, (PODIUM, 0), kind="primary"))
            buttons.append(Button("Timers", (TIMER, 0), kind="row", value=""))
            buttons.append(Button("End the session", (END, 0), kind="quiet"))
        if keep is None or not any(b.action == keep and b.enabled for b in buttons):
            keep = next((b.action for b in buttons if b.kind == "primary" and b.enabled), None)
        self.focus.set(buttons, keep=keep)

    def _huddle_buttons(self, room: Any) -> list[Button[Action]]:
        """The options (go with a choice: at any time), then the room's next step."""
        buttons: list[Button[Action]] = []
        if room is None:
            return buttons
        choices = room.view.get("choices") or []
        for number in range(1, len(choices) + 1):
            buttons.append(Button(f"Go with {number}", (GO, number), kind="choice"))
        if not choices:
            if self._more_parts(room):
                buttons.append(Button("Next scenario", (MOST, 0), kind="primary"))
        elif not room.revealed:
            buttons.append(Button("Reveal answers", (REVEAL, 0), kind="primary"))
        elif room.tied:
            tied = " or ".join(str(n) for n in room.tied)
            buttons.append(Button(f"A tie: press {tied}", (MOST, 0), enabled=False))
        else:
            buttons.append(
                Button("Go with the most votes", (MOST, 0), kind="primary", enabled=room.voters > 0)
            )
        return buttons

    @staticmethod
    def _more_parts(room: Any) -> bool:
        view = room.view
        return int(view.get("part", 1)) < int(view.get("parts", 1))

    # -- input -----------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        focused = self.focus.focused
        if isinstance(command, Move) and command.dx and focused and focused.action[0] == TIMER:
            self._change_timers(command.dx)
            return
        if isinstance(command, Scroll):
            self.options_area.scroll(command.lines)
            return
        if isinstance(command, Advance) and self.state == RUNNING:
            self._next_step()
            return
        if isinstance(command, Choose):
            button = next((b for b in self.focus.buttons if b.action == (GO, command.number)), None)
            if button is not None and button.enabled:
                self._activate(button.action)
            return
        event = self.focus.handle(command, self._pointable)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
            self._show_focused()
        elif isinstance(event, Activated):
            self._activate(event.action)
        elif isinstance(command, Back):
            self._ask_to_end()

    def _pointable(self, pos: tuple[float, float]) -> bool:
        """Options scrolled out of their area cannot be clicked."""
        button = self.focus.at(pos)
        if button is None or button.action[0] != GO:
            return True
        x, y, w, h = self.options_area.box
        return x <= pos[0] < x + w and y <= pos[1] < y + h

    def _show_focused(self) -> None:
        focused = self.focus.focused
        if focused is not None and focused.action[0] == GO:
            box = self.option_boxes.get(focused.action[1])
            if box is not None:
                self.options_area.show(box[1], box[3])

    def _activate(self, action: Action) -> None:
        kind, number = action
        host = self.session.host if self.session is not None else None
        if kind == BACK:
            self.ctx.sounds.play("confirm")
            self.dismiss(None)
        elif kind == END:
            self._ask_to_end()
        elif host is None:
            return
        elif kind == PODIUM:
            self.ctx.sounds.play("confirm")
            self.show_podium = not self.show_podium
            self._build()
            self.relayout()
        elif kind == JOIN:
            self.ctx.sounds.play("confirm")
            self.show_join, self.join_chosen = not self.show_join, True
            self._build()
            self.relayout()
        elif kind == TIMER:
            self._change_timers(1)
        elif kind == REVEAL:
            self.ctx.sounds.play("confirm")
            host.reveal()
        elif kind == MOST:
            self.ctx.sounds.play("confirm")
            host.advance()
        elif kind == GO:
            self.ctx.sounds.play("confirm")
            host.advance(number)

    def _next_step(self) -> None:
        """Space: the host's next step (reveal, then go with the most votes; the podium)."""
        if self.request.mode != "huddle":
            self._activate((PODIUM, 0))
            return
        for action in ((REVEAL, 0), (MOST, 0)):
            button = next((b for b in self.focus.buttons if b.action == action), None)
            if button is not None and button.enabled:
                self._activate(action)
                return

    def _change_timers(self, step: int) -> None:
        host = self.session.host if self.session is not None else None
        if host is None or self.snap is None:
            return
        index = TIMERS.index(self.snap.timers) if self.snap.timers in TIMERS else 0
        host.set_timers(TIMERS[(index + step) % len(TIMERS)])
        self.ctx.sounds.play("select")

    def _ask_to_end(self) -> None:
        state = self.state
        if state == FAILED:
            self._activate((BACK, 0))
            return
        if state not in (RUNNING, STARTING) or self.session is None:
            return
        self.ctx.stack.push(
            DialogScene(
                self.ctx,
                "End the live session?",
                "Every phone is told that the session is over. Finished results are kept; "
                "playthroughs still under way are not results.",
                [("End the session", self._end), ("Keep hosting", lambda: None)],
                name="live-end",
            )
        )

    def _end(self) -> None:
        if self.session is not None:
            self.ctx.sounds.play("confirm")
            self.session.end()
            self._build()
            self.relayout()

    def exit(self) -> None:
        """Leaving the stack (the window closes): end the session, and keep every result safe."""
        self.ctx.worker.cancel(self)
        session = self.session
        if session is not None and session.state in (STARTING, RUNNING, ENDING):
            session.end_now()

    # -- what the app reads -----------------------------------------------------------------------
    @property
    def view(self) -> Hashable:
        snap = self.snap
        room = snap.room if snap is not None else None
        players = len(snap.players) if snap is not None else 0
        board = tuple((s.player, s.overall) for s in self.standings)
        if room is None:
            return (self.name, self.state, players, board, self.show_podium)
        return (self.name, self.state, players, room.view.get("seq"), room.counts, room.revealed)

    @property
    def settled(self) -> bool:
        # RUNNING is set by the session's thread: the screen is whole once `update` has the QR.
        state = self.state
        shown = state != STARTING and (state != RUNNING or self.qr is not None)
        return shown and self.table.settled and self.options_area.settled

    @property
    def shown_in_full(self) -> bool:
        return self.state in (RUNNING, FAILED) and (self.state == FAILED or self.qr is not None)

    @property
    def unavailable(self) -> str | None:
        return self.error if self.state == FAILED else None

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def ending(self) -> bool:
        return self.state == ENDING


def _layout_of(snap: LiveSnapshot) -> Hashable:
    """What a huddle's layout depends on: the view, the reveal and the best voters' rows."""
    room = snap.room
    assert room is not None
    return (room.view.get("seq"), room.revealed, min(len(snap.standings), 5))


def _standing(row: dict[str, Any]) -> Standing:
    """A row of `leaderboard --json` as the board draws it."""
    return Standing(
        int(row["rank"]),
        str(row["player"]),
        row.get("overall"),
        (row.get("empathy"), row.get("anticipation"), row.get("upsell")),
        float(row.get("seconds") or 0.0),
    )
