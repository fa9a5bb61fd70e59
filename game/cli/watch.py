"""`rapport play --watch`: play in the terminal and reload the scenario whenever it is saved.

Input is read line by line on a background thread into a queue, so the main
thread can look at the file between two answers (no select() on stdin, which
Windows lacks). Each new valid version is played from the start with the
choices made so far replayed as far as they still apply; a broken version
(perhaps half saved) is reported and the previous one stays in use.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import click

from game.cli.common import InputError
from game.cli.player import TerminalPlayer
from game.core.analysis import Analysis
from game.core.decisions import carry_over
from game.core.decisions import options_text as describe_options
from game.core.engine import TIMER, Decision, Playthrough
from game.core.model import Scenario
from game.loader.watch import POLL_S, Rejected, Reloaded, ScenarioWatcher

MAX_SHOWN_DIAGNOSTICS = 8  # problems listed after a broken save; `validate` lists them all
QUIT = ("q", "quit")
UNDO = ("u", "undo")
RESTART = ("r", "restart")


class Lines(Protocol):
    """Where answers come from: a line, None at the end of input, queue.Empty on timeout."""

    def get(self, block: bool = True, timeout: float | None = None) -> str | None: ...


def play_watching(scenario: str, scenarios_dir: Path, *, coaching: bool) -> None:
    """Play SCENARIO in the terminal, reloading it whenever its file is saved."""
    from game.loader import ScenarioNotFound, resolve_scenario

    try:
        path = resolve_scenario(scenario, scenarios_dir)
    except ScenarioNotFound as error:
        raise InputError(str(error)) from None
    session = WatchSession(ScenarioWatcher(path), read_lines(), coaching=coaching)
    try:
        session.run()
    except KeyboardInterrupt:
        click.echo("")
        click.echo("Stopped watching.")


def read_lines() -> queue.Queue[str | None]:
    """Standard input, one line at a time, read on a daemon thread; None marks its end."""
    lines: queue.Queue[str | None] = queue.Queue()
    stream = sys.stdin

    def read() -> None:
        while True:
            try:
                line = stream.readline()
            except (OSError, ValueError):  # closed under us: treat as the end
                line = ""
            if not line:
                lines.put(None)
                return
            lines.put(line)

    threading.Thread(target=read, name="rapport-watch-input", daemon=True).start()
    return lines


class WatchSession:
    """One watched play: the current version, its playthrough, and the loop that drives both."""

    def __init__(
        self,
        watcher: ScenarioWatcher,
        lines: Lines,
        *,
        coaching: bool,
        echo: Callable[..., None] = click.echo,
        poll_s: float = POLL_S,
    ) -> None:
        self.watcher = watcher
        self.lines = lines
        self.coaching = coaching
        self.echo = echo
        self.poll_s = poll_s
        self.scenario: Scenario | None = None
        self.analysis: Analysis | None = None
        self.playthrough: Playthrough | None = None

    # -- the loop ----------------------------------------------------------------
    def run(self) -> None:
        event = self.watcher.load()
        if isinstance(event, Rejected):
            self.show_problems(event)
            self.echo(self._waiting())
        else:
            self.begin(event)
        while True:
            line = self._next_line()
            if line is None:
                self.echo("")
                self.echo("Stopped watching.")
                return
            answer = line.strip().lower()
            replaced = self.check_file()
            if self.playthrough is None:
                if answer in QUIT:
                    return
                self.echo(self._waiting())
                continue
            if replaced:
                # A save that lands while the player types wins: the answer was
                # meant for the old version, so it is not applied to the new one.
                self.echo("The scenario changed, so that answer was not used; choose again.")
                self.prompt()
                continue
            if not self.handle(answer):
                return

    def _waiting(self) -> str:
        return (
            f"Waiting for a valid version of {self.watcher.path.name}: "
            "fix it and save (q or Ctrl+C to stop)."
        )

    def _next_line(self) -> str | None:
        """The next line of input, looking at the file while waiting for it."""
        while True:
            try:
                return self.lines.get(timeout=self.poll_s)
            except queue.Empty:
                self.check_file()

    def check_file(self) -> bool:
        """Apply a new version if the file changed; True when a playing version was replaced."""
        event = self.watcher.poll()
        if event is None:
            return False
        self.echo("")
        if isinstance(event, Rejected):
            self.show_problems(event)
            if self.playthrough is None:
                self.echo(self._waiting())
            else:
                self.echo("The previous version stays in use; fix the file and save again.")
                self.prompt()
            return False
        if self.playthrough is None:
            self.begin(event)
            return False
        self.adopt(event, kept_message=True)
        self.show_state(header=not self.playthrough.history)
        return True

    def begin(self, event: Reloaded) -> None:
        """Start playing the first valid version."""
        self.adopt(event, kept_message=False)
        self.echo(
            self._presenter().style(
                f"Watching {self.watcher.path.name}: save it to reload. "
                "Type u to undo, r to restart, q to quit.",
                dim=True,
            )
        )
        self.echo("")
        self.show_state(header=True)

    # -- state -------------------------------------------------------------------
    def adopt(self, event: Reloaded, *, kept_message: bool) -> None:
        history = self.playthrough.history if self.playthrough is not None else []
        self.scenario, self.analysis = event.scenario, event.analysis
        self.playthrough, kept = carry_over(history, event.scenario)
        if kept_message:
            total = len(history)
            message = f"Reloaded {self.watcher.path.name}: kept {kept} of {total} choice" + (
                "s." if total != 1 else "."
            )
            if kept < total:
                message += f" Choice {kept + 1} no longer applies, so you play on from there."
            self.echo(self._presenter().style(message, fg="green", bold=True))
        if event.warnings:
            count = len(event.warnings)
            self.echo(
                self._presenter().style(
                    f"({count} warning{'s' if count != 1 else ''}: "
                    f"`rapport validate {self.watcher.path}` lists them.)",
                    dim=True,
                )
            )
        if kept_message or event.warnings:
            self.echo("")

    def handle(self, answer: str) -> bool:
        """Act on one answer; False when the player wants to stop."""
        playthrough = self.playthrough
        assert playthrough is not None
        if answer in QUIT:
            self.echo("Stopped watching.")
            return False
        if answer in UNDO:
            if playthrough.undo():
                self.echo("Went back one choice.")
                self.echo("")
                self.show_state(header=False)
            else:
                self.echo("Nothing to undo: this is the start.")
                self.prompt()
            return True
        if answer in RESTART:
            self.playthrough = Playthrough(playthrough.scenario)
            self.echo("")
            self.show_state(header=True)
            return True
        decision = self.parse(answer)
        if decision is None:
            if playthrough.finished:
                self.echo("This is an ending: type u to undo, r to restart or q to quit.")
            else:
                self.echo(f"Please type {describe_options(playthrough)}, or u, r or q.")
            self.prompt()
            return True
        step = playthrough.decide(decision)
        self.echo("")
        if self.coaching:
            self._presenter().show_feedback(step)
        self.show_state(header=False)
        return True

    def parse(self, answer: str) -> Decision | None:
        playthrough = self.playthrough
        assert playthrough is not None
        if playthrough.finished:
            return None
        if answer == TIMER and playthrough.timer_seconds is not None:
            return TIMER
        if answer.isdigit() and answer.isascii() and 1 <= int(answer) <= len(playthrough.choices):
            return int(answer)
        return None

    # -- showing -----------------------------------------------------------------
    def _presenter(self) -> TerminalPlayer:
        assert self.scenario is not None and self.analysis is not None
        return TerminalPlayer(self.scenario, self.analysis, coaching=self.coaching, echo=self.echo)

    def show_state(self, *, header: bool) -> None:
        presenter = self._presenter()
        playthrough = self.playthrough
        assert playthrough is not None
        if header:
            presenter.show_header()
        presenter.show_passage(playthrough)
        if playthrough.finished:
            presenter.finish(playthrough)
            self.echo("")
        else:
            presenter.show_choices(playthrough)
        self.prompt()

    def prompt(self) -> None:
        playthrough = self.playthrough
        if playthrough is None:
            return
        if playthrough.finished:
            text = "The end (u undo, r play again, q quit; save the file to reload):"
        else:
            text = f"Your choice ({describe_options(playthrough)}; u, r, q):"
        self.echo(text + " ", nl=False)

    def show_problems(self, event: Rejected) -> None:
        shown = event.errors or event.diagnostics
        for diagnostic in shown[:MAX_SHOWN_DIAGNOSTICS]:
            self.echo(click.style(diagnostic.format(), fg="red"))
        hidden = len(shown) - MAX_SHOWN_DIAGNOSTICS
        if hidden > 0:
            self.echo(
                f"... and {hidden} more; `rapport validate {self.watcher.path}` lists them all."
            )
