"""A live session hosted by the window: what to host, and a `LiveHost` started and stopped on
threads of their own so that no frame ever waits for a port, the network or the database.

The screen polls `HostedSession` between frames. Results of the session are
written by the host's own recorder thread (game.live.recorder), the one writer
for them; the window's store worker only opens the store and hands it over.
No pygame here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.live import network
from game.ui.services import ALL_SCENARIOS, MORE_SCENARIOS, LibraryHandle

if TYPE_CHECKING:
    from game.core.model import Module
    from game.live.host import HostInfo, LiveHost, StopReport
    from game.live.session import LiveSnapshot, Plan
    from game.store import ResultsStore

log = logging.getLogger("game.ui")

MODES = ("race", "huddle")
TIMERS = ("normal", "slow", "off")
STARTING, RUNNING, FAILED, ENDING, ENDED = "starting", "running", "failed", "ending", "ended"
NOTES_KEPT = 20  # lines of the session's log kept for the screen
QR_SCALE = 1  # pixels per QR module in the PNG; the screen enlarges it crisply itself
CLOSE_WAIT_S = 60.0  # seconds the window waits at exit for the session's results to be safe


@dataclass(frozen=True)
class HostRequest:
    """What the trainer chose to host: one scenario or a module, and how."""

    scenario: str | None = None
    module: str | None = None
    mode: str = "race"  # race or huddle
    timers: str = "normal"  # normal, slow or off
    session: str | None = None  # None: the date and what is played, made unique
    bind: str = network.ALL_IPV4  # every interface: the room's phones reach it
    port: int | None = None  # None: 8765, or any free port when it is taken

    @property
    def what(self) -> str:
        """The scenario's or module's id (the default session name is made from it)."""
        return self.module or self.scenario or ""


@dataclass(frozen=True)
class Note:
    """A line of the session's log ("Ana joined"), with when it came (time.monotonic)."""

    text: str
    at: float


