"""One worker thread between the window and the results store, so no frame waits on a database.

Scenes `submit` a job (a function of the store) with a callback for its answer;
the job runs on the worker thread, one at a time, in the order submitted; the
app calls `deliver` in its update step, so every callback runs on the window's
thread between two frames. A store that cannot be reached costs a "Saving…"
or "Reconnecting…" on screen, never a frozen window. The store is opened on
this thread too (its opener may try to connect for several seconds).

The store promises that only `StoreError` escapes it; a job that fails with
one is answered with a `StoreFailure` holding its sentence. Anything else is a
bug: it is answered with a failure too, its traceback is printed as for any
thread, and a fresh thread takes over the jobs still waiting, so one bug never
leaves the window waiting forever.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from game.logs import Log
from game.ui.services import StoreHandle

if TYPE_CHECKING:
    from game.store import ResultsStore

log = Log("game.ui")

T = TypeVar("T")
STOP_WAIT_S = 5.0  # seconds the window waits at exit for a job under way (a result being written)
BUG = "an unexpected error stopped it (see the log); please report it"


class StoreFailure(NamedTuple):
    """Why a job got no answer from the store, in one sentence."""

    message: str
    lasting: bool = False  # the store cannot be opened at all: asking again will not help


@dataclass(eq=False)
class _Job:
    """A store job: what runs on the worker's thread, what gets its answer, whose it is."""

    run: Callable[[ResultsStore], Any]
    done: Callable[[Any], None]
    owner: object
    cancelled: bool = False  # its owner went before it ran: skipped, never answered


class StoreWorker:
    """Runs store jobs on one background thread and hands the answers back on the window's."""

    def __init__(self, store: StoreHandle) -> None:
        self.store = store
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._answers: queue.SimpleQueue[tuple[_Job, Any]] = queue.SimpleQueue()
        self._waiting: list[_Job] = []  # submitted and not yet delivered (window thread only)
        self._thread: threading.Thread | None = None

    def submit(
        self,
        job: Callable[[ResultsStore], T],
        done: Callable[[T | StoreFailure], None],
        *,
        owner: object = None,
    ) -> None:
        """Run `job(store)` on the worker; `done` gets its answer (or a StoreFailure) later."""
        task = _Job(job, done, owner)
        self._waiting.append(task)
        if self._thread is None:
            self._start()
        self._jobs.put(task)

    def busy(self, owner: object) -> bool:
        """True while a job of `owner` waits for its answer."""
        return any(job.owner is owner for job in self._waiting)

    @property
    def idle(self) -> bool:
        return not self._waiting

    def cancel(self, owner: object) -> None:
        """Forget `owner`'s jobs: those not started are skipped, no answer is delivered.

        The mark is on each job itself, so nothing of it is left once the job is gone
        (an id kept instead could be a later job's, which would then never run).
        """
        for job in self._waiting:
            if job.owner is owner:
                job.cancelled = True
        self._waiting = [job for job in self._waiting if job.owner is not owner]

    def deliver(self) -> int:
        """Run the callbacks of the jobs answered since last time; returns how many ran."""
        count = 0
        while True:
            try:
                job, answer = self._answers.get_nowait()
            except queue.Empty:
                return count
            if job in self._waiting:
                self._waiting.remove(job)
                job.done(answer)
                count += 1

    def stop(self, wait_s: float = 0.0) -> None:
        """End the worker after the jobs already submitted (waits up to `wait_s` seconds)."""
        thread = self._thread
        if thread is None:
            return
        self._jobs.put(None)
        self._thread = None
        if wait_s > 0:
            thread.join(wait_s)

    # -- the worker thread ------------------------------------------------------------------------
    def _start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="results-store", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if job.cancelled:
                continue
            answered = False
            try:
                answer = self._answer(job)
                answered = True
            finally:
                if not answered:  # a bug, not a store problem: the exception goes on up
                    self._answers.put((job, StoreFailure(BUG)))
                    self._start()  # a fresh thread for the jobs still waiting
            self._answers.put((job, answer))

    def _answer(self, job: _Job) -> Any:
        from game.store import StoreError

        store = self.store.get()
        if store is None:
            return StoreFailure(
                self.store.error or "No results database is set up for this computer.",
                lasting=True,
            )
        try:
            return job.run(store)
        except StoreError as error:
            return StoreFailure(sentence(error))


def sentence(error: BaseException) -> str:
    """The first line of an error's message, kept short enough for a screen."""
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:300]
