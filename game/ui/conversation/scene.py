"""The conversation: the state of a playthrough on screen, and the player's input.

All game logic is the engine's Playthrough: this scene shows `passage` nodes one
after another, offers `choices`, calls `choose` or `let_timer_expire`, shows the
coach's feedback in coaching mode, and autosaves after every decision. Layout
and drawing are in game.ui.conversation.view, reload on save (trainer mode) in
game.ui.conversation.reload.

It finishes with what happened (`Finished`, `Restart`, `Leave`) and asks for the
settings with `OpenSettings`; game.ui.flow decides what comes next.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import pygame

from game.core.analysis import Analysis
from game.core.engine import TIMER, Playthrough, Step
from game.core.model import NARRATOR, Node, Scenario
from game.core.modes import Mode
from game.saves import SaveWriteError
from game.ui import autoplay as auto
from game.ui.autoplay import AutoplayPlan
from game.ui.commands import (
    Advance,
    Back,
    Choose,
    Click,
    Command,
    Confirm,
    Hover,
    Pause,
    Point,
    Scroll,
    ShowHistory,
    Undo,
)
from game.ui.conversation.history import HistoryScene
from game.ui.conversation.reload import NewVersion, ScenarioReload
from game.ui.conversation.view import (
    BEAT,
    CHOICES,
    ENDING,
    FEEDBACK,
    ConversationView,
    Portrait,
)
from game.ui.drawing import score_changes, score_text
from game.ui.scene import Context, Scene
from game.ui.scenes.common import DialogScene
from game.ui.theme import OUTCOME_LABELS
from game.ui.widgets import Activated, FocusGroup, InputGuard, Moved, ScrollArea

PORTRAIT_FADE_S = 0.3  # seconds for a cross-fade between moods or speakers
# How the person an ending tells of looks, unless the ending node names a mood.
ENDING_MOODS = {"success": "delighted", "partial": "neutral", "failure": "annoyed"}
TICK_FROM_S = 5.0  # seconds left on a timer from which each second ticks

__all__ = ["BEAT", "CHOICES", "ENDING", "FEEDBACK", "ConversationScene", "Portrait"]


def ending_person(scenario: Scenario, node: Node) -> str | None:
    """Who an ending card shows: the cast member its text names first (the customer it tells
    of, not whoever spoke last), or None when it names nobody."""
    assert node.ending is not None
    text = f"{node.ending.title} {node.ending.text}"
    named = [
        (found.start(), cast_id)
        for cast_id, member in scenario.cast.items()
        if (found := re.search(rf"\b{re.escape(member.name)}\b", text)) is not None
    ]
    return min(named)[1] if named else None


@dataclass(frozen=True)
class Finished:
    """The player read the ending and moves on to the debrief."""

    playthrough: Playthrough
    untimed: bool = False  # a timer was switched off in the settings: the result says so


@dataclass(frozen=True)
class Restart:
    """Start the scenario again (chosen from the pause menu)."""


@dataclass(frozen=True)
class Leave:
    """Leave the conversation unfinished (its autosave stays)."""


@dataclass(frozen=True)
class OpenSettings:
    """Show the settings over the conversation (from the pause menu)."""


ConversationEnd = Finished | Restart | Leave | OpenSettings


class ConversationScene(ConversationView, Scene[ConversationEnd]):
    name = "conversation"

    def __init__(
        self,
        ctx: Context,
        scenario: Scenario,
        analysis: Analysis,
        mode: Mode,
        module: str | None,
        playthrough: Playthrough | None = None,
        *,
        autosave: bool = True,
        restartable: bool = True,
        leave_label: str = "Back to the scenarios",
        seed: str | None = None,
        untimed: bool = False,
    ) -> None:
        """`seed` and `untimed` come from an autosave being continued (see `_autosave`)."""
        super().__init__(ctx)
        self._init_view()
        self.mode = Mode(mode)
        # Assessment shows each node's choices in an order of this playthrough's own, so a
        # replay measures understanding, not memory of positions; coaching keeps file order.
        self.seed = (seed or secrets.token_hex(8)) if self.mode == Mode.ASSESS else None
        self.untimed = untimed
        self.module = module
        self.autosave = autosave  # off for a team round's turn: not continued from the title
        self.restartable = restartable
        self.leave_label = leave_label
        self.focus: FocusGroup[int] = FocusGroup()
        self.guard = InputGuard()  # choices wait a moment before they accept input
        self.lower = ScrollArea()
        self.undo_hinted = False
        self.watcher = ScenarioReload.of(ctx.library, scenario.id) if ctx.options.watch else None
        self._begin(scenario, analysis, playthrough)

    def _begin(
        self, scenario: Scenario, analysis: Analysis, playthrough: Playthrough | None
    ) -> None:
        """Show `playthrough` (fresh, resumed, or carried over to a new version)."""
        self.scenario = scenario
        self.analysis = analysis
        resumed = playthrough is not None
        self.playthrough = playthrough or Playthrough(scenario)
        self.beats: list[str] = []
        self.beat = 0
        self.phase = BEAT
        self.reveal = 0.0  # characters of the current text shown so far
        self.timer_left_s: float | None = None
        self.timer_total_s: float | None = None  # the timer's seconds at the player's setting
        self.step: Step | None = None  # the decision the feedback card is about
        self.portrait: Portrait | None = None
        self.previous: Portrait | None = None
        self.fade = 1.0  # 0 → 1 during a portrait cross-fade
        self.moods: dict[str, str] = {}
        self._tick_at = TICK_FROM_S  # the next whole second left that ticks
        if resumed:
            self._moods_from_path()
            self._show([self.playthrough.current.id], instant=True)
        else:
            self._show(list(self.playthrough.passage))

    # -- what is shown ----------------------------------------------------------------------------
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
        self.ctx.voice.say(self.spoken())

    def _meet(self, node: Node, fade: bool) -> None:
        """Bring the node's speaker (with their mood) into the portrait slot; an ending brings
        the person it is about, looking as the ending went."""
        speaker = node.speaker
        if node.ending is not None and speaker not in self.scenario.cast:
            about = ending_person(self.scenario, node)
            if about is None and self.portrait is not None:
                about = self.portrait.cast
            if about is not None:
                mood = node.mood or ENDING_MOODS.get(node.ending.outcome, "neutral")
                self._show_portrait(Portrait(about, mood), fade)
            return
        if speaker == NARRATOR or speaker not in self.scenario.cast:
            return
        mood = node.mood or self.moods.get(speaker, "neutral")
        self.moods[speaker] = mood
        self._show_portrait(Portrait(speaker, mood), fade)

    def _show_portrait(self, incoming: Portrait, fade: bool) -> None:
        """Put `incoming` in the portrait slot, cross-fading unless motion is reduced."""
        fade = fade and not self.ctx.settings.reduced_motion
        if incoming != self.portrait:
            self.previous = self.portrait if fade else None
            self.portrait = incoming
            self.fade = 0.0 if fade else 1.0

    def _moods_from_path(self) -> None:
        for node_id in self.playthrough.path:
            self._meet(self.scenario.nodes[node_id], fade=False)

    def _complete_reveal(self) -> None:
        if self.text_block is not None:
            self.reveal = float(self.text_block.characters)
        if self.phase == BEAT and self.beat == len(self.beats) - 1 and self.node.choices:
            self._offer_choices()

    def _offer_choices(self) -> None:
        self.phase = CHOICES
        self.guard.reset()
        seconds = self.playthrough.timer_seconds
        factor = self.ctx.settings.timer_factor
        if seconds is not None and factor is None:
            self.untimed = True  # a timer the player chose to switch off: the result says so
        self.timer_total_s = None if seconds is None or factor is None else seconds * factor
        self.timer_left_s = self.timer_total_s
        self._tick_at = TICK_FROM_S

    @property
    def choices_ready(self) -> bool:
        """The choices are on screen and have been long enough to accept input."""
        return self.phase == CHOICES and self.guard.ready

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if isinstance(command, Back | Pause):
            self._pause()
        elif isinstance(command, ShowHistory):
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

    def _on_text(self, pos: Point) -> bool:
        """A click anywhere but on the top bar moves the conversation on."""
        return pos[1] >= self.column[1]

    def _handle_choices(self, command: Command) -> None:
        """Number keys, Enter, clicks and taps take a choice once the guard has passed; until
        then they do nothing, whatever the device (the focus may move meanwhile). A number
        key takes the choice shown with that number."""
        if isinstance(command, Choose):
            if self.guard.ready and 1 <= command.number <= len(self.focus.buttons):
                self._take(self.focus.buttons[command.number - 1].action)
            return
        event = self.focus.handle(
            Confirm() if isinstance(command, Advance) else command, self._in_lower
        )
        if isinstance(event, Moved):
            self.ctx.sounds.play("select")
            if not isinstance(command, Hover):
                self._show_focused()
        elif isinstance(event, Activated) and self.guard.ready:
            self._take(event.action)

    def _in_lower(self, pos: Point) -> bool:
        _x, y, _w, h = self.lower.box
        return y <= pos[1] < y + h

    def _advance(self) -> None:
        if not self.revealed:
            self._complete_reveal()
            return
        if self.phase == ENDING:
            self.ctx.sounds.play("confirm")
            self.dismiss(Finished(self.playthrough, self.untimed))
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
        if self.mode.coaching:
            self.step = step
            self.phase = FEEDBACK
            total = sum(step.scores)
            self.ctx.sounds.play("feedback-good" if total >= 0 else "feedback-bad")
            self.timer_left_s = None
            self.lower.target = self.lower.offset = 0.0
            self.relayout()
            self.ctx.voice.say(self.spoken())
        else:
            self.phase = BEAT
            self._show(list(self.playthrough.passage))

    def _autosave(self) -> None:
        if not self.autosave:
            return
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
                    seed=self.seed,
                    untimed=self.untimed,
                )
        except SaveWriteError as error:
            self.ctx.notify(
                f"Your progress could not be saved: {error}. You can keep playing.", error=True
            )

    def _undo(self) -> None:
        if not self.mode.coaching:
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
        options = [("Resume", lambda: None)]
        if self.restartable:
            options.append(("Restart the scenario", lambda: self.dismiss(Restart())))
        options.append(("Settings", lambda: self.emit(OpenSettings())))
        options.append((self.leave_label, lambda: self.dismiss(Leave())))
        self.ctx.sounds.play("select")
        self.ctx.stack.push(DialogScene(self.ctx, "Paused", "", options, name="pause"))

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        if self.watcher is not None:
            self._reload(step_s)
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
        self.lower.update(step_s, instant=self.ctx.settings.reduced_motion)
        if self.lower.offset != before:
            self._place_choices()
        if self.phase == CHOICES and not self.guard.ready:
            self.guard.update(step_s)  # the timer starts once the choices can be taken
        elif self.phase == CHOICES and self.timer_left_s is not None:
            self.timer_left_s -= step_s
            if self.timer_left_s <= self._tick_at and self._tick_at > 0:
                self.ctx.sounds.play("timer-tick")
                self._tick_at -= 1.0
            if self.timer_left_s <= 0:
                self.timer_left_s = None
                self._expire()

    def _reload(self, step_s: float) -> None:
        """In trainer mode, pick up a saved scenario file (in the update step, never in draw)."""
        assert self.watcher is not None
        found = self.watcher.poll(step_s, self.ctx.library, self.playthrough)
        if isinstance(found, NewVersion):
            self._begin(found.scenario, found.analysis, found.playthrough)
            self.relayout()
            self.ctx.notify(found.notice)
        elif found is not None:
            self.ctx.notify(found, error=True)

    # -- reading aloud ----------------------------------------------------------------------------
    def spoken(self) -> str:
        """What reading aloud says now: the line (and the choices, numbered as shown), the
        coach's card, or the ending."""
        node = self.node
        if self.phase == ENDING and node.ending is not None:
            outcome = OUTCOME_LABELS.get(node.ending.outcome, node.ending.outcome)
            return f"{outcome}. {node.ending.title}. {node.ending.text} Space: your debrief."
        if self.phase == FEEDBACK and self.step is not None:
            scores = ", ".join(score_text(c, v) for c, v in score_changes(self.step.scores))
            coach = f"The coach: {scores or 'no change'}. {self.step.feedback or ''}"
            return f"{self._said(self.step)} {coach} Space: go on."
        name = self.scenario.speaker_name(node.speaker) if node.speaker != NARRATOR else ""
        line = f"{name}: {node.text.strip()}" if name else node.text.strip()
        if not (self.beat == len(self.beats) - 1 and node.choices):
            return line
        parts = [line]
        seconds = self.playthrough.timer_seconds
        factor = self.ctx.settings.timer_factor
        if seconds is not None and factor is not None:
            parts.append(f"You have {round(seconds * factor)} seconds.")
        parts.append("Your choices.")
        parts += [f"{button.badge}: {button.label}" for button in self.focus.buttons]
        return " ".join(parts)

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
        guarded = self.phase == CHOICES and not self.guard.ready
        return self.fade >= 1.0 and self.lower.settled and not guarded

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
        # The plan numbers choices in file order; the key is the one shown beside it.
        shown = [button.action for button in self.focus.buttons]
        return [auto.number_key(shown.index(int(decision)) + 1)]
