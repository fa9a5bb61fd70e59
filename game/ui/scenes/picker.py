"""The module and scenario picker: modules with progress, scenario cards, locks, and the mode.

What is passed and locked comes from game.core.progress over the player's bests
(`ctx.progress`, read from the results store). The picker emits the chosen
scenario (`PlayChoice`) and is dismissed with None when the player goes back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.model import Module, Scenario
from game.core.modes import Mode
from game.core.progress import module_progress
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Click, Command, Confirm, Hover, Point, Scroll
from game.ui.drawing import bar, button_height, draw_button, draw_lock
from game.ui.hints import HintBar, draw_hints, footer_bar
from game.ui.scene import Context, Scene
from game.ui.scenes.common import plain_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, RADIUS, mix
from game.ui.widgets import Activated, Button, FocusGroup, Moved, ScrollArea, inside

MODE_TEXT = {
    Mode.COACH: "Coaching: the coach comments after every choice; you may take one back.",
    Mode.ASSESS: "Assessment: no hints while you play; all feedback comes in the debrief.",
}
CARD_PAD = 20.0  # logical pixels inside a scenario card
BOTTOM = CANVAS_H - 52  # logical y where the scrolling cards end (the footer is below)

Action = tuple[str, str]  # ("mode", "coach"), ("module", id), ("card", scenario id)


@dataclass(frozen=True)
class PlayChoice:
    """Play `scenario` in `mode`, as part of `module` (None: practice outside a module)."""

    scenario: str
    mode: Mode
    module: str | None


@dataclass
class Card:
    scenario: Scenario
    best: float | None
    passed: bool
    locked_by: str | None  # the title of the scenario to pass first
    content: Box = (0.0, 0.0, 0.0, 0.0)  # inside the scrolling area, before scrolling


def module_cards(ctx: Context, module: Module, chosen: str | None = None) -> list[Card]:
    """The module's scenarios with the player's best and what is locked."""
    progress = module_progress(module, ctx.progress.bests, open_anyway=chosen)
    cards: list[Card] = []
    for entry in progress.scenarios:
        scenario = ctx.library.scenario(entry.scenario)
        if scenario is None:
            continue
        first = ctx.library.scenario(entry.locked_by) if entry.locked_by else None
        locked_by = (first.title if first else entry.locked_by) if entry.locked_by else None
        cards.append(Card(scenario, entry.best, entry.passed, locked_by))
    return cards


class PickerScene(Scene[PlayChoice | None]):
    name = "picker"

    def __init__(
        self, ctx: Context, module: str | None = None, scenario: str | None = None
    ) -> None:
        super().__init__(ctx)
        self.modules = ctx.library.modules()
        self.chosen = scenario or ctx.options.scenario  # opened from the command line
        if self.chosen is not None and module is None:
            home = ctx.library.module_of(self.chosen)
            module = home.id if home else None
        self.module = next((m for m in self.modules if m.id == module), self.modules[0])
        self.mode = Mode(ctx.options.mode or ctx.settings.default_mode)
        self.progress_seen = ctx.progress.version
        self.cards: list[Card] = []
        self.focus: FocusGroup[Action] = FocusGroup()
        self.area = ScrollArea()
        self.module_boxes: dict[str, Box] = {}
        self.header_y = 0.0
        self.heading_y = 0.0  # the module's heading, above its cards
        self._load_cards()
        keep: Action = ("card", self.chosen) if self.chosen else ("module", self.module.id)
        if not self.chosen and self.cards:
            unlocked = [c for c in self.cards if c.locked_by is None]
            first = next((c for c in unlocked if not c.passed), unlocked[0] if unlocked else None)
            if first is not None:
                keep = ("card", first.scenario.id)
        self._keep: Action = keep

    def _load_cards(self) -> None:
        self.progress_seen = self.ctx.progress.version
        self.cards = module_cards(self.ctx, self.module, self.chosen)
        self.progress: dict[str, tuple[int, int]] = {}
        for module in self.modules:
            cards = module_cards(self.ctx, module, self.chosen)
            self.progress[module.id] = (sum(1 for c in cards if c.passed), len(cards))

    def enter(self) -> None:
        # Coming back from a debrief, or the store's answer came: bests and locks may differ.
        focused = self.focus.focused.action if self.focus.focused else self._keep
        self._load_cards()
        self._keep = focused
        self.relayout()
        problem = self.ctx.progress.problem
        if problem is not None:
            self.ctx.notify(
                f"Your earlier results could not be read ({problem.rstrip('.')}); only this "
                "session's results unlock scenarios.",
                error=True,
            )

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        scale = canvas.text_scale
        buttons: list[Button[Action]] = []
        # The mode switch, top right.
        mode_y = 32.0
        right: float = CANVAS_W - MARGIN
        for mode in reversed(Mode):
            label = mode.label
            width = canvas.measure(label, "button")[0] + 44
            height = button_height(canvas)
            kind = "primary" if mode == self.mode else "normal"
            buttons.insert(
                0, Button(label, ("mode", mode), (right - width, mode_y, width, height), kind)
            )
            right -= width + 8
        self.header_y = max(mode_y + button_height(canvas), 30 + canvas.line_height("title")) + 4
        mode_text = canvas.wrap(MODE_TEXT[self.mode], "small", self._mode_text_width(canvas))
        playing = canvas.line_height("small") if self.ctx.player else 0.0
        top = self.header_y + max(mode_text.height, playing) + 18
        # Modules, left column.
        left_w = 330.0 if scale < 1.3 else 300.0
        self.heading_y = top
        y = top
        self.module_boxes = {}
        for module in self.modules:
            title = canvas.wrap(module.title, "subheading", left_w - 36)
            height = 18 + title.height + 8 + canvas.line_height("caption") + 14 + 8 + 14
            box = (MARGIN, y, left_w, height)
            self.module_boxes[module.id] = box
            buttons.append(Button(module.title, ("module", module.id), box, kind="module"))
            y += height + 12
        # Cards, right, in a scrolling area below the module's heading.
        x0 = MARGIN + left_w + 28
        width = CANVAS_W - MARGIN - x0
        heading = canvas.wrap(self.module.title, "heading", width)
        summary = canvas.wrap(self._module_line(), "small", width)
        cards_top = top + heading.height + 6 + summary.height + GAP
        columns = 2 if scale < 1.3 else 1
        card_w = (width - (columns - 1) * GAP) / columns
        y = 0.0
        for start in range(0, len(self.cards), columns):
            row = self.cards[start : start + columns]
            height = max(self._card_height(canvas, c, card_w) for c in row)
            for column, card in enumerate(row):
                card.content = (x0 + column * (card_w + GAP), y, card_w, height)
            y += height + GAP
        self.area.box = (x0 - 8, cards_top, width + 16, BOTTOM - cards_top)
        self.area.content_height = max(0.0, y - GAP) + 8
        self.area.clamp()
        for card in self.cards:
            buttons.append(
                Button(
                    card.scenario.title, ("card", card.scenario.id), self._screen_box(card), "card"
                )
            )
        previous = self.focus.focused.action if self.focus.focused else self._keep
        self.focus.set(buttons, keep=previous)
        self._show_focused(jump=True)

    def _mode_text_width(self, canvas: Canvas) -> float:
        playing = (
            canvas.measure(f"Playing as {self.ctx.player}", "small")[0] if self.ctx.player else 0
        )
        return min(720.0, CANVAS_W - 2 * MARGIN - playing - 40)

    def _module_line(self) -> str:
        module = self.module
        rule = (
            "Scenarios unlock one by one"
            if module.unlock == "sequential"
            else "Play the scenarios in any order"
        )
        summary = f"{module.summary} " if module.summary else ""
        return f"{summary}{rule}; {module.pass_percent:g}% passes."

    def _card_height(self, canvas: Canvas, card: Card, width: float) -> float:
        inner = width - 2 * CARD_PAD
        title = canvas.wrap(card.scenario.title, "subheading", inner - 40)
        summary = canvas.wrap(card.scenario.summary, "small", inner)
        meta = canvas.wrap(self._meta(card), "caption", inner)
        status = canvas.line_height("label")
        return (
            CARD_PAD + title.height + 8 + summary.height + 10 + meta.height + 12 + status + CARD_PAD
        )

    @staticmethod
    def _meta(card: Card) -> str:
        parts = []
        if card.scenario.minutes:
            parts.append(f"{card.scenario.minutes} min")
        if card.scenario.source is not None:
            parts.append(f"from “{card.scenario.source.title}”")
        return " · ".join(parts)

    def _screen_box(self, card: Card) -> Box:
        x, y, w, h = card.content
        return (x, self.area.box[1] + 4 + y - self.area.offset, w, h)

    def _show_focused(self, jump: bool = False) -> None:
        focused = self.focus.focused
        if focused is None or focused.action[0] != "card":
            return
        card = next(c for c in self.cards if c.scenario.id == focused.action[1])
        self.area.show(card.content[1], card.content[3] + 8)
        if jump:
            self.area.jump()
            self._place_cards()

    def _place_cards(self) -> None:
        for button in self.focus.buttons:
            if button.action[0] == "card":
                card = next(c for c in self.cards if c.scenario.id == button.action[1])
                button.box = self._screen_box(card)

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        event = self.focus.handle(
            Confirm() if isinstance(command, Advance) else command, self._pointable
        )
        pointing = isinstance(command, Hover | Click)
        if isinstance(event, Moved):
            self._focus_changed(scroll=not pointing)
        elif isinstance(event, Activated):
            if pointing:
                self._focus_changed(scroll=False)
            self._activate(event.action)
        elif isinstance(command, Scroll):
            self.area.scroll(command.lines)
        elif isinstance(command, Back):
            self.ctx.sounds.play("confirm")
            self.dismiss(None)

    def _pointable(self, pos: Point) -> bool:
        """Cards scrolled out of view cannot be pointed at."""
        button = self.focus.at(pos)
        if button is None or button.action[0] != "card":
            return True
        return inside(self.area.box, pos)

    def _focus_changed(self, scroll: bool = True) -> None:
        self.ctx.sounds.play("select")
        focused = self.focus.focused
        if focused is None:
            return
        kind, value = focused.action
        if kind == "module" and value != self.module.id:
            self.module = next(m for m in self.modules if m.id == value)
            self._load_cards()
            self.area.target = self.area.offset = 0.0
            self.relayout()
        elif scroll:
            self._show_focused()

    def _activate(self, action: Action) -> None:
        kind, value = action
        if kind == "mode":
            if value != self.mode:
                self.mode = Mode(value)
                self.ctx.sounds.play("confirm")
                self.relayout()
        elif kind == "module":
            first = next((c for c in self.cards if c.locked_by is None), None)
            if first is not None and self.focus.focus_action(("card", first.scenario.id)):
                self._focus_changed()
        elif kind == "card":
            card = next(c for c in self.cards if c.scenario.id == value)
            if card.locked_by is not None:
                self.ctx.sounds.play("feedback-bad")
                self.ctx.notify(f"Pass “{card.locked_by}” first to unlock “{card.scenario.title}”.")
                return
            self.ctx.sounds.play("confirm")
            self.emit(PlayChoice(value, self.mode, self._module_id()))

    def _module_id(self) -> str | None:
        from game.ui.services import ALL_SCENARIOS, MORE_SCENARIOS

        return None if self.module.id in (ALL_SCENARIOS, MORE_SCENARIOS) else self.module.id

    def update(self, step_s: float) -> None:
        if self.ctx.progress.version != self.progress_seen:  # the store's bests arrived
            self.enter()
        before = self.area.offset
        self.area.update(step_s, instant=self.ctx.settings.reduced_motion)
        if self.area.offset != before:
            self._place_cards()

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        canvas.text("Choose a scenario", "title", (MARGIN, 30), p.ink)
        player = self.ctx.player
        if player:
            canvas.text(f"Playing as {player}", "small", (MARGIN, self.header_y), p.ink_muted)
        mode_text = canvas.wrap(MODE_TEXT[self.mode], "small", self._mode_text_width(canvas))
        focused = self.focus.focused
        for button in self.focus.buttons:
            if button.action[0] == "mode":
                draw_button(canvas, button, button is focused)
        width = self._mode_text_width(canvas)
        canvas.block(
            mode_text,
            (CANVAS_W - MARGIN - width, self.header_y),
            p.ink_muted,
            align="right",
            width=width,
        )
        for module in self.modules:
            self._draw_module(canvas, module, focused)
        x0 = self.area.box[0] + 8
        width = self.area.box[2] - 16
        heading = canvas.wrap(self.module.title, "heading", width)
        top = self.heading_y  # level with the first module, whichever is chosen
        canvas.block(heading, (x0, top), p.ink)
        summary = canvas.wrap(self._module_line(), "small", width)
        canvas.block(summary, (x0, top + heading.height + 6), p.ink_muted)
        with canvas.clip(self.area.box):
            for card in self.cards:
                box = self._screen_box(card)
                if (
                    box[1] + box[3] < self.area.box[1]
                    or box[1] > self.area.box[1] + self.area.box[3]
                ):
                    continue
                self._draw_card(
                    canvas,
                    card,
                    box,
                    focused is not None and focused.action == ("card", card.scenario.id),
                )
        self.area.draw_indicators(canvas, p.ink_muted)
        draw_hints(canvas, self)

    def spoken(self) -> str:
        return f"Choose a scenario. {MODE_TEXT[self.mode]} Module: {self.module.title}."

    def hint_bars(self) -> list[HintBar]:
        hints = [("←↑↓→", "move"), ("Enter", "play"), ("Esc", "back")]
        return [footer_bar(self.ctx.canvas, hints)]

    def _draw_module(self, canvas: Canvas, module: Module, focused: Button[Action] | None) -> None:
        p = canvas.palette
        box = self.module_boxes[module.id]
        x, y, w, h = box
        selected = module.id == self.module.id
        has_focus = focused is not None and focused.action == ("module", module.id)
        if has_focus:
            canvas.focus_ring(box, RADIUS)
        fill = p.panel if selected else mix(p.panel_alt, p.panel, 0.3)
        canvas.panel(
            box,
            fill,
            RADIUS,
            shadow=p.shadow_alpha // 2 if selected else 0,
            border=None if selected else p.button_border,
        )
        if selected:
            canvas.rect((x, y + 14, 5, h - 28), p.accent, radius=2)
        title = canvas.wrap(module.title, "subheading", w - 36)
        canvas.block(title, (x + 18, y + 18), p.ink)
        passed, total = self.progress[module.id]
        line_y = y + 18 + title.height + 8
        canvas.text(f"{passed} of {total} passed", "caption", (x + 18, line_y), p.ink_muted)
        bar(canvas, (x + 18, y + h - 22, w - 36, 8), passed / max(1, total), p.success)

    def _draw_card(self, canvas: Canvas, card: Card, box: Box, focused: bool) -> None:
        p = canvas.palette
        x, y, w, h = box
        locked = card.locked_by is not None
        if focused:
            canvas.focus_ring(box, RADIUS)
        canvas.panel(
            box,
            p.disabled if locked else p.panel,
            RADIUS,
            shadow=0 if locked else p.shadow_alpha // 2,
            border=None if locked else p.button_border,
        )
        inner = w - 2 * CARD_PAD
        ink = p.disabled_ink if locked else p.ink
        muted = p.disabled_ink if locked else p.ink_muted
        title = canvas.wrap(card.scenario.title, "subheading", inner - 40)
        canvas.block(title, (x + CARD_PAD, y + CARD_PAD), ink)
        if locked:
            draw_lock(canvas, (x + w - CARD_PAD - 12, y + CARD_PAD + 14), 20, p.disabled_ink)
        elif card.passed:
            canvas.circle((x + w - CARD_PAD - 12, y + CARD_PAD + 13), 14, p.success)
            canvas.text(
                "✓", "label", (x + w - CARD_PAD - 12, y + CARD_PAD + 13), p.ink_on_dark, "center"
            )
        ty = y + CARD_PAD + title.height + 8
        summary = canvas.wrap(card.scenario.summary, "small", inner)
        canvas.block(summary, (x + CARD_PAD, ty), ink)
        ty += summary.height + 10
        meta = canvas.wrap(self._meta(card), "caption", inner)
        canvas.block(meta, (x + CARD_PAD, ty), muted)
        status_y = y + h - CARD_PAD - canvas.line_height("label")
        if locked:
            text, colour = canvas.fit(f"Pass “{card.locked_by}” to unlock", "label", inner), muted
        elif card.best is None:
            text, colour = "Not played yet", p.accent
        elif card.passed:
            text, colour = f"Best {card.best:g}% · passed", p.success
        else:
            text, colour = f"Best {card.best:g}% · {self.module.pass_percent:g}% passes", p.partial
        canvas.text(text, "label", (x + CARD_PAD, status_y), colour)

    # -- for screenshots and autoplay -------------------------------------------------------------
    @property
    def view(self) -> object:
        focused = self.focus.focused.action if self.focus.focused else None
        return (
            self.name,
            self.mode,
            self.module.id,
            focused if self.ctx.autoplay is None else None,
        )

    @property
    def settled(self) -> bool:
        return self.area.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        canvas = self.ctx.canvas
        if self.mode != plan.mode:
            button = next(b for b in self.focus.buttons if b.action == ("mode", plan.mode))
            return auto.click(canvas, button.box)
        card = next((b for b in self.focus.buttons if b.action == ("card", plan.scenario)), None)
        if card is None:
            return []
        return auto.click(canvas, card.box)
