"""The conversation's layout and drawing: scene art, the portrait, the dialogue box, choices, the
timer bar, the coach's card and the ending.

`ConversationView` is the half of the conversation scene that measures and
draws; game.ui.conversation.scene holds the state and the input, and is what
fills in the attributes declared here. Drawing never changes state.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.analysis import Analysis
from game.core.engine import TIMER, Playthrough, Step, visible_choices
from game.core.model import NARRATOR, Node, Scenario
from game.core.modes import Mode
from game.core.shuffle import shown_numbers
from game.ui.canvas import Box, Canvas, Line
from game.ui.drawing import (
    chip,
    chips_height,
    choice_height,
    draw_button,
    hint_row_width,
    key_hint,
    score_chips,
)
from game.ui.hints import Hint, HintBar, draw_hints
from game.ui.scene import Context
from game.ui.scenes.common import art_backdrop
from game.ui.text import TextBlock
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, OUTCOME_LABELS, PAD, RADIUS, mix, outcome_colour
from game.ui.widgets import Button, FocusGroup, ScrollArea

TOP_BAR_Y = 16.0  # logical y of the title and key-hint pills
BOTTOM = CANVAS_H - 20.0  # logical y where it ends
COLUMN_RIGHT = CANVAS_W - 40.0

BEAT, CHOICES, FEEDBACK, ENDING = "beat", "choices", "feedback", "ending"


@dataclass
class Portrait:
    cast: str
    mood: str


class ConversationView:
    """Layout and drawing of the conversation, from the state its scene keeps."""

    # The state, kept by the scene.
    ctx: Context
    scenario: Scenario
    analysis: Analysis
    playthrough: Playthrough
    mode: Mode
    seed: str | None
    beats: list[str]
    beat: int
    phase: str
    reveal: float
    timer_left_s: float | None
    timer_total_s: float | None
    step: Step | None
    portrait: Portrait | None
    previous: Portrait | None
    fade: float
    focus: FocusGroup[int]
    lower: ScrollArea
    pointed_hint: Hint | None

    def _init_view(self) -> None:
        """The layout results (logical pixels), before the first layout."""
        self.portrait_box: Box = (0, 0, 0, 0)
        self.column: Box = (0, 0, 0, 0)
        self.panel: Box = (0, 0, 0, 0)
        self.text_block: TextBlock | None = None
        self.show_panel = True
        self.text_at = (0.0, 0.0)
        self.tag: Box | None = None
        self.timer_box: Box | None = None
        self.timer_bar = (0.0, 0.0)  # the timer bar's logical x and full width
        self._seconds: tuple[object, Line] | None = None  # the timer's seconds, and their key
        self.card: Box = (0, 0, 0, 0)
        self.choice_content: list[Box] = []
        self.wide = False  # the text takes the portrait's place (see _layout)
        self.compact = False  # and the top bar's

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.beats[self.beat]]

    @property
    def revealed(self) -> bool:
        block = self.text_block
        return block is None or self.reveal >= block.characters

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        self._layout(wide=False)

    def _layout(self, wide: bool, compact: bool = False) -> None:
        """Lay out beside the portrait; `wide`: over the whole width, when the text and the
        choices would not fit beside it (large text in a small window): they reflow, the
        portrait makes way, and nothing is cut off. `compact`: still too tall, so the top
        bar (the title and the key hints, whose keys work all the same) makes way too."""
        canvas = self.ctx.canvas
        scale = canvas.text_scale
        pw = 380.0 if scale <= 1.2 else (300.0 if scale <= 1.4 else 240.0)
        ph = pw * 1.25
        self.portrait_box = (24.0, CANVAS_H - ph, pw, ph)
        self.wide = wide
        self.compact = compact
        x = 24.0 if wide else 24.0 + pw + 16.0
        width = COLUMN_RIGHT - x
        node = self.node
        inner = width - 2 * PAD
        tag_h = canvas.line_height("label") + 12
        speaking = node.speaker != NARRATOR and node.speaker in self.scenario.cast
        top = TOP_BAR_Y if compact else TOP_BAR_Y + self._bar_h() + 14
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
        elif not wide or not compact:
            self._layout(wide=True, compact=wide)
            return
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
        boxes = self._choice_boxes(0.0, 0.0, width)
        return height + (max(y + h for _x, y, _w, h in boxes) if boxes else 0.0)

    def _choice_boxes(self, x: float, y: float, width: float) -> list[Box]:
        """Where each choice goes: one under another, or two side by side in the compact
        layout (the largest text in a small window), so that all of them show whole."""
        canvas = self.ctx.canvas
        choices = self.playthrough.choices
        texts = [choices[number - 1].text for number in self.shown_order()]
        columns = 2 if self.compact and len(texts) > 1 else 1
        column_w = (width - 10 * (columns - 1)) / columns
        boxes: list[Box] = []
        for start in range(0, len(texts), columns):
            row = texts[start : start + columns]
            h = max(choice_height(canvas, text, column_w) for text in row)
            for column in range(len(row)):
                boxes.append((x + column * (column_w + 10), y, column_w, h))
            y += h + 10
        return boxes

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
                bar_x = x + 16 + canvas.measure("Time to answer", "caption")[0] + 16
                self.timer_bar = (bar_x, width - (bar_x - x) - 70)
                y += canvas.line_height("caption") + 22
            choices = self.playthrough.choices
            boxes = self._choice_boxes(x, y, width)
            for place, (number, box) in enumerate(
                zip(self.shown_order(), boxes, strict=True), start=1
            ):
                self.choice_content.append(box)
                buttons.append(
                    Button(choices[number - 1].text, number, box, "choice", badge=str(place))
                )
        index = self.focus.index
        self.focus.buttons = buttons
        self.focus.index = index if index < len(buttons) else -1
        self._place_choices()

    def shown_order(self) -> tuple[int, ...]:
        """The visible choices' numbers (file order, as `choose` takes them) top to bottom."""
        count = len(self.playthrough.choices)
        if self.seed is None:
            return tuple(range(1, count + 1))
        node = self.playthrough.current
        values = tuple(self.playthrough.values.values())
        indexes = [index for index, _ in visible_choices(node, values)]
        return shown_numbers(self.seed, node.id, indexes)

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

    def _show_focused(self) -> None:
        if 0 <= self.focus.index < len(self.choice_content):
            _, y, _, h = self.choice_content[self.focus.index]
            self.lower.show(y, h)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        self.draw_still(canvas)
        self.draw_moving(canvas)

    def still(self) -> object:
        """While nothing animates (the text revealed, the portrait faded in, the choices
        still), what the picture shows; the timer's bar and seconds are drawn over it."""
        if not (self.revealed and self.fade >= 1.0 and self.lower.settled):
            return None
        # A decision taken or undone lays the conversation out again, which the layer's key
        # counts: the progress in the top bar needs no entry of its own.
        return (
            self.scenario,
            self.phase,
            self.beat,
            self.step,
            self.portrait,
            self.focus.index,
            self.lower.offset,
            self.pointed_hint,
            self.timer_total_s is None,
            self.timer_left_s is None,
            self.playthrough.can_undo,
        )

    def draw_still(self, canvas: Canvas) -> None:
        p = canvas.palette
        art_backdrop(canvas, self.ctx.art.setting(self.scenario.setting, canvas.size_px))
        self._draw_portrait(canvas)
        if not self.compact:
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
        if self.wide:
            return  # the text has the whole width
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

    def progress_text(self) -> str:
        """How far into the conversation the player is: decisions made so far, out of the
        fewest and the most any playthrough of this scenario takes (from the analysis)."""
        made = len(self.playthrough.history)
        low, high = self.analysis.shortest, self.analysis.longest
        if low is None:
            return f"{made} decision{'s' if made != 1 else ''} made"
        if high is None:
            return f"{made} of at least {low} decisions"
        span = f"{low}" if low == high else f"{low}–{high}"
        return f"{made} of {span} decisions"

    def _draw_top_bar(self, canvas: Canvas) -> None:
        p = canvas.palette
        bar = self.hint_bars()[0]
        hints_w = hint_row_width(canvas, bar.hints) + 32
        room = COLUMN_RIGHT - hints_w - 16 - 24  # the left pill stops short of the hints
        caption = f"{self.mode.label} · {self.progress_text()}"
        caption = canvas.fit(caption, "caption", room * 0.55)
        caption_w = canvas.measure(caption, "caption")[0]
        title = canvas.fit(self.scenario.title, "label", min(520.0, room - caption_w - 60))
        text_w = canvas.measure(title, "label")[0] + caption_w + 60
        bar_h = self._bar_h()
        middle = TOP_BAR_Y + bar_h / 2
        canvas.panel((24, TOP_BAR_Y, text_w, bar_h), p.nametag, bar_h / 2, alpha=230)
        box = canvas.text(title, "label", (42, middle), p.ink_on_dark, "midleft")
        canvas.text(
            caption,
            "caption",
            (box[0] + box[2] + 16, middle),
            mix(p.ink_on_dark, p.nametag, 0.3),
            "midleft",
        )
        canvas.panel(
            (COLUMN_RIGHT - hints_w, TOP_BAR_Y, hints_w, bar_h),
            p.panel,
            bar_h / 2,
            alpha=p.panel_alpha,
        )
        draw_hints(canvas, self)

    def hint_bars(self) -> list[HintBar]:
        """The top bar's hints, which a click or a tap uses as the keys would."""
        hints = [("Esc", "menu"), ("H", "history")]
        if self.mode.coaching and self.playthrough.can_undo:
            hints.append(("⌫", "undo"))
        middle = TOP_BAR_Y + self._bar_h() / 2
        return [HintBar(tuple(hints), (COLUMN_RIGHT - 16, middle), "midright")]

    def _draw_choices(self, canvas: Canvas) -> None:
        p = canvas.palette
        total = self.timer_total_s
        if self.timer_box is not None and total is None:  # timers are off in the settings
            x, y, w, h = self.timer_box
            top = self.lower.box[1] - self.lower.offset + y
            canvas.panel((x, top - 4, w, h + 8), p.panel, h / 2, alpha=p.panel_alpha)
            note = canvas.fit(
                "No time limit: timers are off in Settings (shown as untimed).", "caption", w - 32
            )
            canvas.text(note, "caption", (x + 16, top + h / 2), p.ink, "midleft")
        elif self.timer_box is not None and self.timer_left_s is not None and total:
            x, y, w, h = self.timer_box
            top = self.lower.box[1] - self.lower.offset + y
            canvas.panel((x, top - 4, w, h + 8), p.panel, h / 2, alpha=p.panel_alpha)
            canvas.text("Time to answer", "caption", (x + 16, top + h / 2), p.ink, "midleft")
            bar_x, bar_w = self.timer_bar
            canvas.rect((bar_x, top + h / 2 - 5, bar_w, 10), p.track, radius=5)
        focused = self.focus.focused
        with canvas.clip(self.lower.box):
            for button in self.focus.buttons:
                draw_button(canvas, button, button is focused)
        self.lower.draw_indicators(canvas, p.ink_muted)

    def draw_moving(self, canvas: Canvas) -> None:
        """The time left: the timer's bar and seconds, over the still picture."""
        total, left, box = self.timer_total_s, self.timer_left_s, self.timer_box
        if box is None or left is None or not total or self.phase != CHOICES:
            return
        p = canvas.palette
        x, y, w, h = box
        middle = self.lower.box[1] - self.lower.offset + y + h / 2
        fraction = max(0.0, left / total)
        colour = p.negative if fraction < 0.3 else p.accent
        bar_x, bar_w = self.timer_bar
        canvas.rect((bar_x, middle - 5, max(10.0, bar_w * fraction), 10), colour, radius=5)
        seconds = f"{max(0, int(left + 0.999))} s"
        key = (seconds, colour, middle, canvas.metrics)
        if self._seconds is None or self._seconds[0] != key:  # a new second: made once
            line = canvas.line(seconds, "label", (x + w - 16, middle), colour, "midright")
            self._seconds = (key, line)
        canvas.show(self._seconds[1])

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
