"""Settings: text size and speed, time to answer, motion, contrast, display, volume, reading
aloud, the default mode, and the introduction again.

Every change applies at once (with a live preview of the text) and is saved
between runs. The rows scroll when they do not fit (large text). The screen
emits INTRO to have the introduction shown over it; game.ui.flow opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from game.core.modes import Mode
from game.settings import (
    TEXT_SIZE_LABELS,
    TEXT_SIZES,
    TEXT_SPEED_LABELS,
    TEXT_SPEEDS,
    TIMER_FACTORS,
    TIMER_LABELS,
    VOLUMES,
    Settings,
)
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import Advance, Back, Click, Command, Confirm, Hover, Move, Point, Scroll
from game.ui.drawing import button_height, draw_button
from game.ui.hints import HintBar, draw_hints, footer_bar, footer_height
from game.ui.scene import Context, Scene
from game.ui.scenes.common import plain_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved, ScrollArea, inside

PANEL_W = 760.0  # logical pixels at the standard text size
PREVIEW = "Hi! I'm here for new tyres, and I'll need a loaner for the day."
PREVIEW_PAUSE_S = 1.5  # seconds the finished preview stays before it types again
ROW_GAP = 8.0  # logical pixels between rows
BACK = "back"
INTRO = "intro"  # show the introduction again (emitted)


@dataclass(frozen=True)
class Row:
    field: str
    label: str
    values: tuple[Any, ...]
    labels: dict[Any, str]
    wraps: bool = True  # past the last value comes the first (not for the volume)


def _on_off(on: str = "On", off: str = "Off") -> dict[bool, str]:
    return {False: off, True: on}


ROWS = (
    Row("text_size", "Text size", tuple(TEXT_SIZES), TEXT_SIZE_LABELS),
    Row("text_speed", "Text speed", tuple(TEXT_SPEEDS), TEXT_SPEED_LABELS),
    Row("timers", "Time to answer", tuple(TIMER_FACTORS), TIMER_LABELS),
    Row("reduced_motion", "Reduced motion", (False, True), _on_off()),
    Row("high_contrast", "High contrast", (False, True), _on_off()),
    Row("fullscreen", "Display", (False, True), _on_off("Full screen", "Window")),
    Row("volume", "Volume", VOLUMES, {v: f"{v}%" if v else "Off" for v in VOLUMES}, False),
    Row("voice", "Read aloud (V)", (False, True), _on_off()),
    Row("default_mode", "Default mode", tuple(Mode), {mode: mode.label for mode in Mode}),
)
NOTES = {  # a line under the preview while the row has the focus
    "timers": "Off: no countdowns. A result played so in assessment shows as untimed.",
    "reduced_motion": "On: no slides or fades; screens change at once.",
    "voice": "Reads the dialogue, the choices and the debrief with your computer's voice.",
    "volume": "The sounds of the game; 0 is silent.",
}


def changed(settings: Settings, row: Row, step: int) -> Settings:
    """`settings` with the row's value moved `step` places (wrapping around if the row does)."""
    values = row.values
    current = getattr(settings, row.field)
    index = values.index(current) if current in values else 0
    moved = index + step
    moved = moved % len(values) if row.wraps else min(len(values) - 1, max(0, moved))
    return settings._replace(**{row.field: values[moved]})


