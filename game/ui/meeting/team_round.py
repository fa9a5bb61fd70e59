"""The team round: several players take turns at one computer on the same scenario in assessment
mode, with a hand-over screen before each turn, the round's board after each, a podium at the end.

Turns are played by the ordinary conversation and debrief scenes (small
subclasses change only where they go next), and each result is recorded by
the debrief exactly as in the normal flow, under the player whose turn it is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

from game.core.analysis import Analysis
from game.core.engine import Playthrough
from game.core.model import Scenario
from game.core.players import MAX_PLAYER_NAME_CHARS, PlayerNameError, check_player_name
from game.core.standings import Standing, champions_of, ranked
from game.ui.canvas import Box, Canvas
from game.ui.commands import (
    Advance,
    Back,
    Click,
    Command,
    Compose,
    Confirm,
    Erase,
    FocusNext,
    Hover,
    Move,
    TypeText,
)
from game.ui.meeting.board import (
    BoardLayout,
    StandingsTable,
    board_layout,
    board_type,
    draw_board_card,
    draw_podium,
    draw_podium_and_champions,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import DialogScene, art_backdrop, footer, row_buttons
from game.ui.scenes.conversation import ENDING, ConversationScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, PAD, RADIUS, mix
from game.ui.widgets import Button, FocusGroup, TextField, button_height, draw_button

MIN_PLAYERS = 2  # a round of one is ordinary play
MAX_PLAYERS = 8  # everyone fits on the board at once
SETUP_W = 760.0  # logical pixels: the setup and hand-over cards
MODE = "assess"  # no coaching during a turn: everyone is judged on the same footing

SETUP, HANDOVER, PLAYING, STANDINGS, PODIUM = "setup", "handover", "playing", "standings", "podium"

Action = tuple[str, int]  # ("name", 2) is the third name's chip; other actions use 0
SCENARIO, FIELD, NAME, START, BACK = "scenario", "field", "name", "start", "back"
BEGIN, SKIP, NEXT, AGAIN, DONE = "begin", "skip", "next", "again", "done"


@dataclass(frozen=True)
class Turn:
    """What a finished turn left: the player's standing and whether the result was kept."""

    standing: Standing
    kept: bool
    status: str


TurnDone = Callable[[Turn], None]


# -- the turn: the usual scenes, leading back to the round ----------------------------------------
class TeamConversationScene(ConversationScene):
    """A conversation whose ending opens the team debrief and whose menu can stop the turn."""

    def __init__(
        self,
        ctx: Context,
        scenario: Scenario,
        analysis: Analysis,
        module: str | None,
        on_done: TurnDone,
    ) -> None:
        super().__init__(ctx, scenario, analysis, MODE, module)
        self.on_done = on_done

    def _advance(self) -> None:
        if self.phase == ENDING and self.revealed:
            self.ctx.sounds.play("confirm")
            self.ctx.stack.replace(
                TeamDebriefScene(
                    self.ctx,
                    self.scenario,
                    self.analysis,
                    self.playthrough,
                    self.module,
                    self.on_done,
                )
            )
            return
        super()._advance()

    def _autosave(self) -> None:
        """No autosave: a turn is not continued from the title screen, and writing one would
        replace this computer's own saved game of the same scenario."""

    def _pause(self) -> None:
        ctx = self.ctx

        def settings() -> None:
            from game.ui.scenes.settings import SettingsScene

            ctx.stack.push(SettingsScene(ctx))

        def stop() -> None:
            ctx.stack.pop()  # back to the round, which offers the turn again

        ctx.sounds.play("select")
        ctx.stack.push(
            DialogScene(
                ctx,
                "Paused",
                "",
                [
                    ("Resume", lambda: None),
                    ("Settings", settings),
                    ("Stop this turn", stop),
                ],
                name="pause",
            )
        )


