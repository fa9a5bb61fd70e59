"""Settings: text size, text speed, high contrast, window or full screen, sound, default mode.

Every change applies at once (with a live preview) and is saved between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pygame

from game.settings import (
    MODE_LABELS,
    MODES,
    TEXT_SIZE_LABELS,
    TEXT_SIZES,
    TEXT_SPEED_LABELS,
    TEXT_SPEEDS,
    Settings,
)
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import (
    Advance,
    Back,
    Click,
    Command,
    Confirm,
    FocusNext,
    Hover,
    Move,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import footer, plain_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import Button, FocusGroup, button_height, draw_button

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
    Row("default_mode", "Default mode", MODES, MODE_LABELS),
)


def changed(settings: Settings, row: Row, step: int) -> Settings:
    """`settings` with the row's value moved `step` places (wrapping around)."""
    values = row.values
    current = getattr(settings, row.field)
    index = values.index(current) if current in values else 0
    return replace(settings, **{row.field: values[(index + step) % len(values)]})


class SettingsScene(Scene):
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
        focus = self.focus
        focused = focus.focused
        if isinstance(command, Move):
            if command.dx and focused is not None and focused.action != BACK:
                self._change(focused.action, command.dx)
            elif command.dy and focus.move(0, command.dy):
                self.ctx.sounds.play("select")
        elif isinstance(command, FocusNext):
            focus.step(command.step)
        elif isinstance(command, Hover):
            if focus.hover(command.pos):
                self.ctx.sounds.play("select")
        elif isinstance(command, Click):
            button = focus.at(command.pos)
            if button is not None:
                focus.focus_action(button.action)
                self._activate(
                    button.action, left=command.pos[0] < button.box[0] + button.box[2] * 0.5
                )
        elif isinstance(command, Confirm | Advance):
            if focused is not None:
                self._activate(focused.action)
        elif isinstance(command, Back):
            self._activate(BACK)

    def _activate(self, action: str, left: bool = False) -> None:
        if action == BACK:
            self.ctx.sounds.play("confirm")
            self.ctx.stack.pop()
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