class SettingsScene(Scene[str]):
    """Finishes with BACK when done; emits INTRO to show the introduction over it."""

    name = "settings"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.focus: FocusGroup[str] = FocusGroup()
        self.rows: list[Button[str]] = [Button(r.label, r.field, kind="row") for r in ROWS]
        self.rows.append(Button("Show the introduction again", INTRO))
        self.done = Button("Done", BACK, kind="primary")
        self.focus.set([*self.rows, self.done])
        self.area = ScrollArea()
        self.places: list[float] = []  # each row's y inside the scrolling area
        self.preview_s = 0.0
        self.panel = (0.0, 0.0, 0.0, 0.0)
        self.preview_y = 0.0

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 80, PANEL_W * max(1.0, canvas.text_scale * 0.85))
        x = (CANVAS_W - width) / 2
        row_h = button_height(canvas)
        title_h = canvas.line_height("title")
        preview_h = (
            canvas.line_height("label")
            + 6
            + canvas.wrap(PREVIEW, "body", width - 2 * PAD).height
            + 4
            + canvas.line_height("caption")
        )
        rows_h = len(self.rows) * (row_h + ROW_GAP) - ROW_GAP
        bottom = CANVAS_H - footer_height(canvas) - 20
        top = 12.0
        fixed = PAD + title_h + GAP + preview_h + GAP + PAD
        height = min(bottom - top, fixed + rows_h + 8)
        y = max(top, (bottom - height) / 2)
        self.panel = (x, y, width, height)
        self.preview_y = y + PAD + title_h + GAP
        area_top = self.preview_y + preview_h + GAP
        self.area.box = (x + PAD - 6, area_top, width - 2 * PAD + 12, y + height - PAD - area_top)
        self.area.content_height = rows_h + 8
        self.area.clamp()
        self.places = [4 + i * (row_h + ROW_GAP) for i in range(len(self.rows))]
        done_w = max(180.0, canvas.measure("Done", "button")[0] + 60)
        self.done.box = (x + width - PAD - done_w, y + PAD, done_w, row_h)
        self._place_rows()
        self._values()

    def _place_rows(self) -> None:
        x, top, w, _h = self.area.box
        row_h = button_height(self.ctx.canvas)
        room = 14.0 if self.area.scrollable else 0.0  # the scroll bar's lane, right of the rows
        for button, place in zip(self.rows, self.places, strict=True):
            button.box = (x + 6, top + place - self.area.offset, w - 12 - room, row_h)

    def _show_focused(self) -> None:
        focused = self.focus.focused
        if focused is not None and focused in self.rows:
            place = self.places[self.rows.index(focused)]
            self.area.show(place, button_height(self.ctx.canvas), margin=8)
            if self.ctx.settings.reduced_motion:
                self.area.jump()
                self._place_rows()

    def _values(self) -> None:
        settings = self.ctx.settings
        for button, row in zip(self.rows, ROWS, strict=False):
            button.value = row.labels[getattr(settings, row.field)]

    # -- input ------------------------------------------------------------------------------------
    def _row(self, field: str) -> Row | None:
        return next((r for r in ROWS if r.field == field), None)

    def _change(self, field: str, step: int) -> None:
        row = self._row(field)
        if row is None:
            return
        self.ctx.apply_settings(changed(self.ctx.settings, row, step))
        self.ctx.sounds.play("select")
        self.preview_s = 0.0
        self._values()

    def _pointable(self, pos: Point) -> bool:
        """Rows scrolled out of view cannot be pointed at."""
        button = self.focus.at(pos)
        return button is None or button is self.done or inside(self.area.box, pos)

    def handle(self, command: Command) -> None:
        focused = self.focus.focused
        if isinstance(command, Move) and command.dx:  # left and right change the value
            if focused is not None and focused.action not in (BACK, INTRO):
                self._change(focused.action, command.dx)
            return
        if isinstance(command, Scroll):
            self.area.scroll(command.lines)
            return
        event = self.focus.handle(
            Confirm() if isinstance(command, Advance) else command, self._pointable
        )
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
            if not isinstance(command, Hover):
                self._show_focused()
        elif isinstance(event, Activated):
            button = self.focus.focused
            left = (
                isinstance(command, Click)
                and button is not None
                and command.pos[0] < button.box[0] + button.box[2] * 0.5
            )
            self._activate(event.action, left=left)
        elif isinstance(command, Back):
            self._activate(BACK)

    def _activate(self, action: str, left: bool = False) -> None:
        if action == BACK:
            self.ctx.sounds.play("confirm")
            self.dismiss(BACK)
        elif action == INTRO:
            self.ctx.sounds.play("confirm")
            self.emit(INTRO)
        else:
            row = self._row(action)
            # A click on the left half of a row of several values steps back.
            back = left and row is not None and (len(row.values) > 2 or not row.wraps)
            self._change(action, -1 if back else 1)

    def update(self, step_s: float) -> None:
        self.preview_s += step_s
        speed = self.ctx.settings.chars_per_s
        if speed is not None and self.preview_s * speed > len(PREVIEW) + speed * PREVIEW_PAUSE_S:
            self.preview_s = 0.0
        before = self.area.offset
        self.area.update(step_s, instant=self.ctx.settings.reduced_motion)
        if self.area.offset != before:
            self._place_rows()

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        x, y, w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        canvas.text("Settings", "title", (x + PAD, y + PAD), p.ink)
        focused = self.focus.focused
        draw_button(canvas, self.done, self.done is focused)
        canvas.text("Preview", "label", (x + PAD, self.preview_y), p.ink_muted)
        block = canvas.wrap(PREVIEW, "body", w - 2 * PAD)
        speed = self.ctx.settings.chars_per_s
        reveal = None if speed is None else int(self.preview_s * speed)
        text_y = self.preview_y + canvas.line_height("label") + 6
        canvas.block(block, (x + PAD, text_y), p.ink, reveal)
        note = NOTES.get(focused.action, "") if focused is not None else ""
        if note:
            canvas.text(
                canvas.fit(note, "caption", w - 2 * PAD),
                "caption",
                (x + PAD, text_y + block.height + 4),
                p.ink_muted,
            )
        with canvas.clip(self.area.box):
            for button in self.rows:
                draw_button(canvas, button, button is focused)
        self.area.draw_indicators(canvas, p.ink_muted)
        draw_hints(canvas, self)

    def spoken(self) -> str:
        return "Settings."

    def hint_bars(self) -> Sequence[HintBar]:
        hints = [("↑↓", "choose"), ("←→", "change"), ("Esc", "done")]
        return [footer_bar(self.ctx.canvas, hints)]

    @property
    def view(self) -> object:
        return (self.name, self.ctx.settings, round(self.area.target))

    @property
    def settled(self) -> bool:
        speed = self.ctx.settings.chars_per_s
        typed = speed is None or self.preview_s * speed >= len(PREVIEW)
        return typed and self.area.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        return [auto.key(pygame.K_ESCAPE)]