class TeamDebriefScene(DebriefScene):
    """The usual debrief (it records the result); its one button returns to the round."""

    def __init__(
        self,
        ctx: Context,
        scenario: Scenario,
        analysis: Analysis,
        playthrough: Playthrough,
        module: str | None,
        on_done: TurnDone,
    ) -> None:
        super().__init__(ctx, scenario, analysis, playthrough, MODE, module)
        self.on_done = on_done
        self.kept = False

    def _store_result(self, player: str) -> tuple[bool, str]:
        self.kept, status = super()._store_result(player)
        return self.kept, status

    def _record(self) -> None:
        super()._record()
        result = self.result
        standing = Standing(
            0, self.ctx.player, result.overall, result.percent, self.playthrough.elapsed_s
        )
        self.on_done(Turn(standing, self.kept, self.status))

    def _build_buttons(self, keep: str | None) -> None:
        self.focus.set([Button("Back to the team board", DONE, kind="primary")], keep=DONE)

    def _activate(self, action: str) -> None:
        self.ctx.sounds.play("confirm")
        self.ctx.stack.pop()


# -- the round ------------------------------------------------------------------------------------
class TeamRoundScene(Scene):
    """Set up the team, hand over before each turn, show the board after it, end on a podium."""

    name = "team-round"

    def __init__(self, ctx: Context, scenario: str | None = None) -> None:
        super().__init__(ctx)
        self.home_player = ctx.player  # given back when the round is left
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
        self.card: Box = (0, 0, 0, 0)
        self.places: BoardLayout | None = None
        self.names_y = 0.0
        self.show_footer = True
        self.show_intro = self.show_heading = True
        self._load_scenarios()
        self._build(keep=(FIELD, 0))

    # -- the scenario -----------------------------------------------------------------------------
    def _load_scenarios(self) -> None:
        library = self.ctx.library
        ids = [s for m in library.modules() for s in m.scenarios]
        self.scenario_ids = list(dict.fromkeys(ids))
        if self.scenario_id not in self.scenario_ids:
            self.scenario_id = self.scenario_ids[0] if self.scenario_ids else None

    @property
    def scenario(self) -> Scenario | None:
        return self.ctx.library.scenario(self.scenario_id) if self.scenario_id else None

    @property
    def scenario_title(self) -> str:
        scenario = self.scenario
        return scenario.title if scenario else "Loading the scenarios…"

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

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        if self.phase == SETUP:
            self._layout_setup(canvas)
        elif self.phase == HANDOVER:
            self._layout_handover(canvas)
        else:
            self._layout_board(canvas)

    def _intro(self) -> str:
        return (
            "Everyone plays the same scenario in turn, in assessment mode: no hints until the "
            "debrief. The board updates after every turn and the round ends on a podium."
        )

    def _layout_setup(self, canvas: Canvas) -> None:
        self.show_intro = self.show_heading = True
        top = 30 + canvas.line_height("title") + 16
        self._place_setup(canvas, top)
        if self.card[1] + self.card[3] > CANVAS_H - 12:  # large text, many names: make room
            self.show_intro = False
            self._place_setup(canvas, top)
        if self.card[1] + self.card[3] > CANVAS_H - 12:  # still too tall: over the heading
            self.show_heading = False
            self._place_setup(canvas, max(12.0, CANVAS_H - 12 - self.card[3]))
        footer_top = CANVAS_H - 12 - canvas.measure("Esc", "key")[1] - 18
        self.show_footer = self.card[1] + self.card[3] + 8 <= footer_top

    def _place_setup(self, canvas: Canvas, top: float) -> None:
        width = min(CANVAS_W - 2 * MARGIN, SETUP_W * max(1.0, canvas.text_scale * 0.9))
        inner = width - 2 * PAD
        x = (CANVAS_W - width) / 2
        y = top + PAD
        if self.show_intro:
            y += canvas.wrap(self._intro(), "small", inner).height + GAP
        buttons = self.focus.buttons
        row_h = button_height(canvas)
        buttons[0].box = (x + PAD, y, inner, row_h)
        y += row_h + GAP + canvas.line_height("label") + 6
        field_h = canvas.line_height("subheading") + 28
        self.field.box = (x + PAD, y, inner, field_h)
        buttons[1].box = self.field.box
        y += field_h + 8
        if self.error:
            y += canvas.wrap(self.error, "small", inner).height + 4
        self.names_y = y + 4
        y = self.names_y
        cx = x + PAD
        chip_h = button_height(canvas)
        widest = (inner - 20) / 3  # three names a line at least: a full team stays compact
        for number, button in enumerate(buttons[2:-2], start=1):
            label = f"{number}. {button.label}"
            chip_w = min(widest, canvas.measure(label, "button")[0] + 40)
            if cx + chip_w > x + PAD + inner and cx > x + PAD:
                cx = x + PAD
                y += chip_h + 10
            button.box = (cx, y, chip_w, chip_h)
            cx += chip_w + 10
        y += chip_h if self.names else canvas.line_height("small")
        y += GAP * 1.5
        row_buttons(canvas, buttons[-2:], x + width - PAD, y)
        bottom = y + button_height(canvas) + PAD
        self.card = (x, top, width, bottom - top)

    def _layout_handover(self, canvas: Canvas) -> None:
        width = min(CANVAS_W - 2 * MARGIN, SETUP_W * max(1.0, canvas.text_scale * 0.9))
        inner = width - 2 * PAD
        height = (
            PAD
            + canvas.line_height("label")
            + 8
            + canvas.line_height("heading")
            + canvas.line_height("display")
            + GAP
            + canvas.wrap(self._look_away(), "body", inner).height
            + GAP
            + canvas.line_height("small")
            + GAP * 2
            + button_height(canvas)
            + PAD
        )
        x = (CANVAS_W - width) / 2
        y = max(20.0, (CANVAS_H - height) / 2)
        self.card = (x, y, width, height)
        row_buttons(
            canvas, self.focus.buttons, x + width - PAD, y + height - PAD - button_height(canvas)
        )

    def _layout_board(self, canvas: Canvas) -> None:
        with board_type(canvas):  # the board and podium keep the meeting screen's sizes
            top = 30 + canvas.line_height("title") + canvas.line_height("subheading") + 14
            bottom = CANVAS_H - button_height(canvas) - 34
            self.places = board_layout(canvas, top, bottom)
            row_buttons(canvas, self.focus.buttons, CANVAS_W - MARGIN, bottom + 18)
        self.table.rows_shown = self.places.rows_shown

    # -- input ------------------------------------------------------------------------------------
    @property
    def text_input(self) -> bool:
        focused = self.focus.focused
        return self.phase == SETUP and focused is not None and focused.action[0] == FIELD

    def handle(self, command: Command) -> None:
        if self.text_input:
            if isinstance(command, TypeText):
                self.field.type(command.text)
                self._clear_error()
                return
            if isinstance(command, Compose):
                self.field.compose(command.text)
                return
            if isinstance(command, Erase):
                self.field.erase()
                return
        focus = self.focus
        focused = focus.focused
        if isinstance(command, Move):
            on = focused.action[0] if focused is not None else None
            if command.dx and on == SCENARIO:
                self._switch_scenario(command.dx)
                return
            # Down from the field goes to the first name (the nearest one may be the last).
            first_name = command.dy > 0 and on == FIELD and focus.focus_action((NAME, 0))
            if first_name or focus.move(command.dx, command.dy):
                self.ctx.sounds.play("select")
        elif isinstance(command, FocusNext):
            if focus.step(command.step):
                self.ctx.sounds.play("select")
        elif isinstance(command, Hover):
            if focus.hover(command.pos):
                self.ctx.sounds.play("select")
        elif isinstance(command, Click):
            button = focus.at(command.pos)
            if button is not None:
                focus.focus_action(button.action)
                if button.action[0] != FIELD:
                    self._activate(button.action)
        elif isinstance(command, Confirm) or (isinstance(command, Advance) and self.phase != SETUP):
            if focused is not None:
                self._activate(focused.action)
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
        library = self.ctx.library
        scenario = self.scenario
        analysis = library.analysis(self.scenario_id) if self.scenario_id else None
        if scenario is None or analysis is None or analysis.ranges is None:
            self.ctx.notify("This scenario cannot be played: it did not load.", error=True)
            return
        player = self.names[self.turn]
        self.ctx.player = player  # the debrief records under the player whose turn it is
        self.ctx.sounds.play("confirm")
        self.phase = PLAYING
        home = library.module_of(scenario.id)
        self.ctx.stack.push(
            TeamConversationScene(
                self.ctx, scenario, analysis, home.id if home else None, self._turn_done
            )
        )

    def _turn_done(self, turn: Turn) -> None:
        self.turns[turn.standing.player] = turn

    def enter(self) -> None:
        if self.phase != PLAYING:
            return
        self.ctx.player = self.home_player
        player = self.names[self.turn]
        if player not in self.turns:  # the turn was stopped from the pause menu
            self.ctx.notify(f"{player}’s turn was stopped; start it again or skip it.")
            self._set_phase(HANDOVER)
            return
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

    def _upcoming(self) -> list[str]:
        return self.names[self.turn :]

    def _show_board(self, glowing: set[str]) -> None:
        # The board was covered during the turn, so earlier highlights never faded.
        self.table.show(self.standings, glowing, keep_glow=False)

    @property
    def standings(self) -> list[Standing]:
        """The round so far, best first."""
        return ranked(turn.standing for turn in self.turns.values())

    def _leave(self) -> None:
        self.ctx.player = self.home_player
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
        self.table.update(step_s)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        art_backdrop(canvas, self.ctx.art.setting("meeting", canvas.size_px))
        if self.phase == SETUP:
            self._draw_setup(canvas)
        elif self.phase == HANDOVER:
            self._draw_handover(canvas)
        elif self.phase in (STANDINGS, PODIUM):
            with board_type(canvas):
                self._draw_board(canvas)

    def _heading(self, canvas: Canvas, title: str, subtitle: str | None = None) -> None:
        p = canvas.palette
        box = canvas.text(title, "title", (MARGIN, 24), p.ink_on_dark)
        if subtitle:
            canvas.text(
                canvas.fit(subtitle, "subheading", CANVAS_W - 2 * MARGIN),
                "subheading",
                (MARGIN, box[1] + box[3] + 2),
                mix(p.ink_on_dark, p.backdrop, 0.25),
            )

    def _draw_setup(self, canvas: Canvas) -> None:
        p = canvas.palette
        if self.show_heading:
            self._heading(canvas, "Team round")
        x, y, w, _h = self.card
        canvas.panel(self.card, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        inner = w - 2 * PAD
        if self.show_intro:
            intro = canvas.wrap(self._intro(), "small", inner)
            canvas.block(intro, (x + PAD, y + PAD), p.ink_muted)
        focused = self.focus.focused
        buttons = self.focus.buttons
        scenario_row = replace(
            buttons[0], value=canvas.fit(self.scenario_title, "button", inner - 260)
        )
        draw_button(canvas, scenario_row, focused is buttons[0])
        count = f"Players ({len(self.names)} of {MAX_PLAYERS})"
        canvas.text(
            count, "label", (x + PAD, self.field.box[1] - canvas.line_height("label") - 6), p.ink
        )
        self.field.draw(canvas, focused is buttons[1])
        if self.error:
            block = canvas.wrap(self.error, "small", inner)
            canvas.block(block, (x + PAD, self.field.box[1] + self.field.box[3] + 6), p.negative)
        if not self.names:
            canvas.text(
                f"Add at least {MIN_PLAYERS} players, in the order they will play.",
                "small",
                (x + PAD, self.names_y),
                p.ink_muted,
            )
        for number, button in enumerate(buttons[2:-2], start=1):
            shown = replace(button, label=f"{number}. {button.label}")
            shown = replace(shown, label=canvas.fit(shown.label, "button", button.box[2] - 24))
            draw_button(canvas, shown, button is focused)
        for button in buttons[-2:]:
            draw_button(canvas, button, button is focused)
        hints = [("↑↓", "move"), ("Enter", "add")]
        if focused is not None and focused.action[0] == NAME:
            hints = [("↑↓", "move"), ("Enter", "remove this player")]
        elif focused is not None and focused.action[0] == SCENARIO:
            hints = [("←→", "change scenario")]
        if self.show_footer:
            footer(canvas, [*hints, ("Esc", "back")])

    def _look_away(self) -> str:
        name = self.names[self.turn]
        return f"Everyone else, please look away from the screen until {name} has finished."

    def _draw_handover(self, canvas: Canvas) -> None:
        p = canvas.palette
        x, y, w, _h = self.card
        canvas.panel(self.card, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        inner = w - 2 * PAD
        middle = x + w / 2
        cy = y + PAD
        total = len(self.names)
        canvas.text(f"Turn {self.turn + 1} of {total}", "label", (middle, cy), p.accent, "midtop")
        cy += canvas.line_height("label") + 8
        canvas.text("Hand over to", "heading", (middle, cy), p.ink_muted, "midtop")
        cy += canvas.line_height("heading")
        name = canvas.fit(self.names[self.turn], "display", inner)
        canvas.text(name, "display", (middle, cy), p.ink, "midtop")
        cy += canvas.line_height("display") + GAP
        block = canvas.wrap(self._look_away(), "body", inner)
        canvas.block(block, (x + PAD, cy), p.ink, align="center", width=inner)
        cy += block.height + GAP
        canvas.text(
            canvas.fit(f"Scenario: {self.scenario_title}", "small", inner),
            "small",
            (middle, cy),
            p.ink_muted,
            "midtop",
        )
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)
        footer(canvas, [("Enter", "start the turn"), ("Esc", "leave the round")])

    def _draw_board(self, canvas: Canvas) -> None:
        p = canvas.palette
        places = self.places
        assert places is not None
        total = len(self.names)
        if self.phase == PODIUM:
            self._heading(canvas, "Team round: the podium", self.scenario_title)
        else:
            played = self.just_played or ""
            self._heading(
                canvas,
                f"After {played}’s turn",
                f"{self.scenario_title}  ·  {self.turn} of {total} turns played",
            )
        message = None if self.turns else "Nobody has finished a turn in this round."
        draw_board_card(canvas, places, self.table, "This round", message)
        standings = self.standings
        if self.phase == PODIUM:
            draw_podium_and_champions(canvas, places, standings, champions_of(standings))
        else:
            soft = mix(p.ink_on_dark, p.backdrop, 0.25)
            canvas.text("Podium so far", "label", (places.podium[0], places.board[1]), soft)
            draw_podium(canvas, places.podium, standings)
            self._draw_upcoming(canvas, places)
        note = self._record_note()
        if note:
            bx = self.focus.buttons[0].box
            canvas.text(
                canvas.fit(note, "small", bx[0] - MARGIN - 20),
                "small",
                (MARGIN, bx[1] + bx[3] / 2),
                p.ink_on_dark,
                "midleft",
            )
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)

    def _draw_upcoming(self, canvas: Canvas, places: BoardLayout) -> None:
        """Between turns, where the champions go at the end: who plays next, and after."""
        p = canvas.palette
        x, y, w, h = places.champions
        soft = mix(p.ink_on_dark, p.backdrop, 0.25)
        canvas.text("Still to play", "label", (x, y - canvas.line_height("label") - 6), soft)
        canvas.panel(places.champions, p.panel, RADIUS, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        upcoming = self._upcoming()
        cy = y + PAD
        canvas.text("Next", "label", (x + PAD, cy), p.accent)
        cy += canvas.line_height("label")
        canvas.text(canvas.fit(upcoming[0], "title", w - 2 * PAD), "title", (x + PAD, cy), p.ink)
        cy += canvas.line_height("title") + 10
        later = upcoming[1:]
        if later:
            text = "Then " + ", ".join(later)
            block = canvas.wrap(text, "subheading", w - 2 * PAD)
            if cy + block.height <= y + h - PAD:
                canvas.block(block, (x + PAD, cy), p.ink_muted)
            else:
                shown = canvas.fit(text, "subheading", w - 2 * PAD)
                canvas.text(shown, "subheading", (x + PAD, cy), p.ink_muted)
            cy += block.height + 8
        if self.skipped:
            skipped = "Skipped: " + ", ".join(self.skipped)
            canvas.text(
                canvas.fit(skipped, "small", w - 2 * PAD),
                "small",
                (x + PAD, y + h - PAD - canvas.line_height("small")),
                p.ink_muted,
            )

    def _record_note(self) -> str | None:
        """A line under the board when a result could not be recorded (or when all were)."""
        missing = [name for name, turn in self.turns.items() if not turn.kept]
        if missing:
            return f"Not recorded on the leaderboard: {', '.join(missing)}."
        if self.phase == PODIUM and self.turns:
            return "Every result of this round is recorded on the leaderboard."
        return None

    # -- what the app reads -----------------------------------------------------------------------
    @property
    def view(self) -> Hashable:
        return (self.name, self.phase, self.turn, tuple(self.names), self.error)

    @property
    def settled(self) -> bool:
        return self.table.settled
