"""Pieces several screens share: backdrops, headings, footers, and the dialog/menu overlay."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import pygame

from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Choose, Click, Command, Confirm, Pause
from game.ui.drawing import button_height, draw_button
from game.ui.hints import Hint, draw_hint_bar, footer_bar
from game.ui.scene import Context, Scene
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved, inside

A = TypeVar("A")

MENU_W = 560.0  # logical pixels: the width of dialogs and menus


def plain_backdrop(canvas: Canvas) -> None:
    """The warm gradient used behind menus and pages without scene art."""
    p = canvas.palette
    canvas.gradient((0, 0, CANVAS_W, CANVAS_H), p.backdrop_top, p.panel_alt)


def art_backdrop(canvas: Canvas, surface: pygame.Surface) -> None:
    """Scene art over the whole canvas, darkened in high contrast so panels stand out."""
    canvas.image(surface, (0, 0))
    canvas.scrim(canvas.palette.scrim, canvas.palette.art_dim)


def page_heading(canvas: Canvas, title: str, subtitle: str | None = None) -> float:
    """A screen's title at the top left; returns the y below it."""
    box = canvas.text(title, "title", (MARGIN, 30), canvas.palette.ink)
    y = box[1] + box[3]
    if subtitle:
        block = canvas.wrap(subtitle, "small", CANVAS_W - 2 * MARGIN)
        canvas.block(block, (MARGIN, y + 4), canvas.palette.ink_muted)
        y += 4 + block.height
    return y


def footer(canvas: Canvas, hints: Sequence[Hint], pointed: Hint | None = None) -> None:
    """Key hints along the bottom right on a light pill, so the keyboard is discoverable; the
    ones that stand for a command are buttons too (a screen lists them in `hint_bars`)."""
    draw_hint_bar(canvas, footer_bar(canvas, hints), pointed)


def stack_buttons(
    canvas: Canvas, buttons: Sequence[Button[A]], x: float, y: float, width: float, gap: float = 12
) -> float:
    """Give buttons boxes one under the other; returns the y below the last."""
    for button in buttons:
        height = button_height(canvas, button.style)
        button.box = (x, y, width, height)
        y += height + gap
    return y - gap if buttons else y


def row_buttons(
    canvas: Canvas, buttons: Sequence[Button[A]], right: float, y: float, gap: float = 12
) -> None:
    """Give buttons boxes side by side, ending at `right`, each as wide as its label."""
    x = right
    for button in reversed(buttons):
        width = max(150.0, canvas.measure(button.label, button.style)[0] + 48)
        x -= width
        button.box = (x, y, width, button_height(canvas, button.style))
        x -= gap


class DialogScene(Scene[None]):
    """A menu over the current screen: a title, a message and buttons (pause, questions).

    Each option runs its action once the menu is gone, so an action may finish
    the screen below it.
    """

    overlay = True

    def __init__(
        self,
        ctx: Context,
        title: str,
        message: str,
        options: Sequence[tuple[str, Callable[[], None]]],
        name: str = "dialog",
        on_back: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(ctx)
        self.name = name
        self.title = title
        self.message = message
        self.options = list(options)
        self.on_back = on_back
        self.focus: FocusGroup[int] = FocusGroup()
        self.focus.set(
            [
                Button(
                    label, index, kind="primary" if index == 0 else "normal", badge=str(index + 1)
                )
                for index, (label, _) in enumerate(self.options)
            ]
        )
        self.panel: Box = (0, 0, 0, 0)

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 2 * MARGIN, MENU_W * max(1.0, canvas.text_scale * 0.9))
        inner = width - 2 * PAD - 8
        title_h = canvas.line_height("heading")
        message_h = canvas.wrap(self.message, "body", inner).height if self.message else 0.0
        buttons_h = sum(button_height(canvas, b.style) + 12 for b in self.focus.buttons) - 12
        height = (
            PAD + title_h + (GAP + message_h if self.message else 0) + GAP * 1.5 + buttons_h + PAD
        )
        height = min(height, CANVAS_H - 2 * 20)
        x = (CANVAS_W - width) / 2
        y = (CANVAS_H - height) / 2
        self.panel = (x, y, width, height)
        stack_buttons(canvas, self.focus.buttons, x + PAD + 4, y + height - PAD - buttons_h, inner)

    def _activate(self, index: int) -> None:
        self.ctx.sounds.play("confirm")
        self.dismiss(None)
        self.options[index][1]()

    def _back(self) -> None:
        self.dismiss(None)
        if self.on_back is not None:
            self.on_back()

    def handle(self, command: Command) -> None:
        event = self.focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            self._activate(event.action)
        elif isinstance(command, Choose):
            if 1 <= command.number <= len(self.options):
                self._activate(command.number - 1)
        elif isinstance(command, Back | Pause) or (
            isinstance(command, Click) and not inside(self.panel, command.pos)
        ):
            self._back()  # Esc, the right button, or a click beside the menu: as "Resume"

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        canvas.scrim(p.scrim, p.scrim_alpha)
        x, y, w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha + 40)
        canvas.text(self.title, "heading", (x + PAD + 4, y + PAD), p.ink)
        if self.message:
            block = canvas.wrap(self.message, "body", w - 2 * PAD - 8)
            canvas.block(block, (x + PAD + 4, y + PAD + canvas.line_height("heading") + GAP), p.ink)
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)

    def spoken(self) -> str:
        return f"{self.title}. {self.message}" if self.message else f"{self.title}."

    @property
    def view(self) -> Hashable:
        return (self.name, self.title)

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        # An autoplay never means to open a menu: close it and go on.
        return [auto.key(pygame.K_ESCAPE)]
