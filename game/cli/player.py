"""The terminal player: a presenter that drives a Playthrough with text in and out.

It is the window's sibling: the same engine, the same scoring and review, shown
as plain text. Styling (colour) is optional so output can be piped or read by
a screen reader.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from game.core.decisions import options_text as describe_options
from game.core.engine import TIMER, Decision, Playthrough, Step
from game.core.model import COMPETENCIES, NARRATOR, Scenario, Scores
from game.core.scoring import Result, result_of

if TYPE_CHECKING:  # the debrief's modules are imported when a debrief is shown
    from game.core.analysis import Analysis
    from game.core.progress import Verdict

WIDTH = 78  # characters per wrapped line


def format_scores(scores: Scores) -> str:
    parts = [
        f"{value:+d} {name}" for name, value in zip(COMPETENCIES, scores, strict=True) if value
    ]
    return ", ".join(parts) if parts else "no score change"


GOODBYE = "Goodbye. The conversation ended before its last choice, so nothing was recorded."


class PlayerLeft(Exception):
    """The player ended the input (Ctrl-D, or the end of a piped file) mid-playthrough."""


def ask_in_terminal(prompt: str, *, err: bool = False) -> str:
    """One line typed by the player (the prompt on stderr when `err`); PlayerLeft at the
    end of input.

    Ctrl-C is left alone: it stops the command (exit status 130, see game.cli.main).
    """
    click.echo(f"{prompt} ", nl=False, err=err)
    try:
        return input()
    except EOFError:
        click.echo("", err=err)
        raise PlayerLeft from None


class TerminalPlayer:
    """Shows a playthrough as text; `ask` reads the player's answer."""

    def __init__(
        self,
        scenario: Scenario,
        analysis: Analysis,
        *,
        coaching: bool = True,
        styled: bool = True,
        echo: Callable[[str], None] = click.echo,
        ask: Callable[[str], str] | None = None,
    ) -> None:
        self.scenario = scenario
        self.analysis = analysis
        self.coaching = coaching
        self.styled = styled
        self.echo = echo
        self.ask = ask or ask_in_terminal

    def style(self, text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if self.styled else text  # type: ignore[arg-type]

    def wrap(self, text: str, indent: str = "", first: str | None = None) -> str:
        """Wrap to WIDTH; `first` replaces `indent` on the first line (list markers)."""
        paragraphs = [p for p in text.strip().split("\n") if p.strip()]
        return "\n".join(
            textwrap.fill(
                p.strip(),
                WIDTH,
                initial_indent=first if first is not None and i == 0 else indent,
                subsequent_indent=indent,
            )
            for i, p in enumerate(paragraphs)
        )

    # -- showing ----------------------------------------------------------------
    def show_header(self) -> None:
        s = self.scenario
        self.echo(self.style(s.title, bold=True))
        if s.summary:
            self.echo(self.wrap(s.summary))
        mode = (
            "coaching: feedback after every choice"
            if self.coaching
            else ("assessment: feedback at the debrief")
        )
        self.echo(self.style(f"({mode})", dim=True))
        self.echo("")

    def show_passage(self, playthrough: Playthrough) -> None:
        for node_id in playthrough.passage:
            node = self.scenario.nodes[node_id]
            if not node.text:
                continue
            if node.speaker == NARRATOR:
                self.echo(self.style(self.wrap(node.text), italic=True))
            else:
                name = self.scenario.speaker_name(node.speaker) or node.speaker
                mood = f" ({node.mood})" if node.mood and node.mood != "neutral" else ""
                self.echo(self.style(f"{name}{mood}:", bold=True))
                self.echo(self.wrap(node.text, "  "))
            self.echo("")

    def show_choices(self, playthrough: Playthrough) -> None:
        for number, choice in enumerate(playthrough.choices, start=1):
            self.echo(self.wrap(choice.text, "     ", first=f"  {number}. "))
        if playthrough.timer_seconds is not None:
            self.echo(
                self.style(
                    f"  t. (say nothing: the timer runs out after "
                    f"{playthrough.timer_seconds:g} seconds)",
                    dim=True,
                )
            )

    def show_feedback(self, step: Step) -> None:
        if step.decision == TIMER:
            self.echo(self.style("Time ran out.", fg="yellow"))
        self.echo(self.style(f"  [{format_scores(step.scores)}]", fg="cyan"))
        if step.feedback:
            self.echo(self.style(self.wrap(f"Coach: {step.feedback}", "  "), fg="cyan"))
        self.echo("")

    def show_verdict(self, verdict: Verdict, title_of: Callable[[str], str] = str) -> None:
        """The grade, the module's pass mark and what this result unlocked (game.core.progress)."""
        self.echo(f"  {'Grade':<13}{verdict.grade:>13}")
        module = verdict.module
        if module is not None:
            outcome = "passed" if verdict.passed else "not passed yet"
            self.echo(
                self.wrap(
                    f"{module.title}: {outcome} (its pass mark is {module.pass_percent:g}%)",
                    "  " + " " * 13,
                    first=f"  {'Module':<13}",
                )
            )
        if verdict.unlocked:
            titles = ", ".join(title_of(scenario) for scenario in verdict.unlocked)
            self.echo(self.style(f"  {'Unlocked':<13}{titles}", fg="green"))

    def show_debrief(
        self,
        playthrough: Playthrough,
        result: Result,
        verdict: Verdict | None = None,
        title_of: Callable[[str], str] = str,
    ) -> None:
        ending = playthrough.ending
        assert ending is not None
        self.echo(self.style(f"Ending: {ending.title} ({ending.outcome})", bold=True))
        if ending.text:
            self.echo(self.wrap(ending.text))
        self.echo("")
        for name, raw, span, pct in zip(
            COMPETENCIES, result.scores, result.ranges, result.percent, strict=True
        ):
            shown = "not assessed" if pct is None else f"{pct:5.1f}%"
            self.echo(
                f"  {name.capitalize():<13}{shown:>13}   raw {raw:+d} "
                f"(range {span.min:+d} to {span.max:+d})"
            )
        overall = "not assessed" if result.overall is None else f"{result.overall:.1f}%"
        self.echo(self.style(f"  {'Overall':<13}{overall:>13}", bold=True))
        if verdict is not None:
            self.show_verdict(verdict, title_of)
        self.echo("")
        from game.core.review import review

        reviews = review(self.scenario, self.analysis, playthrough.decisions)
        if reviews:
            self.echo(self.style("Your decisions", bold=True))
        for number, item in enumerate(reviews, start=1):
            taken = "(let the timer run out)" if item.taken == TIMER else item.taken_text
            line = f"You: {taken}  [{format_scores(item.taken_scores)}]"
            self.echo(self.wrap(line, "   ", first=f"{number}. "))
            if item.feedback:
                self.echo(self.wrap(f"Coach: {item.feedback}", "   "))
            if not item.was_best:
                best = "(let the timer run out)" if item.best == TIMER else item.best_text
                self.echo(self.style(self.wrap(f"Better: {best}", "   "), fg="green"))
                if item.best_feedback:
                    self.echo(self.style(self.wrap(item.best_feedback, "   "), fg="green"))
                if item.best_outlook is not None and item.taken_outlook is not None:
                    self.echo(
                        self.style(
                            self.wrap(
                                f"(best overall still possible: {item.best_outlook:.1f}% that "
                                f"way, {item.taken_outlook:.1f}% after your choice)",
                                "   ",
                            ),
                            dim=True,
                        )
                    )
        self.show_missed(playthrough)
        lesson = ending.lesson or (self.scenario.source.lesson if self.scenario.source else "")
        if lesson:
            self.echo("")
            self.echo(self.style("Lesson", bold=True))
            self.echo(self.wrap(lesson))
            if self.scenario.source:
                self.echo(self.style(self.wrap(f"From: {self.scenario.source.title}"), dim=True))

    def show_missed(self, playthrough: Playthrough) -> None:
        """The better choices an earlier cue would have shown, and which cue."""
        from game.core.opportunities import missed_opportunities

        assert self.analysis.ranges is not None
        missed = missed_opportunities(self.scenario, self.analysis.ranges, playthrough.decisions)
        if not missed:
            return
        self.echo("")
        self.echo(self.style("What an earlier cue would have opened", bold=True))
        for item in missed:
            self.echo(self.wrap(item.sentence, "   ", first=" - "))
            if item.feedback:
                self.echo(self.style(self.wrap(item.feedback, "   "), fg="green"))

    # -- playing ----------------------------------------------------------------
    def read_decision(self, playthrough: Playthrough) -> Decision:
        while True:
            answer = self.ask(f"Your choice ({describe_options(playthrough)}):").strip().lower()
            if answer == TIMER and playthrough.timer_seconds is not None:
                return TIMER
            if (
                answer.isdigit()
                and answer.isascii()
                and 1 <= int(answer) <= len(playthrough.choices)
            ):
                return int(answer)
            self.echo(f"Please type {describe_options(playthrough)}.")

    def play(self, playthrough: Playthrough | None = None) -> Playthrough:
        """Play interactively until an ending; returns the finished playthrough."""
        playthrough = playthrough or Playthrough(self.scenario)
        self.show_header()
        self.show_passage(playthrough)
        while not playthrough.finished:
            self.show_choices(playthrough)
            step = playthrough.decide(self.read_decision(playthrough))
            self.echo("")
            if self.coaching:
                self.show_feedback(step)
            self.show_passage(playthrough)
        return playthrough

    def transcript(self, playthrough: Playthrough) -> None:
        """Show a finished scripted playthrough as if it had been played."""
        self.show_header()
        replayed = Playthrough(self.scenario)
        self.show_passage(replayed)
        for step in playthrough.history:
            self.show_choices(replayed)
            replayed.decide(step.decision)
            chosen = "t" if step.decision == TIMER else str(step.decision)
            self.echo(self.style(f"> {chosen}", bold=True))
            self.echo("")
            if self.coaching:
                self.show_feedback(step)
            self.show_passage(replayed)

    def finish(
        self,
        playthrough: Playthrough,
        verdict: Verdict | None = None,
        title_of: Callable[[str], str] = str,
    ) -> Result:
        assert self.analysis.ranges is not None
        result = result_of(playthrough, self.analysis.ranges)
        self.show_debrief(playthrough, result, verdict, title_of)
        return result
