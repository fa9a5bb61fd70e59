"""The leaderboard: the best result per player for one scenario, the current player highlighted.

Boards are read through the store worker; "Loading…" shows until the answer comes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import Advance, Back, Command, Confirm, Move
from game.ui.drawing import button_height, draw_button
from game.ui.hints import HintBar, draw_hints, footer_bar
from game.ui.scene import Context, Scene
from game.ui.scenes.common import plain_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, PAD, RADIUS, mix
from game.ui.widgets import Activated, Button, FocusGroup, Moved
from game.ui.worker import StoreFailure

if TYPE_CHECKING:
    from game.store import BoardRow, ResultsStore

SHOWN_ROWS = 10  # rows of the board on screen
FETCH_ROWS = 200  # rows read, so the current player's row can be found below the top ten
PANEL_W = 1000.0  # logical pixels
PREVIOUS, NEXT, BACK = "previous", "next", "back"
COLUMNS = (  # (heading, share of the table width, alignment)
    ("#", 0.07, "left"),
    ("Player", 0.33, "left"),
    ("Overall", 0.13, "right"),
    ("Empathy", 0.13, "right"),
    ("Anticipation", 0.15, "right"),
    ("Upsell", 0.10, "right"),
    ("Time", 0.09, "right"),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _time(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


class LeaderboardScene(Scene[None]):
    name = "leaderboard"

    def __init__(self, ctx: Context, scenario: str | None = None) -> None:
        super().__init__(ctx)
        library = ctx.library
        self.scenario_ids = [s for m in library.modules() for s in m.scenarios]
        self.scenario_ids = list(dict.fromkeys(self.scenario_ids))
        chosen = scenario or ctx.options.scenario
        self.index = self.scenario_ids.index(chosen) if chosen in self.scenario_ids else 0
        self.rows: list[BoardRow] = []
        self.mine: BoardRow | None = None
        self.loaded_for: str | None = None  # the scenario whose board is shown
        self.asked = False
        self.asked_for: str | None = None  # the scenario whose board was asked for last
        self.message: str | None = None
        self.focus: FocusGroup[str] = FocusGroup()
        self.focus.set(
            [Button("◀", PREVIOUS), Button("▶", NEXT), Button("Back", BACK, kind="primary")],
            keep=BACK,
        )
        self.panel = (0.0, 0.0, 0.0, 0.0)
        self.row_h = 0.0
        self.table_y = 0.0

    @property
    def scenario(self) -> str | None:
        return self.scenario_ids[self.index] if self.scenario_ids else None

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 60, PANEL_W * max(1.0, canvas.text_scale * 0.8))
        x = (CANVAS_W - width) / 2
        self.row_h = canvas.line_height("small") + 14
        height = CANVAS_H - 100
        self.panel = (x, 28.0, width, height)
        bh = button_height(canvas)
        back_w = max(160.0, canvas.measure("Back", "button")[0] + 60)
        self.focus.buttons[2].box = (x + width - PAD - back_w, 28 + PAD, back_w, bh)
        # The arrows go below both the title and Back, whatever the text size.
        arrows_y = 28 + PAD + max(canvas.line_height("title"), bh) + 10
        self.focus.buttons[0].box = (x + PAD, arrows_y, bh, bh)
        self.focus.buttons[1].box = (x + width - PAD - bh, arrows_y, bh, bh)
        self.table_y = arrows_y + bh + 20

    def _load(self) -> None:
        """Ask for the board of the shown scenario (answered in a later update)."""
        scenario = self.scenario
        self.asked, self.asked_for = True, scenario
        if scenario is None:
            self._show(None, [])
            return
        player = self.ctx.player

        def read(store: ResultsStore) -> list[BoardRow]:
            return store.leaderboard(scenario=scenario, limit=FETCH_ROWS)

        def answered(answer: list[BoardRow] | StoreFailure) -> None:
            if scenario != self.scenario:
                return  # the player has moved on to another scenario
            if isinstance(answer, StoreFailure):
                message = (
                    answer.message
                    if answer.lasting
                    else f"The leaderboard could not be read ({answer.message})."
                )
                self._show(scenario, [], message)
                return
            self._show(scenario, answer)
            self.mine = next((r for r in answer[SHOWN_ROWS:] if r.player == player), None)
            self.ctx.voice.say(self.spoken())

        self.ctx.worker.cancel(self)
        self.ctx.worker.submit(read, answered, owner=self)

    def _show(self, scenario: str | None, rows: list[BoardRow], message: str | None = None) -> None:
        self.loaded_for = scenario
        self.rows, self.mine = rows[:SHOWN_ROWS], None
        if message is None and scenario is None:
            message = "There are no scenarios yet."
        elif message is None and not rows:
            message = "Nobody has played this scenario yet. Be the first!"
        self.message = message

    def handle(self, command: Command) -> None:
        if isinstance(command, Move) and command.dx:  # left and right change the scenario shown
            self._switch(command.dx)
            return
        event = self.focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            self._activate(event.action)
        elif isinstance(command, Back):
            self._activate(BACK)

    def _switch(self, step: int) -> None:
        if self.scenario_ids:
            self.index = (self.index + step) % len(self.scenario_ids)
            self.ctx.sounds.play("select")

    def _activate(self, action: str) -> None:
        if action == PREVIOUS:
            self._switch(-1)
        elif action == NEXT:
            self._switch(1)
        else:
            self.ctx.sounds.play("confirm")
            self.dismiss(None)

    def exit(self) -> None:
        self.ctx.worker.cancel(self)

    def update(self, step_s: float) -> None:
        if not self.asked or self.asked_for != self.scenario:
            self._load()

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        x, y, w, h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        canvas.text("Leaderboard", "title", (x + PAD, y + PAD), p.ink)
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)
        arrows = self.focus.buttons[0].box
        scenario = self.ctx.library.scenario(self.scenario) if self.scenario else None
        title = scenario.title if scenario else "—"
        middle = x + w / 2
        canvas.text(
            canvas.fit(title, "heading", w - 4 * arrows[2]),
            "heading",
            (middle, arrows[1] + arrows[3] / 2),
            p.ink,
            "center",
        )
        ty = self.table_y
        left = x + PAD
        width = w - 2 * PAD
        self._draw_row(canvas, ty, [c[0] for c in COLUMNS], left, width, header=True)
        ty += self.row_h
        canvas.rect((left, ty - 3, width, 2), p.track)
        if self.loaded_for != self.scenario:
            canvas.text("Loading…", "small", (middle, ty + 30), p.ink_muted, "midtop")
        elif self.message:
            canvas.text(self.message, "small", (middle, ty + 30), p.ink_muted, "midtop")
        rows = list(self.rows) + ([self.mine] if self.mine else [])
        for index, row in enumerate(rows):
            if ty + self.row_h > y + h - PAD:
                break
            if row is self.mine:
                canvas.text("⋯", "small", (left + 10, ty), p.ink_muted)
                ty += self.row_h * 0.8
            me = row.player == self.ctx.player
            if me:
                canvas.panel((left - 8, ty, width + 16, self.row_h - 4), p.highlight, 10)
            elif index % 2:
                canvas.panel(
                    (left - 8, ty, width + 16, self.row_h - 4), mix(p.panel, p.panel_alt, 0.6), 10
                )
            cells = [
                str(row.rank),
                row.player + ("  (you)" if me else "") + ("  · untimed" if row.untimed else ""),
                _percent(row.overall),
                _percent(row.empathy),
                _percent(row.anticipation),
                _percent(row.upsell),
                _time(row.seconds),
            ]
            self._draw_row(canvas, ty, cells, left, width, bold=me)
            ty += self.row_h
        draw_hints(canvas, self)

    def spoken(self) -> str:
        scenario = self.ctx.library.scenario(self.scenario) if self.scenario else None
        rows = " ".join(
            f"{row.rank}: {row.player}, {_percent(row.overall)}." for row in self.rows[:3]
        )
        return f"Leaderboard: {scenario.title if scenario else ''}. {self.message or rows}"

    def hint_bars(self) -> list[HintBar]:
        return [footer_bar(self.ctx.canvas, [("←→", "scenario"), ("Esc", "back")])]

    def _draw_row(
        self,
        canvas: Canvas,
        y: float,
        cells: list[str],
        left: float,
        width: float,
        header: bool = False,
        bold: bool = False,
    ) -> None:
        p = canvas.palette
        style = "label" if header or bold else "small"
        colour = p.ink_muted if header else p.ink
        x = left
        middle = y + (self.row_h - 4) / 2
        for (_, share, align), text in zip(COLUMNS, cells, strict=True):
            cell_w = width * share
            shown = canvas.fit(text, style, cell_w - 12)
            if align == "right":
                canvas.text(shown, style, (x + cell_w - 8, middle), colour, "midright")
            else:
                canvas.text(shown, style, (x + 4, middle), colour, "midleft")
            x += cell_w

    @property
    def view(self) -> object:
        return (self.name, self.scenario, self.loaded_for == self.scenario)

    @property
    def settled(self) -> bool:
        return self.loaded_for == self.scenario

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        return [auto.key(pygame.K_ESCAPE)]
