"""The title screen: the player's name, Continue (with an autosave), Play, Leaderboard, Settings.

It emits the player's choice (`TitleChoice`) once the name is checked and the
scenarios are loaded; game.ui.flow opens what was chosen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import pygame

from game.core.players import MAX_PLAYER_NAME_CHARS, PlayerNameError, check_player_name
from game.saves import Autosave
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas
from game.ui.commands import (
    Advance,
    Back,
    Command,
    Confirm,
)
from game.ui.drawing import button_height, draw_button
from game.ui.hints import HintBar, draw_hints, footer_bar
from game.ui.scene import Context, Scene
from game.ui.scenes.common import art_backdrop, plain_backdrop, stack_buttons
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved, TextField

TAGLINE_Y = 138.0  # logical y of the line under the wordmark
FADE_S = 0.35  # seconds for the title art to fade in after the first frame
PANEL_W = 440.0  # logical pixels at the standard text size
NAME = "name"  # the focus entry standing for the name field
CONTINUE, PLAY, BOARD, SETTINGS, QUIT = "continue", "play", "leaderboard", "settings", "quit"
TEAM = "team-round"  # several players take turns on this machine
LIVE = "live"  # host a live session: the room plays from its phones


class TitleChoice(NamedTuple):
    """What the player chose: `action` is PLAY, CONTINUE, BOARD, TEAM, LIVE or SETTINGS."""

    action: str
    autosave: Autosave | None = None  # with CONTINUE: the game to continue


class TitleScene(Scene[TitleChoice]):
    name = "title"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        start = ctx.options.player or ctx.settings.player_name
        self.field = TextField(start, MAX_PLAYER_NAME_CHARS, placeholder="Type your name")
        self.error: str | None = None
        self.autosave: Autosave | None = None
        self.focus: FocusGroup[str] = FocusGroup()
        self.art_alpha = 0.0  # 0 on the first frame: art is loaded after it is shown
        self.pending: str | None = None  # an action waiting for the scenarios to load
        self.panel = (0.0, 0.0, 0.0, 0.0)
        self.show_tagline = self.show_footer = True
        self._build(keep=PLAY if self._name_ok(start) else NAME)

    # -- building ---------------------------------------------------------------------------------
    def _name_ok(self, text: str) -> bool:
        try:
            check_player_name(text)
        except PlayerNameError:
            return False
        return True

    def _build(self, keep: str | None) -> None:
        buttons: list[Button[str]] = [Button("", NAME, kind="field")]
        if self.autosave is not None:
            buttons.append(Button(f"Continue: {self.autosave.title}", CONTINUE, kind="primary"))
        buttons += [
            Button("Play", PLAY, kind="normal" if self.autosave else "primary"),
            Button("Leaderboard", BOARD),
            Button("Team round", TEAM),
            Button("Host a live session", LIVE),
            Button("Settings", SETTINGS),
            Button("Quit", QUIT, kind="quiet"),
        ]
        self.focus.set(buttons, keep=keep)

    def enter(self) -> None:
        saves = self.ctx.saves
        autosave, problems = saves.latest()
        for problem in problems:
            self.ctx.notify(problem, error=True)
        if (autosave is None) != (self.autosave is None) or autosave != self.autosave:
            focused = self.focus.focused.action if self.focus.focused else None
            self.autosave = autosave
            self._build(keep=CONTINUE if autosave and focused == PLAY else focused)
            self.relayout()

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 80, PANEL_W * max(1.0, canvas.text_scale * 0.95))
        inner = width - 2 * PAD
        label_h = canvas.line_height("label")
        field_h = canvas.line_height("subheading") + 28
        error_h = canvas.wrap(self.error, "small", inner).height + 8 if self.error else 0.0
        buttons = [b for b in self.focus.buttons if b.kind != "field"]
        buttons_h = sum(button_height(canvas, b.style) + 10 for b in buttons) - 10
        height = PAD + label_h + 8 + field_h + error_h + GAP + 8 + buttons_h + PAD
        tagline_bottom = TAGLINE_Y + canvas.line_height("subheading")
        footer_h = canvas.measure("Esc", "key")[1] + 48
        self.show_tagline = self.show_footer = True
        top = max(tagline_bottom + 20, (CANVAS_H - height) / 2 + 90)
        if top + height > CANVAS_H - footer_h:  # large text: give the menu the room
            self.show_footer = False
            top = max(tagline_bottom + 20, CANVAS_H - 12 - height)
            if top + height > CANVAS_H - 12:
                self.show_tagline = False
                top = max(TAGLINE_Y, CANVAS_H - 12 - height)
        x = (CANVAS_W - width) / 2
        self.panel = (x, top, width, height)
        y = top + PAD + label_h + 8
        self.field.box = (x + PAD, y, inner, field_h)
        self.focus.buttons[0].box = self.field.box
        y += field_h + error_h + GAP + 8
        stack_buttons(canvas, buttons, x + PAD, y, inner, gap=10)

    # -- input ------------------------------------------------------------------------------------
    @property
    def text_input(self) -> bool:
        focused = self.focus.focused
        return focused is not None and focused.action == NAME

    @property
    def text_input_box(self) -> Box | None:
        return self.field.box if self.text_input else None

    def handle(self, command: Command) -> None:
        focus = self.focus
        if self.text_input and (edited := self.field.edit(command)):
            if edited == "changed":
                self.error = None
                self.relayout()
            return
        event = focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            self._activate(event.action)
        elif isinstance(command, Back):
            if self.pending:
                self.pending = None
            elif not self.text_input:
                focus.focus_action(QUIT)

    def _checked_name(self) -> str | None:
        """The typed name if it is acceptable; otherwise show why and focus the field."""
        try:
            name = check_player_name(self.field.text)
        except PlayerNameError as error:
            message = str(error)
            self.error = message[0].upper() + message[1:] + "."
            self.focus.focus_action(NAME)
            self.relayout()
            self.ctx.sounds.play("feedback-bad")
            return None
        self.error = None
        if name != self.ctx.player or not self.ctx.progress.loaded:
            self.ctx.set_player(name)
        if name != self.ctx.settings.player_name:
            self.ctx.apply_settings(self.ctx.settings._replace(player_name=name))
        self.relayout()
        return name

    def _activate(self, action: str) -> None:
        if action == NAME:
            if self._checked_name() is not None:
                self.focus.focus_action(CONTINUE if self.autosave else PLAY)
                self.ctx.sounds.play("confirm")
            return
        if action == QUIT:
            self.ctx.quit()
            return
        if action == SETTINGS:
            self.ctx.sounds.play("confirm")
            self.emit(TitleChoice(SETTINGS))
            return
        if action in (PLAY, CONTINUE) and self._checked_name() is None:
            return
        if action == BOARD and self.field.text and self._checked_name() is None:
            return
        self.ctx.sounds.play("confirm")
        self.pending = action
        self.ctx.library.start()
        self._run_pending()

    def _run_pending(self) -> None:
        action = self.pending
        if action is None or not self.ctx.library.ready:
            return
        self.pending = None
        library = self.ctx.library
        if library.library is None or not library.modules():
            self.ctx.notify(library.error or "There are no scenarios to play.", error=True)
            return
        if action == CONTINUE and self.autosave is None:
            return
        self.emit(TitleChoice(action, self.autosave if action == CONTINUE else None))

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        if self.art_alpha < 1.0:
            self.ctx.art.setting("title", self.ctx.canvas.size_px)  # load once, then fade in
            fade_s = 0.0 if self.ctx.settings.reduced_motion else FADE_S
            self.art_alpha = min(1.0, self.art_alpha + step_s / fade_s) if fade_s else 1.0
        self.field.update(step_s)
        if self.pending:
            self._run_pending()

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        if self.art_alpha > 0:
            art = self.ctx.art.setting("title", canvas.size_px)
            if self.art_alpha >= 1.0:
                art_backdrop(canvas, art)
            else:
                canvas.image(art, (0, 0), round(255 * self.art_alpha))
        canvas.text("Rapport", "display", (CANVAS_W / 2, 44), p.ink, "midtop")
        if self.show_tagline:
            canvas.text(
                "Practise the conversations that bring customers back.",
                "subheading",
                (CANVAS_W / 2, TAGLINE_Y),
                p.ink_muted if not p.art_dim else p.ink_on_dark,
                "midtop",
            )
        x, y, w, h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        canvas.text("Your name", "label", (x + PAD, y + PAD), p.ink_muted)
        focused = self.focus.focused
        self.field.draw(canvas, focused is not None and focused.action == NAME)
        if self.error:
            block = canvas.wrap(self.error, "small", w - 2 * PAD)
            fy = self.field.box[1] + self.field.box[3] + 6
            canvas.block(block, (x + PAD, fy), p.negative)
        for button in self.focus.buttons:
            if button.kind != "field":
                shown = button
                width = button.box[2] - 40
                label = canvas.fit(button.label, button.style, width)
                if label != button.label:
                    shown = replace(button, label=label)
                draw_button(canvas, shown, button is focused)
        if self.pending:
            canvas.text(
                "Loading the scenarios…",
                "small",
                (CANVAS_W / 2, y + h + 10),
                p.ink_on_dark if p.art_dim else p.ink,
                "midtop",
            )
        draw_hints(canvas, self)

    def spoken(self) -> str:
        return "Rapport. Practise the conversations that bring customers back."

    def spoken_focus(self) -> str:
        focused = self.focus.focused
        if focused is not None and focused.action == NAME:
            return f"Your name: {self.field.text}" if self.field.text else "Type your name."
        return super().spoken_focus()

    def hint_bars(self) -> list[HintBar]:
        if not self.show_footer:
            return []
        hints = [("↑↓", "move"), ("Enter", "choose"), ("V", "read aloud"), ("F11", "full screen")]
        return [footer_bar(self.ctx.canvas, hints)]

    @property
    def view(self) -> object:
        return (self.name, self.autosave is not None, self.error, self.pending)

    @property
    def settled(self) -> bool:
        return self.art_alpha >= 1.0

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        if self.pending:
            return []
        play = next(b for b in self.focus.buttons if b.action == PLAY)
        return auto.click(self.ctx.canvas, play.box)
