"""Setting up a live session: a scenario or a module, race or huddle, the timers and a name.

It finishes with the `HostRequest` (or None: back); game.ui.flow starts the
session on the live screen.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

from game.core.players import InvalidNameError, check_session_name
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Click, Command, Confirm, Move
from game.ui.drawing import button_height, draw_button
from game.ui.live.hosting import (
    MODES,
    TIMERS,
    HostRequest,
    playable_scenarios,
    real_modules,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import footer, plain_backdrop, row_buttons
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, PAD, RADIUS
from game.ui.widgets import Activated, Button, FocusGroup, Moved, TextField

PANEL_W = 800.0  # logical pixels at the standard text size
MAX_SESSION_CHARS = 60  # what a session name may be (game.core.players)
KIND, WHAT, MODE, TIMER, NAME, BACK, START = (
    "kind",
    "what",
    "mode",
    "timers",
    "name",
    "back",
    "start",
)
SCENARIO_KIND, MODULE_KIND = "scenario", "module"
MODE_LABELS = {"race": "Race", "huddle": "Huddle"}
MODE_TEXT = {
    "race": "Everyone plays the scenario on their own phone, in assessment mode; the board "
    "fills as they finish.",
    "huddle": "The room plays one conversation together: everyone votes on their phone, you "
    "reveal what each answer earns and why, then move the room on.",
}
TIMER_LABELS = {"normal": "As written", "slow": "Twice as long", "off": "Off"}


@dataclass(frozen=True)
class Option:
    """One value of a row: what it means and how it reads."""

    value: str
    label: str


class LiveSetupScene(Scene[HostRequest | None]):
    name = "live-setup"

    def __init__(self, ctx: Context, mode: str | None = None) -> None:
        super().__init__(ctx)
        options = ctx.options
        self.kind = MODULE_KIND if options.module else SCENARIO_KIND
        self.scenario_id = options.scenario
        self.module_id = options.module
        self.mode = mode if mode in MODES else "race"
        self.timers = "normal"
        self.field = TextField(options.session or "", MAX_SESSION_CHARS)
        self.error: str | None = None
        self.focus: FocusGroup[str] = FocusGroup()
        self.panel: Box = (0.0, 0.0, 0.0, 0.0)
        self.text_y = 0.0
        self.loaded = False
        self._load()
        self._build(keep=START if self.loaded else KIND)

    # -- what can be hosted ----------------------------------------------------------------------
    def _load(self) -> None:
        library = self.ctx.library
        if not library.ready:
            return
        self.loaded = True
        scenarios = playable_scenarios(library)
        modules = [m.id for m in real_modules(library)]
        if self.scenario_id not in scenarios:
            self.scenario_id = scenarios[0] if scenarios else None
        if self.module_id not in modules:
            self.module_id = modules[0] if modules else None
        if self.module_id is None:
            self.kind = SCENARIO_KIND

    def _options(self, row: str) -> list[Option]:
        library = self.ctx.library
        if row == KIND:
            kinds = [Option(SCENARIO_KIND, "One scenario")]
            if real_modules(library):
                kinds.append(Option(MODULE_KIND, "A module, in order"))
            return kinds
        if row == WHAT and self.kind == MODULE_KIND:
            return [Option(m.id, m.title) for m in real_modules(library)]
        if row == WHAT:
            return [
                Option(s, scenario.title if (scenario := library.scenario(s)) else s)
                for s in playable_scenarios(library)
            ]
        if row == MODE:
            return [Option(m, MODE_LABELS[m]) for m in MODES]
        return [Option(t, TIMER_LABELS[t]) for t in TIMERS]

    def _value(self, row: str) -> str | None:
        if row == KIND:
            return self.kind
        if row == WHAT:
            return self.module_id if self.kind == MODULE_KIND else self.scenario_id
        return self.mode if row == MODE else self.timers

    def _set(self, row: str, value: str) -> None:
        if row == KIND:
            self.kind = value
        elif row == WHAT and self.kind == MODULE_KIND:
            self.module_id = value
        elif row == WHAT:
            self.scenario_id = value
        elif row == MODE:
            self.mode = value
        else:
            self.timers = value

    def _change(self, row: str, step: int) -> None:
        options = self._options(row)
        if len(options) < 2:
            return
        values = [o.value for o in options]
        current = self._value(row)
        index = values.index(current) if current in values else 0
        self._set(row, values[(index + step) % len(values)])
        self.ctx.sounds.play("select")
        self._build(keep=row)
        self.relayout()

    # -- building and layout ---------------------------------------------------------------------
    def _build(self, keep: str | None) -> None:
        what = "Module" if self.kind == MODULE_KIND else "Scenario"
        rows = [(KIND, "Play"), (WHAT, what), (MODE, "Mode"), (TIMER, "Timers")]
        buttons: list[Button[str]] = [Button(label, row, kind="row") for row, label in rows]
        buttons.append(Button("", NAME, kind="field"))
        buttons.append(Button("Back", BACK, kind="quiet"))
        buttons.append(Button("Start the session", START, kind="primary", enabled=self.loaded))
        for button in buttons[:4]:
            value = self._value(button.action)
            labels = {o.value: o.label for o in self._options(button.action)}
            button.value = labels.get(value or "", "Loading the scenarios…")
        self.focus.set(buttons, keep=keep)
        self.field.placeholder = self._default_name()

    def _default_name(self) -> str:
        what = (self.module_id if self.kind == MODULE_KIND else self.scenario_id) or ""
        return f"{datetime.now().astimezone():%Y-%m-%d} {what}"[:55].strip()

    def layout(self) -> None:
        canvas = self.ctx.canvas
        width = min(CANVAS_W - 2 * MARGIN, PANEL_W * max(1.0, canvas.text_scale * 0.85))
        inner = width - 2 * PAD
        row_h = button_height(canvas)
        field_h = canvas.line_height("subheading") + 28
        title_h = canvas.line_height("title")
        text_h = canvas.wrap(MODE_TEXT[self.mode], "small", inner).height
        error_h = canvas.wrap(self.error, "small", inner).height + 6 if self.error else 0.0
        label_h = canvas.line_height("label") + 6
        height = (
            (PAD + title_h + GAP + 4 * (row_h + 8) + text_h + GAP + label_h + field_h + error_h)
            + GAP * 1.5
            + row_h
            + PAD
        )
        x = (CANVAS_W - width) / 2
        y = max(12.0, (CANVAS_H - 40 - height) / 2)
        self.panel = (x, y, width, height)
        by = y + PAD + title_h + GAP
        for button in self.focus.buttons[:4]:
            button.box = (x + PAD, by, inner, row_h)
            by += row_h + 8
        self.text_y = by
        by += text_h + GAP + label_h
        self.field.box = (x + PAD, by, inner, field_h)
        self.focus.buttons[4].box = self.field.box
        by += field_h + error_h + GAP * 1.5
        row_buttons(canvas, self.focus.buttons[5:], x + width - PAD, by)

    # -- input -----------------------------------------------------------------------------------
    @property
    def text_input(self) -> bool:
        focused = self.focus.focused
        return focused is not None and focused.action == NAME

    @property
    def text_input_box(self) -> Box | None:
        return self.field.box if self.text_input else None

    def handle(self, command: Command) -> None:
        if self.text_input and (edited := self.field.edit(command)):
            if edited == "changed":
                self._clear_error()
            return
        focused = self.focus.focused
        on = focused.action if focused is not None else None
        if isinstance(command, Move) and command.dx and on in (KIND, WHAT, MODE, TIMER):
            self._change(on, command.dx)
            return
        event = self.focus.handle(Confirm() if isinstance(command, Advance) else command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            left = (
                isinstance(command, Click)
                and focused is not None
                and command.pos[0] < focused.box[0] + focused.box[2] * 0.5
            )
            self._activate(event.action, -1 if left else 1)
        elif isinstance(command, Back):
            self._activate(BACK, 1)

    def _activate(self, action: str, step: int) -> None:
        if action in (KIND, WHAT, MODE, TIMER):
            self._change(action, step)
        elif action == NAME:
            self.focus.focus_action(START)
        elif action == BACK:
            self.ctx.sounds.play("confirm")
            self.dismiss(None)
        elif action == START:
            self._start()

    def _start(self) -> None:
        session: str | None = None
        if self.field.text.strip():
            try:
                session = check_session_name(self.field.text)
            except InvalidNameError as error:
                message = str(error)
                self.error = f"Session name: {message}."
                self.focus.focus_action(NAME)
                self.ctx.sounds.play("feedback-bad")
                self.relayout()
                return
        module = self.module_id if self.kind == MODULE_KIND else None
        scenario = self.scenario_id if self.kind == SCENARIO_KIND else None
        if module is None and scenario is None:
            return
        self.ctx.sounds.play("confirm")
        self.dismiss(
            HostRequest(
                scenario=scenario,
                module=module,
                mode=self.mode,
                timers=self.timers,
                session=session,
            )
        )

    def _clear_error(self) -> None:
        if self.error:
            self.error = None
            self.relayout()

    # -- time and drawing ------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        self.field.update(step_s)
        if not self.loaded and self.ctx.library.ready:
            self._load()
            self._build(keep=self.focus.focused.action if self.focus.focused else START)
            self.relayout()

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        x, y, w, _h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        canvas.text("Host a live session", "title", (x + PAD, y + PAD), p.ink)
        focused = self.focus.focused
        for button in self.focus.buttons:
            if button.kind != "field":
                shown = button
                if button.value is not None:
                    label_w = canvas.measure(button.label, "button")[0]
                    room = button.box[2] - label_w - 130
                    value = canvas.fit(button.value, "button", room)
                    if value != button.value:
                        shown = Button(button.label, button.action, button.box, "row", value=value)
                draw_button(canvas, shown, button is focused)
        block = canvas.wrap(MODE_TEXT[self.mode], "small", w - 2 * PAD)
        canvas.block(block, (x + PAD, self.text_y), p.ink_muted)
        label_y = self.field.box[1] - canvas.line_height("label") - 6
        canvas.text("Session name (optional)", "label", (x + PAD, label_y), p.ink_muted)
        self.field.draw(canvas, focused is not None and focused.action == NAME)
        if self.error:
            block = canvas.wrap(self.error, "small", w - 2 * PAD)
            canvas.block(block, (x + PAD, self.field.box[1] + self.field.box[3] + 6), p.negative)
        footer(canvas, [("↑↓", "choose"), ("←→", "change"), ("Esc", "back")])

    @property
    def view(self) -> Hashable:
        return (self.name, self.kind, self._value(WHAT), self.mode, self.timers, self.error)
