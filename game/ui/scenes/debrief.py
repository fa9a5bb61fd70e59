"""The debrief: the ending, each competency's percent (said in words), pass or grade, every
decision beside the best one at that point, what an earlier cue would have opened, and the
lesson with its article.

What it says about the result (grade, pass, what unlocked, what is next) is a
`Verdict` from game.core.progress; the result itself is being recorded through
the store worker (a `Recording`) while it is shown. It finishes with the
player's choice of what to do next, or emits BOARD to have the leaderboard
shown over it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.core.analysis import Analysis
from game.core.engine import Playthrough
from game.core.model import COMPETENCIES, Scenario
from game.core.modes import Mode
from game.core.opportunities import MissedOpportunity, missed_opportunities
from game.core.progress import Verdict
from game.core.review import Review, review
from game.core.scoring import result_of
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Command, Move, Scroll
from game.ui.drawing import button_height, chip, draw_button
from game.ui.recording import Recording
from game.ui.scene import Context, Scene
from game.ui.scenes.common import plain_backdrop, row_buttons
from game.ui.scenes.debrief_scores import competency_line, draw_scores, scores_height
from game.ui.scenes.review_cards import (
    draw_missed,
    draw_review,
    indent,
    missed_height,
    outlook,
    review_height,
    taken_text,
)
from game.ui.theme import (
    CANVAS_H,
    CANVAS_W,
    COMPETENCY_LABELS,
    GAP,
    OUTCOME_LABELS,
    PAD,
    RADIUS,
    mix,
    outcome_colour,
)
from game.ui.widgets import Activated, Button, FocusGroup, InputGuard, Moved, ScrollArea

CONTENT_W = 1040.0  # logical pixels: the width of the debrief's column
REPLAY, NEXT, BOARD, MENU, DONE = "replay", "next", "leaderboard", "menu", "done"
PLAY_ACTIONS = (REPLAY, NEXT, BOARD, MENU)  # the debrief of ordinary play
LABELS = {
    REPLAY: "Play again",
    NEXT: "Next scenario",
    BOARD: "Leaderboard",
    MENU: "Scenarios",
    DONE: "Back to the team board",
}


@dataclass
class Section:
    kind: str  # "header", "scores", "heading", "review", "missed_heading", "missed", "lesson"
    y: float  # in content coordinates
    height: float
    review: Review | None = None
    number: int = 0
    missed: MissedOpportunity | None = None


class DebriefScene(Scene[str]):
    """Finishes with REPLAY, NEXT, MENU or DONE; emits BOARD."""

    name = "debrief"

    def __init__(
        self,
        ctx: Context,
        scenario: Scenario,
        analysis: Analysis,
        playthrough: Playthrough,
        mode: Mode,
        verdict: Verdict,
        recording: Recording,
        actions: Sequence[str] = PLAY_ACTIONS,
        untimed: bool = False,
    ) -> None:
        super().__init__(ctx)
        self.untimed = untimed  # a timer was switched off in the settings
        assert analysis.ranges is not None and playthrough.ending is not None
        self.scenario = scenario
        self.analysis = analysis
        self.playthrough = playthrough
        self.mode = Mode(mode)
        self.verdict = verdict
        self.module = verdict.module
        self.passed = verdict.passed
        self.next_scenario = verdict.next_scenario
        self.recording = recording
        self.actions = tuple(actions)
        self.ending = playthrough.ending
        self.result = result_of(playthrough, analysis.ranges)
        self.reviews = review(scenario, analysis, playthrough.decisions)
        self.missed = missed_opportunities(scenario, analysis.ranges, playthrough.decisions)
        self.recorded = False  # the recording's outcome is on screen
        self.status = recording.status
        self.focus: FocusGroup[str] = FocusGroup()
        self.guard = InputGuard()  # the click that closed the ending card never picks a button
        self.area = ScrollArea()
        self.sections: list[Section] = []
        self.x = (CANVAS_W - CONTENT_W) / 2
        self.bar_top: float = CANVAS_H
        self.status_row = False
        self._sounded = False
        self._build_buttons(keep=REPLAY if REPLAY in self.actions else self.actions[0])

    def _build_buttons(self, keep: str | None) -> None:
        buttons: list[Button[str]] = []
        for action in self.actions:
            if action == NEXT and self.next_scenario is None:
                continue
            kind = "quiet" if action == MENU else "normal"
            if action == DONE or (action == NEXT and self.passed):
                kind = "primary"
            buttons.append(Button(self._label(action), action, kind=kind))
        self.focus.set(buttons, keep=keep)

    def _label(self, action: str) -> str:
        """A button's label; "Next" names the scenario it opens."""
        if action == NEXT and self.next_scenario is not None:
            found = self.ctx.library.scenario(self.next_scenario)
            return f"Next: {found.title if found else self.next_scenario}"
        return LABELS[action]

    def exit(self) -> None:
        self.ctx.let_go()  # the scenario is over

    def enter(self) -> None:
        if not self._sounded:
            self._sounded = True
            self.ctx.sounds.play(f"ending-{self.ending.outcome}")

    def _show_recorded(self) -> None:
        """The store answered: say how it went, and offer the next scenario if it was passed."""
        self.recorded = True
        self.status = self.recording.status
        passed_on = NEXT if self.next_scenario and self.passed and NEXT in self.actions else None
        focused = self.focus.focused.action if self.focus.focused else None
        self._build_buttons(keep=passed_on or focused)
        self.relayout()

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        bar_h = button_height(canvas) + 28
        self._fit_labels(canvas)
        row_buttons(canvas, self.focus.buttons, CANVAS_W - 40, CANVAS_H - bar_h + 14)
        room = self.focus.buttons[0].box[0] - 80
        # With large text the status line gets a row of its own above the buttons.
        self.status_row = canvas.measure(self.status, "small")[0] > room
        if self.status_row:
            bar_h += canvas.line_height("small") + 4
        self.bar_top = CANVAS_H - bar_h
        self.area.box = (0.0, 0.0, CANVAS_W, self.bar_top)
        inner = CONTENT_W - 2 * PAD
        sections: list[Section] = []
        y = 30.0 + canvas.line_height("label") + 10
        # The ending.
        height = (
            PAD
            + canvas.line_height("label")
            + 10
            + canvas.wrap(self.ending.title, "title", inner).height
        )
        if self.ending.text:
            height += 10 + canvas.wrap(self.ending.text, "body", inner).height
        height += PAD
        sections.append(Section("header", y, height))
        y += height + GAP
        # Scores.
        height = scores_height(canvas, CONTENT_W, self.result, self.untimed, self._unlocked_line())
        sections.append(Section("scores", y, height))
        y += height + GAP * 1.5
        # Decisions.
        sections.append(Section("heading", y, canvas.line_height("heading")))
        y += canvas.line_height("heading") + 10
        for number, item in enumerate(self.reviews, start=1):
            height = review_height(canvas, self.scenario, item, inner - indent(canvas))
            sections.append(Section("review", y, height, item, number))
            y += height + 12
        # What an earlier cue would have opened.
        if self.missed:
            y += GAP
            sections.append(Section("missed_heading", y, canvas.line_height("heading")))
            y += canvas.line_height("heading") + 10
            for missed in self.missed:
                height = missed_height(canvas, missed, inner - indent(canvas))
                sections.append(Section("missed", y, height, missed=missed))
                y += height + 12
        # The lesson.
        lesson = self._lesson()
        if lesson or self.scenario.source:
            height = PAD + canvas.line_height("heading") + 8
            height += canvas.wrap(lesson, "body", inner).height if lesson else 0.0
            if self.scenario.source:
                height += 10 + canvas.wrap(self._article(), "small_italic", inner).height
            height += PAD
            y += GAP
            sections.append(Section("lesson", y, height))
            y += height
        self.sections = sections
        self.area.content_height = y + 30
        self.area.clamp()

    def _fit_labels(self, canvas: Canvas) -> None:
        """Shorten a long "Next: …" title so the row of buttons fits the bar."""
        room = CANVAS_W - 80 - 12 * (len(self.focus.buttons) - 1)
        for button in self.focus.buttons:
            button.label = self._label(button.action)
        others = sum(
            max(150.0, canvas.measure(b.label, b.style)[0] + 48)
            for b in self.focus.buttons
            if b.action != NEXT
        )
        for button in self.focus.buttons:
            if button.action == NEXT:
                button.label = canvas.fit(button.label, button.style, room - others - 48)

    def _unlocked_line(self) -> str:
        """What this result opened, e.g. "Unlocked: “The Gift Shop”" (empty when nothing)."""
        titles = []
        for scenario_id in self.verdict.unlocked:
            found = self.ctx.library.scenario(scenario_id)
            titles.append(f"“{found.title if found else scenario_id}”")
        return f"Unlocked: {', '.join(titles)}" if titles else ""

    def _lesson(self) -> str:
        if self.ending.lesson:
            return self.ending.lesson
        return self.scenario.source.lesson if self.scenario.source else ""

    def _article(self) -> str:
        assert self.scenario.source is not None
        return f"From the article “{self.scenario.source.title}”"

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if isinstance(command, Move) and command.dy:
            self.area.scroll(command.dy * 2.0)
            return
        event = self.focus.handle(command)
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
        elif isinstance(event, Activated):
            if self.guard.ready:
                self._activate(event.action)
        elif isinstance(command, Scroll):
            self.area.scroll(command.lines)
        elif isinstance(command, Advance):
            self.area.scroll(8.0)
        elif isinstance(command, Back):
            self._activate(MENU if MENU in self.actions else self.actions[-1])

    def _activate(self, action: str) -> None:
        self.ctx.sounds.play("confirm")
        if action == BOARD:
            self.emit(BOARD)
        else:
            self.dismiss(action)

    def update(self, step_s: float) -> None:
        self.guard.update(step_s)
        if not self.recorded and self.recording.done:
            self._show_recorded()
        self.area.update(step_s, instant=self.ctx.settings.reduced_motion)

    # -- drawing ----------------------------------------------------------------------------------
    def still(self) -> object:
        """While the page does not scroll, what it shows: where it is scrolled to, the focused
        button and the recording's status."""
        if not self.area.settled:
            return None
        return (self.area.offset, self.focus.index, self.recorded, self.status)

    def draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        plain_backdrop(canvas)
        top = self.area.box[1] - self.area.offset
        mode = self.mode.label.lower()
        canvas.text(
            f"Debrief · {self.scenario.title} · {mode}", "label", (self.x, top + 30), p.ink_muted
        )
        draw: dict[str, Callable[[Canvas, Box, Section], None]] = {
            "header": self._draw_header,
            "scores": self._draw_scores,
            "heading": self._draw_heading,
            "review": self._draw_review,
            "missed_heading": self._draw_missed_heading,
            "missed": self._draw_missed,
            "lesson": self._draw_lesson,
        }
        with canvas.clip(self.area.box):
            for section in self.sections:
                box = (self.x, top + section.y, CONTENT_W, section.height)
                if box[1] > self.bar_top or box[1] + box[3] < 0:
                    continue
                draw[section.kind](canvas, box, section)
        self.area.draw_indicators(canvas, p.ink_muted)
        canvas.panel(
            (0, self.bar_top, CANVAS_W, CANVAS_H - self.bar_top + 20),
            p.panel,
            0,
            shadow=p.shadow_alpha,
        )
        if self.status_row:
            status = canvas.fit(self.status, "small", CANVAS_W - 80)
            canvas.text(status, "small", (40, self.bar_top + 12), p.ink_muted)
        else:
            middle = self.bar_top + (CANVAS_H - self.bar_top) / 2
            canvas.text(self.status, "small", (40, middle), p.ink_muted, "midleft")
        focused = self.focus.focused
        for button in self.focus.buttons:
            draw_button(canvas, button, button is focused)

    def _draw_header(self, canvas: Canvas, box: Box, section: Section) -> None:
        p = canvas.palette
        x, y, w, h = box
        colour = outcome_colour(p, self.ending.outcome)
        canvas.panel(box, p.panel, RADIUS, shadow=p.shadow_alpha)
        canvas.rect((x, y + 18, 6, h - 36), colour, radius=3)
        chip_box = chip(
            canvas,
            (x + PAD, y + PAD),
            OUTCOME_LABELS.get(self.ending.outcome, self.ending.outcome),
            colour,
        )
        title = canvas.wrap(self.ending.title, "title", w - 2 * PAD)
        ty = chip_box[1] + chip_box[3] + 10
        canvas.block(title, (x + PAD, ty), p.ink)
        if self.ending.text:
            canvas.block(
                canvas.wrap(self.ending.text, "body", w - 2 * PAD),
                (x + PAD, ty + title.height + 10),
                p.ink,
            )

    def _draw_scores(self, canvas: Canvas, box: Box, section: Section) -> None:
        draw_scores(canvas, box, self.verdict, self.result, self.untimed, self._unlocked_line())

    def _draw_heading(self, canvas: Canvas, box: Box, section: Section) -> None:
        p = canvas.palette
        canvas.text("Your decisions", "heading", (box[0], box[1]), p.ink)
        best = sum(1 for r in self.reviews if r.was_best)
        canvas.text(
            f"{best} of {len(self.reviews)} were the best choice at that point",
            "small",
            (box[0] + box[2], box[1] + box[3] / 2),
            p.ink_muted,
            "midright",
        )

    def _draw_review(self, canvas: Canvas, box: Box, section: Section) -> None:
        assert section.review is not None
        draw_review(canvas, box, section.review, section.number, self.scenario)

    def _draw_missed_heading(self, canvas: Canvas, box: Box, section: Section) -> None:
        p = canvas.palette
        canvas.text("What an earlier cue would have opened", "heading", (box[0], box[1]), p.ink)

    def _draw_missed(self, canvas: Canvas, box: Box, section: Section) -> None:
        assert section.missed is not None
        draw_missed(canvas, box, section.missed)

    def _draw_lesson(self, canvas: Canvas, box: Box, section: Section) -> None:
        p = canvas.palette
        x, y, w, _h = box
        canvas.panel(box, mix(p.panel, p.highlight, 0.5), RADIUS, shadow=p.shadow_alpha // 2)
        canvas.text("The lesson", "heading", (x + PAD, y + PAD), p.ink)
        cy = y + PAD + canvas.line_height("heading") + 8
        lesson = self._lesson()
        if lesson:
            block = canvas.wrap(lesson, "body", w - 2 * PAD)
            canvas.block(block, (x + PAD, cy), p.ink)
            cy += block.height
        if self.scenario.source:
            canvas.block(
                canvas.wrap(self._article(), "small_italic", w - 2 * PAD),
                (x + PAD, cy + 10),
                p.ink_muted,
            )

    # -- reading aloud ----------------------------------------------------------------------------
    def spoken(self) -> str:
        """The debrief as it is read aloud: how it ended, the numbers in words, each decision
        beside the better one, what an earlier cue would have opened, and the lesson."""
        result = self.result
        overall = f"{result.overall:g}%" if result.overall is not None else "not scored"
        verdict = self.verdict.grade
        if self.module is not None:
            verdict = "Passed" if self.passed else "Not passed yet"
        parts = [
            f"{OUTCOME_LABELS.get(self.ending.outcome, self.ending.outcome)}: {self.ending.title}.",
            self.ending.text,
            f"Overall {overall}. {verdict}.",
            "Played untimed." if self.untimed else "",
        ]
        for index, competency in enumerate(COMPETENCIES):
            percent = result.percent[index]
            shown = f"{percent:g}%" if percent is not None else "not assessed"
            parts.append(
                f"{COMPETENCY_LABELS[competency]} {shown}: {competency_line(result, index)}"
            )
        for number, item in enumerate(self.reviews, start=1):
            parts.append(f"Decision {number}. You chose {taken_text(item)}")
            if item.was_best:
                parts.append("The best choice at that point.")
            else:
                better = f"“{item.best_text}”" if item.best_text else "letting the time run out"
                parts.append(f"Better here: {better}. {outlook(item)}")
        parts += [missed.sentence for missed in self.missed]
        parts.append(self._lesson())
        return " ".join(part for part in parts if part)

    # -- screenshots and autoplay -----------------------------------------------------------------
    @property
    def view(self) -> object:
        return (self.name, round(self.area.target), self.recorded)

    @property
    def settled(self) -> bool:
        return self.recorded and self.area.settled

    def autoplay(self, plan: AutoplayPlan) -> list[pygame.event.Event]:
        if self.area.scrollable and not self.area.at_end:
            return [auto.key(pygame.K_PAGEDOWN)]
        plan.finished = True
        return [pygame.event.Event(pygame.QUIT)]
