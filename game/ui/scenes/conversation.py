"""The conversation: scene art, the speaker's portrait and mood, a typewriter dialogue box,
choices, a timer, and (in coaching mode) the coach's feedback after every choice.

All game logic is the engine's Playthrough: this scene shows `passage` nodes one
after another, offers `choices`, calls `choose` or `let_timer_expire`, and
autosaves after every decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.analysis import Analysis
from game.core.engine import TIMER, Playthrough, Step
from game.core.model import NARRATOR, Node, Scenario
from game.saves import SaveWriteError
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas, TextBlock
from game.ui.commands import (
    Advance,
    Back,
    Choose,
    Click,
    Command,
    Confirm,
    FocusNext,
    Hover,
    Move,
    Pause,
    Scroll,
    ShowHistory,
    Undo,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import DialogScene, art_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, OUTCOME_LABELS, PAD, RADIUS, mix, outcome_colour

if TYPE_CHECKING:
    from game.loader.watch import ScenarioWatcher

from game.ui.widgets import (
    Button,
    FocusGroup,
    ScrollArea,
    chip,
    chips_height,
    choice_height,
    draw_button,
    hint_row,
    hint_row_width,
    key_hint,
    score_chips,
)

PORTRAIT_FADE_S = 0.3  # seconds for a cross-fade between moods or speakers
TICK_FROM_S = 5.0  # seconds left on a timer from which each second ticks
TOP_BAR_Y = 16.0  # logical y of the title and key-hint pills
BOTTOM = CANVAS_H - 20.0  # logical y where it ends
COLUMN_RIGHT = CANVAS_W - 40.0

BEAT, CHOICES, FEEDBACK, ENDING = "beat", "choices", "feedback", "ending"


def start_conversation(
    ctx: Context,
    scenario_id: str,
    mode: str,
    module: str | None,
    playthrough: Playthrough | None = None,
) -> None:
    """Open a scenario in the window (fresh, or resuming a restored playthrough)."""
    scenario = ctx.library.scenario(scenario_id)
    analysis = ctx.library.analysis(scenario_id)
    if scenario is None or analysis is None or analysis.ranges is None:
        ctx.notify(f"The scenario {scenario_id} cannot be played: it did not load.", error=True)
        return
    scene = ConversationScene(ctx, scenario, analysis, mode, module, playthrough)
    top = ctx.stack.top
    if isinstance(top, ConversationScene) or getattr(top, "name", "") == "debrief":
        ctx.stack.replace(scene)
    else:
        ctx.stack.push(scene)


def back_to_menu(ctx: Context) -> None:
    """Leave the conversation or debrief for the picker (or the title if there is none)."""
    from game.ui.scenes.picker import PickerScene

    while len(ctx.stack) > 1 and not isinstance(ctx.stack.top, PickerScene):
        ctx.stack.pop()


@dataclass
class Portrait:
    cast: str
    mood: str


class ConversationScene(Scene):
    name = "conversation"

    def __init__(
        self,
        ctx: Context,
        scenario: Scenario,
        analysis: Analysis,
        mode: str,
        module: str | None,
        playthrough: Playthrough | None = None,
    ) -> None:
        super().__init__(ctx)
        self.scenario = scenario
        self.analysis = analysis
        self.mode = mode
        self.module = module
        resumed = playthrough is not None
        self.playthrough = playthrough or Playthrough(scenario)
        self.focus: FocusGroup[int] = FocusGroup()
        self.lower = ScrollArea()
        self.beats: list[str] = []
        self.beat = 0
        self.phase = BEAT
        self.reveal = 0.0  # characters of the current text shown so far
        self.timer_left_s: float | None = None
        self.step: Step | None = None  # the decision the feedback card is about
        self.portrait: Portrait | None = None
        self.previous: Portrait | None = None
        self.fade = 1.0  # 0 → 1 during a portrait cross-fade
        self.moods: dict[str, str] = {}
        self.undo_hinted = False
        self._tick_at = TICK_FROM_S  # the next whole second left that ticks
        # Layout results (logical pixels).
        self.portrait_box: Box = (0, 0, 0, 0)
        self.column: Box = (0, 0, 0, 0)
        self.panel: Box = (0, 0, 0, 0)
        self.text_block: TextBlock | None = None
        self.show_panel = True
        self.text_at = (0.0, 0.0)
        self.tag: Box | None = None
        self.timer_box: Box | None = None
        self.card: Box = (0, 0, 0, 0)
        self.choice_content: list[Box] = []
        self.watcher = self._watch() if ctx.options.watch else None
        self._since_poll_s = 0.0  # seconds since the watcher last looked at the file
        if resumed:
            self._moods_from_path()
            self._show([self.playthrough.current.id], instant=True)
        else:
            self._show(list(self.playthrough.passage))

    # -- trainer mode: reload on save -------------------------------------------------------------
    def _watch(self) -> ScenarioWatcher | None:
        from game.loader.watch import ScenarioWatcher

        library = self.ctx.library.library
        path = library.paths.get(self.scenario.id) if library else None
        return ScenarioWatcher(path) if path is not None else None

    def _poll_file(self, step_s: float) -> None:
        """In trainer mode, pick up a saved scenario file (in the update step, never in draw)."""
        from game.core.decisions import carry_over
        from game.loader.watch import POLL_S, Rejected

        self._since_poll_s += step_s
        if self.watcher is None or self._since_poll_s < POLL_S:
            return
        self._since_poll_s = 0.0
        event = self.watcher.poll()
        if event is None:
            return
        if isinstance(event, Rejected):
            first = event.errors[0] if event.errors else event.diagnostics[0]
            self.ctx.notify(f"{first.format()} (the previous version stays in use)", error=True)
            return
        library = self.ctx.library.library
        if library is not None:
            library.scenarios[self.scenario.id] = event.scenario
            library.analyses[self.scenario.id] = event.analysis
        before = len(self.playthrough.history)
        playthrough, kept = carry_over(self.playthrough.history, event.scenario)
        playthrough.add_time(self.playthrough.elapsed_s)
        scene = type(self)(
            self.ctx, event.scenario, event.analysis, self.mode, self.module, playthrough
        )
        scene.watcher = self.watcher
        self.ctx.stack.replace(scene)
        self.ctx.notify(f"Reloaded {self.scenario.title}: kept {kept} of {before} choices.")

    # -- what is shown ----------------------------------------------------------------------------
    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.beats[self.beat]]

    def _show(self, passage: list[str], instant: bool = False) -> None:
        """Show a passage: the nodes with text (or an ending), one after another."""
        nodes = self.scenario.nodes
        self.beats = [n for n in passage if nodes[n].text.strip() or nodes[n].ending]
        if not self.beats:  # a decision node without text still needs its choices shown
            self.beats = [passage[-1]]
        self.beat = 0
        self._begin_beat(instant)

    def _begin_beat(self, instant: bool = False) -> None:
        node = self.node
        self._meet(node, fade=not instant)
        self.step = None
        self.phase = ENDING if node.ending else BEAT
        self.reveal = 0.0
        self.timer_left_s = None
        self.focus.index = -1  # no choice is focused until the player points or moves
        self.lower.target = self.lower.offset = 0.0
        self.relayout()
        if instant or self.ctx.settings.chars_per_s is None:
            self._complete_reveal()

    def _meet(self, node: Node, fade: bool) -> None:
        """Bring the node's speaker (with their mood) into the portrait slot."""
        speaker = node.speaker
        if speaker == NARRATOR or speaker not in self.scenario.cast:
            return
        mood = node.mood or self.moods.get(speaker, "neutral")
        self.moods[speaker] = mood
        incoming = Portrait(speaker, mood)
        if incoming != self.portrait:
            self.previous = self.portrait if fade else None
            self.portrait = incoming
            self.fade = 0.0 if fade else 1.0

    def _moods_from_path(self) -> None:
        for node_id in self.playthrough.path:
            self._meet(self.scenario.nodes[node_id], fade=False)

    @property
    def revealed(self) -> bool:
        block = self.text_block
        return block is None or self.reveal >= block.characters

    def _complete_reveal(self) -> None:
        if self.text_block is not None:
            self.reveal = float(self.text_block.characters)
        if self.phase == BEAT and self.beat == len(self.beats) - 1 and self.node.choices:
            self._offer_choices()

    def _offer_choices(self) -> None:
        self.phase = CHOICES
        self.timer_left_s = self.playthrough.timer_seconds
        self._tick_at = TICK_FROM_S

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        scale = canvas.text_scale
        pw = 380.0 if scale <= 1.2 else (300.0 if scale <= 1.4 else 240.0)
        ph = pw * 1.25
        self.portrait_box = (24.0, CANVAS_H - ph, pw, ph)
        x = 24.0 + pw + 16.0
        width = COLUMN_RIGHT - x
        node = self.node
        inner = width - 2 * PAD
        tag_h = canvas.line_height("label") + 12
        speaking = node.speaker != NARRATOR and node.speaker in self.scenario.cast
        top = TOP_BAR_Y + self._bar_h() + 14
        self.column = (x, top, width, BOTTOM - top)
        self.show_panel = True
        if self.phase == ENDING and node.ending is not None:
            text = node.ending.text or ""
            block = canvas.wrap(text, "body", inner)
            title = canvas.wrap(node.ending.title, "heading", inner)
            chip_h = canvas.line_height("label") + 10
            height = (
                PAD + chip_h + 10 + title.height + 10 + block.height + GAP + self._hint_h() + PAD
            )
            self.text_block = block
            panel_y = max(top, BOTTOM - height)
            self.panel = (x, panel_y, width, height)
            self.text_at = (x + PAD, panel_y + PAD + chip_h + 10 + title.height + 10)
            self.tag = None
            self._lower_layout(0.0)
            return
        style = "body" if speaking else "narration"
        block = canvas.wrap(node.text.strip(), style, inner)
        self.text_block = block
        top_pad = PAD + (tag_h / 2 if speaking else 0.0)
        decision_here = self.beat == len(self.beats) - 1 and bool(node.choices)
        hint_h = 0.0 if decision_here else GAP + self._hint_h()
        panel_h = top_pad + block.height + hint_h + PAD
        lower_h = self._lower_height(decision_here)
        highest = top + (tag_h / 2 if speaking else 0.0)
        if panel_h + (GAP + lower_h if lower_h else 0.0) <= BOTTOM - highest:
            panel_y = BOTTOM - panel_h - (GAP + lower_h if lower_h else 0.0)
        elif self.phase == FEEDBACK:
            # Not enough room for both (large text): the coach's card gets the column.
            self.show_panel = False
            self.tag = None
            self._lower_layout(max(top, BOTTOM - lower_h))
            return
        else:
            panel_y = highest
        self.panel = (x, panel_y, width, panel_h)
        self.text_at = (x + PAD, panel_y + top_pad)
        if speaking:
            name = self.scenario.speaker_name(node.speaker)
            tag_w = canvas.measure(name, "label")[0] + 32
            self.tag = (x + PAD - 6, panel_y - tag_h / 2, tag_w, tag_h)
        else:
            self.tag = None
        self._lower_layout(panel_y + panel_h + GAP)

    def _bar_h(self) -> float:
        return self.ctx.canvas.line_height("label") + 14

    def _hint_h(self) -> float:
        return self.ctx.canvas.measure("Enter", "key")[1] + 10

    def _lower_height(self, decision_here: bool) -> float:
        canvas = self.ctx.canvas
        width = self.column[2]
        if self.phase == FEEDBACK and self.step is not None:
            return self._feedback_height(self.step)
        if not decision_here:
            return 0.0
        height = 0.0
        if self.node.timer is not None:
            height += canvas.line_height("caption") + 22
        choices = self.playthrough.choices
        height += sum(choice_height(canvas, c.text, width) for c in choices)
        height += 10 * max(0, len(choices) - 1)
        return height

    def _lower_layout(self, top: float) -> None:
        canvas = self.ctx.canvas
        x, _, width, _ = self.column
        decision_here = (
            self.phase != ENDING and self.beat == len(self.beats) - 1 and bool(self.node.choices)
        )
        height = self._lower_height(decision_here) if self.phase != ENDING else 0.0
        self.lower.box = (x - 6, top, width + 12, max(0.0, BOTTOM - top))
        self.lower.content_height = height
        self.lower.clamp()
        y = 0.0
        self.timer_box = None
        buttons: list[Button[int]] = []
        self.choice_content = []
        if self.phase == FEEDBACK and self.step is not None:
            self.card = (x, 0.0, width, height)
        elif decision_here:
            if self.node.timer is not None:
                self.timer_box = (x, 0.0, width, canvas.line_height("caption") + 12)
                y += canvas.line_height("caption") + 22
            for number, choice in enumerate(self.playthrough.choices, start=1):
                h = choice_height(canvas, choice.text, width)
                self.choice_content.append((x, y, width, h))
                buttons.append(
                    Button(choice.text, number, (x, y, width, h), "choice", badge=str(number))
                )
                y += h + 10
        index = self.focus.index
        self.focus.buttons = buttons
        self.focus.index = index if index < len(buttons) else -1
        self._place_choices()

    def _feedback_height(self, step: Step) -> float:
        canvas = self.ctx.canvas
        inner = self.column[2] - 2 * PAD - 8
        height = PAD + canvas.line_height("label") + 10 + chips_height(canvas, step.scores, inner)
        height += 12 + canvas.wrap(self._said(step), "small_italic", inner).height
        if step.feedback:
            height += 12 + canvas.wrap(step.feedback, "body", inner).height
        return height + GAP + self._hint_h() + PAD

    @staticmethod
    def _said(step: Step) -> str:
        if step.decision == TIMER:
            return "You let the time run out."
        return f"You said: “{step.text}”"

    def _place_choices(self) -> None:
        top = self.lower.box[1] - self.lower.offset
        for button, (x, y, w, h) in zip(self.focus.buttons, self.choice_content, strict=True):
            button.box = (x, top + y, w, h)

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if isinstance(command, Back | Pause):
            self._pause()
        elif isinstance(command, ShowHistory):
            from game.ui.scenes.history import HistoryScene

            self.ctx.stack.push(HistoryScene(self.ctx, self.transcript()))
        elif isinstance(command, Undo):
            self._undo()
        elif isinstance(command, Scroll):
            self.lower.scroll(command.lines)
        elif self.phase == CHOICES:
            self._handle_choices(command)
        elif isinstance(command, Advance | Confirm) or (
            isinstance(command, Click) and self._on_text(command.pos)
        ):
            self._advance()

    def _on_text(self, pos: tuple[float, float]) -> bool:
        """A click anywhere but on the top bar moves the conversation on."""
        return pos[1] >= self.column[1]

    def _handle_choices(self, command: Command) -> None:
        focus = self.focus
        if isinstance(command, Choose):
            if 1 <= command.number <= len(focus.buttons):
                self._take(command.number)
        elif isinstance(command, Move | FocusNext):
            moved = (
                focus.move(command.dx, command.dy)
                if isinstance(command, Move)
                else focus.step(command.step)
            )
            if moved:
                self.ctx.sounds.play("select")
                self._show_focused()
        elif isinstance(command, Hover):
            if self._in_lower(command.pos) and focus.hover(command.pos):
                self.ctx.sounds.play("select")
        elif isinstance(command, Click):
            button = focus.at(command.pos) if self._in_lower(command.pos) else None
            if button is not None:
                self._take(button.action)
        elif isinstance(command, Confirm | Advance) and focus.focused is not None:
            self._take(focus.focused.action)

    def _in_lower(self, pos: tuple[float, float]) -> bool:
        _x, y, _w, h = self.lower.box
        return y <= pos[1] < y + h

    def _show_focused(self) -> None:
        if 0 <= self.focus.index < len(self.choice_content):
            _, y, _, h = self.choice_content[self.focus.index]
            self.lower.show(y, h)

    def _advance(self) -> None:
        if not self.revealed:
            self._complete_reveal()
            return
        if self.phase == ENDING:
            from game.ui.scenes.debrief import DebriefScene

            self.ctx.sounds.play("confirm")
            self.ctx.stack.replace(
                DebriefScene(
                    self.ctx, self.scenario, self.analysis, self.playthrough, self.mode, self.module
                )
            )
        elif self.phase == FEEDBACK:
            self.phase = BEAT
            self._show(list(self.playthrough.passage))
        elif self.phase == BEAT and self.beat < len(self.beats) - 1:
            self.beat += 1
            self._begin_beat()

    def _take(self, number: int) -> None:
        self.ctx.sounds.play("confirm")
        self._decided(self.playthrough.choose(number))

    def _expire(self) -> None:
        self._decided(self.playthrough.let_timer_expire())

    def _decided(self, step: Step) -> None:
        self._autosave()
        if self.mode == "coach":
            self.step = step
            self.phase = FEEDBACK
            total = sum(step.scores)
            self.ctx.sounds.play("feedback-good" if total >= 0 else "feedback-bad")
            self.timer_left_s = None
            self.lower.target = self.lower.offset = 0.0
            self.relayout()
        else:
            self.phase = BEAT
            self._show(list(self.playthrough.passage))

    def _autosave(self) -> None:
        saves = self.ctx.saves
        try:
            if self.playthrough.finished:
                saves.remove(self.scenario.id)
            else:
                saves.write(
                    self.playthrough,
                    mode=self.mode,
                    module=self.module,
                    player=self.ctx.player,
                    saved_at=self.ctx.now(),
                )
        except SaveWriteError as error:
            self.ctx.notify(
                f"Your progress could not be saved: {error}. You can keep playing.", error=True
            )

    def _undo(self) -> None:
        if self.mode != "coach":
            if not self.undo_hinted:
                self.ctx.notify("Taking back a choice works in coaching mode only.")
                self.undo_hinted = True
            return
        if not self.playthrough.undo():
            return
        self.ctx.sounds.play("select")
        self.step = None
        self.moods.clear()
        self.portrait = None
        self._moods_from_path()
        self.phase = BEAT
        self._show([self.playthrough.current.id], instant=True)
        self._autosave()

    def _pause(self) -> None:
        ctx = self.ctx

        def restart() -> None:
            try:
                ctx.saves.remove(self.scenario.id)
            except SaveWriteError as error:
                ctx.notify(str(error), error=True)
            start_conversation(ctx, self.scenario.id, self.mode, self.module)

        def settings() -> None:
            from game.ui.scenes.settings import SettingsScene

            ctx.stack.push(SettingsScene(ctx))

        ctx.sounds.play("select")
        ctx.stack.push(
            DialogScene(
                ctx,
                "Paused",
                "",
                [
                    ("Resume", lambda: None),
                    ("Restart the scenario", restart),
                    ("Settings", settings),
                    ("Back to the scenarios", lambda: back_to_menu(ctx)),
                ],
                name="pause",
            )
        )

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        if self.watcher is not None:
            self._poll_file(step_s)
            if self.ctx.stack.top is not self:
                return  # replaced by the reloaded version
        if not self.playthrough.finished:
            self.playthrough.add_time(step_s)
        if self.fade < 1.0:
            self.fade = min(1.0, self.fade + step_s / PORTRAIT_FADE_S)
        speed = self.ctx.settings.chars_per_s
        if not self.revealed:
            if speed is None:
                self._complete_reveal()
            else:
                self.reveal += speed * step_s
                if self.revealed:
                    self._complete_reveal()
        before = self.lower.offset
        self.lower.update(step_s)
        if self.lower.offset != before:
            self._place_choices()
        if self.phase == CHOICES and self.timer_left_s is not None:
            self.timer_left_s -= step_s
            if self.timer_left_s <= self._tick_at and self._tick_at > 0:
                self.ctx.sounds.play("timer-tick")
                self._tick_at -= 1.0
            if self.timer_left_s <= 0:
                self.timer_left_s = None
                self._expire()

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        art_backdrop(canvas, self.ctx.art.setting(self.scenario.setting, canvas.size_px))
        self._draw_portrait(canvas)
        self._draw_top_bar(canvas)
        if self.phase == ENDING:
            self._draw_ending(canvas)
            return
        node = self.node
        if self.show_panel:
            self._draw_dialogue(canvas, node)
        if self.phase == CHOICES:
            self._draw_choices(canvas)
        elif self.phase == FEEDBACK and self.step is not None:
            with canvas.clip(self.lower.box):
                self._draw_feedback(canvas, self.step)
            self.lower.draw_indicators(canvas, p.ink_muted)

    def _draw_dialogue(self, canvas: Canvas, node: Node) -> None:
        p = canvas.palette
        canvas.panel(self.panel, p.panel, RADIUS, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        if self.tag is not None:
            tx, ty, tw, th = self.tag
            canvas.panel(self.tag, p.nametag, th / 2)
            canvas.text(
                self.scenario.speaker_name(node.speaker),
                "label",
                (tx + tw / 2, ty + th / 2),
                p.ink_on_dark,
                "center",
            )
        if self.text_block is not None:
            reveal = None if self.revealed else int(self.reveal)
            colour = p.ink if self.tag is not None else mix(p.ink, p.ink_muted, 0.35)
            canvas.block(self.text_block, self.text_at, colour, reveal)
        if self.phase == BEAT and not (self.beat == len(self.beats) - 1 and node.choices):
            x, y, w, h = self.panel
            if self.revealed:
                key_hint(
                    canvas, (x + w - PAD, y + h - PAD), "Space", "continue", anchor="bottomright"
                )

    def _draw_portrait(self, canvas: Canvas) -> None:
        x, y, w, h = self.portrait_box
        size = (canvas.length(w), canvas.length(h))
        art = self.ctx.art
        if self.previous is not None and self.fade < 1.0:
            old = art.portrait(self._portrait_name(self.previous), self.previous.mood, size)
            canvas.image(old, (x, y), round(255 * (1.0 - self.fade)))
        if self.portrait is not None:
            new = art.portrait(self._portrait_name(self.portrait), self.portrait.mood, size)
            canvas.image(new, (x, y), round(255 * self.fade))

    def _portrait_name(self, portrait: Portrait) -> str | None:
        member = self.scenario.cast.get(portrait.cast)
        return member.portrait if member else None

    def _draw_top_bar(self, canvas: Canvas) -> None:
        p = canvas.palette
        mode = "Coaching" if self.mode == "coach" else "Assessment"
        title = canvas.fit(self.scenario.title, "label", 520)
        text_w = canvas.measure(title, "label")[0] + canvas.measure(mode, "caption")[0] + 60
        bar_h = self._bar_h()
        middle = TOP_BAR_Y + bar_h / 2
        canvas.panel((24, TOP_BAR_Y, text_w, bar_h), p.nametag, bar_h / 2, alpha=230)
        box = canvas.text(title, "label", (42, middle), p.ink_on_dark, "midleft")
        canvas.text(
            mode,
            "caption",
            (box[0] + box[2] + 16, middle),
            mix(p.ink_on_dark, p.nametag, 0.3),
            "midleft",
        )
        hints = [("Esc", "menu"), ("H", "history")]
        if self.mode == "coach" and self.playthrough.can_undo:
            hints.append(("⌫", "undo"))
        width = hint_row_width(canvas, hints) + 32
        canvas.panel(
            (COLUMN_RIGHT - width, TOP_BAR_Y, width, bar_h), p.panel, bar_h / 2, alpha=p.panel_alpha
        )
        hint_row(canvas, hints, (COLUMN_RIGHT - 16, middle), "midright")

    def _draw_choices(self, canvas: Canvas) -> None:
        p = canvas.palette
        if self.timer_box is not None and self.timer_left_s is not None and self.node.timer:
            x, y, w, h = self.timer_box
            top = self.lower.box[1] - self.lower.offset + y
            total = self.node.timer.seconds
            fraction = max(0.0, self.timer_left_s / total)
            colour = p.negative if fraction < 0.3 else p.accent
            canvas.panel((x, top - 4, w, h + 8), p.panel, h / 2, alpha=p.panel_alpha)
            canvas.text("Time to answer", "caption", (x + 16, top + h / 2), p.ink, "midleft")
            bar_x = x + 16 + canvas.measure("Time to answer", "caption")[0] + 16
            bar_w = w - (bar_x - x) - 70
            canvas.rect((bar_x, top + h / 2 - 5, bar_w, 10), p.track, radius=5)
            canvas.rect((bar_x, top + h / 2 - 5, max(10.0, bar_w * fraction), 10), colour, radius=5)
            canvas.text(
                f"{max(0, int(self.timer_left_s + 0.999))} s",
                "label",
                (x + w - 16, top + h / 2),
                colour,
                "midright",
            )
        focused = self.focus.focused
        with canvas.clip(self.lower.box):
            for button in self.focus.buttons:
                draw_button(canvas, button, button is focused)
        self.lower.draw_indicators(canvas, p.ink_muted)

    def _draw_feedback(self, canvas: Canvas, step: Step) -> None:
        p = canvas.palette
        x, y, w, h = self.card
        top = self.lower.box[1] - self.lower.offset + y
        total = sum(step.scores)
        stripe = p.positive if total > 0 else (p.negative if total < 0 else p.partial)
        canvas.panel((x, top, w, h), p.panel, RADIUS, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        canvas.rect((x + 10, top + 18, 5, h - 36), stripe, radius=2.5)
        inner = w - 2 * PAD - 8
        left = x + PAD + 8
        cy = top + PAD
        canvas.text("The coach", "label", (left, cy), p.accent)
        cy += canvas.line_height("label") + 10
        cy += score_chips(canvas, (left, cy), step.scores, inner) + 12
        said = canvas.wrap(self._said(step), "small_italic", inner)
        canvas.block(said, (left, cy), p.ink_muted)
        cy += said.height
        if step.feedback:
            block = canvas.wrap(step.feedback, "body", inner)
            canvas.block(block, (left, cy + 12), p.ink)
        key_hint(canvas, (x + w - PAD, top + h - PAD), "Space", "continue", anchor="bottomright")

    def _draw_ending(self, canvas: Canvas) -> None:
        p = canvas.palette
        node = self.node
        ending = node.ending
        assert ending is not None
        x, y, w, h = self.panel
        canvas.panel(self.panel, p.panel, RADIUS, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        colour = outcome_colour(p, ending.outcome)
        chip_box = chip(
            canvas, (x + PAD, y + PAD), OUTCOME_LABELS.get(ending.outcome, ending.outcome), colour
        )
        title = canvas.wrap(ending.title, "heading", w - 2 * PAD)
        canvas.block(title, (x + PAD, chip_box[1] + chip_box[3] + 10), p.ink)
        if self.text_block is not None:
            reveal = None if self.revealed else int(self.reveal)
            canvas.block(self.text_block, self.text_at, p.ink, reveal)
        if self.revealed:
            key_hint(
                canvas,
                (x + w - PAD, y + h - PAD),
                "Space",
                "see your debrief",
                anchor="bottomright",
            )

    # -- history, screenshots, autoplay -----------------------------------------------------------
    def transcript(self) -> list[tuple[str, str, str]]:
        """The conversation so far as (who, text, kind): speech, narration, you or ending."""
        path = self.playthrough.path
        passage = self.playthrough.passage
        current = self.beats[self.beat]
        if self.phase == FEEDBACK:
            hidden = len(passage)  # what follows the choice is not shown yet
        else:
            hidden = len(passage) - 1 - passage.index(current) if current in passage else 0
        seen = path[: len(path) - hidden]
        steps = self.playthrough.history
        lines: list[tuple[str, str, str]] = []
        taken = 0
        for node_id in seen:
            node = self.scenario.nodes[node_id]
            if node.ending is not None:
                lines.append((node.ending.title, node.ending.text, "ending"))
            elif node.text.strip():
                name = self.scenario.speaker_name(node.speaker) if node.speaker != NARRATOR else ""
                lines.append((name, node.text.strip(), "speech" if name else "narration"))
            if taken < len(steps) and steps[taken].node == node_id and node.choices:
                step = steps[taken]
                said = step.text if step.decision != TIMER else "(You let the time run out.)"
                lines.append(("You", said, "you"))
                taken += 1
        return lines

    @property
    def view(self) -> object:
        history = len(self.playthrough.history)
        return (self.name, history, self.beat, self.phase, self.beats[self.beat], self.revealed)

    @property
    def settled(self) -> bool:
        return self.revealed and self.fade >= 1.0 and self.lower.settled

    @property
    def autoplay_ready(self) -> bool:
        # A key press completes the typewriter, so autoplay need not wait for it.
        return self.fade >= 1.0 and self.lower.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        if self.phase != CHOICES:
            return [auto.key(pygame.K_SPACE, " ")]
        if plan.fast_forward:
            return []
        decision = plan.next_decision()
        if decision is None:
            return []
        if decision == TIMER:
            plan.fast_forward = True
            return []
        return [auto.number_key(int(decision))]
