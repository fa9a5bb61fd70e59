"""The introduction: a few short pages on what Rapport scores, how, and how to play it.

Shown once on the first run (game.ui.flow) and again from the settings. Every
page can be skipped; the screen finishes with None however it is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pygame

from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Command, Confirm, Move, Scroll
from game.ui.drawing import button_height, draw_button
from game.ui.hints import HintBar, draw_hints, footer_bar, footer_height
from game.ui.scene import Context, Scene
from game.ui.scenes.common import plain_backdrop, row_buttons
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved, ScrollArea

PANEL_W = 900.0  # logical pixels at the standard text size
ITEM_GAP = 12.0  # logical pixels between the items of a page
SKIP, PREVIOUS, NEXT = "skip", "previous", "next"


class Page(NamedTuple):
    """One page of the introduction: its title, a lead paragraph and terms explained."""

    title: str
    lead: str
    items: tuple[tuple[str, str], ...] = ()  # (term, what it means)


PAGES = (
    Page(
        "Welcome to Rapport",
        "Rapport is practice for the conversations that bring customers back. In each "
        "scenario a customer comes to you, and you choose what to say; the story goes on "
        "from your choice. There is no trick to find: the best answer is the one that "
        "listens best. It takes about a minute to learn.",
    ),
    Page(
        "Three things are scored",
        "Every choice can earn or cost points in three competencies:",
        (
            (
                "Empathy",
                "showing the customer you heard them: their words, their mood, what "
                "matters to them.",
            ),
            (
                "Anticipation",
                "seeing what they will need next from a cue they gave, before they ask.",
            ),
            (
                "Upsell",
                "offering more only when it truly serves them: the right product at the "
                "right moment, and sometimes saying no.",
            ),
        ),
    ),
    Page(
        "How scoring and modes work",
        "At the end, each competency is a percent: 0% is the least anyone can score in "
        "that scenario, 100% the most anyone can. The overall is their average.",
        (
            (
                "Passing",
                "a module's scenarios are passed when your overall reaches its pass mark, "
                "shown under the module; passing one can unlock the next.",
            ),
            (
                "Coaching",
                "the coach comments after every choice, and you may take a choice back.",
            ),
            (
                "Assessment",
                "no hints until the debrief, and the choices come in an order of their own "
                "each time. Teams usually take their results this way.",
            ),
            (
                "The debrief",
                "every decision beside the best one at that point, and what you missed.",
            ),
        ),
    ),
    Page(
        "How to play",
        "Play with whatever suits you; you can mix them.",
        (
            (
                "Keyboard",
                "Space goes on, the number keys say a choice (or ↑↓ and Enter), Esc pauses, "
                "H shows the conversation so far, Backspace takes a choice back in coaching.",
            ),
            (
                "Mouse or touch",
                "click or tap the text to go on and a choice to say it; the key pills at "
                "the top and bottom work as buttons; the right button pauses.",
            ),
            (
                "Voice",
                "press V, or turn on Read aloud in Settings, and your computer reads the "
                "lines, the choices with their numbers and the debrief.",
            ),
            (
                "Settings",
                "larger text, longer or no timers, high contrast and reduced motion. This "
                "introduction is there too.",
            ),
        ),
    ),
)


def page_text(page: Page) -> str:
    """The page as one text, as it is read aloud."""
    items = " ".join(f"{term}: {meaning}" for term, meaning in page.items)
    return f"{page.title}. {page.lead} {items}".strip()


class IntroScene(Scene[None]):
    name = "intro"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.page = 0
        self.focus: FocusGroup[str] = FocusGroup()
        self.area = ScrollArea()
        self.panel: Box = (0.0, 0.0, 0.0, 0.0)
        self.bar_y = 0.0
        self._build()

    def _build(self) -> None:
        last = self.page == len(PAGES) - 1
        buttons = [Button("Skip", SKIP, kind="quiet")]
        if self.page > 0:
            buttons.append(Button("Back", PREVIOUS))
        buttons.append(Button("Start playing" if last else "Next", NEXT, kind="primary"))
        self.focus.set(buttons, keep=NEXT)

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 80, PANEL_W * max(1.0, canvas.text_scale * 0.8))
        x = (CANVAS_W - width) / 2
        top = 24.0
        bottom = CANVAS_H - footer_height(canvas) - 24
        self.panel = (x, top, width, bottom - top)
        bar_h = button_height(canvas)
        self.bar_y = bottom - PAD - bar_h
        row_buttons(canvas, self.focus.buttons, x + width - PAD, self.bar_y)
        skip = self.focus.buttons[0]
        skip.box = (x + PAD, self.bar_y, skip.box[2], skip.box[3])
        heading = canvas.line_height("label") + 6 + canvas.line_height("title") + GAP
        area_top = top + PAD + heading
        self.area.box = (x + PAD, area_top, width - 2 * PAD, self.bar_y - GAP - area_top)
        self.area.content_height = self._content_height(canvas, width - 2 * PAD - 12)
        self.area.clamp()

    def _content_height(self, canvas: Canvas, width: float) -> float:
        page = PAGES[self.page]
        height = canvas.wrap(page.lead, "body", width).height
        for _term, meaning in page.items:
            height += ITEM_GAP + canvas.line_height("subheading") + 2
            height += canvas.wrap(meaning, "small", width).height
        return height

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if isinstance(command, Move) and command.dx:
            self._turn(command.dx)
            return
        if isinstance(command, Move) and command.dy:
            self.area.scroll(command.dy * 2.0)
            return
        if isinstance(command, Scroll):
            self.area.scroll(command.lines)
            return
        event = self.focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            if event.action == SKIP:
                self._finish()
            else:
                self._turn(-1 if event.action == PREVIOUS else 1)
        elif isinstance(command, Back):
            self._finish()

    def _turn(self, step: int) -> None:
        page = self.page + step
        if page >= len(PAGES):
            self._finish()
            return
        if page < 0 or page == self.page:
            return
        self.ctx.sounds.play("select")
        self.page = page
        self._build()
        self.area.target = self.area.offset = 0.0
        self.relayout()
        self.ctx.voice.say(self.spoken())

    def _finish(self) -> None:
        self.ctx.sounds.play("confirm")
        self.dismiss(None)

    def update(self, step_s: float) -> None:
        self.area.update(step_s, instant=self.ctx.settings.reduced_motion)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        x, y, w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        page = PAGES[self.page]
        step = f"{self.page + 1} of {len(PAGES)}"
        canvas.text(step, "label", (x + PAD, y + PAD), p.accent)
        canvas.text(
            canvas.fit(page.title, "title", w - 2 * PAD),
            "title",
            (x + PAD, y + PAD + canvas.line_height("label") + 6),
            p.ink,
        )
        ax, ay, aw, _ah = self.area.box
        inner = aw - 12
        with canvas.clip(self.area.box):
            cy = ay - self.area.offset
            lead = canvas.wrap(page.lead, "body", inner)
            canvas.block(lead, (ax, cy), p.ink)
            cy += lead.height
            for term, meaning in page.items:
                cy += ITEM_GAP
                canvas.text(term, "subheading", (ax, cy), p.accent)
                cy += canvas.line_height("subheading") + 2
                block = canvas.wrap(meaning, "small", inner)
                canvas.block(block, (ax, cy), p.ink)
                cy += block.height
        self.area.draw_indicators(canvas, p.ink_muted)
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)
        draw_hints(canvas, self)

    def hint_bars(self) -> Sequence[HintBar]:
        hints = [("←→", "page"), ("Enter", "next"), ("Esc", "skip")]
        return [footer_bar(self.ctx.canvas, hints)]

    def spoken(self) -> str:
        return page_text(PAGES[self.page])

    @property
    def view(self) -> object:
        return (self.name, self.page)

    @property
    def settled(self) -> bool:
        return self.area.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        return [auto.key(pygame.K_ESCAPE)]  # a demo skips the introduction