class HostedSession:
    """One `LiveHost`, started (`start`) and stopped (`end`) on background threads.

    `state` goes STARTING → RUNNING → ENDING → ENDED, or STARTING → FAILED
    (`error` says why in one sentence). Every attribute is written by one
    thread and read by the window's; nothing the window calls waits.
    """

    def __init__(self, request: HostRequest, plan: Plan, scenarios_dir: Path | None = None) -> None:
        self.request = request
        self.plan = plan
        self.scenarios_dir = scenarios_dir
        self.state = STARTING
        self.error: str | None = None
        self.warnings: tuple[str, ...] = ()
        self.info: HostInfo | None = None
        self.qr_png: bytes | None = None
        self.report: StopReport | None = None
        self.notes: deque[Note] = deque(maxlen=NOTES_KEPT)
        self._host: LiveHost | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # start and stop never run at once

    # -- starting --------------------------------------------------------------------------------
    def start(self, store: ResultsStore) -> None:
        """Start the session on a thread; `state` says when it is RUNNING (or FAILED)."""
        self._thread = threading.Thread(
            target=self._start, args=(store,), name="live-start", daemon=True
        )
        self._thread.start()

    def fail(self, message: str) -> None:
        """The session cannot start (the store could not be opened, for one)."""
        self.error = message
        self.state = FAILED

    def _start(self, store: ResultsStore) -> None:
        from game.live.host import LiveError, PortInUseError
        from game.live.words import WordListError

        with self._lock:
            try:
                host = self._make(store, self.request.port)
                try:
                    info = host.start()
                except PortInUseError:
                    if self.request.port is not None:
                        raise
                    host = self._make(store, 0)  # another program has 8765: any free port
                    info = host.start()
            except (LiveError, WordListError) as error:
                self.fail(_sentence(str(error)))
                return
            except Exception as error:  # a bug must not leave the screen starting forever
                log.exception("the live session could not start")
                self.fail(f"The live session could not start ({type(error).__name__}: {error}).")
                return
            self._host = host
            self.qr_png = host.qr_png(QR_SCALE)
            self.warnings = tuple(host.warnings)
            self.info = info
            self.state = RUNNING

    def _make(self, store: ResultsStore, port: int | None) -> LiveHost:
        from game.live.host import DEFAULT_PORT, LiveHost, default_session_name
        from game.live.words import default_name_filter
        from game.lrs.records import open_learning_records

        request = self.request
        learning, problems = open_learning_records()  # the room's playthroughs reach the LRS too
        for problem in problems:
            self._note(problem)
        session = request.session or default_session_name(
            store, request.what, datetime.now().astimezone().date()
        )
        return LiveHost(
            self.plan,
            store,
            session=session,
            mode=request.mode,
            bind=request.bind,
            port=DEFAULT_PORT if port is None else port,
            timers=request.timers,
            names=default_name_filter(),
            on_note=self._note,
            scenarios_dir=self.scenarios_dir,
            learning=learning,
        )

    def _note(self, text: str) -> None:
        self.notes.append(Note(text, time.monotonic()))  # from the server's thread

    # -- while it runs -----------------------------------------------------------------------------
    @property
    def host(self) -> LiveHost | None:
        """The running host (for its snapshot and the host's actions), or None."""
        return self._host if self.state == RUNNING else None

    def snapshot(self) -> LiveSnapshot | None:
        host = self._host
        return None if host is None else host.snapshot()

    @property
    def ended_by_the_room(self) -> bool:
        """The session was ended from elsewhere (the projector page's "End the session")."""
        host = self._host
        return self.state == RUNNING and host is not None and host.wait(0)

    # -- ending ----------------------------------------------------------------------------------
    def end(self) -> None:
        """End the session on a thread: results recorded or in the outbox, then ENDED."""
        if self.state in (ENDING, ENDED):
            return
        self.state = ENDING
        threading.Thread(target=self._end, name="live-end", daemon=True).start()

    def end_now(self, timeout_s: float = CLOSE_WAIT_S) -> None:
        """End the session and wait (the window is closing): every result is made safe."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)  # a start under way finishes first
        if self.state in (STARTING, FAILED, ENDED):
            return
        self.state = ENDING
        self._end(timeout_s)

    def _end(self, timeout_s: float | None = None) -> None:
        with self._lock:
            host = self._host
            if host is not None and self.report is None:
                try:
                    self.report = host.stop(timeout_s)
                except Exception:  # ending must finish, whatever went wrong
                    log.exception("the live session did not end cleanly")
            self.state = ENDED

    def summary(self) -> str:
        """One sentence on how the session ended for its results."""
        info, report = self.info, self.report
        name = info.session if info is not None else "The live session"
        if report is None:
            return f"The live session “{name}” ended."
        status = report.recorded
        text = f"The live session “{name}” ended: {_count(status.stored, 'result')} recorded"
        if status.queued:
            text += f", {status.queued} kept on this computer until the database answers"
        if status.refused:
            text += f", {status.refused} refused (see the log)"
        if not report.finished:
            text += f"; {status.waiting} still being written"
        return text + "."


def plan_for(library: LibraryHandle, request: HostRequest) -> Plan | str:
    """What the session plays, from the window's scenario library; or why it cannot be played."""
    from game.live.session import Plan, Stage

    if request.module is not None:
        module = next((m for m in library.modules() if m.id == request.module), None)
        if module is None or module.id in (ALL_SCENARIOS, MORE_SCENARIOS):
            known = ", ".join(m.id for m in real_modules(library)) or "none"
            return (
                f"There is no module {request.module!r} in the scenario folder (modules: {known})."
            )
        stages = []
        for scenario_id in module.scenarios:
            scenario, analysis = library.scenario(scenario_id), library.analysis(scenario_id)
            if scenario is None or analysis is None or analysis.ranges is None:
                return (
                    f"The scenario {scenario_id} of this module did not load; it cannot be hosted."
                )
            stages.append(Stage(scenario, analysis))
        return Plan(tuple(stages), title=module.title, module=module)
    scenario_id = request.scenario or ""
    scenario, analysis = library.scenario(scenario_id), library.analysis(scenario_id)
    if scenario is None or analysis is None or analysis.ranges is None:
        return f"The scenario {scenario_id!r} is not in the scenario folder, or it did not load."
    return Plan((Stage(scenario, analysis),), title=scenario.title)


def real_modules(library: LibraryHandle) -> list[Module]:
    """The folder's own modules (not the window's "All scenarios" or "More scenarios")."""
    return [m for m in library.modules() if m.id not in (ALL_SCENARIOS, MORE_SCENARIOS)]


def playable_scenarios(library: LibraryHandle) -> list[str]:
    """Every scenario that can be played, in the order the picker lists them."""
    return list(dict.fromkeys(s for m in library.modules() for s in m.scenarios))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _sentence(text: str) -> str:
    """A LiveError's clause as a sentence for the screen."""
    text = text.strip()
    if not text:
        return "The live session could not start."
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
