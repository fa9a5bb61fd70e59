"""The conversation so far, over the conversation: every line and every choice, scrollable."""

from __future__ import annotations

from collections.abc import Hashable

import pygame

from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Canvas
from game.ui.commands import Back, Click, Command, Confirm, Move, Scroll, ShowHistory
from game.ui.hints import HintBar, draw_hints
from game.ui.scene import Context, Scene
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import ScrollArea, inside

PANEL_W = 860.0  # logical pixels
ENTRY_GAP = 14.0  # logical pixels between lines of the transcript


class HistoryScene(Scene[None]):
    name = "history"
    overlay = True

    def __init__(self, ctx: Context, lines: list[tuple[str, str, str]]) -> None:
        super().__init__(ctx)
        self.lines = lines
        self.area = ScrollArea()
        self.entries: list[tuple[float, float]] = []  # (y in content, height) per line
        self.panel = (0.0, 0.0, 0.0, 0.0)

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 80, PANEL_W * max(1.0, canvas.text_scale * 0.85))
        x = (CANVAS_W - width) / 2
        self.panel = (x, 40.0, width, CANVAS_H - 80)
        inner = width - 2 * PAD - 16
        heading = canvas.line_height("heading") + GAP
        self.area.box = (
            x + PAD,
            40 + PAD + heading,
            width - 2 * PAD,
            CANVAS_H - 80 - 2 * PAD - heading - 30,
        )
        y = 0.0
        self.entries = []
        for who, text, kind in self.lines:
            height = canvas.line_height("label") + 4 if who else 0.0
            style = "small_italic" if kind == "narration" else "small"
            height += canvas.wrap(text, style, inner).height if text else 0.0
            self.entries.append((y, height))
            y += height + ENTRY_GAP
        self.area.content_height = max(0.0, y - ENTRY_GAP)
        self.area.target = self.area.limit  # open at the latest line
        self.area.jump()

    def handle(self, command: Command) -> None:
        if isinstance(command, Back | ShowHistory | Confirm) or (
            isinstance(command, Click) and not inside(self.panel, command.pos)
        ):
            self.dismiss(None)
        elif isinstance(command, Scroll):
            self.area.scroll(command.lines)
        elif isinstance(command, Move) and command.dy:
            self.area.scroll(command.dy * 1.5)

    def update(self, step_s: float) -> None:
        self.area.update(step_s, instant=self.ctx.settings.reduced_motion)

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        canvas.scrim(p.scrim, p.scrim_alpha)
        x, y, _w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha + 30)
        canvas.text("The conversation so far", "heading", (x + PAD, y + PAD), p.ink)
        ax, ay, aw, ah = self.area.box
        inner = aw - 16
        with canvas.clip(self.area.box):
            for (who, text, kind), (top, height) in zip(self.lines, self.entries, strict=True):
                ty = ay + top - self.area.offset
                if ty > ay + ah or ty + height < ay:
                    continue
                if who:
                    colour = (
                        p.accent
                        if kind == "you"
                        else (p.success if kind == "ending" else p.nametag)
                    )
                    canvas.text(who, "label", (ax, ty), colour)
                    ty += canvas.line_height("label") + 4
                if text:
                    style = "small_italic" if kind == "narration" else "small"
                    colour = p.ink_muted if kind == "narration" else p.ink
                    canvas.block(canvas.wrap(text, style, inner), (ax, ty), colour)
        self.area.draw_indicators(canvas, p.ink_muted)
        draw_hints(canvas, self)

    def spoken(self) -> str:
        lines = " ".join(f"{who}: {text}" if who else text for who, text, _ in self.lines)
        return f"The conversation so far. {lines}"

    def hint_bars(self) -> list[HintBar]:
        x, y, w, h = self.panel
        return [HintBar((("↑↓", "scroll"), ("H", "close")), (x + w - PAD, y + h - PAD + 4))]

    @property
    def view(self) -> Hashable:
        return (self.name, round(self.area.target))

    @property
    def settled(self) -> bool:
        return self.area.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        return [auto.key(pygame.K_ESCAPE)]
