"""Settings: text size, text speed, high contrast, window or full screen, sound, default mode.

Every change applies at once (with a live preview) and is saved between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pygame

from game.core.modes import Mode
from game.settings import (
    TEXT_SIZE_LABELS,
    TEXT_SIZES,
    TEXT_SPEED_LABELS,
    TEXT_SPEEDS,
    Settings,
)
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import Advance, Back, Click, Command, Confirm, Move
from game.ui.drawing import button_height, draw_button
from game.ui.scene import Context, Scene
from game.ui.scenes.common import footer, plain_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved

PANEL_W = 760.0  # logical pixels at the standard text size
PREVIEW = "Hi! I'm here for new tyres, and I'll need a loaner for the day."
PREVIEW_PAUSE_S = 1.5  # seconds the finished preview stays before it types again
BACK = "back"


@dataclass(frozen=True)
class Row:
    field: str
    label: str
    values: tuple[Any, ...]
    labels: dict[Any, str]


ROWS = (
    Row("text_size", "Text size", tuple(TEXT_SIZES), TEXT_SIZE_LABELS),
    Row("text_speed", "Text speed", tuple(TEXT_SPEEDS), TEXT_SPEED_LABELS),
    Row("high_contrast", "High contrast", (False, True), {False: "Off", True: "On"}),
    Row("fullscreen", "Display", (False, True), {False: "Window", True: "Full screen"}),
    Row("sound", "Sound", (True, False), {True: "On", False: "Off"}),
    Row("default_mode", "Default mode", tuple(Mode), {mode: mode.label for mode in Mode}),
)


def changed(settings: Settings, row: Row, step: int) -> Settings:
    """`settings` with the row's value moved `step` places (wrapping around)."""
    values = row.values
    current = getattr(settings, row.field)
    index = values.index(current) if current in values else 0
    return replace(settings, **{row.field: values[(index + step) % len(values)]})


class SettingsScene(Scene[None]):
    name = "settings"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.focus: FocusGroup[str] = FocusGroup()
        self.focus.set(
            [Button(r.label, r.field, kind="row") for r in ROWS]
            + [Button("Done", BACK, kind="primary")]
        )
        self.preview_s = 0.0
        self.panel = (0.0, 0.0, 0.0, 0.0)
        self.preview_y = 0.0
        self.show_footer = True

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 80, PANEL_W * max(1.0, canvas.text_scale * 0.85))
        x = (CANVAS_W - width) / 2
        row_h = button_height(canvas)
        gap = 8.0
        title_h = canvas.line_height("title")
        preview_h = (
            canvas.line_height("label") + 6 + canvas.wrap(PREVIEW, "body", width - 2 * PAD).height
        )
        rows = len(self.focus.buttons) - 1  # "Done" sits beside the title
        height = PAD + title_h + GAP + rows * (row_h + gap) + GAP + preview_h + PAD
        y = max(12.0, (CANVAS_H - 40 - height) / 2)
        self.panel = (x, y, width, height)
        by = y + PAD + title_h + GAP
        for button in self.focus.buttons[:-1]:
            button.box = (x + PAD, by, width - 2 * PAD, row_h)
            by += row_h + gap
        done_w = max(180.0, canvas.measure("Done", "button")[0] + 60)
        self.focus.buttons[-1].box = (x + width - PAD - done_w, y + PAD, done_w, row_h)
        self.preview_y = by + GAP - gap
        # Large text: the panel takes the room of the key hints rather than hide under them.
        footer_top = CANVAS_H - 12 - canvas.measure("Esc", "key")[1] - 18
        self.show_footer = y + height + 8 <= footer_top
        self._values()

    def _values(self) -> None:
        settings = self.ctx.settings
        for button, row in zip(self.focus.buttons, ROWS, strict=False):
            button.value = row.labels[getattr(settings, row.field)]

    def _change(self, field: str, step: int) -> None:
        row = next(r for r in ROWS if r.field == field)
        self.ctx.apply_settings(changed(self.ctx.settings, row, step))
        self.ctx.sounds.play("select")
        self.preview_s = 0.0
        self._values()

    def handle(self, command: Command) -> None:
        focused = self.focus.focused
        if isinstance(command, Move) and command.dx:  # left and right change the value
            if focused is not None and focused.action != BACK:
                self._change(focused.action, command.dx)
            return
        event = self.focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
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
            self.dismiss(None)
        else:
            self._change(action, -1 if left and action in ("text_size", "text_speed") else 1)

    def update(self, step_s: float) -> None:
        self.preview_s += step_s
        speed = self.ctx.settings.chars_per_s
        if speed is not None and self.preview_s * speed > len(PREVIEW) + speed * PREVIEW_PAUSE_S:
            self.preview_s = 0.0

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        x, y, w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        canvas.text("Settings", "title", (x + PAD, y + PAD), p.ink)
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)
        canvas.text("Preview", "label", (x + PAD, self.preview_y), p.ink_muted)
        block = canvas.wrap(PREVIEW, "body", w - 2 * PAD)
        speed = self.ctx.settings.chars_per_s
        reveal = None if speed is None else int(self.preview_s * speed)
        canvas.block(
            block, (x + PAD, self.preview_y + canvas.line_height("label") + 6), p.ink, reveal
        )
        if self.show_footer:
            footer(canvas, [("↑↓", "choose"), ("←→", "change"), ("Esc", "done")])

    @property
    def view(self) -> object:
        return (self.name, self.ctx.settings)

    @property
    def settled(self) -> bool:
        speed = self.ctx.settings.chars_per_s
        return speed is None or self.preview_s * speed >= len(PREVIEW)

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        return [auto.key(pygame.K_ESCAPE)]
