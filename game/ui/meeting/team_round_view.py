"""The team round's layout and drawing: the setup card, the hand-over card, the board and podium.

`TeamRoundView` is the half of the team round that measures and draws;
game.ui.meeting.team_round keeps the round's state and input and fills in the
attributes declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.core.model import Scenario
from game.core.standings import Standing, champions_of, ranked
from game.ui.canvas import Box, Canvas
from game.ui.drawing import button_height, draw_button
from game.ui.hints import Hint, HintBar, draw_hints, footer_bar
from game.ui.meeting.board import (
    BoardLayout,
    StandingsTable,
    board_layout,
    board_type,
    draw_board_card,
    draw_podium,
    draw_podium_and_champions,
)
from game.ui.recording import Recording
from game.ui.scene import Context
from game.ui.scenes.common import art_backdrop, row_buttons
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, PAD, RADIUS, mix
from game.ui.widgets import FocusGroup, TextField

MIN_PLAYERS = 2  # a round of one is ordinary play
MAX_PLAYERS = 8  # everyone fits on the board at once
SETUP_W = 760.0  # logical pixels: the setup and hand-over cards

SETUP, HANDOVER, PLAYING, STANDINGS, PODIUM = "setup", "handover", "playing", "standings", "podium"

Action = tuple[str, int]  # ("name", 2) is the third name's chip; other actions use 0
SCENARIO, FIELD, NAME, START, BACK = "scenario", "field", "name", "start", "back"
BEGIN, SKIP, NEXT, AGAIN, DONE = "begin", "skip", "next", "again", "done"


@dataclass(frozen=True)
class Turn:
    """A finished turn: the player's standing, and their result on its way to the store."""

    standing: Standing
    recording: Recording
    untimed: bool = False  # played with a timer switched off in the settings

    @property
    def kept(self) -> bool:
        return self.recording.done and self.recording.kept

    @property
    def missing(self) -> bool:
        """The store answered, and the result was not kept."""
        return self.recording.done and not self.recording.kept


class TeamRoundView:
    """Layout and drawing of the team round, from the state its scene keeps."""

    # The state, kept by the scene.
    ctx: Context
    phase: str
    pointed_hint: Hint | None
    names: list[str]
    turn: int
    turns: dict[str, Turn]
    skipped: list[str]
    just_played: str | None
    error: str | None
    field: TextField
    table: StandingsTable
    focus: FocusGroup[Action]
    scenario_id: str | None

    def _init_view(self) -> None:
        """The layout results (logical pixels), before the first layout."""
        self.card: Box = (0, 0, 0, 0)
        self.places: BoardLayout | None = None
        self.names_y = 0.0
        self.show_footer = True
        self.show_intro = self.show_heading = True

    @property
    def scenario(self) -> Scenario | None:
        return self.ctx.library.scenario(self.scenario_id) if self.scenario_id else None

    @property
    def scenario_title(self) -> str:
        scenario = self.scenario
        return scenario.title if scenario else "Loading the scenarios…"

    def _upcoming(self) -> list[str]:
        return self.names[self.turn :]

    @property
    def standings(self) -> list[Standing]:
        """The round so far, best first."""
        return ranked(turn.standing for turn in self.turns.values())

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
        draw_hints(canvas, self)

    def hint_bars(self) -> list[HintBar]:
        """The footer's hints: what Enter does on the focused item, and Esc."""
        if self.phase == HANDOVER:
            hints = [("Enter", "start the turn"), ("Esc", "leave the round")]
        elif self.phase == SETUP and self.show_footer:
            focused = self.focus.focused
            hints = [("↑↓", "move"), ("Enter", "add"), ("Esc", "back")]
            if focused is not None and focused.action[0] == NAME:
                hints = [("↑↓", "move"), ("Enter", "remove this player"), ("Esc", "back")]
            elif focused is not None and focused.action[0] == SCENARIO:
                hints = [("←→", "change scenario"), ("Esc", "back")]
        else:
            return []
        return [footer_bar(self.ctx.canvas, hints)]

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
        draw_hints(canvas, self)

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
        missing = [name for name, turn in self.turns.items() if turn.missing]
        if missing:
            return f"Not recorded on the leaderboard: {', '.join(missing)}."
        if self.phase == PODIUM and self.turns:
            return "Every result of this round is recorded on the leaderboard."
        return None
